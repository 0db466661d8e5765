/**
 * PreFilter, Filter and the AddPod/RemovePod extensions, as upstream
 * podtopologyspread/filtering.go (DoNotSchedule constraints only).
 */
import { LabelSelectorError } from '../../../kube/label-selector.js';
import type { PreFilterResult } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';
import type { ClusterState } from '../../model/cluster-state.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import {
  clusterPodsMatchSelector,
  countNodePodsMatchSelector,
  matchesNodeInclusionPolicies,
  nodeHasAllTopologyKeys,
  type SpreadConstraint,
} from './constraint.js';
import { CriticalPaths } from './critical-paths.js';
import { everyNodeIncluded, indexedDomainCounts } from './indexed-domain-counts.js';
import type { SparseNodeCounts } from '../../model/pod-label-index.js';
import { constraintsFor, type DefaultConstraints } from './pod-constraints.js';
import { PreFilterState } from './prefilter-state.js';
import { ErrReasonConstraintsNotMatch, ErrReasonNodeLabelNotMatch } from './reasons.js';
import { RequiredNodeAffinity } from '../node-affinity/required-node-affinity.js';

/** calPreFilterState over every node of the snapshot (not just those that pass other filters). */
export function computePreFilterState(
  pod: PodInfo,
  cluster: ClusterState,
  defaults: DefaultConstraints,
): PreFilterState | Status {
  let constraints: SpreadConstraint[];
  try {
    constraints = constraintsFor(pod, 'DoNotSchedule', defaults, cluster.objects);
  } catch (error) {
    if (error instanceof LabelSelectorError) return Status.error(`get constraints from pod: ${error.path}: ${error.message}`);
    throw error;
  }
  const requiredNodeAffinity = RequiredNodeAffinity.of(pod.pod);
  let tpValueToMatchNum = constraints.map(() => new Map<string, number>());
  // Matching pods per node from the cluster's label index where the selector allows it.
  const matching = constraints.map((constraint) => clusterPodsMatchSelector(cluster, constraint.selector, pod.namespace));
  if (constraints.length > 0 && everyNodeIncluded(constraints, requiredNodeAffinity) && matching.every((sparse) => sparse !== undefined)) {
    // Every node with the keys is a domain: counts from the matching pods alone (indexed-domain-counts.ts).
    tpValueToMatchNum = indexedDomainCounts(cluster, constraints, matching as SparseNodeCounts[]);
  } else if (constraints.length > 0) {
    for (const node of cluster.nodes) {
      // Only nodes carrying every topology key hold domains.
      if (!nodeHasAllTopologyKeys(node.labels, constraints)) continue;
      constraints.forEach((constraint, index) => {
        if (!matchesNodeInclusionPolicies(constraint, pod, node, requiredNodeAffinity)) return;
        const value = node.labels[constraint.topologyKey];
        const sparse = matching[index];
        const count = sparse ? (sparse.get(node.name) ?? 0) : countNodePodsMatchSelector(node, constraint.selector, pod.namespace);
        const counts = tpValueToMatchNum[index];
        counts.set(value, (counts.get(value) ?? 0) + count);
      });
    }
  }
  const criticalPaths = tpValueToMatchNum.map((counts) => {
    const paths = new CriticalPaths();
    for (const [value, matchNum] of counts) paths.update(value, matchNum);
    return paths;
  });
  return new PreFilterState(constraints, criticalPaths, tpValueToMatchNum, requiredNodeAffinity);
}

/** PreFilter: Skip when the pod has no DoNotSchedule constraint (own or default). */
export function preFilterResult(state: PreFilterState | Status): PreFilterResult {
  if (state instanceof Status) return { status: state };
  return { status: state.constraints.length === 0 ? Status.skip() : null };
}

/**
 * Filter: for every constraint, the node must carry the topology key, and
 * placing the pod in the node's domain must keep
 * `matchNum + selfMatch - globalMinimum <= maxSkew`. The verdict depends on
 * the node's domain only, so it is worked out once per domain
 * (domain-verdicts.ts).
 */
export function filterNode(state: PreFilterState, pod: PodInfo, node: NodeInfo): Status | null {
  const { constraints, verdicts } = state;
  const labels = node.labels;
  for (let index = 0; index < constraints.length; index++) {
    const topologyKey = constraints[index].topologyKey;
    if (!Object.hasOwn(labels, topologyKey)) {
      return verdicts.missingKeyRejection(index) ?? verdicts.keepMissingKeyRejection(index, missingKeyRejection(constraints[index]));
    }
    const domain = labels[topologyKey];
    let verdict = verdicts.get(index, domain);
    if (verdict === undefined) verdicts.set(index, domain, (verdict = domainVerdict(state, index, pod, domain)));
    if (verdict !== null) return verdict;
  }
  return null;
}

function missingKeyRejection(constraint: SpreadConstraint): Status {
  return Status.unresolvable(ErrReasonNodeLabelNotMatch, {
    constraintIndex: constraint.index,
    origin: constraint.origin,
    topologyKey: constraint.topologyKey,
  });
}

/** Filter's skew check for one constraint on the nodes of `domain`. */
function domainVerdict(state: PreFilterState, index: number, pod: PodInfo, domain: string): Status | null {
  const constraint = state.constraints[index];
  const globalMinimum = state.minMatchNum(index);
  const selfMatch = constraint.selector.matches(pod.labels) ? 1 : 0;
  const matchNum = state.tpValueToMatchNum[index].get(domain) ?? 0;
  const skew = matchNum + selfMatch - globalMinimum;
  if (skew <= constraint.maxSkew) return null;
  return Status.unschedulable(ErrReasonConstraintsNotMatch, {
    constraintIndex: constraint.index,
    origin: constraint.origin,
    topologyKey: constraint.topologyKey,
    maxSkew: constraint.maxSkew,
    minDomains: constraint.minDomains,
    labelSelector: constraint.selector.toString(),
    domain,
    matchingPods: matchNum,
    selfMatch,
    globalMinimum,
    eligibleDomains: state.tpValueToMatchNum[index].size,
    skew,
  });
}

/**
 * updateWithPod (AddPod with delta 1, RemovePod with -1): a pod of the
 * incoming pod's namespace appearing on or leaving `node` changes the count
 * of the node's domain for each constraint whose selector matches it, if the
 * node counts for that constraint.
 */
export function updateWithPod(state: PreFilterState, updated: PodInfo, incoming: PodInfo, node: NodeInfo, delta: 1 | -1): void {
  if (updated.namespace !== incoming.namespace) return;
  if (!nodeHasAllTopologyKeys(node.labels, state.constraints)) return;
  state.constraints.forEach((constraint, index) => {
    if (!constraint.selector.matches(updated.labels)) return;
    if (!matchesNodeInclusionPolicies(constraint, incoming, node, state.requiredNodeAffinity)) return;
    const value = node.labels[constraint.topologyKey];
    state.setMatchNum(index, value, (state.tpValueToMatchNum[index].get(value) ?? 0) + delta);
  });
}
