/**
 * The fewest pods to evict from one node so the preemptor fits, as upstream
 * DefaultPreemption.SelectVictimsOnNode: remove every lower-priority pod,
 * check the pod fits, then reprieve pods (PDB-violating ones first, then the
 * rest, each group most important first), keeping each reprieved pod only if
 * the preemptor still fits. Works on a copy of the node and of the cycle
 * state, so nothing the caller holds changes.
 */
import type { CycleState } from '../framework/cycle-state.js';
import type { FilterRunner } from '../framework/interfaces.js';
import { Status } from '../framework/status.js';
import type { ClusterState } from '../model/cluster-state.js';
import type { NodeInfo } from '../model/node-info.js';
import type { PodInfo } from '../model/pod-info.js';
import type { Victim } from './candidate.js';
import { groupByPdbViolation, type CompiledDisruptionBudget } from './pdb-violations.js';
import { byImportance } from './pod-importance.js';
import { ErrReasonNoPreemptionVictims } from './reasons.js';

export interface VictimSelection {
  /** null on success (then `victims` is non-empty unless the pod already fit). */
  readonly status: Status | null;
  readonly victims: readonly Victim[];
  readonly numPdbViolations: number;
}

/** upstream isPreemptionAllowed with the default IsEligiblePod: strictly lower priority. */
function isPreemptionAllowed(victim: PodInfo, preemptor: PodInfo): boolean {
  return victim.priority < preemptor.priority;
}

/** Whether the node holds any pod the preemptor may evict; without one, SelectVictimsOnNode answers at once. */
export function hasPreemptionCandidates(node: NodeInfo, preemptor: PodInfo): boolean {
  return node.pods.some((pod) => isPreemptionAllowed(pod, preemptor));
}

/** SelectVictimsOnNode's answer for a node without any pod the preemptor may evict. */
export function noVictimsOnNode(): VictimSelection {
  return { status: Status.unresolvable(ErrReasonNoPreemptionVictims), victims: [], numPdbViolations: 0 };
}

export function selectVictimsOnNode(
  state: CycleState,
  preemptor: PodInfo,
  node: NodeInfo,
  cluster: ClusterState,
  budgets: readonly CompiledDisruptionBudget[],
  runner: FilterRunner,
): VictimSelection {
  const potential = node.pods.filter((pod) => isPreemptionAllowed(pod, preemptor));
  // Nothing can be evicted, so the node's verdict cannot change.
  if (potential.length === 0) return noVictimsOnNode();
  const remove = (pod: PodInfo): void => {
    node.removePod(pod.key);
    runner.removePod(state, preemptor, pod, node, cluster);
  };
  const add = (pod: PodInfo): void => {
    node.addPod(pod);
    runner.addPod(state, preemptor, pod, node, cluster);
  };
  for (const pod of potential) remove(pod);

  // Upstream does not consider the preemptor's affinity to a victim here (documented limitation).
  const withoutVictims = runner.runFilters(state, preemptor, node);
  if (withoutVictims !== null) return { status: withoutVictims, victims: [], numPdbViolations: 0 };

  // Stable where upstream's sort.Slice is not: equally important pods keep node order.
  potential.sort(byImportance);
  const { violating, nonViolating } = groupByPdbViolation(potential, budgets);
  const victims: Victim[] = [];
  let numPdbViolations = 0;
  const reprieve = (pod: PodInfo, violatesPdb: boolean): boolean => {
    add(pod);
    if (runner.runFilters(state, preemptor, node) === null) return true;
    remove(pod);
    victims.push({ pod, violatesPdb });
    return false;
  };
  for (const pod of violating) {
    if (!reprieve(pod, true)) numPdbViolations++;
  }
  for (const pod of nonViolating) reprieve(pod, false);
  // Keep victims most important first, as upstream re-sorts when both groups contributed.
  if (violating.length > 0 && nonViolating.length > 0) victims.sort((a, b) => byImportance(a.pod, b.pod));
  return { status: null, victims, numPdbViolations };
}
