/**
 * Capacity, scale-up and failure domains with DRA devices through REST and
 * GraphQL against real Postgres (issue 16): "how many more 8-GPU training
 * pods fit?", "add 3 nodes of gpu-a100 in zone b" from node groups that
 * carry ResourceSlice templates, and the devices each failure domain takes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gpuCluster, gpuGroup, NO_DEVICES, training } from '../support/dra-clusters.js';
import { GPU_DRIVER } from '../support/dra-objects.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Json = Record<string, any>;

const groups = (): Json[] => [gpuGroup('gpu-l4', 'l4', { zones: ['a', 'b'], price: 1 }), gpuGroup('gpu-a100', 'a100', { zones: ['b'], price: 4 })];

describe('DRA analyses through the API', () => {
  let testApp: TestApp;
  let topologyId: string;
  const post = (path: string, body: object) => testApp.http().post(path).send(body);

  beforeAll(async () => {
    testApp = await startTestApp();
    const created = await post('/v1/topologies', { name: 'gpus', objects: gpuCluster() });
    expect(created.status).toBe(201);
    topologyId = created.body.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('REST capacity on a saved topology: two more 8-GPU training pods, both in zone b', async () => {
    const response = await post('/v1/analyses/capacity', { topologyId, workloads: [training('train', 1, 8)], maxReplicas: 10 });
    expect(response.status).toBe(200);
    expect(response.body.workloads[0]).toMatchObject({ additionalReplicas: 2, byNode: { 'gpu-b-1': 1, 'gpu-b-2': 1 }, byZone: { b: 2 }, limitedBy: NO_DEVICES(5) });
  });

  it('REST scale-up: add 3 nodes of gpu-a100 in zone b; the plan places every replica with its devices', async () => {
    const response = await post('/v1/analyses/scale-up', { topologyId, workloads: [training('train', 5, 8)], nodeGroups: groups() });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ feasible: true, added: [{ nodeGroup: 'gpu-a100', zone: 'b', count: 3 }], totalNodes: 3, totalPrice: 12 });
    expect(response.body.plan.summary).toEqual({ replicas: 5, scheduled: 5, unschedulable: 0 });
    const newNodes = response.body.plan.placements.filter((placement: Json) => placement.node.startsWith('gpu-a100-'));
    expect(newNodes.map((placement: Json) => [placement.node, placement.devices.length, placement.devices[0].pool])).toEqual([
      ['gpu-a100-1', 8, 'gpu-a100-1'],
      ['gpu-a100-2', 8, 'gpu-a100-2'],
      ['gpu-a100-3', 8, 'gpu-a100-3'],
    ]);
  });

  it('REST scale-up: a bad slice template is a 400 naming its path; an unknown field in it too', async () => {
    const bad = gpuGroup('gpu-a100', 'a100', { zones: ['b'] });
    bad.resourceSlices = [{ spec: { driver: GPU_DRIVER, nodeName: 'x', devices: [{ name: 'gpu-0' }] } }];
    const forbidden = await post('/v1/analyses/scale-up', { topologyId, workloads: [training('train', 1, 8)], nodeGroups: [bad] });
    expect(forbidden.status).toBe(400);
    expect(forbidden.body.errors).toEqual([{ path: 'nodeGroups[0].resourceSlices[0].spec.nodeName', message: expect.stringMatching(/^Forbidden: /) }]);
    bad.resourceSlices = [{ spec: { driver: GPU_DRIVER, devices: [{ name: 'gpu-0', capacty: {} }] } }];
    const unknown = await post('/v1/analyses/scale-up', { topologyId, workloads: [training('train', 1, 8)], nodeGroups: [bad] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'nodeGroups[0].resourceSlices[0].spec.devices[0].capacty', message: 'unknown field "capacty" (did you mean "capacity"?)' }]);
  });

  it('REST failure domains: the devices each zone takes, per driver', async () => {
    const response = await post('/v1/analyses/failure-domains', { topologyId, workloads: [training('train', 2, 8)] });
    expect(response.status).toBe(200);
    const devices = Object.fromEntries(response.body.domains.map((domain: Json) => [domain.domain, domain.devices]));
    // The notebook holds 2 of gpu-a-1's GPUs; the two replicas take all 8 of gpu-b-1 and gpu-b-2.
    expect(devices).toEqual({
      a: [{ driver: GPU_DRIVER, lost: 8, inUse: 2 }],
      b: [{ driver: GPU_DRIVER, lost: 24, inUse: 16 }],
      c: [],
    });
  });

  it('GraphQL scaleUp and failureDomains: the same answers', async () => {
    const scaleUp = await testApp.graphql(`mutation($input: ScaleUpInput!) { scaleUp(input: $input) { feasible added { nodeGroup zone count } totalNodes totalPrice } }`, {
      input: { topologyId, workloads: [training('train', 5, 8)], nodeGroups: groups() },
    });
    expect(scaleUp.errors).toBeUndefined();
    expect(scaleUp.data!.scaleUp).toEqual({ feasible: true, added: [{ nodeGroup: 'gpu-a100', zone: 'b', count: 3 }], totalNodes: 3, totalPrice: 12 });
    const domains = await testApp.graphql(`mutation($input: FailureDomainsInput!) { failureDomains(input: $input) { domains { domain devices { driver lost inUse } } } }`, {
      input: { topologyId, workloads: [training('train', 2, 8)] },
    });
    expect(domains.errors).toBeUndefined();
    expect(domains.data!.failureDomains.domains.find((domain: Json) => domain.domain === 'b').devices).toEqual([{ driver: GPU_DRIVER, lost: 24, inUse: 16 }]);
  });
});
