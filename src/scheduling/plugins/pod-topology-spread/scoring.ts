/**
 * PreScore, Score and NormalizeScore, as upstream
 * podtopologyspread/scoring.go (ScheduleAnyway constraints only): a node
 * scores the matching pods of its domains, each constraint weighted by
 * log(domain count + 2); NormalizeScore inverts so that the emptiest domains
 * score highest.
 */
import { LabelSelectorError } from '../../../kube/label-selector.js';
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import { Status } from '../../framework/status.js';
import type { ClusterState } from '../../model/cluster-state.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import type { SparseNodeCounts } from '../../model/pod-label-index.js';
import {
  clusterPodsMatchSelector,
  countNodePodsMatchSelector,
  matchesNodeInclusionPolicies,
  nodeHasAllTopologyKeys,
  topologyValue,
  type SpreadConstraint,
} from './constraint.js';
import { constraintsFor, podHasOwnConstraints, type DefaultConstraints } from './pod-constraints.js';
import { RequiredNodeAffinity } from '../node-affinity/required-node-affinity.js';

export const PRE_SCORE_STATE_KEY = 'PreScorePodTopologySpread';

/** v1.LabelHostname: per-node counts are taken at Score time rather than in PreScore. */
export const LABEL_HOSTNAME = 'kubernetes.io/hostname';

export interface PreScoreState {
  readonly constraints: readonly SpreadConstraint[];
  /** Feasible nodes missing some topology key: they score 0. */
  readonly ignoredNodes: ReadonlySet<string>;
  /** Per constraint: domain of a scored node → matching pods over all eligible nodes (hostname constraints stay empty). */
  readonly topologyValueToPodCounts: readonly Map<string, number>[];
  /** Per constraint: log(number of domains among the scored nodes + 2). */
  readonly topologyNormalizingWeight: readonly number[];
  /** Per constraint: matching pods per node name from the cluster's label index (undefined: count on the node). */
  readonly hostnameCounts?: readonly (SparseNodeCounts | undefined)[];
}

/** topologyNormalizingWeight. */
function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/** scoreForCount: maxSkew - 1 is added so that small differences between domains are watered down. */
export function scoreForCount(count: number, maxSkew: number, weight: number): number {
  return count * weight + (maxSkew - 1);
}

/** PreScore; returns the state, or the Skip / Error status. */
export function computePreScoreState(
  pod: PodInfo,
  feasibleNodes: readonly NodeInfo[],
  cluster: ClusterState,
  defaults: DefaultConstraints,
): PreScoreState | Status {
  const allNodes = cluster.nodes;
  if (allNodes.length === 0) return Status.skip();
  // Only non-system-default spreading requires every topology label, so nodes without a zone label still get hostname spreading.
  const requireAllTopologies = podHasOwnConstraints(pod) || !defaults.systemDefaulted;
  let constraints: SpreadConstraint[];
  try {
    constraints = constraintsFor(pod, 'ScheduleAnyway', defaults, cluster.objects);
  } catch (error) {
    if (error instanceof LabelSelectorError) return Status.error(`calculating preScoreState: ${error.path}: ${error.message}`);
    throw error;
  }
  if (constraints.length === 0) return Status.skip();

  const ignoredNodes = new Set<string>();
  const topologyValueToPodCounts = constraints.map(() => new Map<string, number>());
  // The constraints whose domains are registered here (hostname domains are counted in Score).
  const domainConstraints = constraints.flatMap((constraint, index) => (constraint.topologyKey === LABEL_HOSTNAME ? [] : [index]));
  // When no node of the cluster can be ignored, the scan may stop once every domain the cluster's nodes have is
  // registered: later nodes would add nothing, and the maps hold the same entries in the same order.
  const canIgnore = requireAllTopologies && constraints.some((constraint) => cluster.labelDomains(constraint.topologyKey).missing > 0);
  const possibleDomains = domainConstraints.map((index) => {
    const { values, missing } = cluster.labelDomains(constraints[index].topologyKey);
    return values.size + (!requireAllTopologies && missing > 0 && !values.has('') ? 1 : 0);
  });
  let completeConstraints = domainConstraints.filter((_, position) => possibleDomains[position] === 0).length;
  for (let position = 0; position < feasibleNodes.length; position++) {
    if (!canIgnore && completeConstraints === domainConstraints.length) break;
    const node = feasibleNodes[position];
    if (requireAllTopologies && !nodeHasAllTopologyKeys(node.labels, constraints)) {
      ignoredNodes.add(node.name);
      continue;
    }
    for (let domain = 0; domain < domainConstraints.length; domain++) {
      const index = domainConstraints[domain];
      // Without requireAllTopologies a node lacking the key registers the "" domain, as upstream's map lookup does.
      const value = topologyValue(node.labels, constraints[index].topologyKey);
      const counts = topologyValueToPodCounts[index];
      if (!counts.has(value)) {
        counts.set(value, 0);
        if (counts.size === possibleDomains[domain]) completeConstraints++;
      }
    }
  }
  const topologyNormalizingWeights = constraints.map((constraint, index) =>
    topologyNormalizingWeight(
      constraint.topologyKey === LABEL_HOSTNAME ? feasibleNodes.length - ignoredNodes.size : topologyValueToPodCounts[index].size,
    ),
  );

  // Counting runs over every node of the snapshot, filtered by the inclusion policies. Where the cluster's
  // label index answers for a selector, only the nodes holding a matching pod are visited: the others add 0.
  const requiredNodeAffinity = RequiredNodeAffinity.of(pod.pod);
  const matching = constraints.map((constraint) => clusterPodsMatchSelector(cluster, constraint.selector, pod.namespace));
  const countOn = (node: NodeInfo, index: number): void => {
    const constraint = constraints[index];
    if (constraint.topologyKey === LABEL_HOSTNAME) return;
    if (requireAllTopologies && !nodeHasAllTopologyKeys(node.labels, constraints)) return;
    if (!matchesNodeInclusionPolicies(constraint, pod, node, requiredNodeAffinity)) return;
    const value = topologyValue(node.labels, constraint.topologyKey);
    const counts = topologyValueToPodCounts[index];
    // Only domains of scored nodes are counted; hostname domains are counted in Score.
    const current = counts.get(value);
    if (current === undefined) return;
    const sparse = matching[index];
    counts.set(value, current + (sparse ? (sparse.get(node.name) ?? 0) : countNodePodsMatchSelector(node, constraint.selector, pod.namespace)));
  };
  constraints.forEach((constraint, index) => {
    if (constraint.topologyKey === LABEL_HOSTNAME) return;
    const sparse = matching[index];
    if (!sparse) {
      for (const node of allNodes) countOn(node, index);
      return;
    }
    for (const nodeName of sparse.keys()) {
      const node = cluster.node(nodeName);
      if (node) countOn(node, index);
    }
  });
  return { constraints, ignoredNodes, topologyValueToPodCounts, topologyNormalizingWeight: topologyNormalizingWeights, hostnameCounts: matching };
}

/** Score: the weighted matching counts of the node's domains (higher is worse until NormalizeScore inverts it). */
export function scoreNode(state: PreScoreState, pod: PodInfo, node: NodeInfo): number {
  if (state.ignoredNodes.has(node.name)) return 0;
  let score = 0;
  const { constraints } = state;
  for (let index = 0; index < constraints.length; index++) {
    const constraint = constraints[index];
    if (!Object.hasOwn(node.labels, constraint.topologyKey)) continue;
    const sparse = state.hostnameCounts?.[index];
    const count =
      constraint.topologyKey === LABEL_HOSTNAME
        ? sparse
          ? (sparse.get(node.name) ?? 0)
          : countNodePodsMatchSelector(node, constraint.selector, pod.namespace)
        : (state.topologyValueToPodCounts[index].get(node.labels[constraint.topologyKey]) ?? 0);
    score += scoreForCount(count, constraint.maxSkew, state.topologyNormalizingWeight[index]);
  }
  // int64(math.Round(score)); scores are never negative, where Go's and JavaScript's rounding of .5 differ.
  return Math.round(score);
}

/**
 * scoreNode for every node of `nodes` into `raw`, with the per-pod lookups
 * hoisted out of the loop: the same numbers, summed in the same order.
 */
export function scoreNodesInto(state: PreScoreState, pod: PodInfo, nodes: readonly NodeInfo[], raw: Float64Array): void {
  const { constraints, ignoredNodes } = state;
  const anyIgnored = ignoredNodes.size > 0;
  const count = constraints.length;
  const keys = constraints.map((constraint) => constraint.topologyKey);
  const byHostname = constraints.map((constraint) => constraint.topologyKey === LABEL_HOSTNAME);
  const hostnameCounts = constraints.map((_, index) => state.hostnameCounts?.[index]);
  for (let position = 0; position < nodes.length; position++) {
    const node = nodes[position];
    if (anyIgnored && ignoredNodes.has(node.name)) {
      raw[position] = 0;
      continue;
    }
    const labels = node.labels;
    let score = 0;
    for (let index = 0; index < count; index++) {
      const key = keys[index];
      if (!Object.hasOwn(labels, key)) continue;
      let matching: number;
      if (byHostname[index]) {
        const sparse = hostnameCounts[index];
        if (!sparse) matching = countNodePodsMatchSelector(node, constraints[index].selector, pod.namespace);
        else matching = sparse.size === 0 ? 0 : (sparse.get(node.name) ?? 0);
      } else matching = state.topologyValueToPodCounts[index].get(labels[key]) ?? 0;
      score += scoreForCount(matching, constraints[index].maxSkew, state.topologyNormalizingWeight[index]);
    }
    raw[position] = Math.round(score);
  }
}

/**
 * NormalizeScore: ignored nodes get 0; when every score is 0 all nodes get
 * MaxNodeScore; otherwise MaxNodeScore * (max + min - score) / max in int64
 * arithmetic, min and max taken over the nodes not ignored.
 */
export function normalizeScores(state: PreScoreState, scores: Float64Array, nodes: readonly NodeInfo[]): void {
  const ignoredNodes = state.ignoredNodes;
  if (ignoredNodes.size === 0) normalizeEverySpreadScore(scores);
  else normalizeSpreadScores(scores, (index) => ignoredNodes.has(nodes[index].name));
}

/** NormalizeScore's arithmetic, with `ignored(index)` telling which scores belong to ignored nodes. */
export function normalizeSpreadScores(scores: Float64Array, ignored: (index: number) => boolean): void {
  let minScore = Number.MAX_SAFE_INTEGER;
  let maxScore = 0;
  for (let index = 0; index < scores.length; index++) {
    if (ignored(index)) continue;
    minScore = Math.min(minScore, scores[index]);
    maxScore = Math.max(maxScore, scores[index]);
  }
  for (let index = 0; index < scores.length; index++) {
    if (ignored(index)) scores[index] = 0;
    else if (maxScore === 0) scores[index] = MAX_NODE_SCORE;
    else scores[index] = Math.trunc((MAX_NODE_SCORE * (maxScore + minScore - scores[index])) / maxScore);
  }
}

/** normalizeSpreadScores when no node is ignored (the usual case), without a call per score (issue 14). */
export function normalizeEverySpreadScore(scores: Float64Array): void {
  let minScore = Number.MAX_SAFE_INTEGER;
  let maxScore = 0;
  for (let index = 0; index < scores.length; index++) {
    const score = scores[index];
    if (score < minScore) minScore = score;
    if (score > maxScore) maxScore = score;
  }
  if (maxScore === 0) {
    scores.fill(MAX_NODE_SCORE);
    return;
  }
  const sum = maxScore + minScore;
  for (let index = 0; index < scores.length; index++) scores[index] = Math.trunc((MAX_NODE_SCORE * (sum - scores[index])) / maxScore);
}
