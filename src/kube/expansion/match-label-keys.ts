/**
 * KEP-3633 (MatchLabelKeysInPodAffinity, on by default since 1.31): on pod
 * create the API server turns each pod (anti-)affinity term's
 * matchLabelKeys into `key In (pod's value)` and mismatchLabelKeys into
 * `key NotIn (pod's value)` requirements of the term's labelSelector (pkg/registry/core/pod/strategy.go
 * applyMatchLabelKeysAndMismatchLabelKeys). Keys the pod has no label for
 * are ignored; terms without a labelSelector are left alone.
 */
import type { V1Affinity, V1PodAffinityTerm } from '@kubernetes/client-node';

/** Tolerates malformed input (validation runs on the result and reports it). */
export function mergeMatchLabelKeys(affinity: V1Affinity | undefined, labels: Readonly<Record<string, string>>): V1Affinity | undefined {
  if (typeof affinity !== 'object' || affinity === null) return affinity;
  const merged: V1Affinity = { ...affinity };
  for (const field of ['podAffinity', 'podAntiAffinity'] as const) {
    const podAffinity = affinity[field];
    if (typeof podAffinity !== 'object' || podAffinity === null) continue;
    merged[field] = {
      ...podAffinity,
      ...(Array.isArray(podAffinity.requiredDuringSchedulingIgnoredDuringExecution) && {
        requiredDuringSchedulingIgnoredDuringExecution: podAffinity.requiredDuringSchedulingIgnoredDuringExecution.map((term) => mergeTerm(term, labels)),
      }),
      ...(Array.isArray(podAffinity.preferredDuringSchedulingIgnoredDuringExecution) && {
        preferredDuringSchedulingIgnoredDuringExecution: podAffinity.preferredDuringSchedulingIgnoredDuringExecution.map((weighted) =>
          typeof weighted === 'object' && weighted !== null ? { ...weighted, podAffinityTerm: mergeTerm(weighted.podAffinityTerm, labels) } : weighted,
        ),
      }),
    };
  }
  return merged;
}

function mergeTerm(term: V1PodAffinityTerm, labels: Readonly<Record<string, string>>): V1PodAffinityTerm {
  if (typeof term !== 'object' || term === null || typeof term.labelSelector !== 'object' || term.labelSelector === null) return term;
  const present = (keys: unknown): string[] => (Array.isArray(keys) ? keys.filter((key): key is string => typeof key === 'string' && Object.hasOwn(labels, key)) : []);
  const added = [
    ...present(term.matchLabelKeys).map((key) => ({ key, operator: 'In', values: [labels[key]] })),
    ...present(term.mismatchLabelKeys).map((key) => ({ key, operator: 'NotIn', values: [labels[key]] })),
  ];
  if (added.length === 0) return term;
  const existing = Array.isArray(term.labelSelector.matchExpressions) ? term.labelSelector.matchExpressions : [];
  return { ...term, labelSelector: { ...term.labelSelector, matchExpressions: [...existing, ...added] } };
}
