/**
 * v1.NodeSelector and []v1.PreferredSchedulingTerm compiled once, as
 * upstream component-helpers nodeaffinity LazyErrorNodeSelector and
 * PreferredSchedulingTerms: terms are ORed; empty terms select nothing; a
 * term that fails to parse never matches (its errors surface only where
 * upstream surfaces them).
 */
import type { V1NodeSelector, V1PreferredSchedulingTerm } from '@kubernetes/client-node';
import { NodeSelectorTerm, type SelectableNode, type UnmatchedRequirement } from './node-selector-term.js';
import { childPath, indexPath, type SelectorFieldError } from './selector-field-error.js';

/** Why a node selector turned a node away: per (non-empty) term, its first failing requirement or its parse errors. */
export interface UnmatchedTerm {
  readonly term: number;
  readonly requirement?: UnmatchedRequirement;
  readonly parseErrors?: readonly SelectorFieldError[];
}

export class NodeSelector {
  private constructor(private readonly terms: readonly { readonly index: number; readonly term: NodeSelectorTerm }[]) {}

  static compile(selector: V1NodeSelector, path = ''): NodeSelector {
    const termsPath = childPath(path, 'nodeSelectorTerms');
    const terms = (selector.nodeSelectorTerms ?? []).flatMap((term, index) =>
      NodeSelectorTerm.isEmpty(term) ? [] : [{ index, term: NodeSelectorTerm.compile(term, indexPath(termsPath, index)) }],
    );
    return new NodeSelector(terms);
  }

  /** Every term's parse errors (upstream NewNodeSelector reports them all). */
  get parseErrors(): SelectorFieldError[] {
    return this.terms.flatMap(({ term }) => term.parseErrors);
  }

  matches(node: SelectableNode): boolean {
    for (const { term } of this.terms) {
      if (term.matches(node)) return true;
    }
    return false;
  }

  /** For explanations, off the hot path. */
  unmatchedTerms(node: SelectableNode): UnmatchedTerm[] {
    return this.terms.map(({ index, term }) =>
      term.isValid ? { term: index, requirement: term.unmatchedRequirement(node) } : { term: index, parseErrors: term.parseErrors },
    );
  }
}

export class PreferredSchedulingTerms {
  private constructor(private readonly terms: readonly { readonly weight: number; readonly term: NodeSelectorTerm }[]) {}

  /**
   * Terms of weight 0 and empty terms are dropped unparsed, as upstream
   * NewPreferredSchedulingTerms; parse errors are returned, not thrown,
   * with paths like `[0].matchExpressions[0].key`.
   */
  static compile(
    terms: readonly V1PreferredSchedulingTerm[],
    path = '',
  ): { terms: PreferredSchedulingTerms; errors: SelectorFieldError[] } {
    const errors: SelectorFieldError[] = [];
    const parsed: { weight: number; term: NodeSelectorTerm }[] = [];
    terms.forEach((preferred, index) => {
      if (!preferred.weight || NodeSelectorTerm.isEmpty(preferred.preference)) return;
      const term = NodeSelectorTerm.compile(preferred.preference, indexPath(path, index));
      if (term.isValid) parsed.push({ weight: preferred.weight, term });
      else errors.push(...term.parseErrors);
    });
    return { terms: new PreferredSchedulingTerms(parsed), errors };
  }

  /** The sum of the weights of the terms the node matches. */
  score(node: SelectableNode): number {
    let score = 0;
    for (const { weight, term } of this.terms) {
      if (term.matches(node)) score += weight;
    }
    return score;
  }
}
