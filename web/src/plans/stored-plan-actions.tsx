/** What can be done with the stored plan shown: export it, load its workloads to change them, compare it with another. */
import { ComparePlanForm } from './compare-plan-form.js';
import { LoadWorkloadsButton } from './load-workloads-button.js';
import { PlanExportButtons } from './plan-export-buttons.js';
import type { WorkloadDraft } from './workload-input.js';
import './stored-plan-actions.css';

export interface StoredPlanActionsProps {
  topologyId: string;
  planId: string;
  onCompare: (otherPlanId: string) => void;
  onLoadWorkloads: (draft: WorkloadDraft) => void;
}

export function StoredPlanActions({ topologyId, planId, onCompare, onLoadWorkloads }: StoredPlanActionsProps) {
  return (
    <section className="stored-plan-actions" aria-label="Plan actions">
      <div className="actions">
        <PlanExportButtons planId={planId} />
        <LoadWorkloadsButton planId={planId} onLoad={onLoadWorkloads} />
      </div>
      <ComparePlanForm topologyId={topologyId} planId={planId} onCompare={onCompare} />
    </section>
  );
}
