/**
 * The three per-node checks of upstream filtering.go, in upstream's order
 * (Filter: pod affinity, then pod anti-affinity, then existing pods'
 * anti-affinity). Each is a few map lookups on the PreFilter state.
 */
import type { NodeInfo } from '../../model/node-info.js';
import type { InterPodAffinityPreFilterState } from './prefilter-state.js';
import { podMatchesAllAffinityTerms } from './term-matching.js';
import { labelValue } from './topology-pair-counts.js';

/** Upstream satisfyPodAffinity, including the first-replica exception for self-affine pods. */
export function satisfiesPodAffinity(state: InterPodAffinityPreFilterState, node: NodeInfo): boolean {
  let podsExist = true;
  for (const term of state.requiredAffinityTerms) {
    const value = labelValue(node.labels, term.topologyKey);
    // Every term's topology label must be on the node, whatever the counts.
    if (value === undefined) return false;
    if (state.affinityCounts.count(term.topologyKey, value) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself: no pod anywhere matches
  // its terms, but it matches them itself, so it may go to any node that has
  // every topology key (otherwise such groups would stay pending forever).
  return state.affinityCounts.size === 0 && podMatchesAllAffinityTerms(state.requiredAffinityTerms, state.pod);
}

/** Upstream satisfyPodAntiAffinity: no term may have a matching pod in the node's domain. */
export function satisfiesPodAntiAffinity(state: InterPodAffinityPreFilterState, node: NodeInfo): boolean {
  if (state.antiAffinityCounts.size === 0) return true;
  const terms = state.requiredAntiAffinityTerms;
  for (let index = 0; index < terms.length; index++) {
    if (state.antiAffinityCounts.countOn(node.labels, terms[index].topologyKey) > 0) return false;
  }
  return true;
}

/**
 * Upstream satisfyExistingPodsAntiAffinity: no domain of the node may hold an
 * existing pod whose anti-affinity selects the pod. Upstream walks the node's
 * labels; the tally's topology keys (usually one) give the same answer.
 */
export function satisfiesExistingPodsAntiAffinity(state: InterPodAffinityPreFilterState, node: NodeInfo): boolean {
  return !state.existingAntiAffinityCounts.hasPositivePairIn(node.labels);
}
