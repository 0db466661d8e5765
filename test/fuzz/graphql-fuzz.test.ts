/**
 * Seeded, bounded fuzzing of the GraphQL API: hostile values planted in the
 * variables of every mutation, hostile ids and page arguments, and hostile
 * operations (deep nesting, alias floods, fragment cycles, garbage).
 * Invariants: never a 5xx or INTERNAL_SERVER_ERROR; refusals carry a known
 * `extensions.code`, and input errors point at the planted field; nothing is
 * half-written.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startAuthenticatedApp } from '../auth/support.js';
import type { TestApp } from '../support/test-app.js';
import { deployment, threeZones } from '../e2e/plans-fixtures.js';
import { FuzzTally, runs } from './support/fuzz-run.js';
import { hostileValue, mutationsOf, pointsAt, type Mutation } from './support/hostile-values.js';

/** Codes a refusal may carry: ours (problem.ts) and graphql-js / Apollo's own for malformed operations. */
const KNOWN_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'PRECONDITION_FAILED',
  'LIMIT_EXCEEDED',
  'PAYLOAD_TOO_LARGE',
  'QUERY_TOO_COMPLEX',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'CONFLICT',
]);

interface Answer {
  status: number;
  body: { data?: Record<string, any> | null; errors?: { message: string; extensions?: Record<string, any> }[] };
}

describe('fuzzing the GraphQL API with hostile input', () => {
  let testApp: TestApp;
  const tally = new FuzzTally();
  const misplaced: string[] = [];
  let topologyId: string;
  let planId: string;
  let topologiesCreated = 1;

  beforeAll(async () => {
    testApp = await startAuthenticatedApp({ bodyLimitBytes: 2 * 1024 * 1024 });
    const created = await post(`mutation($input: CreateTopologyInput!) { createTopology(input: $input) { id } }`, { input: { name: 'base', objects: threeZones() } });
    topologyId = created.body.data!.createTopology.id;
    const plan = await post(`mutation($input: CreatePlanInput!) { createPlan(input: $input) { id } }`, { input: { topologyId, workloads: [deployment('web', 2)] } });
    planId = plan.body.data!.createPlan.id;
  });

  afterAll(async () => {
    console.log(tally.report('GraphQL fuzz'));
    await testApp?.close();
  });

  async function post(query: string, variables?: unknown): Promise<Answer> {
    const response = await testApp
      .http()
      .post('/graphql')
      .set('Authorization', `Bearer ${ADMIN_KEY}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ query, variables }));
    return { status: response.status, body: response.body };
  }

  function check(operation: string, answer: Answer, planted?: readonly (string | number)[]): void {
    tally.record(operation, answer.status);
    const detail = `${operation}: ${JSON.stringify(answer.body).slice(0, 300)}`;
    expect(answer.status, detail).toBeLessThan(500);
    for (const error of answer.body.errors ?? []) {
      expect(KNOWN_CODES.has(error.extensions?.code), detail).toBe(true);
    }
    const inputError = answer.body.errors?.find((error) => error.extensions?.code === 'BAD_USER_INPUT' && Array.isArray(error.extensions.errors));
    if (planted && inputError && inputError.extensions!.errors.length > 0) {
      const paths: string[] = inputError.extensions!.errors.map((error: { path: string }) => error.path);
      // Services name paths from the input's fields (objects[0]…); checks on the raw variables from `input` (input.objects[0]…).
      const candidates = [planted, ['input', ...planted]];
      if (!paths.some((path) => candidates.some((candidate) => pointsAt(path, candidate)))) misplaced.push(`${operation}: errors at ${JSON.stringify(paths).slice(0, 200)} for ${planted.join('.')}`);
    }
  }

  /** Variables planted under `input` map to error paths without the `input` prefix (REST's body shape). */
  const withoutInput = (mutation: Mutation) => (mutation.path[0] === 'input' ? mutation.path.slice(1) : mutation.path);

  it('createTopology: one hostile value at any path of valid input', async () => {
    await fc.assert(
      fc.asyncProperty(mutationsOf({ input: { name: 'fuzzed', objects: threeZones().slice(0, 2) } }), async (mutation) => {
        const answer = await post(`mutation($input: CreateTopologyInput!) { createTopology(input: $input) { id } }`, mutation.body);
        check('createTopology', answer, withoutInput(mutation));
        if (answer.body.data?.createTopology) topologiesCreated++;
      }),
      runs(120),
    );
  });

  it('simulate and createPlan: one hostile value at any path of valid input', async () => {
    const workloads = [deployment('web', 2, { nodeSelector: { 'topology.kubernetes.io/zone': 'a' } })];
    const operations = [
      { name: 'simulate', query: `mutation($input: SimulateInput!) { simulate(input: $input) { summary { replicas } } }`, input: { objects: threeZones(), workloads, explain: 'SUMMARY' } },
      { name: 'createPlan', query: `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id } }`, input: { topologyId: 'TOPOLOGY', workloads } },
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...operations).chain((operation) => mutationsOf({ input: operation.input }).map((mutation) => ({ operation, mutation }))), async ({ operation, mutation }) => {
        const variables = JSON.parse(JSON.stringify(mutation.body).replaceAll('"TOPOLOGY"', JSON.stringify(topologyId)));
        check(operation.name, await post(operation.query, variables), withoutInput(mutation));
      }),
      runs(160),
    );
  });

  it('queries: hostile ids, revisions and page arguments', async () => {
    const queries = [
      `query($id: ID!, $revision: Int) { topology(id: $id, revision: $revision) { id zones { zone } } }`,
      `query($id: ID!, $first: Int, $after: String) { plan(id: $id) { id placements(first: $first, after: $after) { edges { node { pod } } } } }`,
      `query($first: Int, $after: String) { topologies(first: $first, after: $after) { edges { node { id } } } }`,
      `query($id: ID!, $first: Int, $after: String, $selector: String) { topology(id: $id) { nodes(first: $first, after: $after, labelSelector: $selector) { edges { node { name } } } } }`,
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...queries),
        fc.record({ id: fc.oneof(fc.constant(topologyId), fc.constant(planId), hostileValue), revision: hostileValue, first: hostileValue, after: hostileValue, selector: hostileValue }),
        async (query, variables) => check('queries', await post(query, variables)),
      ),
      runs(160),
    );
  });

  it('hostile operations: deep nesting, alias floods, fragment cycles and garbage', async () => {
    const deepSelection = (depth: number) => `{ topologies { edges { node { ${'nodes { edges { node { '.repeat(depth)} name ${'} } }'.repeat(depth)} } } } }`;
    const aliasFlood = (count: number) => `{ ${Array.from({ length: count }, (_, index) => `a${index}: topologies(first: 500) { edges { node { id } } }`).join(' ')} }`;
    const operations = fc.oneof(
      fc.constantFrom(
        deepSelection(20),
        deepSelection(200),
        aliasFlood(2000),
        'fragment A on Topology { ...B } fragment B on Topology { ...A } { topologies { edges { node { ...A } } } }',
        '{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }',
        '{'.repeat(5000),
        'query { topology(id: "' + 'x'.repeat(100_000) + '") { id } }',
        'mutation { deleteTopology(id: "\'; DROP TABLE topologies; --") }',
      ),
      fc.string({ maxLength: 300 }),
    );
    await fc.assert(fc.asyncProperty(operations, async (query) => check('hostile operations', await post(query))), runs(80));
  });

  it('stored only whole topologies: the list matches the acknowledged creations', async () => {
    const listed = await post(`{ topologies(first: 500) { edges { node { id revision } } } }`);
    expect(listed.body.data!.topologies.edges.length).toBe(topologiesCreated);
  });

  it('pointed every refusal of a planted value at that value', () => {
    expect([...new Set(misplaced)]).toEqual([]);
  });

  it('kept memory bounded', () => {
    expect(tally.peakRss - tally.baselineRss).toBeLessThan(768 * 1024 ** 2);
  });
});
