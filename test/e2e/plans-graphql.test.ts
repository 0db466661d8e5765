/** Plans and simulations through GraphQL, with the queries a dashboard makes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones, zoneAntiAffinity } from './plans-fixtures.js';

describe('plans over GraphQL', () => {
  let testApp: TestApp;
  let topologyId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const created = await testApp.graphql('mutation($objects: JSON!) { createTopology(input: { name: "gql", objects: $objects }) { id } }', {
      objects: threeZones(),
    });
    expect(created.errors).toBeUndefined();
    topologyId = created.data!.createTopology.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('simulates statelessly with the contract\'s selection set', async () => {
    const response = await testApp.graphql(
      `mutation($objects: JSON, $workloads: JSON!) {
        simulate(input: { objects: $objects, workloads: $workloads, explain: summary }) {
          summary { replicas scheduled unschedulable }
          placements { workload { apiVersion kind namespace name } replica pod node score message }
        }
      }`,
      { objects: threeZones(), workloads: [deployment('ha', 4, zoneAntiAffinity('ha'))] },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.simulate.summary).toEqual({ replicas: 4, scheduled: 3, unschedulable: 1 });
    expect(response.data!.simulate.placements[3]).toMatchObject({
      workload: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'ha' },
      replica: 3,
      node: null,
      score: null,
      message: "0/6 nodes are available: 6 node(s) didn't match pod anti-affinity rules. no new claims to deallocate, preemption: 0/6 nodes are available: 6 No preemption victims found for incoming pod.",
    });
  });

  it('applies scenario edits in a simulation, as REST does', async () => {
    const response = await testApp.graphql(
      `mutation($objects: JSON, $workloads: JSON!, $scenario: JSON) {
        simulate(input: { objects: $objects, workloads: $workloads, scenario: $scenario }) { summary { replicas scheduled unschedulable } }
      }`,
      {
        objects: threeZones(),
        workloads: [deployment('ha', 3, zoneAntiAffinity('ha'))],
        scenario: [{ op: 'removeNodes', selector: 'topology.kubernetes.io/zone=c' }],
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.simulate.summary).toEqual({ replicas: 3, scheduled: 2, unschedulable: 1 });
  });

  describe('a stored plan, as a dashboard reads it', () => {
    let planId: string;

    beforeAll(async () => {
      const response = await testApp.graphql(
        `mutation($topologyId: ID!, $workloads: JSON!) {
          createPlan(input: { topologyId: $topologyId, workloads: $workloads, name: "dash" }) { id status summary { replicas scheduled } }
        }`,
        { topologyId, workloads: [deployment('web', 4)] },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.createPlan).toMatchObject({ status: 'succeeded', summary: { replicas: 4, scheduled: 4 } });
      planId = response.data!.createPlan.id;
    });

    it('pages placements with their node, score breakdown and per-node table', async () => {
      const response = await testApp.graphql(
        `query($id: ID!) {
          plan(id: $id) {
            id topologyId revision
            summary { replicas scheduled unschedulable }
            placements(first: 2) {
              edges { node {
                pod replica message score
                node { name zone labels }
                candidates { node total scores { plugin raw normalized weighted } }
                nodes(first: 3) { totalCount edges { node { node feasible total } } pageInfo { hasNextPage } }
              } }
              pageInfo { hasNextPage endCursor }
            }
            byZone { zone replicas workloads { workload { name } replicas } }
            byNode { node replicas }
          }
        }`,
        { id: planId },
      );
      expect(response.errors).toBeUndefined();
      const plan = response.data!.plan;
      expect(plan).toMatchObject({ id: planId, topologyId, revision: 1, summary: { replicas: 4, scheduled: 4, unschedulable: 0 } });
      expect(plan.placements.edges).toHaveLength(2);
      expect(plan.placements.pageInfo.hasNextPage).toBe(true);
      const [first] = plan.placements.edges.map((edge: any) => edge.node);
      expect(first.node.labels['kubernetes.io/hostname']).toBe(first.node.name);
      expect(first.node.zone).toBe(first.node.labels['topology.kubernetes.io/zone']);
      expect(first.candidates[0].node).toBe(first.node.name);
      const sum = first.candidates[0].scores.reduce((total: number, part: any) => total + part.weighted, 0);
      expect(first.candidates[0].total).toBe(sum);
      expect(first.nodes.totalCount).toBe(6);
      expect(first.nodes.edges).toHaveLength(3);
      expect(plan.byZone.reduce((total: number, zone: any) => total + zone.replicas, 0)).toBe(4);
      expect(plan.byNode.reduce((total: number, node: any) => total + node.replicas, 0)).toBe(4);

      const next = await testApp.graphql('query($id: ID!, $after: String) { plan(id: $id) { placements(first: 2, after: $after) { edges { node { replica } } pageInfo { hasNextPage } } } }', {
        id: planId,
        after: plan.placements.pageInfo.endCursor,
      });
      expect(next.data!.plan.placements.edges.map((edge: any) => edge.node.replica)).toEqual([2, 3]);
      expect(next.data!.plan.placements.pageInfo.hasNextPage).toBe(false);
    });

    it('lists plans of a topology, reruns and deletes', async () => {
      const rerun = await testApp.graphql('mutation($id: ID!) { rerunPlan(id: $id) { id rerunOf revision } }', { id: planId });
      expect(rerun.errors).toBeUndefined();
      expect(rerun.data!.rerunPlan).toMatchObject({ rerunOf: planId, revision: 1 });
      const list = await testApp.graphql('query($t: ID!) { plans(topologyId: $t) { edges { node { id name } } pageInfo { hasNextPage } } }', { t: topologyId });
      expect(list.data!.plans.edges.map((edge: any) => edge.node.id)).toEqual(expect.arrayContaining([planId, rerun.data!.rerunPlan.id]));
      const deleted = await testApp.graphql('mutation($id: ID!) { deletePlan(id: $id) }', { id: rerun.data!.rerunPlan.id });
      expect(deleted.data!.deletePlan).toBe(true);
      const gone = await testApp.graphql('query($id: ID!) { plan(id: $id) { id } }', { id: rerun.data!.rerunPlan.id });
      expect(gone.errors![0].extensions!.code).toBe('NOT_FOUND');
    });
  });

  it('answers BAD_USER_INPUT with the same error paths as REST', async () => {
    const bad = deployment('bad', 1);
    (bad.spec.selector as any).matchLabels = { app: 'other' };
    const response = await testApp.graphql('mutation($t: ID!, $w: JSON!) { createPlan(input: { topologyId: $t, workloads: $w }) { id } }', { t: topologyId, w: [bad] });
    expect(response.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(response.errors![0].extensions!.errors.map((error: any) => error.path)).toContain('workloads[0].spec.template.metadata.labels');
  });
});
