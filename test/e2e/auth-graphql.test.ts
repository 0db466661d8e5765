/**
 * Authentication, roles and team isolation over GraphQL: UNAUTHENTICATED
 * without a key, FORBIDDEN for a role that may not act, NOT_FOUND for
 * another team's objects — at the root and through nested fields and lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/auth/role.js';
import { as, createKey, startAuthenticatedApp } from '../auth/support.js';
import type { GraphQLResponse, TestApp } from '../support/test-app.js';
import { deployment, threeZones } from './plans-fixtures.js';

const TOPOLOGY = `query($id: ID!) { topology(id: $id) { id name revision zones { zone } nodes(first: 2) { edges { node { name } } } } }`;
const TOPOLOGIES = `{ topologies { edges { node { id zones { zone } } } } }`;
const PLAN = `query($id: ID!) { plan(id: $id) { id byNode { node } placements(first: 5) { edges { node { pod node { name } nodes(first: 2) { totalCount } } } } } }`;
const PLANS = `query($topologyId: ID!) { plans(topologyId: $topologyId) { edges { node { id } } } }`;
const CREATE_TOPOLOGY = `mutation($input: CreateTopologyInput!) { createTopology(input: $input) { id } }`;
const UPDATE_TOPOLOGY = `mutation($id: ID!, $objects: JSON!) { updateTopology(id: $id, objects: $objects) { id revision } }`;
const DELETE_TOPOLOGY = `mutation($id: ID!) { deleteTopology(id: $id) }`;
const CREATE_PLAN = `mutation($input: CreatePlanInput!) { createPlan(input: $input) { id } }`;
const SIMULATE = `mutation($input: SimulateInput!) { simulate(input: $input) { summary { replicas scheduled } } }`;
const RERUN = `mutation($id: ID!) { rerunPlan(id: $id) { id } }`;
const DELETE_PLAN = `mutation($id: ID!) { deletePlan(id: $id) }`;

function errorCode(result: GraphQLResponse): string | undefined {
  return result.errors?.[0]?.extensions?.code;
}

describe('authentication and team isolation over GraphQL', () => {
  let testApp: TestApp;
  const keys = {} as Record<Role, string>;
  let intruderKey: string;
  let topologyId: string;
  let planId: string;

  beforeAll(async () => {
    testApp = await startAuthenticatedApp();
    for (const role of ROLES) keys[role] = await createKey(testApp, role, 'team-a');
    intruderKey = await createKey(testApp, 'admin', 'team-b');
    const created = await as(testApp, keys.editor).graphql(CREATE_TOPOLOGY, { input: { name: 'a-cluster', objects: threeZones() } });
    topologyId = created.data!.createTopology.id;
    const plan = await as(testApp, keys.planner).graphql(CREATE_PLAN, { input: { topologyId, workloads: [deployment('web', 2)] } });
    planId = plan.data!.createPlan.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('answers UNAUTHENTICATED without a key and with a wrong one, for queries and mutations', async () => {
    for (const key of [undefined, 'wrong']) {
      expect(errorCode(await as(testApp, key).graphql(TOPOLOGIES))).toBe('UNAUTHENTICATED');
      expect(errorCode(await as(testApp, key).graphql(DELETE_TOPOLOGY, { id: topologyId }))).toBe('UNAUTHENTICATED');
    }
  });

  const operations = (): { name: string; role: Role; run: (key: string) => Promise<GraphQLResponse> }[] => [
    { name: 'topology', role: 'viewer', run: (key) => as(testApp, key).graphql(TOPOLOGY, { id: topologyId }) },
    { name: 'topologies', role: 'viewer', run: (key) => as(testApp, key).graphql(TOPOLOGIES) },
    { name: 'plan (with nested placements, nodes and byNode)', role: 'viewer', run: (key) => as(testApp, key).graphql(PLAN, { id: planId }) },
    { name: 'plans', role: 'viewer', run: (key) => as(testApp, key).graphql(PLANS, { topologyId }) },
    {
      name: 'simulate',
      role: 'planner',
      run: (key) => as(testApp, key).graphql(SIMULATE, { input: { topologyId, workloads: [deployment('probe', 1)] } }),
    },
    { name: 'createPlan', role: 'planner', run: (key) => as(testApp, key).graphql(CREATE_PLAN, { input: { topologyId, workloads: [deployment('probe', 1)] } }) },
    { name: 'rerunPlan', role: 'planner', run: (key) => as(testApp, key).graphql(RERUN, { id: planId }) },
    { name: 'createTopology', role: 'editor', run: (key) => as(testApp, key).graphql(CREATE_TOPOLOGY, { input: { name: 'probe', objects: threeZones().slice(0, 1) } }) },
    { name: 'updateTopology', role: 'editor', run: (key) => as(testApp, key).graphql(UPDATE_TOPOLOGY, { id: topologyId, objects: threeZones() }) },
  ];

  it.each(ROLES)('lets a %s run exactly the operations of its role and below (FORBIDDEN above)', async (role) => {
    for (const operation of operations()) {
      const allowed = ROLES.indexOf(role) >= ROLES.indexOf(operation.role);
      const result = await operation.run(keys[role]);
      if (allowed) expect(result.errors, `${role} → ${operation.name}`).toBeUndefined();
      else expect(errorCode(result), `${role} → ${operation.name}`).toBe('FORBIDDEN');
    }
  });

  it('records GraphQL writes in the audit log like REST ones, and never a refused one', async () => {
    const created = await as(testApp, keys.editor).graphql(CREATE_TOPOLOGY, { input: { name: 'audited', objects: threeZones().slice(0, 1) } });
    const id = created.data!.createTopology.id;
    await as(testApp, keys.editor).graphql(DELETE_TOPOLOGY, { id });
    await as(testApp, keys.viewer).graphql(DELETE_TOPOLOGY, { id: topologyId });
    const log = await as(testApp, keys.admin).get('/v1/audit?limit=2');
    expect(log.body.items.map((entry: { action: string; objectId: string; team: string }) => [entry.action, entry.objectId, entry.team])).toEqual([
      ['topology.delete', id, 'team-a'],
      ['topology.create', id, 'team-a'],
    ]);
  });

  describe("another team's objects are NOT_FOUND, at the root and through nested fields", () => {
    it('topology, plan and plans answer NOT_FOUND', async () => {
      const intruder = as(testApp, intruderKey);
      for (const [query, variables] of [
        [TOPOLOGY, { id: topologyId }],
        [PLAN, { id: planId }],
        [PLANS, { topologyId }],
      ] as const) {
        const result = await intruder.graphql(query, variables);
        expect(errorCode(result)).toBe('NOT_FOUND');
        expect(result.data ?? null).toBeNull();
      }
    });

    it('mutations on them answer NOT_FOUND and change nothing', async () => {
      const intruder = as(testApp, intruderKey);
      expect(errorCode(await intruder.graphql(UPDATE_TOPOLOGY, { id: topologyId, objects: threeZones().slice(0, 1) }))).toBe('NOT_FOUND');
      expect(errorCode(await intruder.graphql(DELETE_TOPOLOGY, { id: topologyId }))).toBe('NOT_FOUND');
      expect(errorCode(await intruder.graphql(DELETE_PLAN, { id: planId }))).toBe('NOT_FOUND');
      expect(errorCode(await intruder.graphql(RERUN, { id: planId }))).toBe('NOT_FOUND');
      expect(errorCode(await intruder.graphql(CREATE_PLAN, { input: { topologyId, workloads: [deployment('x', 1)] } }))).toBe('NOT_FOUND');
      expect(errorCode(await intruder.graphql(SIMULATE, { input: { topologyId, workloads: [deployment('x', 1)] } }))).toBe('NOT_FOUND');
      const own = await as(testApp, keys.viewer).graphql(PLAN, { id: planId });
      expect(own.errors).toBeUndefined();
      expect(own.data!.plan.id).toBe(planId);
    });

    it("lists hold only the caller's team, nested fields included", async () => {
      const intruder = await as(testApp, intruderKey).graphql(TOPOLOGIES);
      expect(intruder.data!.topologies.edges).toEqual([]);
      const own = await as(testApp, keys.viewer).graphql(TOPOLOGIES);
      const ids = own.data!.topologies.edges.map((edge: { node: { id: string } }) => edge.node.id);
      expect(ids).toContain(topologyId);
      expect(own.data!.topologies.edges[0].node.zones.map((zone: { zone: string }) => zone.zone)).toEqual(['a', 'b', 'c']);
    });
  });
});
