/**
 * InterPodAffinity scoring, as upstream plugins/interpodaffinity/scoring.go:
 * PreScore sums term weights per topology pair (the incoming pod's preferred
 * terms against existing pods, and existing pods' required and preferred
 * terms against the incoming pod); Score adds up the pairs of a node's
 * labels; NormalizeScore maps [min, max] onto [0, 100].
 */
import type { Labels } from '../../../kube/label-selector.js';
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { affinityTermMatches, type AffinityTerm, type WeightedAffinityTerm } from '../../model/affinity-term.js';
import type { ClusterState } from '../../model/cluster-state.js';
import type { NodeInfo } from '../../model/node-info.js';
import { nodeMemo } from '../../model/node-memo.js';
import type { PodInfo } from '../../model/pod-info.js';
import type { InterPodAffinityArgs } from './args.js';
import { mergeAllWeightedTermNamespaces } from './namespace-selector-merge.js';
import { termsText } from './term-matching.js';
import { labelValue } from './topology-pair-counts.js';

export const PRE_SCORE_STATE_KEY = `PreScore${PluginNames.InterPodAffinity}`;

/** topologyKey → topologyValue → summed weight (upstream scoreMap). */
export type TopologyScores = Map<string, Map<string, number>>;

export interface InterPodAffinityPreScoreState {
  readonly topologyScore: TopologyScores;
}

/** The incoming pod, as PreScore sees it. */
export interface IncomingPod {
  readonly pod: PodInfo;
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
  readonly namespaceLabels: Labels | undefined;
}

/** Upstream scoreMap.processTerm: add weight × multiplier on `node`'s domain when `pod` matches the term. */
function processTerm(
  scores: TopologyScores,
  term: AffinityTerm,
  weight: number,
  pod: PodInfo,
  namespaceLabels: Labels | undefined,
  node: NodeInfo,
  multiplier: number,
): void {
  if (!affinityTermMatches(term, pod.namespace, pod.labels, namespaceLabels)) return;
  const value = labelValue(node.labels, term.topologyKey);
  if (value === undefined) return;
  let values = scores.get(term.topologyKey);
  if (!values) {
    values = new Map();
    scores.set(term.topologyKey, values);
  }
  values.set(value, (values.get(value) ?? 0) + weight * multiplier);
}

function processTerms(
  scores: TopologyScores,
  terms: readonly WeightedAffinityTerm[],
  pod: PodInfo,
  namespaceLabels: Labels | undefined,
  node: NodeInfo,
  multiplier: number,
): void {
  for (const { term, weight } of terms) processTerm(scores, term, weight, pod, namespaceLabels, node, multiplier);
}

/** Upstream processExistingPod, in its order of contributions (the caller skips unlabelled nodes, as upstream does). */
function processExistingPod(
  scores: TopologyScores,
  incoming: IncomingPod,
  existing: PodInfo,
  node: NodeInfo,
  hardPodAffinityWeight: number,
): void {
  // The incoming pod's terms have their namespaceSelector merged: no namespace labels needed.
  processTerms(scores, incoming.preferredAffinityTerms, existing, undefined, node, 1);
  processTerms(scores, incoming.preferredAntiAffinityTerms, existing, undefined, node, -1);
  if (hardPodAffinityWeight > 0) {
    for (const term of existing.requiredAffinityTerms) {
      processTerm(scores, term, hardPodAffinityWeight, incoming.pod, incoming.namespaceLabels, node, 1);
    }
  }
  processTerms(scores, existing.preferredAffinityTerms, incoming.pod, incoming.namespaceLabels, node, 1);
  processTerms(scores, existing.preferredAntiAffinityTerms, incoming.pod, incoming.namespaceLabels, node, -1);
}

/** The incoming pod's preferred terms with namespace selectors merged, and its namespace's labels. */
export function incomingPod(pod: PodInfo, cluster: ClusterState): IncomingPod {
  return {
    pod,
    preferredAffinityTerms: mergeAllWeightedTermNamespaces(pod.preferredAffinityTerms, cluster),
    preferredAntiAffinityTerms: mergeAllWeightedTermNamespaces(pod.preferredAntiAffinityTerms, cluster),
    namespaceLabels: cluster.namespaceLabels(pod.namespace),
  };
}

/** One existing pod's contributions, as PreScore's loop adds them (nothing from nodes without labels). */
export function addExistingPodScores(scores: TopologyScores, incoming: IncomingPod, existing: PodInfo, node: NodeInfo, hardPodAffinityWeight: number): void {
  if (hasLabels(node.labels)) processExistingPod(scores, incoming, existing, node, hardPodAffinityWeight);
}

/** True when PreScore skips whatever the cluster holds (ignorePreferredTermsOfExistingPods and no preferred terms of its own). */
export function alwaysSkipsPreScore(pod: PodInfo, args: InterPodAffinityArgs): boolean {
  const hasPreferredTerms = pod.preferredAffinityTerms.length > 0 || pod.preferredAntiAffinityTerms.length > 0;
  return args.ignorePreferredTermsOfExistingPods && !hasPreferredTerms;
}

/** PreScore's sums over every pod of the cluster (possibly none). */
export function collectTopologyScores(incoming: IncomingPod, cluster: ClusterState, args: InterPodAffinityArgs): TopologyScores {
  const topologyScore: TopologyScores = new Map();
  // Pods without (anti-)affinity contribute only through the incoming pod's terms; nodes where none of
  // them matches are known from an answer remembered while the node is unchanged (model/node-memo.ts).
  const incomingTerms = [...incoming.preferredAffinityTerms, ...incoming.preferredAntiAffinityTerms].map(({ term }) => term);
  // Where the cluster's label index names the nodes that can hold a pod the incoming terms match, only those and
  // the nodes holding pods whose own scoring terms may select the incoming pod (model/term-selector-index.ts)
  // contribute: other pods match no term either way. Visited in node order, as the loop below does.
  const index = cluster.podLabelIndex();
  const holding = index === undefined ? undefined : incomingTerms.length > 0 ? index.nodesHoldingCandidates(incomingTerms.map((term) => term.selector)) : new Set<string>();
  if (index && holding) {
    const nodes = cluster.nodes;
    const selecting = index.nodesWithScoringTermsSelecting(incoming.pod.labels);
    for (const name of holding) selecting.add(name);
    for (const position of cluster.positionsOf(selecting)) {
      const node = nodes[position];
      if (!hasLabels(node.labels)) continue;
      // A candidate node's pods that match no incoming term and carry no terms of their own add nothing.
      const existingPods = holding.has(node.name) ? node.pods : node.podsWithAffinity;
      for (const existing of existingPods) processExistingPod(topologyScore, incoming, existing, node, args.hardPodAffinityWeight);
    }
    return topologyScore;
  }
  const matchesIncomingTerms =
    incomingTerms.length > 0
      ? nodeMemo(`inter-pod-affinity-preferred\u0000${termsText(incomingTerms)}`, (node) =>
          node.pods.some((existing) => incomingTerms.some((term) => affinityTermMatches(term, existing.namespace, existing.labels, undefined))),
        )
      : undefined;
  for (const node of cluster.nodes) {
    // A node without labels belongs to no domain: its pods contribute nothing.
    if (!hasLabels(node.labels)) continue;
    const existingPods = matchesIncomingTerms?.on(node) ? node.pods : node.podsWithAffinity;
    for (const existing of existingPods) {
      processExistingPod(topologyScore, incoming, existing, node, args.hardPodAffinityWeight);
    }
  }
  return topologyScore;
}

/**
 * Upstream PreScore: undefined means Skip — with ignorePreferredTermsOfExistingPods
 * and no preferred terms of its own, or when no pair got a score.
 */
export function computePreScoreState(
  pod: PodInfo,
  cluster: ClusterState,
  args: InterPodAffinityArgs,
): InterPodAffinityPreScoreState | undefined {
  if (alwaysSkipsPreScore(pod, args)) return undefined;
  const topologyScore = collectTopologyScores(incomingPod(pod, cluster), cluster, args);
  return topologyScore.size === 0 ? undefined : { topologyScore };
}

function hasLabels(labels: Labels): boolean {
  for (const _key in labels) return true;
  return false;
}

/** Upstream Score: the sum over the node's labels of their pairs' weights (may be negative). */
export function scoreNode(state: InterPodAffinityPreScoreState, node: NodeInfo): number {
  let score = 0;
  for (const [key, values] of state.topologyScore) {
    const value = labelValue(node.labels, key);
    if (value !== undefined) score += values.get(value) ?? 0;
  }
  return score;
}

/**
 * Upstream NormalizeScore: MaxNodeScore × (score − min) / (max − min) in
 * float64, truncated to int64; every node gets 0 when max equals min.
 */
export function normalizeScores(state: InterPodAffinityPreScoreState, scores: Float64Array): void {
  if (state.topologyScore.size === 0) return;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const score of scores) {
    if (score > max) max = score;
    if (score < min) min = score;
  }
  const spread = max - min;
  for (let index = 0; index < scores.length; index++) {
    scores[index] = spread > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[index] - min) / spread)) : 0;
  }
}
