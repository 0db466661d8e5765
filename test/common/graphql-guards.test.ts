/**
 * The GraphQL depth rule and cost model against fragment bombs: fragments
 * that spread the next one twice, many levels down, expand to 2^levels
 * selections. Both must give the expanded answer (the depth and the cost as
 * if every spread were inlined) while walking each fragment once, so a
 * 60-level bomb (2^60 expansions) is measured and refused at all.
 */
import { readFileSync } from 'node:fs';
import { buildSchema, getIntrospectionQuery, Kind, parse, specifiedRules, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { depthLimitRule } from '../../src/common/graphql/depth-limit.rule.js';
import { operationCost } from '../../src/common/graphql/query-cost.js';

const schema = buildSchema(readFileSync(new URL('../../schema.gql', import.meta.url), 'utf8'));
const LIMITS = { maxCost: 50_000, defaultPageSize: 20 };

/** `F0` spreads `F1` twice, … `F{levels-1}` spreads `F{levels}` twice; `F{levels}` selects `leaf`. */
function fragmentBomb(levels: number, leaf: string, root = '{ topology(id: "x") { ...F0 } }'): string {
  const fragments = Array.from({ length: levels }, (_, level) => `fragment F${level} on Topology { ...F${level + 1} ...F${level + 1} }`);
  return `${root} ${fragments.join(' ')} fragment F${levels} on Topology { ${leaf} }`;
}

function costOf(document: DocumentNode, variables: Record<string, unknown> = {}): number {
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  return operationCost(document, operation, variables, LIMITS);
}

function depthErrors(query: string, maxDepth: number): string[] {
  return validate(schema, parse(query), [depthLimitRule(maxDepth)]).map((error) => error.message);
}

describe('the cost of fragment bombs', () => {
  it('counts every expansion, as if each spread were written out', () => {
    // topology (1) + 2^levels copies of `id name` (2 each).
    expect(costOf(parse(fragmentBomb(3, 'id name')))).toBe(1 + 2 ** 3 * 2);
    expect(costOf(parse(fragmentBomb(24, 'id name')))).toBe(1 + 2 ** 24 * 2);
  });

  it('measures a 60-level bomb (2^60 expansions) by walking each fragment once', () => {
    expect(costOf(parse(fragmentBomb(60, 'id')))).toBe(1 + 2 ** 60);
  });

  it('charges a fragment under a page by that page, wherever it is spread', () => {
    const query = `{ topologies(first: 5) { edges { node { ...T } } } a: topology(id: "x") { ...T } }
      fragment T on Topology { id name }`;
    // topologies: 1 + 5 × (edges 1 + (node 1 + 2)); the aliased topology: 1 + 2.
    expect(costOf(parse(query))).toBe(1 + 5 * (1 + 1 + 2) + 1 + 2);
  });
});

describe('the depth of fragment bombs', () => {
  it('is the depth of the expanded operation, each fragment measured once', () => {
    expect(depthErrors(fragmentBomb(60, 'id'), 10)).toEqual([]);
    const deepLeaf = 'nodes { edges { node { pods { edges { node { name } } } } } }';
    expect(depthErrors(fragmentBomb(60, deepLeaf), 7)).toEqual(['the operation is 8 levels deep; at most 7 are allowed']);
  });

  it('shares fragment depths between operations of one document', () => {
    const query = `query A { topology(id: "x") { ...Deep } } query B { topologies { edges { node { ...Deep } } } }
      fragment Deep on Topology { nodes { edges { node { name } } } }`;
    expect(depthErrors(query, 6)).toEqual(['the operation is 7 levels deep; at most 6 are allowed']);
  });

  it('stops at fragment cycles, which graphql-js reports', () => {
    const query = '{ topology(id: "x") { ...A } } fragment A on Topology { ...B } fragment B on Topology { ...A id }';
    const messages = validate(schema, parse(query), [...specifiedRules, depthLimitRule(10)]).map((error) => error.message);
    expect(messages).toContain('Cannot spread fragment "A" within itself via "B".');
  });

  it('passes a 24-level bomb through every graphql-js rule too (only the cost refuses it)', () => {
    expect(validate(schema, parse(fragmentBomb(24, 'id name')), [...specifiedRules, depthLimitRule(10)])).toEqual([]);
  });
});

describe('the depth of introspection', () => {
  it("passes the introspection query GraphiQL sends: `__Type.ofType` chains add no depth", () => {
    // __schema > types > fields > args > type > name; the nine ofType links below `type` count nothing.
    const query = getIntrospectionQuery({ inputValueDeprecation: true, schemaDescription: true });
    expect(depthErrors(query, 6)).toEqual([]);
    expect(depthErrors(query, 5)).toEqual(['the operation is 6 levels deep; at most 5 are allowed']);
  });

  it('counts every other introspection field, below an ofType too', () => {
    // __type > fields > type > (ofType) > fields > type > fields > name
    const query = '{ __type(name: "Topology") { fields { type { ofType { fields { type { fields { name } } } } } } } }';
    expect(depthErrors(query, 7)).toEqual([]);
    expect(depthErrors(query, 6)).toEqual(['the operation is 7 levels deep; at most 6 are allowed']);
  });

  it('frees ofType only on introspection types, by the fragment type condition wherever it is spread', () => {
    const query = '{ __schema { types { ...Ref } } } fragment Ref on __Type { ofType { ofType { ofType { name } } } }';
    expect(depthErrors(query, 3)).toEqual([]);
    expect(depthErrors(query, 2)).toEqual(['the operation is 3 levels deep; at most 2 are allowed']);
  });
});
