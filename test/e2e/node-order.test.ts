/**
 * Node lists sorted and filtered on the server, so a client reads one page at
 * a time in any order: `?sort=` on a topology's nodes (busiest first by what
 * runs), a stored plan's nodes (`GET /v1/plans/{id}/nodes`: busiest after the
 * plan, most replicas, only the nodes that got replicas), and GraphQL's
 * `topology.nodes(sort, planned, withPlannedReplicas)` for a plan not stored.
 * Bad values answer 400 naming the parameter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PodplanApi } from '../../src/cli/server/server-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones, zoneAntiAffinity } from './plans-fixtures.js';

/** Millicores already requested on each node of threeZones() (4 CPUs each). */
const RUNNING_CPU: Record<string, number> = { a1: 2000, a2: 0, b1: 1000, b2: 3000, c1: 0, c2: 400 };
/** plans-fixtures' deployment requests this much per replica. */
const REPLICA_CPU = 500;

function runningPod(node: string, millicores: number) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `load-${node}`, namespace: 'default' },
    spec: { nodeName: node, containers: [{ name: 'load', image: 'load:1', resources: { requests: { cpu: `${millicores}m` } } }] },
    status: { phase: 'Running' },
  };
}

/** Busiest first by CPU, ties by name. */
function busiestFirst(cpu: Record<string, number>): string[] {
  return Object.keys(cpu).sort((left, right) => cpu[right] - cpu[left] || (left < right ? -1 : 1));
}

describe('node lists sorted and filtered on the server', () => {
  let testApp: TestApp;
  let api: PodplanApi;
  let topologyId: string;
  let planId: string;
  /** Node → replicas the stored plan put there. */
  let placed: Record<string, number>;

  beforeAll(async () => {
    testApp = await startTestApp();
    api = await testApp.api();
    const pods = Object.entries(RUNNING_CPU)
      .filter(([, millicores]) => millicores > 0)
      .map(([node, millicores]) => runningPod(node, millicores));
    const topology = await api.POST('/v1/topologies', { body: { name: 'six-nodes', objects: [...threeZones(), ...pods] } });
    expect(topology.response.status).toBe(201);
    topologyId = topology.data!.id;
    // One replica per zone.
    const plan = await testApp.http().post(`/v1/topologies/${topologyId}/plans`).send({ name: 'spread', workloads: [deployment('web', 3, zoneAntiAffinity('web'))] }).expect(201);
    planId = plan.body.id;
    placed = {};
    for (const placement of plan.body.placements as { node: string }[]) placed[placement.node] = (placed[placement.node] ?? 0) + 1;
    expect(Object.values(placed)).toEqual([1, 1, 1]);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  async function topologyNodes(query: Record<string, string | number>): Promise<string[]> {
    const { data, response } = await api.GET('/v1/topologies/{id}/nodes', { params: { path: { id: topologyId }, query } });
    expect(response.status).toBe(200);
    return data!.items.map((node) => node.name);
  }

  async function planNodes(query: Record<string, string | number | boolean>): Promise<{ names: string[]; totalCount: number; nextCursor: string | null }> {
    const { data, response } = await api.GET('/v1/plans/{id}/nodes', { params: { path: { id: planId }, query } });
    expect(response.status).toBe(200);
    return { names: data!.items.map((node) => node.name), totalCount: data!.totalCount, nextCursor: data!.nextCursor };
  }

  it('sorts a topology\'s nodes busiest first by CPU requested, ties by name; by name by default', async () => {
    expect(await topologyNodes({ sort: 'cpu' })).toEqual(busiestFirst(RUNNING_CPU));
    expect(await topologyNodes({})).toEqual(['a1', 'a2', 'b1', 'b2', 'c1', 'c2']);
    expect(await topologyNodes({ sort: 'cpu', zone: 'a' })).toEqual(['a1', 'a2']);
  });

  it('pages a sorted list with its cursor: the pages join into the one-page order', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const { data, response } = await api.GET('/v1/topologies/{id}/nodes', { params: { path: { id: topologyId }, query: { sort: 'cpu', limit: 4, cursor } } });
      expect(response.status).toBe(200);
      expect(data!.totalCount).toBe(6);
      seen.push(...data!.items.map((node) => node.name));
      cursor = data!.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(busiestFirst(RUNNING_CPU));
  });

  it('sorts a plan\'s nodes busiest after the plan, and by planned replicas', async () => {
    const after = Object.fromEntries(Object.entries(RUNNING_CPU).map(([node, cpu]) => [node, cpu + (placed[node] ?? 0) * REPLICA_CPU]));
    expect((await planNodes({ sort: 'cpu' })).names).toEqual(busiestFirst(after));
    const byReplicas = (await planNodes({ sort: 'replicas' })).names;
    expect(byReplicas.slice(0, 3).sort()).toEqual(Object.keys(placed).sort());
    expect(byReplicas.slice(0, 3)).toEqual([...byReplicas.slice(0, 3)].sort());
  });

  it('keeps only the nodes that got replicas, with the zone filter, and counts them', async () => {
    const withReplicas = await planNodes({ withPlannedReplicas: 'true', sort: 'name' } as never);
    expect(withReplicas).toEqual({ names: Object.keys(placed).sort(), totalCount: 3, nextCursor: null });
    const inZoneA = await planNodes({ withPlannedReplicas: 'true', zone: 'a' } as never);
    expect(inZoneA.names).toEqual(Object.keys(placed).filter((node) => node.startsWith('a')));
    expect(inZoneA.totalCount).toBe(1);
    const firstPage = await planNodes({ withPlannedReplicas: 'true', sort: 'cpu', limit: 2 } as never);
    expect(firstPage.names).toHaveLength(2);
    expect(firstPage.nextCursor).not.toBeNull();
  });

  it('answers 400 naming the parameter for a bad sort, a bad flag, a sort by replicas without a plan, a cursor of another order', async () => {
    const badSort = await testApp.http().get(`/v1/topologies/${topologyId}/nodes`).query({ sort: 'busiest' });
    expect(badSort.status).toBe(400);
    expect(badSort.body.errors).toEqual([{ path: 'sort', message: 'must be one of name, cpu, memory, pods, replicas' }]);

    const noPlan = await testApp.http().get(`/v1/topologies/${topologyId}/nodes`).query({ sort: 'replicas' });
    expect(noPlan.status).toBe(400);
    expect(noPlan.body.errors).toEqual([{ path: 'sort', message: '"replicas" needs a plan\'s replicas (GET /v1/plans/{id}/nodes)' }]);

    const badFlag = await testApp.http().get(`/v1/plans/${planId}/nodes`).query({ withPlannedReplicas: 'yes' });
    expect(badFlag.status).toBe(400);
    expect(badFlag.body.errors).toEqual([{ path: 'withPlannedReplicas', message: 'must be true or false' }]);

    const byName = await testApp.http().get(`/v1/plans/${planId}/nodes`).query({ limit: 1 }).expect(200);
    // The cursor after a1 by name: a1 is not among the nodes with replicas unless the plan put one there.
    const otherOrder = await testApp.http().get(`/v1/plans/${planId}/nodes`).query({ withPlannedReplicas: 'true', sort: 'cpu', cursor: byName.body.nextCursor });
    if (placed.a1 === undefined) {
      expect(otherOrder.status).toBe(400);
      expect(otherOrder.body.errors[0].path).toBe('cursor');
    } else expect(otherOrder.status).toBe(200);

    await testApp.http().get('/v1/plans/00000000-0000-4000-8000-000000000000/nodes').expect(404);
  });

  describe('GraphQL topology.nodes', () => {
    const NODES = `query($id: ID!, $sort: NodeSort, $planned: [PlannedNodeLoadInput!], $withPlannedReplicas: Boolean) {
      topology(id: $id) { nodes(sort: $sort, planned: $planned, withPlannedReplicas: $withPlannedReplicas, first: 50) { totalCount edges { node { name } } } }
    }`;

    it('sorts and narrows by the loads of a plan not stored (a dry run\'s)', async () => {
      const planned = [
        { node: 'c1', replicas: 2, cpuMillicores: 3500, memoryBytes: 0 },
        { node: 'a2', replicas: 1, cpuMillicores: 100, memoryBytes: null },
      ];
      const answer = await testApp.graphql(NODES, { id: topologyId, sort: 'cpu', planned, withPlannedReplicas: true });
      expect(answer.errors).toBeUndefined();
      const nodes = (answer.data as any).topology.nodes;
      expect(nodes.totalCount).toBe(2);
      expect(nodes.edges.map((edge: any) => edge.node.name)).toEqual(['c1', 'a2']);

      const byReplicas = await testApp.graphql(NODES, { id: topologyId, sort: 'replicas', planned });
      expect((byReplicas.data as any).topology.nodes.edges.map((edge: any) => edge.node.name).slice(0, 2)).toEqual(['c1', 'a2']);
    });

    it('refuses a node listed twice, and withPlannedReplicas without planned, with BAD_USER_INPUT and the path', async () => {
      const twice = await testApp.graphql(NODES, {
        id: topologyId,
        planned: [
          { node: 'a1', replicas: 1, cpuMillicores: 1, memoryBytes: 1 },
          { node: 'a1', replicas: 1, cpuMillicores: 1, memoryBytes: 1 },
        ],
      });
      expect(twice.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'planned[1].node', message: 'lists node "a1" a second time' }] });
      const alone = await testApp.graphql(NODES, { id: topologyId, withPlannedReplicas: true });
      expect(alone.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'withPlannedReplicas' }] });
      const negative = await testApp.graphql(NODES, { id: topologyId, planned: [{ node: 'a1', replicas: 0, cpuMillicores: 1, memoryBytes: 1 }] });
      expect(negative.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'planned[0].replicas', message: 'must be at least 1' }] });
    });
  });
});
