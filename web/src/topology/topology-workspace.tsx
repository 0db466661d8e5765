/**
 * Everything about one chosen topology: the plan panel beside the topology
 * drawing, the last what-if analysis across both, and the explanation
 * dialog of the replica last clicked. Which stored plan, replica and
 * comparison are shown is the URL's (navigation/view-location.ts).
 */
import { useMemo, useState } from 'react';
import { AnalysisPanel } from '../analyses/analysis-panel.js';
import { useAnalysis } from '../analyses/use-analysis.js';
import { ReplicaExplanationDialog } from '../explanation/replica-explanation-dialog.js';
import type { Navigate } from '../navigation/use-view-location.js';
import type { ViewLocation } from '../navigation/view-location.js';
import { PlanPanel } from '../plans/plan-panel.js';
import type { ReplicaPlacement } from '../plans/replica-placements.js';
import { PlanComparison } from '../plans/plan-comparison.js';
import { StoredPlanActions } from '../plans/stored-plan-actions.js';
import { useLocatedPlan } from '../plans/use-located-plan.js';
import type { WorkloadDraft } from '../plans/workload-input.js';
import { assignWorkloadColours } from '../plans/workload-colours.js';
import { workloadKey } from '../plans/workload-key.js';
import { TopologyView } from './topology-view.js';

export interface TopologyWorkspaceProps {
  topologyId: string;
  location: ViewLocation;
  navigate: Navigate;
}

export function TopologyWorkspace({ topologyId, location, navigate }: TopologyWorkspaceProps) {
  const viewed = useLocatedPlan(topologyId, location, navigate);
  const analysis = useAnalysis(topologyId);
  /** A dry run's replicas have no URL (the run is not stored): the one open is kept here. */
  const [dryRunReplica, setDryRunReplica] = useState<ReplicaPlacement>();
  const [workloadDraft, setWorkloadDraft] = useState<WorkloadDraft>();
  const colours = useMemo(() => assignWorkloadColours((viewed.plan?.workloads ?? []).map((summary) => workloadKey(summary.workload))), [viewed.plan]);

  const storedPlanId = viewed.plan?.planId;
  const openReplica =
    storedPlanId === undefined
      ? dryRunReplica && viewed.plan?.replicas.includes(dryRunReplica)
        ? dryRunReplica
        : undefined
      : storedPlanId === location.plan && location.replica !== undefined
        ? viewed.plan?.replicas.find((replica) => replica.key === location.replica)
        : undefined;

  function open(replica: ReplicaPlacement) {
    if (replica.explanation.kind === 'stored') navigate({ ...location, replica: replica.key });
    else setDryRunReplica(replica);
  }

  function close() {
    if (openReplica?.explanation.kind === 'stored') navigate({ ...location, replica: undefined });
    else setDryRunReplica(undefined);
  }

  return (
    <div className="workspace">
      <PlanPanel
        topologyId={topologyId}
        viewed={viewed}
        analysis={analysis}
        colours={colours}
        onOpenReplica={open}
        workloadDraft={workloadDraft}
        planActions={
          storedPlanId !== undefined && (
            <StoredPlanActions
              topologyId={topologyId}
              planId={storedPlanId}
              onCompare={(other) => navigate({ topology: topologyId, plan: storedPlanId, compare: other })}
              onLoadWorkloads={setWorkloadDraft}
            />
          )
        }
      />
      <TopologyView topologyId={topologyId} plan={viewed.plan} colours={colours} onOpenReplica={open} />
      <AnalysisPanel analysis={analysis} />
      {location.plan !== undefined && location.compare !== undefined && (
        <PlanComparison
          topologyId={topologyId}
          first={location.compare}
          second={location.plan}
          onSwap={() => navigate({ topology: topologyId, plan: location.compare, compare: location.plan })}
          onClose={() => navigate({ topology: topologyId, plan: location.plan })}
        />
      )}
      {openReplica && <ReplicaExplanationDialog key={openReplica.key} replica={openReplica} onClose={close} />}
    </div>
  );
}
