/**
 * Everything about one chosen topology: the plan panel beside the topology
 * drawing, the last what-if analysis across both, and the explanation
 * dialog of the replica last clicked.
 */
import { useMemo, useState } from 'react';
import { AnalysisPanel } from '../analyses/analysis-panel';
import { useAnalysis } from '../analyses/use-analysis';
import { ReplicaExplanationDialog } from '../explanation/replica-explanation-dialog';
import { PlanPanel } from '../plans/plan-panel';
import type { ReplicaPlacement } from '../plans/replica-placements';
import { useViewedPlan } from '../plans/use-viewed-plan';
import { assignWorkloadColours } from '../plans/workload-colours';
import { workloadKey } from '../plans/workload-key';
import { TopologyView } from './topology-view';

export function TopologyWorkspace({ topologyId }: { topologyId: string }) {
  const viewed = useViewedPlan(topologyId);
  const analysis = useAnalysis(topologyId);
  const [openReplica, setOpenReplica] = useState<ReplicaPlacement>();
  const colours = useMemo(() => assignWorkloadColours((viewed.plan?.workloads ?? []).map((summary) => workloadKey(summary.workload))), [viewed.plan]);

  return (
    <div className="workspace">
      <PlanPanel topologyId={topologyId} viewed={viewed} analysis={analysis} colours={colours} onOpenReplica={setOpenReplica} />
      <TopologyView topologyId={topologyId} plan={viewed.plan} colours={colours} onOpenReplica={setOpenReplica} />
      <AnalysisPanel analysis={analysis} />
      {openReplica && <ReplicaExplanationDialog key={openReplica.key} replica={openReplica} onClose={() => setOpenReplica(undefined)} />}
    </div>
  );
}
