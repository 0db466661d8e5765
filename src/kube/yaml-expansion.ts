/**
 * How big YAML documents become once their aliases are expanded, measured
 * on the parsed nodes before any is converted. `toJS` copies an anchor's
 * value at every alias, so 99 aliases of a 20,000-item anchor make two
 * million values from a few hundred kilobytes of text, well under any
 * alias-count guard. Each node's expanded size is computed once and
 * remembered, so measuring costs one pass over the written nodes however
 * the aliases nest.
 */
import { isAlias, isMap, isPair, isSeq, type Document } from 'yaml';

/** Aliases may add this many nodes to a stream, or as many as it writes out, whichever is more. */
export const MIN_ALIAS_EXPANSION_BUDGET = 100_000;

export interface YamlSize {
  /** Nodes as written: an alias counts once. */
  readonly written: number;
  /** Nodes after every alias is replaced by a copy of its anchor's value. */
  readonly expanded: number;
}

/** Sizes of one document, anchors resolved in document order as YAML defines them (an alias names the latest anchor before it). */
export function measureYamlDocument(document: Document): YamlSize {
  const anchors = new Map<string, unknown>();
  const expandedSize = new Map<unknown, number>();
  const inProgress = new Set<unknown>();
  let written = 0;

  // Recursive like yaml's own composer, which already nested this deep to build the nodes.
  const measure = (node: unknown): number => {
    if (node === null || node === undefined) return 0;
    // A pair is a key and a value, not a value of its own.
    if (isPair(node)) return measure(node.key) + measure(node.value);
    written += 1;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      // An alias inside its own anchor becomes a reference cycle, not a copy; the depth check refuses it later.
      if (target === undefined || inProgress.has(target)) return 1;
      return expandedSize.get(target) ?? 1;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor !== undefined) anchors.set(anchor, node);
    inProgress.add(node);
    let size = 1;
    if (isMap(node) || isSeq(node)) {
      for (const item of node.items) size += measure(item);
    }
    inProgress.delete(node);
    expandedSize.set(node, size);
    return size;
  };

  const expanded = measure(document.contents);
  return { written, expanded };
}

/** The most nodes a stream that writes `written` nodes may expand to. */
export function expansionLimit(written: number): number {
  return written + Math.max(written, MIN_ALIAS_EXPANSION_BUDGET);
}
