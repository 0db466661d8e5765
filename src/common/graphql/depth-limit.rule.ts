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
 *
 * Introspection's `__Type.ofType` does not deepen an operation: it follows one
 * type's wrappers (NON_NULL, LIST) to the named type, a chain of a few links
 * that fans out to nothing. graphql-js's getIntrospectionQuery, which
 * GraphiQL sends, follows it nine links down to be safe; counted, those would
 * make the standard introspection query 15 levels deep. Every other field,
 * introspection's `fields`, `type` and `interfaces` included, counts.
 */
import {
  GraphQLError,
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** The root fields into introspection: everything below them is an introspection type (`__Schema`, `__Type`, …). */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** A type condition naming an introspection type: names starting with `__` are reserved to introspection (GraphQL spec, Names). */
function isIntrospectionType(name: string): boolean {
  return name.startsWith('__');
}

class DepthMeasure {
  private readonly depthByFragment = new Map<string, number>();
  private readonly visiting = new Set<string>();

  constructor(private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>) {}

  /** `introspection`: the selection set is on an introspection type, where `ofType` is `__Type.ofType`. */
  of(selectionSet: SelectionSetNode | undefined, introspection = false): number {
    if (!selectionSet) return 0;
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      let depth: number;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const own = introspection && name === 'ofType' ? 0 : 1;
        depth = own + this.of(selection.selectionSet, introspection || INTROSPECTION_ROOTS.has(name));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        depth = this.of(selection.selectionSet, condition === undefined ? introspection : isIntrospectionType(condition));
      } else depth = this.ofFragment(selection.name.value);
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
    // A fragment's type condition says whether it selects on an introspection type, wherever it is spread.
    const depth = this.of(fragment.selectionSet, isIntrospectionType(fragment.typeCondition.name.value));
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
