/**
 * Everything about one chosen topology: the plan panel beside the topology
 * drawing, the last what-if analysis across both, and the explanation
 * dialog of the replica last clicked.
 */
import { useMemo, useState } from 'react';
import { AnalysisPanel } from '../analyses/analysis-panel.js';
import { useAnalysis } from '../analyses/use-analysis.js';
import { ReplicaExplanationDialog } from '../explanation/replica-explanation-dialog.js';
import { PlanPanel } from '../plans/plan-panel.js';
import type { ReplicaPlacement } from '../plans/replica-placements.js';
import { useViewedPlan } from '../plans/use-viewed-plan.js';
import { assignWorkloadColours } from '../plans/workload-colours.js';
import { workloadKey } from '../plans/workload-key.js';
import { TopologyView } from './topology-view.js';

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
