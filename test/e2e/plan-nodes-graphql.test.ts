/**
 * GraphQL's Plan.nodes: the nodes a stored plan ran on, as GET /v1/plans/{id}/nodes
 * lists them (the same service method). With a scenario that is the edited
 * cluster — added nodes listed, removed ones gone, relabelled and tainted
 * nodes as edited — not the base revision Topology.nodes reads; without one it
 * is the revision's nodes. Sorted, narrowed and paged like the REST route,
 * with full PageInfo and totalCount. Plan.zones totals the same nodes per zone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PodplanApi } from '../../src/cli/server/server-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones, zonedNode } from './plans-fixtures.js';

const ZONE = 'topology.kubernetes.io/zone';
const HOSTNAME = 'kubernetes.io/hostname';
const TAINT = { key: 'maintenance', value: 'soon', effect: 'NoSchedule' };

/** One replica per node: required anti-affinity on the hostname. */
const onePerNode = {
  affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: HOSTNAME, labelSelector: { matchLabels: { app: 'web' } } }] } },
};

/** a2 and b2 go, b1 moves to zone "e" with a new label, c1 is tainted (so it gets no replica), extra-1 joins in zone "d". */
const scenario = [
  { op: 'removeNodes', names: ['a2', 'b2'] },
  { op: 'label', names: ['b1'], labels: { [ZONE]: 'e', tier: 'relabelled' } },
  { op: 'taint', names: ['c1'], taint: TAINT },
  { op: 'addNodes', template: zonedNode('template', 'a'), count: 1, namePrefix: 'extra', zones: ['d'] },
];

/** 4 replicas, one per node, on the 4 untainted nodes of the edited cluster. */
const PLACED = ['a1', 'b1', 'c2', 'extra-1'];

const NODE_FIELDS = 'name zone labels taints { key value effect } podCount';
const PLAN_NODES = `query($id: ID!, $sort: NodeSort, $zone: String, $labelSelector: String, $withPlannedReplicas: Boolean, $first: Int, $after: String) {
  plan(id: $id) {
    nodes(sort: $sort, zone: $zone, labelSelector: $labelSelector, withPlannedReplicas: $withPlannedReplicas, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { ${NODE_FIELDS} } }
    }
  }
}`;

interface ListedNode {
  name: string;
  zone: string | null;
  labels: Record<string, string>;
  taints: { key: string; value: string | null; effect: string }[];
  podCount: number;
}

interface NodesConnection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: ListedNode }[];
}

describe('GraphQL Plan.nodes: the nodes a stored plan ran on', () => {
  let testApp: TestApp;
  let api: PodplanApi;
  let topologyId: string;
  let scenarioPlan: string;
  let plainPlan: string;

  async function planNodes(id: string, variables: Record<string, unknown> = {}): Promise<NodesConnection> {
    const response = await testApp.graphql(PLAN_NODES, { id, ...variables });
    expect(response.errors).toBeUndefined();
    return response.data!.plan.nodes as NodesConnection;
  }

  beforeAll(async () => {
    testApp = await startTestApp();
    api = await testApp.api();
    const topology = await api.POST('/v1/topologies', { body: { name: 'plan-nodes', objects: threeZones() } });
    expect(topology.response.status).toBe(201);
    topologyId = topology.data!.id;
    const edited = await api.POST('/v1/topologies/{id}/plans', { params: { path: { id: topologyId } }, body: { workloads: [deployment('web', 4, onePerNode)], scenario } });
    expect(edited.response.status).toBe(201);
    scenarioPlan = edited.data!.id;
    expect(edited.data!.placements.map((placement) => placement.node).sort()).toEqual(PLACED);
    const plain = await api.POST('/v1/topologies/{id}/plans', { params: { path: { id: topologyId } }, body: { workloads: [deployment('web', 4, onePerNode)] } });
    expect(plain.response.status).toBe(201);
    plainPlan = plain.data!.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('a scenario plan lists the edited cluster: the added node, not the removed ones, labels and taints as edited', async () => {
    const nodes = await planNodes(scenarioPlan);
    expect(nodes.totalCount).toBe(5);
    expect(nodes.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: nodes.edges[0].cursor, endCursor: nodes.edges[4].cursor });
    const byName = Object.fromEntries(nodes.edges.map(({ node }) => [node.name, node]));
    expect(Object.keys(byName)).toEqual(['a1', 'b1', 'c1', 'c2', 'extra-1']);
    expect(byName['extra-1']).toMatchObject({ zone: 'd', labels: expect.objectContaining({ [ZONE]: 'd', [HOSTNAME]: 'extra-1' }), taints: [] });
    expect(byName.b1).toMatchObject({ zone: 'e', labels: expect.objectContaining({ [ZONE]: 'e', tier: 'relabelled' }) });
    expect(byName.c1.taints).toEqual([TAINT]);
    expect(byName.a1).toMatchObject({ zone: 'a', taints: [] });
    expect(byName.a1.labels.tier).toBeUndefined();
    // Topology.nodes still reads the base revision: this is what the plan field changes.
    const base = await testApp.graphql('query($id: ID!) { topology(id: $id) { nodes { edges { node { name zone } } } } }', { id: topologyId });
    expect(base.data!.topology.nodes.edges.map((edge: { node: { name: string } }) => edge.node.name)).toEqual(['a1', 'a2', 'b1', 'b2', 'c1', 'c2']);
  });

  it('lists exactly what GET /v1/plans/{id}/nodes lists, for the same options', async () => {
    for (const options of [{}, { sort: 'replicas', withPlannedReplicas: true }, { zone: 'e' }, { labelSelector: 'tier=relabelled' }, { sort: 'cpu', first: 2 }]) {
      const graphql = await planNodes(scenarioPlan, options);
      const { first, withPlannedReplicas, ...shared } = options as { first?: number; withPlannedReplicas?: boolean; sort?: 'replicas' | 'cpu' };
      const rest = await api.GET('/v1/plans/{id}/nodes', {
        params: {
          path: { id: scenarioPlan },
          query: { ...shared, ...(first === undefined ? {} : { limit: first }), ...(withPlannedReplicas === undefined ? {} : { withPlannedReplicas: String(withPlannedReplicas) as 'true' }) },
        },
      });
      expect(rest.response.status).toBe(200);
      expect(graphql.totalCount, JSON.stringify(options)).toBe(rest.data!.totalCount);
      expect(graphql.edges.map(({ node }) => node), JSON.stringify(options)).toEqual(
        rest.data!.items.map((node) => ({ name: node.name, zone: node.zone, labels: node.labels, taints: node.taints.map((taint) => ({ ...taint, value: taint.value ?? null })), podCount: node.pods })),
      );
      expect(graphql.pageInfo.hasNextPage, JSON.stringify(options)).toBe(rest.data!.nextCursor !== null);
    }
  });

  it('sorts by the plan\'s replicas, keeps the nodes that got one, and pages with full PageInfo', async () => {
    const first = await planNodes(scenarioPlan, { sort: 'replicas', withPlannedReplicas: true, first: 3 });
    expect(first.totalCount).toBe(4);
    expect(first.edges).toHaveLength(3);
    expect(first.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0].cursor, endCursor: first.edges[2].cursor });
    const second = await planNodes(scenarioPlan, { sort: 'replicas', withPlannedReplicas: true, first: 3, after: first.pageInfo.endCursor });
    expect(second.totalCount).toBe(4);
    expect(second.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: second.edges[0].cursor, endCursor: second.edges[0].cursor });
    expect([...first.edges, ...second.edges].map(({ node }) => node.name).sort()).toEqual(PLACED);
    const zoneD = await planNodes(scenarioPlan, { zone: 'd' });
    expect(zoneD.edges.map(({ node }) => node.name)).toEqual(['extra-1']);
  });

  it('a plan without a scenario lists its revision\'s nodes, as Topology.nodes does', async () => {
    const nodes = await planNodes(plainPlan);
    const base = await testApp.graphql(`query($id: ID!) { topology(id: $id) { nodes { totalCount edges { node { ${NODE_FIELDS} } } } } }`, { id: topologyId });
    expect(base.errors).toBeUndefined();
    expect(nodes.totalCount).toBe(6);
    expect(nodes.edges.map(({ node }) => node)).toEqual(base.data!.topology.nodes.edges.map(({ node }: { node: ListedNode }) => node));
    const placed = await planNodes(plainPlan, { withPlannedReplicas: true });
    expect(placed.totalCount).toBe(4);
  });

  it('Plan.zones and GET /v1/plans/{id}/zones total the same edited cluster: zone b gone, d and e new; a plain plan\'s are the topology\'s', async () => {
    const query = 'query($id: ID!) { plan(id: $id) { zones { zone nodes pods } } }';
    const edited = await testApp.graphql(query, { id: scenarioPlan });
    expect(edited.errors).toBeUndefined();
    expect(edited.data!.plan.zones.map(({ zone, nodes }: { zone: string; nodes: number }) => [zone, nodes])).toEqual([
      ['a', 1],
      ['c', 2],
      ['d', 1],
      ['e', 1],
    ]);
    const rest = await api.GET('/v1/plans/{id}/zones', { params: { path: { id: scenarioPlan } } });
    expect(rest.response.status).toBe(200);
    expect(rest.data!.items.map(({ zone, nodes, pods }) => ({ zone, nodes, pods }))).toEqual(edited.data!.plan.zones);
    const plain = await testApp.graphql(query, { id: plainPlan });
    const topology = await testApp.graphql('query($id: ID!) { topology(id: $id) { zones { zone nodes pods } } }', { id: topologyId });
    expect(plain.data!.plan.zones).toEqual(topology.data!.topology.zones);
    expect(plain.data!.plan.zones.map(({ zone }: { zone: string }) => zone)).toEqual(['a', 'b', 'c']);
  });

  it('refuses a cursor it did not hand out, naming `after`', async () => {
    const response = await testApp.graphql(PLAN_NODES, { id: scenarioPlan, after: 'not-a-cursor' });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [expect.objectContaining({ path: 'after' })] });
  });
});
