/**
 * A validation rule rejecting operations nested deeper than `maxDepth`
 * selection levels (fragments expanded), so a client cannot ask for, say,
 * nodes → pods → … many levels down and make one request arbitrarily costly.
 *
 * A fragment's depth does not depend on where it is spread, so it is
 * computed once per fragment and remembered: a fragment spread twice by each
 * of 24 nested fragments (2^24 expansions if re-walked at every spread) costs
 * one walk of each fragment, and the whole rule stays linear in the size of
 * the document.
 */
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

class DepthMeasure {
  private readonly depthByFragment = new Map<string, number>();
  private readonly visiting = new Set<string>();

  constructor(private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>) {}

  of(selectionSet: SelectionSetNode | undefined): number {
    if (!selectionSet) return 0;
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      let depth: number;
      if (selection.kind === Kind.FIELD) depth = selection.selectionSet ? 1 + this.of(selection.selectionSet) : 1;
      else if (selection.kind === Kind.INLINE_FRAGMENT) depth = this.of(selection.selectionSet);
      else depth = this.ofFragment(selection.name.value);
      deepest = Math.max(deepest, depth);
    }
    return deepest;
  }

  private ofFragment(name: string): number {
    const known = this.depthByFragment.get(name);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    // Unknown fragments and cycles are reported by graphql-js's own rules (KnownFragmentNames, NoFragmentCycles); just stop here.
    if (!fragment || this.visiting.has(name)) return 0;
    this.visiting.add(name);
    const depth = this.of(fragment.selectionSet);
    this.visiting.delete(name);
    this.depthByFragment.set(name, depth);
    return depth;
  }
}

export function depthLimitRule(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    // One measure per document: every operation in it shares the fragments' depths.
    const measure = new DepthMeasure(fragments);
    return {
      OperationDefinition(operation) {
        const depth = measure.of(operation.selectionSet);
        if (depth > maxDepth) {
          context.reportError(
            new GraphQLError(`the operation is ${depth} levels deep; at most ${maxDepth} are allowed`, {
              nodes: [operation],
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          );
        }
      },
    };
  };
}
