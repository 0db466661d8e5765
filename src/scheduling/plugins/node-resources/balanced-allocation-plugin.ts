/**
 * NodeResourcesBalancedAllocation, as upstream
 * plugins/noderesources/balanced_allocation.go: favours nodes whose resource
 * fractions (with the pod placed) are close to each other. It scores with
 * plain requests (useRequested), and PreScore skips pods that request none of
 * the configured resources (best-effort pods, kubernetes#129138).
 */
import type { CycleState } from '../../framework/cycle-state.js';
import type { PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { Status } from '../../framework/status.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import type { NodeResourcesBalancedAllocationArgs } from './balanced-allocation-args.js';
import { balancedResourceScorer } from './balanced-resource-scorer.js';
import { ResourceAllocation, type ResourceAllocationState } from './resource-allocation.js';

const PRE_SCORE_STATE_KEY = `PreScore${PluginNames.NodeResourcesBalancedAllocation}`;

function isBestEffort(podRequests: Float64Array): boolean {
  return podRequests.every((request) => request === 0);
}

export class NodeResourcesBalancedAllocation implements PreScorePlugin, ScorePlugin {
  readonly name = PluginNames.NodeResourcesBalancedAllocation;
  readonly nodeLocal = true;
  private readonly allocation: ResourceAllocation;

  constructor(readonly args: NodeResourcesBalancedAllocationArgs) {
    this.allocation = new ResourceAllocation(args.resources, balancedResourceScorer, true);
  }

  preScore(state: CycleState, pod: PodInfo): Status | null {
    const scoring = this.allocation.state(pod);
    if (isBestEffort(scoring.podRequests)) return Status.skip();
    state.write(PRE_SCORE_STATE_KEY, scoring);
    return null;
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    let scoring = state.readOptional<ResourceAllocationState>(PRE_SCORE_STATE_KEY);
    if (!scoring) {
      // Upstream's Score without PreScore: best-effort pods score 0.
      scoring = this.allocation.state(pod);
      if (isBestEffort(scoring.podRequests)) return 0;
    }
    return this.allocation.score(scoring, node);
  }
}
