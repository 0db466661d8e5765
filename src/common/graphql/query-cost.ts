/**
 * The cost of a GraphQL operation, computed before anything runs: every field
 * costs 1, or its declared weight when it stands for real work (a plan
 * replay); a field that pages (`first`) multiplies the cost of what is
 * selected under it by the page size it asks for (the default page size when
 * `first` is omitted). Every alias counts: `a: plan(…) b: plan(…)` costs
 * twice `plan(…)`. So `placements(first: 500) { nodes(first: 500) { … } }`
 * is refused, while a dashboard's usual queries cost a few thousand.
 *
 * A page size below 1 is refused here, before any work: a negative `first`
 * would otherwise lower the computed cost of everything under it.
 *
 * Fragments are costed once per operation (memoized by name): what a
 * fragment costs does not depend on where it is spread (the multiplier of an
 * enclosing page applies outside it), so each fragment is walked once and the
 * whole walk is linear in the size of the document, however the fragments
 * spread one another.
 */
import {
  getNamedType,
  GraphQLError,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Request } from 'express';
import { chargeRequestTokens } from '../security/request-tokens.js';

export interface CostLimits {
  readonly maxCost: number;
  readonly defaultPageSize: number;
}

/**
 * Fields that stand for more than a lookup, by `Type.field`, with what one
 * occurrence costs. `PlanPlacement.nodes` replays the stored plan up to that
 * replica (plans are deterministic, so the per-node table is recomputed, not
 * stored): as much work as a plan of that many replicas, so it weighs a
 * hundred plain fields. Replays of one plan asked for in one request share
 * one run (plan-replays.ts), and their actual work counts against
 * PODPLAN_MAX_PLAN_WORK; this weight bounds how many one operation may ask for.
 * `Plan.nodes` of a plan with a scenario applies the scenario to the plan's
 * revision (a scale edit places replicas) the first time it is read
 * (plan-scenario-clusters.ts keeps the result): it weighs as much.
 */
export const FIELD_WEIGHTS: Readonly<Record<string, number>> = {
  'PlanPlacement.nodes': 100,
  'Plan.nodes': 100,
};

/** Query cost per rate-limit token: an operation takes one token per top-level field, and at least one per this much cost. */
export const COST_PER_RATE_TOKEN = 1_000;

function pageSize(field: FieldNode, parent: string, value: ValueNode | undefined, variables: Readonly<Record<string, unknown>>, fallback: number): number {
  let size: unknown = fallback;
  if (value?.kind === Kind.INT) size = Number(value.value);
  else if (value?.kind === Kind.VARIABLE && typeof variables[value.name.value] === 'number') size = variables[value.name.value];
  if (typeof size === 'number' && size < 1) {
    const name = `${parent}.${field.name.value}`;
    throw new GraphQLError(`${name}(first: ${size}): must be at least 1`, {
      nodes: [field],
      extensions: { code: 'BAD_USER_INPUT', errors: [{ path: `${field.alias?.value ?? field.name.value}.first`, message: 'must be at least 1' }], http: { status: 400 } },
    });
  }
  return size as number;
}

/** A selection of `edges { … }` is a connection even when `first` is left to its default. */
function isConnection(selectionSet: SelectionSetNode | undefined): boolean {
  return selectionSet?.selections.some((selection) => selection.kind === Kind.FIELD && selection.name.value === 'edges') ?? false;
}

class CostWalk {
  private readonly fragmentCosts = new Map<string, number>();
  private readonly visiting = new Set<string>();

  constructor(
    private readonly schema: GraphQLSchema | undefined,
    private readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    private readonly variables: Readonly<Record<string, unknown>>,
    private readonly limits: CostLimits,
  ) {}

  private typeNamed(name: string | undefined): GraphQLNamedType | undefined {
    return name === undefined ? undefined : this.schema?.getType(name);
  }

  private fieldType(parent: GraphQLNamedType | undefined, field: string): GraphQLNamedType | undefined {
    if (!parent || !(isObjectType(parent) || isInterfaceType(parent))) return undefined;
    const definition = parent.getFields()[field];
    return definition ? getNamedType(definition.type) : undefined;
  }

  cost(selectionSet: SelectionSetNode | undefined, parent: GraphQLNamedType | undefined): number {
    if (!selectionSet) return 0;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const parentName = parent?.name ?? '?';
        const first = selection.arguments?.find((argument) => argument.name.value === 'first');
        const children = this.cost(selection.selectionSet, this.fieldType(parent, selection.name.value));
        const pages = first !== undefined || selection.arguments?.some((argument) => argument.name.value === 'after') || isConnection(selection.selectionSet);
        const multiplier = pages ? pageSize(selection, parentName, first?.value, this.variables, this.limits.defaultPageSize) : 1;
        total += (FIELD_WEIGHTS[`${parentName}.${selection.name.value}`] ?? 1) + multiplier * children;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += this.cost(selection.selectionSet, this.typeNamed(selection.typeCondition?.name.value) ?? parent);
      } else {
        total += this.fragmentCost(selection.name.value, parent);
      }
    }
    return total;
  }

  private fragmentCost(name: string, parent: GraphQLNamedType | undefined): number {
    const known = this.fragmentCosts.get(name);
    if (known !== undefined) return known;
    const fragment = this.fragments.get(name);
    // Cycles are refused by graphql-js's NoFragmentCyclesRule before this runs; stop here regardless.
    if (!fragment || this.visiting.has(name)) return 0;
    this.visiting.add(name);
    const cost = this.cost(fragment.selectionSet, this.typeNamed(fragment.typeCondition.name.value) ?? parent);
    this.visiting.delete(name);
    this.fragmentCosts.set(name, cost);
    return cost;
  }
}

function rootType(schema: GraphQLSchema | undefined, operation: OperationDefinitionNode): GraphQLNamedType | undefined {
  if (!schema) return undefined;
  return (operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType()) ?? undefined;
}

export function operationCost(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>>,
  limits: CostLimits,
  schema?: GraphQLSchema,
): number {
  const fragments = new Map(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  return new CostWalk(schema, fragments, variables, limits).cost(operation.selectionSet, rootType(schema, operation));
}

/** Top-level fields of the operation (each alias counts, fragments expanded one level): each is a request's worth of work. */
export function rootFieldCount(document: DocumentNode, operation: OperationDefinitionNode): number {
  const fragments = new Map(
    document.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  const counted = new Set<string>();
  const count = (selectionSet: SelectionSetNode): number =>
    selectionSet.selections.reduce((total, selection) => {
      if (selection.kind === Kind.FIELD) return total + (selection.name.value.startsWith('__') ? 0 : 1);
      if (selection.kind === Kind.INLINE_FRAGMENT) return total + count(selection.selectionSet);
      const fragment = fragments.get(selection.name.value);
      if (!fragment || counted.has(fragment.name.value)) return total;
      counted.add(fragment.name.value);
      return total + count(fragment.selectionSet);
    }, 0);
  return count(operation.selectionSet);
}

/** Rate-limit tokens an operation takes: one per top-level field (aliases count), and at least one per COST_PER_RATE_TOKEN of cost. */
export function operationTokens(cost: number, rootFields: number): number {
  return Math.max(1, rootFields, Math.ceil(cost / COST_PER_RATE_TOKEN));
}

/**
 * An Apollo Server plugin refusing operations over the limit, after variables
 * are known and before any resolver runs; an accepted operation's weight in
 * rate-limit tokens is left on the HTTP request for AuthGuard to take.
 */
export function queryCostPlugin(limits: CostLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(context) {
          if (!context.operation) return;
          const cost = operationCost(context.document, context.operation, context.request.variables ?? {}, limits, context.schema);
          if (cost > limits.maxCost) {
            throw new GraphQLError(
              `query cost ${cost} exceeds the limit of ${limits.maxCost}: ask for fewer items (first) in nested lists, fewer aliases, or fewer per-replica node tables`,
              { extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost: limits.maxCost, http: { status: 400 } } },
            );
          }
          const request = (context.contextValue as { req?: Request }).req;
          if (request) chargeRequestTokens(request, operationTokens(cost, rootFieldCount(context.document, context.operation)));
        },
      };
    },
  };
}
