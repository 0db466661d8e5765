/**
 * Suggestions for the unplaceable replicas of a simulation: the plan is
 * replayed decision by decision on a fork of its starting cluster, so each
 * unplaceable replica is examined against exactly the state it was
 * scheduled against (earlier replicas bound, with the Reserve plugins' part:
 * the PVs VolumeBinding gave them are taken; preemption victims gone).
 */
import { Framework } from '../scheduling/framework/framework.js';
import { bindPodInfo, buildPodInfo } from '../scheduling/model/pod-info.js';
import { admitPodPriority } from '../scheduling/model/pod-priority.js';
import type { PlanRun } from '../scheduling/planner/planner.js';
import type { PreparedSimulation } from '../simulation/run-simulation.js';
import type { Placement } from '../simulation/simulation-result.js';
import type { Suggestion } from './analysis-types.js';
import type { PodPlanner } from './pod-planner.js';
import type { NodeGroup } from './scale-up.js';
import { suggestFixes } from './suggestions.js';

/** Unplaceable replicas examined per result: each costs a few scheduling cycles per relaxed rule. */
export const MAX_SUGGESTED_REPLICAS = 20;

export function withSuggestions(
  planner: PodPlanner,
  prepared: PreparedSimulation,
  run: PlanRun,
  placements: readonly Placement[],
  nodeGroups: readonly NodeGroup[] = [],
): (Placement & { readonly suggestions?: readonly Suggestion[] })[] {
  const pods = prepared.workloads.flatMap((workload) => workload.pods);
  const working = prepared.cluster.fork();
  const framework = new Framework(prepared.profile);
  const suggestions = new Map<number, Suggestion[]>();
  run.decisions.forEach((decision, index) => {
    for (const victim of decision.preemption?.victims ?? []) working.removePod(victim.podKey, victim.node);
    if (decision.node === null) {
      if (suggestions.size < MAX_SUGGESTED_REPLICAS) suggestions.set(index, suggestFixes(planner, working, pods[index], nodeGroups));
      return;
    }
    const podInfo = buildPodInfo(admitPodPriority(pods[index], working.objects.priorityClasses), prepared.profile.podRequestOptions);
    // As the planner binds a placed pod: Reserve first (VolumeBinding assumes its PVs), then the pod.
    framework.runReserve(podInfo, decision.node, working);
    working.addPod(bindPodInfo(podInfo, decision.node), decision.node);
  });
  return placements.map((placement, index) => (suggestions.has(index) ? { ...placement, suggestions: suggestions.get(index)! } : placement));
}
