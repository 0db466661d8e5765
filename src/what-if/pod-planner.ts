/**
 * What the analyses plan with: the engine's Planner, or the same behind a
 * work budget and a stop hook (analysis-budget.ts). The analyses never build
 * a Planner themselves, so every plan they make is counted.
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { ClusterState } from '../scheduling/model/cluster-state.js';
import type { PlanOptions, PlanRun } from '../scheduling/planner/planner.js';

export interface PodPlanner {
  plan(cluster: ClusterState, pods: readonly V1Pod[], options?: PlanOptions): PlanRun;
}
