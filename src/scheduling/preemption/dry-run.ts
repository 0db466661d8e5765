/**
 * Dry-runs preemption on the potential nodes, as upstream
 * Evaluator.DryRunPreemption: starting at `offset` and wrapping around, each
 * node is copied (with the cycle state) and its victims selected; candidates
 * that violate no PDB are kept apart from those that do, each list holding at
 * most `numCandidates`. The run stops once a PDB-free candidate exists and
 * `numCandidates` were found.
 *
 * Upstream checks nodes in parallel (16 workers), so which nodes beyond the
 * stopping point were also checked depends on goroutine timing; the engine
 * checks them one at a time, which is upstream's behaviour with parallelism 1
 * (the mode its own tests use for these limits). Until there are more
 * potential nodes than minCandidateNodesAbsolute (100 by default) every
 * potential node is checked either way, so the two agree.
 */
import type { CycleState } from '../framework/cycle-state.js';
import type { FilterRunner } from '../framework/interfaces.js';
import { Code, Status } from '../framework/status.js';
import type { ClusterState } from '../model/cluster-state.js';
import type { NodeInfo } from '../model/node-info.js';
import type { PodInfo } from '../model/pod-info.js';
import type { Candidate } from './candidate.js';
import type { CompiledDisruptionBudget } from './pdb-violations.js';
import { hasPreemptionCandidates, noVictimsOnNode, selectVictimsOnNode } from './select-victims.js';

export interface DryRunResult {
  /** PDB-free candidates first, then PDB-violating ones, each in the order they were found. */
  readonly candidates: readonly Candidate[];
  /** Why each checked node that is not a candidate was rejected. */
  readonly nodeStatuses: ReadonlyMap<string, Status>;
  /** Error messages of nodes whose dry run went wrong (upstream's aggregated error). */
  readonly errors: readonly string[];
}

export function dryRunPreemption(
  state: CycleState,
  preemptor: PodInfo,
  potentialNodes: readonly NodeInfo[],
  cluster: ClusterState,
  budgets: readonly CompiledDisruptionBudget[],
  runner: FilterRunner,
  offset: number,
  numCandidates: number,
): DryRunResult {
  const nonViolating: Candidate[] = [];
  const violating: Candidate[] = [];
  const nodeStatuses = new Map<string, Status>();
  const errors: string[] = [];
  const count = potentialNodes.length;
  for (let index = 0; index < count; index++) {
    const node = potentialNodes[(offset + index) % count];
    // Copying the node and the cycle state (whose tallies can span every node) only pays where something may be evicted.
    const selection = hasPreemptionCandidates(node, preemptor)
      ? selectVictimsOnNode(state.clone(), preemptor, node.clone(), cluster, budgets, runner)
      : noVictimsOnNode();
    if (selection.status === null && selection.victims.length > 0) {
      const candidate: Candidate = { node: node.name, victims: selection.victims, numPdbViolations: selection.numPdbViolations };
      const list = selection.numPdbViolations === 0 ? nonViolating : violating;
      if (list.length < numCandidates) list.push(candidate);
      if (nonViolating.length > 0 && nonViolating.length + violating.length >= numCandidates) break;
      continue;
    }
    // The pod fits without evicting anything: upstream treats a candidate with no victims as an error.
    const status = selection.status ?? Status.error(`expected at least one victim pod on node "${node.name}"`);
    if (status.code === Code.Error) errors.push(status.message);
    nodeStatuses.set(node.name, status);
  }
  return { candidates: [...nonViolating, ...violating], nodeStatuses, errors };
}
