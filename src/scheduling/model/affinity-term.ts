/**
 * A pod (anti-)affinity term compiled once per pod, as upstream
 * framework.AffinityTerm (framework/types.go newAffinityTerm): a term with
 * neither `namespaces` nor `namespaceSelector` applies to the pod's own
 * namespace; a nil namespaceSelector matches no namespace; an empty one
 * matches all of them.
 */
import type { V1PodAffinityTerm } from '@kubernetes/client-node';
import { CompiledSelector, compileLabelSelector, type Labels } from '../../kube/label-selector.js';

export interface AffinityTerm {
  readonly namespaces: ReadonlySet<string>;
  readonly namespaceSelector: CompiledSelector;
  readonly selector: CompiledSelector;
  readonly topologyKey: string;
  /** The term as submitted, for explanations. */
  readonly source: V1PodAffinityTerm;
}

export interface WeightedAffinityTerm {
  readonly term: AffinityTerm;
  readonly weight: number;
}

export function compileAffinityTerm(ownerNamespace: string, term: V1PodAffinityTerm, path: string): AffinityTerm {
  const namespaces =
    (term.namespaces ?? []).length === 0 && !term.namespaceSelector
      ? new Set([ownerNamespace])
      : new Set(term.namespaces ?? []);
  return {
    namespaces,
    namespaceSelector: compileLabelSelector(term.namespaceSelector, `${path}.namespaceSelector`),
    selector: compileLabelSelector(term.labelSelector, `${path}.labelSelector`),
    topologyKey: term.topologyKey,
    source: term,
  };
}

/** AffinityTerm.Matches: the term selects `pod` (living in a namespace labelled `namespaceLabels`). */
export function affinityTermMatches(
  term: AffinityTerm,
  podNamespace: string,
  podLabels: Labels,
  namespaceLabels: Labels | undefined,
): boolean {
  if (term.namespaces.has(podNamespace) || term.namespaceSelector.matches(namespaceLabels ?? {})) {
    return term.selector.matches(podLabels);
  }
  return false;
}
