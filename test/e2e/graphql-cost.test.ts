/**
 * What a GraphQL operation is charged is what it costs (issue 17, item 4):
 * 124 aliases × 100 placements' per-node tables were accepted (each table a
 * replay of the plan, ≈14 CPU-minutes); a negative `first` lowered the
 * computed cost; one HTTP request took one rate-limit token however many
 * aliases it carried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAppConfig } from '../../src/config/app-config.js';
import { ADMIN_KEY, as, startAuthenticatedApp } from '../auth/support.js';
import type { TestApp } from '../support/test-app.js';
import { deployment, threeZones } from './plans-fixtures.js';

const REPLICAS = 30;
const NODES = 6;
/** Room for one replay of the whole plan (30 replicas × 6 nodes = 180), not for two. */
const MAX_PLAN_WORK = 200;

const tables = (alias: string, planId: string, first: number) =>
  `${alias}: plan(id: "${planId}") { placements(first: ${first}) { edges { node { replica nodes(first: 1) { totalCount } } } } }`;

describe('GraphQL operations are charged what they cost', () => {
  let testApp: TestApp;
  let planIds: string[];

  beforeAll(async () => {
    const defaults = loadAppConfig({});
    testApp = await startAuthenticatedApp({ limits: { ...defaults.limits, rateLimitPerMinute: 0, maxPlanWork: MAX_PLAN_WORK } });
    const admin = as(testApp, ADMIN_KEY);
    const topology = await admin.post('/v1/topologies', { name: 'cost', objects: threeZones() });
    planIds = [];
    for (const name of ['one', 'two']) {
      const plan = await admin.post(`/v1/topologies/${topology.body.id}/plans`, { workloads: [deployment(name, REPLICAS)] });
      expect(plan.status).toBe(201);
      planIds.push(plan.body.id);
    }
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const graphql = (query: string, variables?: Record<string, unknown>) => as(testApp, ADMIN_KEY).graphql(query, variables);

  it('refuses 124 aliases of 100 per-replica tables before running any replay', async () => {
    const query = `{ ${Array.from({ length: 124 }, (_, index) => tables(`a${index}`, planIds[0], 100)).join(' ')} }`;
    const started = performance.now();
    const response = await graphql(query);
    expect(response.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(response.data ?? null).toBeNull();
    // Generous for a loaded 2-core machine: a refusal, not 12,400 replays.
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('counts each alias of the replaying field: what one alias may ask for, 124 may not', async () => {
    const one = await graphql(`{ ${tables('a0', planIds[0], 100)} }`);
    expect(one.errors).toBeUndefined();
    const many = await graphql(`{ ${Array.from({ length: 6 }, (_, index) => tables(`a${index}`, planIds[0], 100)).join(' ')} }`);
    expect(many.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it.each([
    ['a literal', (planId: string) => [`{ plan(id: "${planId}") { placements(first: -100000) { edges { node { nodes(first: 500) { totalCount } } } } } }`, undefined] as const],
    ['a variable', (planId: string) => [`query($first: Int) { plan(id: "${planId}") { placements(first: $first) { edges { node { replica } } } } }`, { first: 0 }] as const],
  ])('refuses a page size below 1 given as %s before anything runs', async (_how, build) => {
    const [query, variables] = build(planIds[0]);
    const response = await graphql(query, variables);
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/first: -?\d+\): must be at least 1/);
    expect(response.data ?? null).toBeNull();
  });

  it("answers every table of a plan's replicas from one replay (30 tables of a 180-evaluation plan fit a 200 budget)", async () => {
    const response = await graphql(`{ ${tables('a', planIds[0], REPLICAS)} }`);
    expect(response.errors).toBeUndefined();
    const edges = response.data!.a.placements.edges;
    expect(edges).toHaveLength(REPLICAS);
    for (const edge of edges) expect(edge.node.nodes.totalCount).toBe(NODES);
  });

  it('reuses the replay when another alias asks for the same replicas of the same plan', async () => {
    const response = await graphql(`{ ${tables('a', planIds[0], REPLICAS)} ${tables('b', planIds[0], REPLICAS)} }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.b.placements.edges).toHaveLength(REPLICAS);
  });

  it('charges replays of different plans to one budget per request, PODPLAN_MAX_PLAN_WORK', async () => {
    const both = await graphql(`{ ${tables('a', planIds[0], REPLICAS)} ${tables('b', planIds[1], REPLICAS)} }`);
    const refusal = both.errors?.find((error) => error.extensions?.code === 'LIMIT_EXCEEDED');
    expect(refusal?.message).toContain(`PODPLAN_MAX_PLAN_WORK=${MAX_PLAN_WORK}`);
    // The budget is the request's: each plan's tables, asked for on their own, fit.
    for (const planId of planIds) expect((await graphql(`{ ${tables('a', planId, REPLICAS)} }`)).errors).toBeUndefined();
  });
});

describe('the rate limit takes a token per top-level field', () => {
  let testApp: TestApp;
  const BURST = 10;

  beforeAll(async () => {
    const defaults = loadAppConfig({});
    testApp = await startAuthenticatedApp({ limits: { ...defaults.limits, rateLimitPerMinute: 6, rateLimitBurst: BURST } });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('an operation of ten aliases spends the burst; the next request waits', async () => {
    const admin = as(testApp, ADMIN_KEY);
    const aliases = await admin.graphql(`{ ${Array.from({ length: BURST }, (_, index) => `t${index}: topologies(first: 1) { edges { cursor } }`).join(' ')} }`);
    expect(aliases.errors).toBeUndefined();
    const next = await admin.get('/v1/topologies');
    expect(next.status).toBe(429);
    expect(next.headers['retry-after']).toBeDefined();
  });
});
