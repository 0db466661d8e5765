/** Every GraphQL connection answers Relay's full PageInfo and a totalCount, and every edge cursor resumes after its edge. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones } from './plans-fixtures.js';

describe('GraphQL connections', () => {
  let testApp: TestApp;
  let topologyIds: string[];
  let planId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    topologyIds = [];
    for (const name of ['c1', 'c2', 'c3']) {
      const created = await testApp.graphql('mutation($objects: JSON!, $name: String!) { createTopology(input: { name: $name, objects: $objects }) { id } }', {
        objects: threeZones(),
        name,
      });
      expect(created.errors).toBeUndefined();
      topologyIds.push(created.data!.createTopology.id);
    }
    for (const name of ['p1', 'p2', 'p3']) {
      const plan = await testApp.graphql('mutation($t: ID!, $w: JSON!, $name: String) { createPlan(input: { topologyId: $t, workloads: $w, name: $name }) { id } }', {
        t: topologyIds[0],
        w: [deployment('web', 5)],
        name,
      });
      expect(plan.errors).toBeUndefined();
      planId ??= plan.data!.createPlan.id;
    }
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const PAGE = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount';

  it('topologies: first page, then the page after its endCursor', async () => {
    const first = await testApp.graphql(`{ topologies(first: 2) { edges { cursor node { id } } ${PAGE} } }`);
    expect(first.errors).toBeUndefined();
    const page = first.data!.topologies;
    expect(page.edges.map((edge: any) => edge.node.id)).toEqual(topologyIds.slice(0, 2));
    expect(page.totalCount).toBe(3);
    expect(page.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: page.edges[0].cursor, endCursor: page.edges[1].cursor });

    const second = await testApp.graphql(`query($after: String) { topologies(first: 2, after: $after) { edges { cursor node { id } } ${PAGE} } }`, { after: page.pageInfo.endCursor });
    const rest = second.data!.topologies;
    expect(rest.edges.map((edge: any) => edge.node.id)).toEqual([topologyIds[2]]);
    expect(rest.totalCount).toBe(3);
    expect(rest.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true, startCursor: rest.edges[0].cursor, endCursor: rest.edges[0].cursor });
  });

  it("a topology's plans: every edge cursor resumes after its edge", async () => {
    const all = await testApp.graphql(`query($t: ID!) { plans(topologyId: $t) { edges { cursor node { name } } ${PAGE} } }`, { t: topologyIds[0] });
    expect(all.errors).toBeUndefined();
    const plans = all.data!.plans;
    expect(plans.edges.map((edge: any) => edge.node.name)).toEqual(['p1', 'p2', 'p3']);
    expect(plans.totalCount).toBe(3);
    expect(plans.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    const afterFirst = await testApp.graphql(`query($t: ID!, $after: String) { plans(topologyId: $t, after: $after) { edges { node { name } } ${PAGE} } }`, {
      t: topologyIds[0],
      after: plans.edges[0].cursor,
    });
    expect(afterFirst.errors).toBeUndefined();
    expect(afterFirst.data!.plans.edges.map((edge: any) => edge.node.name)).toEqual(['p2', 'p3']);
    expect(afterFirst.data!.plans.pageInfo.hasPreviousPage).toBe(true);
    const none = await testApp.graphql(`query($t: ID!) { plans(topologyId: $t) { ${PAGE} } }`, { t: topologyIds[1] });
    expect(none.data!.plans).toEqual({ pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 });
  });

  it("a plan's placements count what the filter matches; a replica's node table pages by its own cursors", async () => {
    const response = await testApp.graphql(
      `query($id: ID!) { plan(id: $id) {
        all: placements(first: 2) { edges { cursor node { replica nodes(first: 4) { edges { cursor node { node } } ${PAGE} } } } ${PAGE} }
        unplaced: placements(filter: { unschedulable: true }) { ${PAGE} }
      } }`,
      { id: planId },
    );
    expect(response.errors).toBeUndefined();
    const { all, unplaced } = response.data!.plan;
    expect(all.totalCount).toBe(5);
    expect(all.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: all.edges[0].cursor, endCursor: all.edges[1].cursor });
    expect(unplaced).toEqual({ pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 });

    const table = all.edges[0].node.nodes;
    expect(table.totalCount).toBe(6);
    expect(table.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false, endCursor: table.edges[3].cursor });
    const names = table.edges.map((edge: any) => edge.node.node);
    const resumed = await testApp.graphql(
      `query($id: ID!, $after: String) { plan(id: $id) { placements(first: 1) { edges { node { nodes(first: 4, after: $after) { edges { node { node } } ${PAGE} } } } } } }`,
      { id: planId, after: table.edges[1].cursor },
    );
    expect(resumed.errors).toBeUndefined();
    const next = resumed.data!.plan.placements.edges[0].node.nodes;
    expect(next.edges.map((edge: any) => edge.node.node).slice(0, 2)).toEqual(names.slice(2, 4));
    expect(next.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it("a topology's nodes: ClusterNode edges with the full PageInfo", async () => {
    const response = await testApp.graphql(`query($id: ID!) { topology(id: $id) { nodes(first: 4) { edges { cursor node { __typename name } } ${PAGE} } } }`, { id: topologyIds[0] });
    expect(response.errors).toBeUndefined();
    const nodes = response.data!.topology.nodes;
    expect(nodes.totalCount).toBe(6);
    expect(nodes.edges[0].node.__typename).toBe('ClusterNode');
    expect(nodes.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: nodes.edges[0].cursor, endCursor: nodes.edges[3].cursor });
  });
});
