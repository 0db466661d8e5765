/**
 * Stateless simulations over REST: inline clusters and saved topologies, full and summary explanations, nothing stored.
 * Requests go through the typed client generated from openapi.json; bad input through raw HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { paths } from '../../src/cli/server/podplan-api.js';
import type { PodplanApi } from '../../src/cli/server/server-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones, zoneAntiAffinity, zonedNode } from './plans-fixtures.js';

type SimulationBody = paths['/v1/simulations']['post']['requestBody']['content']['application/json'];

describe('POST /v1/simulations', () => {
  let testApp: TestApp;
  let api: PodplanApi;

  beforeAll(async () => {
    testApp = await startTestApp();
    api = await testApp.api();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const simulate = async (body: SimulationBody) => {
    const { data, response } = await api.POST('/v1/simulations', { body });
    return { status: response.status, body: data! };
  };
  const simulateRaw = (body: unknown) => testApp.http().post('/v1/simulations').send(body as object);

  it('answers the contract shape for an inline cluster, with every node explained in full', async () => {
    const tainted = { ...zonedNode('tainted', 'a'), spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } };
    const small = zonedNode('small', 'b', '250m');
    const response = await simulate({
      cluster: { objects: [zonedNode('fits', 'a'), tainted, small] },
      workloads: [deployment('web', 2)],
      explain: 'full',
    });
    expect(response.status).toBe(200);
    expect(response.body.summary).toEqual({ replicas: 2, scheduled: 2, unschedulable: 0 });
    const [first] = response.body.placements;
    expect(first).toMatchObject({ workload: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' }, replica: 0, node: 'fits' });
    const byNode = Object.fromEntries(first.nodes!.map((node) => [node.node, node]));
    expect(byNode.tainted).toMatchObject({ feasible: false, filters: [{ plugin: 'TaintToleration', reason: 'node(s) had untolerated taint(s)' }] });
    expect(byNode.small).toMatchObject({ feasible: false, filters: [{ plugin: 'NodeResourcesFit', reason: 'Insufficient cpu' }] });
    expect(byNode.fits.feasible).toBe(true);
    const parts = Object.values(byNode.fits.scores ?? {});
    expect(byNode.fits.total).toBe(parts.reduce((sum, part) => sum + part.weighted, 0));
    expect(first.score).toBe(byNode.fits.total);
  });

  it('gives kube-scheduler\'s FailedScheduling text for an unplaceable replica, reasons counted per node and sorted', async () => {
    const tainted = { ...zonedNode('tainted', 'a'), spec: { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] } };
    const response = await simulate({
      cluster: { objects: [tainted, zonedNode('small-1', 'b', '250m'), zonedNode('small-2', 'c', '250m')] },
      workloads: [deployment('web', 1)],
    });
    expect(response.body.placements[0]).toMatchObject({
      node: null,
      score: null,
      // The 500m request exceeds the small nodes' whole allocatable, so preemption cannot help anywhere.
      message:
        '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    });
  });

  it('plans against a saved topology by id, and stores nothing', async () => {
    const created = await api.POST('/v1/topologies', { body: { name: 'saved', objects: threeZones() } });
    expect(created.response.status).toBe(201);
    const topologyId = created.data!.id;
    const response = await simulate({ topologyId, workloads: [deployment('ha', 4, zoneAntiAffinity('ha'))] });
    expect(response.status).toBe(200);
    expect(response.body.summary).toEqual({ replicas: 4, scheduled: 3, unschedulable: 1 });
    const plans = await api.GET('/v1/topologies/{id}/plans', { params: { path: { id: topologyId } } });
    expect(plans.data!.items).toEqual([]);
  });

  it('accepts workloads as YAML against a saved topology', async () => {
    const created = await api.POST('/v1/topologies', { body: { name: 'yaml', objects: threeZones() } });
    const yaml = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: solo\nspec:\n  containers:\n  - name: app\n    image: nginx\n`;
    const response = await testApp
      .http()
      .post(`/v1/simulations?topologyId=${created.data!.id}`)
      .set('Content-Type', 'application/yaml')
      .send(yaml);
    expect(response.status).toBe(200);
    expect(response.body.placements[0]).toMatchObject({ pod: 'solo', workload: { kind: 'Pod', name: 'solo' } });
  });

  it('gives the same answer to the same request, byte for byte', async () => {
    const body = { cluster: { objects: threeZones() }, workloads: [deployment('web', 7)] };
    const [first, second] = await Promise.all([simulate(body), simulate(body)]);
    expect(JSON.stringify(first.body)).toBe(JSON.stringify(second.body));
  });

  it('honours a scheduler configuration: MostAllocated without BalancedAllocation packs pods onto one node', async () => {
    const schedulerConfig = {
      apiVersion: 'kubescheduler.config.k8s.io/v1',
      kind: 'KubeSchedulerConfiguration',
      profiles: [
        {
          schedulerName: 'default-scheduler',
          plugins: { score: { disabled: [{ name: 'NodeResourcesBalancedAllocation' }] } },
          pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } }],
        },
      ],
    };
    // Bare pods: no controller, so no default topology spreading pulls them apart.
    const pods = ['p1', 'p2', 'p3'].map((name) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name },
      spec: { containers: [{ name: 'app', image: 'app:1', resources: { requests: { cpu: '500m', memory: '256Mi' } } }] },
    }));
    const packed = await simulate({ cluster: { objects: threeZones() }, workloads: pods, schedulerConfig });
    expect(packed.status).toBe(200);
    expect(new Set(packed.body.placements.map((placement) => placement.node)).size).toBe(1);
    const spread = await simulate({ cluster: { objects: threeZones() }, workloads: pods });
    expect(new Set(spread.body.placements.map((placement) => placement.node)).size).toBe(3);
  });

  describe('bad input', () => {
    const cases: { name: string; body: unknown; path: string | RegExp }[] = [
      { name: 'no workloads', body: { cluster: { objects: threeZones() } }, path: 'workloads' },
      { name: 'neither cluster nor topologyId', body: { workloads: [deployment('x', 1)] }, path: 'cluster' },
      { name: 'a cluster without nodes', body: { cluster: { objects: [] }, workloads: [deployment('x', 1)] }, path: 'cluster.objects' },
      { name: 'a node with an invalid quantity', body: { cluster: { objects: [{ ...zonedNode('n', 'a'), status: { allocatable: { cpu: '12XB' } } }] }, workloads: [deployment('x', 1)] }, path: 'cluster.objects[0].status.allocatable.cpu' },
      { name: 'an unknown explain level', body: { cluster: { objects: threeZones() }, workloads: [deployment('x', 1)], explain: 'everything' }, path: 'explain' },
      { name: 'invalid plugin args', body: { cluster: { objects: threeZones() }, workloads: [deployment('x', 1)], schedulerConfig: { pluginConfig: [{ name: 'InterPodAffinity', args: { hardPodAffinityWeight: 500 } }] } }, path: /^schedulerConfig\.pluginConfig\[0\]\.args/ },
    ];
    for (const testCase of cases) {
      it(testCase.name, async () => {
        const response = await simulateRaw(testCase.body);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        const paths: string[] = response.body.errors.map((error: any) => error.path);
        if (typeof testCase.path === 'string') expect(paths).toContain(testCase.path);
        else expect(paths.some((path) => (testCase.path as RegExp).test(path))).toBe(true);
      });
    }
  });
});
