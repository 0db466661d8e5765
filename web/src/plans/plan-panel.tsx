import type { ReactNode } from 'react';
import type { useAnalysis } from '../analyses/use-analysis.js';
import { RightSizingForm } from '../analyses/right-sizing-form.js';
import { ErrorMessage } from '../error-message.js';
import { PlanPicker } from './plan-picker.js';
import { PlanSummary } from './plan-summary.js';
import type { ReplicaPlacement } from './replica-placements.js';
import type { useViewedPlan } from './use-viewed-plan.js';
import type { WorkloadColours } from './workload-colours.js';
import { WorkloadInput, type RunWorkloads, type WorkloadDraft } from './workload-input.js';

export interface PlanPanelProps {
  topologyId: string;
  viewed: ReturnType<typeof useViewedPlan>;
  analysis: ReturnType<typeof useAnalysis>;
  colours: WorkloadColours;
  onOpenReplica: (replica: ReplicaPlacement) => void;
  /** What can be done with the shown stored plan (export, compare, load its workloads), under its summary. */
  planActions?: ReactNode;
  /** Workloads loaded into the form (a stored plan's), to change and run again. */
  workloadDraft?: WorkloadDraft;
}

/** Making or choosing the plan shown on the topology and its summary; the form also starts what-if analyses of the same workloads, and the right-sizing form those of the topology's nodes. */
export function PlanPanel({ topologyId, viewed, analysis, colours, onOpenReplica, planActions, workloadDraft }: PlanPanelProps) {
  const run: RunWorkloads = (action, workloads, name) => {
    if (action === 'capacity' || action === 'failureDomains') void analysis.run(action, workloads);
    else if (workloads) void viewed.run(action, workloads, name);
  };
  return (
    <section className="plan-panel" aria-labelledby="plan-panel-heading">
      <h2 id="plan-panel-heading">Plan</h2>
      <WorkloadInput busy={viewed.busy || analysis.busy} onRun={run} draft={workloadDraft} />
      {viewed.busy && (
        <p aria-live="polite">
          {viewed.progress ? `Plan ${viewed.progress.status}: ${viewed.progress.done.toLocaleString('en')} of ${viewed.progress.total.toLocaleString('en')} replicas` : 'Planning…'}
        </p>
      )}
      {viewed.error && <ErrorMessage error={viewed.error} />}
      {viewed.plan && <PlanSummary plan={viewed.plan} colours={colours} onOpenReplica={onOpenReplica} />}
      {viewed.plan && planActions}
      <PlanPicker topologyId={topologyId} selectedId={viewed.plan?.planId} refreshKey={viewed.storedGeneration} onSelect={viewed.select} />
      <RightSizingForm busy={viewed.busy || analysis.busy} onConsolidate={(options) => void analysis.consolidate(options)} onMigrate={(options) => void analysis.migrate(options)} />
    </section>
  );
}
