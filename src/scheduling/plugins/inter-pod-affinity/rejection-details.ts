/**
 * Structured facts behind each InterPodAffinity rejection, built only once a
 * node is rejected: which of the incoming pod's terms failed and why, or
 * which existing pods (and which of their terms) stand in the way.
 */
import type { ReasonDetail } from '../../framework/status.js';
import type { AffinityTerm } from '../../model/affinity-term.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { InterPodAffinityPreFilterState } from './prefilter-state.js';
import { labelValue, type TermMatch } from './topology-pair-counts.js';

/** At most this many blocking pods are named per rejected node; `matchingPods` still gives the full count. */
export const MAX_NAMED_PODS = 10;

export type TermKind = 'requiredAffinity' | 'requiredAntiAffinity';

function describeTerm(kind: TermKind, termIndex: number, term: AffinityTerm): Record<string, unknown> {
  return {
    kind,
    termIndex,
    topologyKey: term.topologyKey,
    selector: term.selector.toString(),
    namespaces: [...term.namespaces].sort(),
  };
}

function describeMatches(matches: readonly TermMatch[]): { pods: string[]; matchingPods: number } {
  return { pods: matches.slice(0, MAX_NAMED_PODS).map((match) => match.pod.key), matchingPods: matches.length };
}

/**
 * The affinity terms that fail on the node: those whose topology label the
 * node lacks (these alone decide), else those with no matching pod in the
 * node's domain.
 */
export function affinityRejectionDetails(state: InterPodAffinityPreFilterState, node: NodeInfo): ReasonDetail[] {
  const missingLabel: ReasonDetail[] = [];
  const noMatchingPod: ReasonDetail[] = [];
  state.requiredAffinityTerms.forEach((term, termIndex) => {
    const value = labelValue(node.labels, term.topologyKey);
    if (value === undefined) {
      missingLabel.push({ ...describeTerm('requiredAffinity', termIndex, term), cause: 'nodeLacksTopologyKey' });
    } else if (state.affinityCounts.count(term.topologyKey, value) <= 0) {
      noMatchingPod.push({ ...describeTerm('requiredAffinity', termIndex, term), topologyValue: value, cause: 'noMatchingPodInDomain' });
    }
  });
  return missingLabel.length > 0 ? missingLabel : noMatchingPod;
}

/** The anti-affinity terms with matching pods in the node's domain, naming those pods. */
export function antiAffinityRejectionDetails(state: InterPodAffinityPreFilterState, node: NodeInfo): ReasonDetail[] {
  const details: ReasonDetail[] = [];
  state.requiredAntiAffinityTerms.forEach((term, termIndex) => {
    const value = labelValue(node.labels, term.topologyKey);
    if (value === undefined || state.antiAffinityCounts.count(term.topologyKey, value) <= 0) return;
    details.push({
      ...describeTerm('requiredAntiAffinity', termIndex, term),
      topologyValue: value,
      cause: 'matchingPodInDomain',
      ...describeMatches(state.antiAffinityCounts.matches(term.topologyKey, value)),
    });
  });
  return details;
}

/** The existing pods whose required anti-affinity selects the incoming pod in one of the node's domains, with their term. */
export function existingAntiAffinityRejectionDetails(state: InterPodAffinityPreFilterState, node: NodeInfo): ReasonDetail[] {
  const details: ReasonDetail[] = [];
  for (const key in node.labels) {
    const value = node.labels[key];
    if (state.existingAntiAffinityCounts.count(key, value) <= 0) continue;
    for (const match of state.existingAntiAffinityCounts.matches(key, value)) {
      if (details.length === MAX_NAMED_PODS) return details;
      const term = match.pod.requiredAntiAffinityTerms[match.termIndex];
      details.push({
        ...describeTerm('requiredAntiAffinity', match.termIndex, term),
        topologyValue: value,
        cause: 'existingPodAntiAffinity',
        pod: match.pod.key,
        podNode: match.nodeName,
      });
    }
  }
  return details;
}
