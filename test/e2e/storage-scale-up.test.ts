/**
 * Capacity and scale-up over REST and GraphQL with CSI attach limits
 * (issue 13): nodes at their CSINode limit stop a StatefulSet whose
 * replicas each need a new CSI volume; a node group's `csiDrivers` give the
 * nodes scale-up adds their limits, so it adds as many as those limits need.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachLimitedCluster, DRIVER, statefulSet, storageNodeGroup } from '../analyses/storage-analysis-fixtures.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const LIMITED = { name: DRIVER, allocatable: { count: 2 } };

describe('capacity and scale-up with attach limits', () => {
  let testApp: TestApp;
  let topologyId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const created = await testApp.http().post('/v1/topologies').send({ name: 'attach-limited', objects: attachLimitedCluster() });
    expect(created.status).toBe(201);
    topologyId = created.body.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('REST capacity: one more replica (b-1 has room for one volume), then the attach limit', async () => {
    const response = await testApp.http().post('/v1/analyses/capacity').send({ topologyId, kubernetesVersion: 'v1.34', workloads: [statefulSet(1)], maxReplicas: 10 });
    expect(response.status).toBe(200);
    expect(response.body.workloads[0]).toMatchObject({
      additionalReplicas: 1,
      byNode: { 'b-1': 1 },
      limitedBy:
        '0/2 nodes are available: 2 node(s) exceed max volume count. no new claims to deallocate, preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    });
  });

  it('REST scale-up: 5 replicas need 2 nodes of a group whose CSINode limit is 2', async () => {
    const response = await testApp.http().post('/v1/analyses/scale-up').send({ topologyId, workloads: [statefulSet(5)], nodeGroups: [storageNodeGroup([LIMITED])] });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ feasible: true, totalNodes: 2, added: [{ nodeGroup: 'pool-b', zone: 'b', count: 2, nodes: ['pool-b-1', 'pool-b-2'] }] });
    const nodes = response.body.plan.placements.map((placement: { node: string }) => placement.node).sort();
    expect(nodes).toEqual(['b-1', 'pool-b-1', 'pool-b-1', 'pool-b-2', 'pool-b-2']);
  });

  it('GraphQL scaleUp: the same answer with csiDrivers on NodeGroupInput', async () => {
    const response = await testApp.graphql(
      `mutation($input: ScaleUpInput!) { scaleUp(input: $input) { feasible totalNodes added { nodeGroup zone count nodes } plan { summary { scheduled unschedulable } } } }`,
      { input: { topologyId, workloads: [statefulSet(5)], nodeGroups: [storageNodeGroup([LIMITED])] } },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.scaleUp).toEqual({
      feasible: true,
      totalNodes: 2,
      added: [{ nodeGroup: 'pool-b', zone: 'b', count: 2, nodes: ['pool-b-1', 'pool-b-2'] }],
      plan: { summary: { scheduled: 5, unschedulable: 0 } },
    });
  });

  it('REST scale-up: a negative attach count is a 400 naming the field', async () => {
    const response = await testApp
      .http()
      .post('/v1/analyses/scale-up')
      .send({ topologyId, workloads: [statefulSet(1)], nodeGroups: [storageNodeGroup([{ name: DRIVER, allocatable: { count: -1 } }])] });
    expect(response.status).toBe(400);
    expect(response.body.errors.map((error: { path: string }) => error.path)).toEqual(['nodeGroups[0].csiDrivers[0].allocatable.count']);
  });
});
