/**
 * The DefaultPreemption PostFilter plugin: upstream
 * defaultpreemption.DefaultPreemption.PostFilter over preemption.Evaluator.Preempt.
 * When no node fits, it looks for the node where evicting the fewest and
 * least important lower-priority pods lets the pod fit, and nominates it.
 * Every message it returns starts with "preemption: ".
 */
import type { CycleState } from '../framework/cycle-state.js';
import type { FilterRunner, PostFilterPlugin, PostFilterResult } from '../framework/interfaces.js';
import { PluginNames } from '../framework/names.js';
import { Code, Status } from '../framework/status.js';
import type { ClusterState } from '../model/cluster-state.js';
import type { PodInfo } from '../model/pod-info.js';
import { failedSchedulingMessage } from '../planner/failure-message.js';
import { numCandidatesToFind, type DefaultPreemptionArgs } from './args.js';
import type { Candidate } from './candidate.js';
import { cycleRandom } from './cycle-random.js';
import { dryRunPreemption } from './dry-run.js';
import { podEligibleToPreemptOthers } from './eligibility.js';
import { compileDisruptionBudgets } from './pdb-violations.js';
import { firstCandidate, pickCandidate } from './pick-candidate.js';
import { ErrReasonPreemptionNotHelpful, PREEMPTION_MESSAGE_PREFIX } from './reasons.js';

/** A PostFilter verdict that also says whom the nomination evicts. */
export interface PreemptionResult extends PostFilterResult {
  /** Set when preemption succeeded: the chosen node and its victims. */
  readonly candidate?: Candidate;
}

export function isPreemptionResult(result: PostFilterResult): result is PreemptionResult {
  return (result as PreemptionResult).candidate !== undefined;
}

/**
 * upstream FitError.Error() for preemption's own diagnosis: every node's
 * dry-run status, and "Preemption is not helpful for scheduling" for nodes
 * that were never dry-run.
 */
function noCandidateMessage(cluster: ClusterState, nodeStatuses: ReadonlyMap<string, Status>): string {
  const reasonCounts = new Map<string, number>();
  for (const node of cluster.nodes) {
    const reasons = nodeStatuses.get(node.name)?.reasons ?? [ErrReasonPreemptionNotHelpful];
    for (const reason of reasons) reasonCounts.set(reason, (reasonCounts.get(reason) ?? 0) + 1);
  }
  return failedSchedulingMessage({ totalNodes: cluster.nodes.length, reasonCounts });
}

/** upstream DefaultPreemption.PostFilter: a non-empty message gains the "preemption: " prefix, keeping its code. */
function prefixed(code: Code, message: string): Status {
  return new Status(code, [PREEMPTION_MESSAGE_PREFIX + message]);
}

export class DefaultPreemption implements PostFilterPlugin {
  readonly name = PluginNames.DefaultPreemption;

  constructor(readonly args: DefaultPreemptionArgs) {}

  postFilter(
    state: CycleState,
    pod: PodInfo,
    cluster: ClusterState,
    failures: ReadonlyMap<string, Status>,
    runner: FilterRunner,
  ): PreemptionResult {
    const eligibility = podEligibleToPreemptOthers(pod);
    if (!eligibility.eligible) return { status: prefixed(Code.Unschedulable, eligibility.reason) };

    // Only nodes whose failure might be cured by evicting pods (upstream NodesForStatusCode(Unschedulable));
    // a node absent from `failures` counts as UnschedulableAndUnresolvable, as upstream's default. They are
    // taken in the cluster's node order; upstream lists them in Go map order, which only matters once there
    // are more potential nodes than candidates to find (see dry-run.ts).
    const potentialNodes = cluster.nodes.filter((node) => failures.get(node.name)?.code === Code.Unschedulable);
    const random = cycleRandom(state);
    let candidates: readonly Candidate[] = [];
    let nodeStatuses: ReadonlyMap<string, Status> = new Map();
    if (potentialNodes.length > 0) {
      const offset = random ? random.intn(potentialNodes.length) : 0;
      const numCandidates = numCandidatesToFind(this.args, potentialNodes.length);
      const budgets = compileDisruptionBudgets(cluster.objects.podDisruptionBudgets);
      const dryRun = dryRunPreemption(state, pod, potentialNodes, cluster, budgets, runner, offset, numCandidates);
      if (dryRun.candidates.length === 0 && dryRun.errors.length > 0) {
        // upstream utilerrors.NewAggregate: one message alone, several in brackets.
        const message = dryRun.errors.length === 1 ? dryRun.errors[0] : `[${dryRun.errors.join(', ')}]`;
        return { status: prefixed(Code.Error, message) };
      }
      candidates = dryRun.candidates;
      nodeStatuses = dryRun.nodeStatuses;
    }
    if (candidates.length === 0) {
      // Nominating "" clears any earlier nomination, as upstream NewPostFilterResultWithNominatedNode("").
      return { status: prefixed(Code.Unschedulable, noCandidateMessage(cluster, nodeStatuses)), nominatedNode: '' };
    }
    const best = pickCandidate(candidates, random ? (count) => random.intn(count) : firstCandidate);
    if (!best) return { status: prefixed(Code.Unschedulable, 'no candidate node for preemption') };
    return { status: new Status(Code.Success, []), nominatedNode: best.node, candidate: best };
  }
}
