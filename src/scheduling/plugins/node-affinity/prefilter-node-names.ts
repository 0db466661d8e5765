/**
 * The node names a pod's required node affinity pins it to, as upstream
 * NodeAffinity.PreFilter: per term, the intersection of its `metadata.name`
 * In requirements; across terms (ORed), their union. A term without such a
 * requirement could match any node, so then there is no restriction.
 */
import type { V1NodeSelectorTerm } from '@kubernetes/client-node';

const OBJECT_NAME_FIELD = 'metadata.name';

export type NodeNameRestriction =
  | { readonly kind: 'any' }
  /** `names` may be empty: the terms contradict each other and no node can match. */
  | { readonly kind: 'only'; readonly names: ReadonlySet<string> };

const ANY: NodeNameRestriction = { kind: 'any' };

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  return new Set([...a].filter((name) => b.has(name)));
}

export function nodeNamesFromTerms(terms: readonly V1NodeSelectorTerm[]): NodeNameRestriction {
  if (terms.length === 0) return ANY;
  const union = new Set<string>();
  for (const term of terms) {
    let termNames: Set<string> | undefined;
    for (const requirement of term.matchFields ?? []) {
      if (requirement.key !== OBJECT_NAME_FIELD || requirement.operator !== 'In') continue;
      const names = new Set(requirement.values ?? []);
      termNames = termNames === undefined ? names : intersect(termNames, names);
    }
    if (termNames === undefined) return ANY;
    for (const name of termNames) union.add(name);
  }
  return { kind: 'only', names: union };
}
