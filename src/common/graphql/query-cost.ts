/**
 * The cost of a GraphQL operation: every field costs 1, and a field that
 * pages (`first`) multiplies the cost of what is selected under it by the
 * page size it asks for (the default page size when `first` is omitted). So
 * `placements(first: 500) { nodes(first: 500) { … } }` costs about 250,000
 * and is refused, while a dashboard's usual queries cost a few thousand.
 */
import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';

export interface CostLimits {
  readonly maxCost: number;
  readonly defaultPageSize: number;
}

function pageSize(value: ValueNode | undefined, variables: Readonly<Record<string, unknown>>, fallback: number): number {
  if (!value) return fallback;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const bound = variables[value.name.value];
    return typeof bound === 'number' ? bound : fallback;
  }
  return fallback;
}

/**
 * Costs selection sets, remembering each fragment's cost: what a fragment
 * costs does not depend on where it is spread (the multiplier of an
 * enclosing page applies outside it), so each fragment is walked once and
 * the whole walk is linear in the size of the document, however the
 * fragments spread one another.
 */
class CostMeasure {
  private readonly costByFragment = new Map<string, number>();
  private readonly visiting = new Set<string>();

  constructor(
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: Readonly<Record<string, unknown>>,
    private readonly limits: CostLimits,
  ) {}

  of(selectionSet: SelectionSetNode | undefined): number {
    if (!selectionSet) return 0;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const first = selection.arguments?.find((argument) => argument.name.value === 'first');
        const children = this.of(selection.selectionSet);
        const pages = selection.arguments?.some((argument) => argument.name.value === 'after') || first !== undefined;
        const multiplier = pages || isConnection(selection.selectionSet) ? pageSize(first?.value, this.variables, this.limits.defaultPageSize) : 1;
        total += 1 + multiplier * children;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += this.of(selection.selectionSet);
      } else {
        total += this.ofFragment(selection.name.value);
      }
    }
    return total;
  }

  private ofFragment(name: string): number {
    const known = this.costByFragment.get(name);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    if (!fragment || this.visiting.has(name)) return 0;
    this.visiting.add(name);
    const cost = this.of(fragment.selectionSet);
    this.visiting.delete(name);
    this.costByFragment.set(name, cost);
    return cost;
  }
}

/** A selection of `edges { … }` is a connection even when `first` is left to its default. */
function isConnection(selectionSet: SelectionSetNode | undefined): boolean {
  return selectionSet?.selections.some((selection) => selection.kind === Kind.FIELD && selection.name.value === 'edges') ?? false;
}

export function operationCost(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  limits: CostLimits,
): number {
  const fragments = new Map(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  return new CostMeasure(fragments, variables, limits).of(operation.selectionSet);
}

/** An Apollo Server plugin refusing operations over the limit, after variables are known. */
export function queryCostPlugin(limits: CostLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(context) {
          if (!context.operation) return;
          const cost = operationCost(context.document, context.operation, context.request.variables ?? {}, limits);
          if (cost > limits.maxCost) {
            throw new GraphQLError(
              `query cost ${cost} exceeds the limit of ${limits.maxCost}: ask for fewer items (first) in nested lists`,
              { extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost: limits.maxCost, http: { status: 400 } } },
            );
          }
        },
      };
    },
  };
}
