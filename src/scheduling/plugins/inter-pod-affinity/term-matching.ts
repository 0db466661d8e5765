/**
 * How a set of terms updates a topology-pair tally for one pod on one node,
 * as upstream filtering.go updateWithAffinityTerms / updateWithAntiAffinityTerms
 * and podMatchesAllAffinityTerms.
 */
import type { Labels } from '../../../kube/label-selector.js';
import { affinityTermMatches, type AffinityTerm } from '../../model/affinity-term.js';
import type { NodeInfo } from '../../model/node-info.js';
import { selectorText } from '../../model/node-memo.js';
import type { PodInfo } from '../../model/pod-info.js';
import { labelValue, type TopologyPairCounts } from './topology-pair-counts.js';

/**
 * True when `pod` matches every term (and there is at least one). The terms
 * are the incoming pod's, with namespaceSelectors already merged, so no
 * namespace labels are needed (upstream passes nil).
 */
export function podMatchesAllAffinityTerms(terms: readonly AffinityTerm[], pod: PodInfo): boolean {
  if (terms.length === 0) return false;
  for (const term of terms) {
    if (!affinityTermMatches(term, pod.namespace, pod.labels, undefined)) return false;
  }
  return true;
}

/** Affinity counts a pod once per term, on the node's domain of each term, only if it matches all terms. */
export function updateWithAffinityTerms(
  counts: TopologyPairCounts,
  terms: readonly AffinityTerm[],
  pod: PodInfo,
  node: NodeInfo,
  multiplier: number,
): void {
  if (!podMatchesAllAffinityTerms(terms, pod)) return;
  for (const term of terms) {
    const value = labelValue(node.labels, term.topologyKey);
    if (value !== undefined) counts.update(term.topologyKey, value, multiplier);
  }
}

/**
 * Anti-affinity counts every term that selects `target`, on `node`'s domain
 * of that term; `existingPod` (the pod on `node`) is recorded as the match.
 * `namespaceLabels` are `target`'s namespace labels, needed only when the
 * terms still carry a namespaceSelector (an existing pod's terms).
 */
export function updateWithAntiAffinityTerms(
  counts: TopologyPairCounts,
  terms: readonly AffinityTerm[],
  target: PodInfo,
  namespaceLabels: Labels | undefined,
  node: NodeInfo,
  existingPod: PodInfo,
  multiplier: number,
): void {
  for (let termIndex = 0; termIndex < terms.length; termIndex++) {
    const term = terms[termIndex];
    if (!affinityTermMatches(term, target.namespace, target.labels, namespaceLabels)) continue;
    const value = labelValue(node.labels, term.topologyKey);
    if (value !== undefined) counts.update(term.topologyKey, value, multiplier, { pod: existingPod, nodeName: node.name, termIndex });
  }
}

/** Everything that decides which pods a list of terms matches, as text (a node-memo question). */
export function termsText(terms: readonly AffinityTerm[]): string {
  return terms
    .map((term) => `${[...term.namespaces].sort().join(',')}|${selectorText(term.namespaceSelector)}|${selectorText(term.selector)}|${term.topologyKey}`)
    .join(';');
}
