/**
 * The incoming pod's terms with their namespaceSelector unrolled into
 * explicit namespaces, as upstream plugin.go mergeAffinityTermNamespacesIfNotEmpty:
 * an empty selector (`{}`, every namespace) is kept as is; any other selector
 * is replaced by the names of the Namespace objects it matches, and then
 * matches nothing by itself. The incoming pod's terms can then be matched
 * against existing pods without looking up each pod's namespace labels.
 *
 * PodInfos are shared and immutable, so this returns new terms instead of
 * editing them in place as upstream does with its per-cycle PodInfo copy.
 */
import { CompiledSelector } from '../../../kube/label-selector.js';
import type { AffinityTerm, WeightedAffinityTerm } from '../../model/affinity-term.js';
import type { ClusterState } from '../../model/cluster-state.js';

export function mergeTermNamespaces(term: AffinityTerm, cluster: ClusterState): AffinityTerm {
  const selector = term.namespaceSelector;
  // `{}` (upstream Selector.Empty()) stays and matches every namespace; a nil
  // selector is Nothing already, which would list no namespace and stay Nothing.
  if (selector.isEverything || selector.matchesNothing) return term;
  const namespaces = new Set(term.namespaces);
  for (const [name, labels] of cluster.objects.namespaceLabels) {
    if (selector.matches(labels)) namespaces.add(name);
  }
  return { ...term, namespaces, namespaceSelector: CompiledSelector.nothing };
}

export function mergeAllTermNamespaces(terms: readonly AffinityTerm[], cluster: ClusterState): readonly AffinityTerm[] {
  return terms.length === 0 ? terms : terms.map((term) => mergeTermNamespaces(term, cluster));
}

export function mergeAllWeightedTermNamespaces(
  terms: readonly WeightedAffinityTerm[],
  cluster: ClusterState,
): readonly WeightedAffinityTerm[] {
  return terms.length === 0 ? terms : terms.map(({ term, weight }) => ({ term: mergeTermNamespaces(term, cluster), weight }));
}
