/**
 * Reading a stored plan's explanations stores nothing (#21 item 6): the
 * per-replica node tables over REST and GraphQL are replays of the stored
 * plan, and every table podplan writes holds as many rows afterwards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { makeNode } from '../support/kube-builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const TABLES = ['topologies', 'topology_revisions', 'plans', 'plan_placements', 'analyses', 'audit_log'];

describe('explanation reads of a stored plan', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  async function rowCounts(): Promise<Record<string, number>> {
    const database = testApp.app.get(DataSource);
    const counts: Record<string, number> = {};
    for (const table of TABLES) counts[table] = ((await database.query(`SELECT count(*)::int AS count FROM ${table}`)) as { count: number }[])[0].count;
    return counts;
  }

  it('store no plan, placement, analysis, revision or audit row (REST node tables, GraphQL nodes, the plan itself)', async () => {
    const nodes = ['a1', 'b1', 'c1'].map((name) => makeNode(name).zone(name.slice(0, 1)).build());
    const topology = await testApp.http().post('/v1/topologies').send({ name: 'explained', objects: nodes });
    expect(topology.status).toBe(201);
    const workload = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '100m' } } }] } } } };
    const plan = await testApp.http().post(`/v1/topologies/${topology.body.id}/plans`).send({ workloads: [workload] });
    expect(plan.status).toBe(201);
    const before = await rowCounts();
    expect(before.plans).toBe(1);

    for (const placement of plan.body.placements as { pod: string; namespace: string }[]) {
      const table = await testApp.http().get(`/v1/plans/${plan.body.id}/placements/${placement.pod}/nodes`).query({ namespace: placement.namespace });
      expect(table.status).toBe(200);
      expect(table.body.items).toHaveLength(3);
    }
    const graphql = await testApp.graphql(
      `query ($id: ID!) { plan(id: $id) { id placements(first: 10) { edges { node { pod nodes(first: 10) { edges { node { node feasible total } } } } } } } }`,
      { id: plan.body.id },
    );
    expect(graphql.errors).toBeUndefined();
    const tables = graphql.data?.plan.placements.edges.map((edge: { node: { nodes: { edges: unknown[] } } }) => edge.node.nodes.edges.length);
    expect(tables).toEqual([3, 3]);
    expect((await testApp.http().get(`/v1/plans/${plan.body.id}`)).status).toBe(200);

    expect(await rowCounts()).toEqual(before);
  });
});
