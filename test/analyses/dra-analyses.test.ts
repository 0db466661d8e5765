/**
 * What-if analyses with DRA devices (issue 16), on clusters small enough to
 * work out by hand: capacity in 8-GPU training pods, scale-up from node
 * groups whose nodes publish ResourceSlices, failure domains that count the
 * devices they take and release the claims of the pods they lose, and
 * scenario `addNodes` with slices.
 */
import { describe, expect, it } from 'vitest';
import { parseInput } from '../../src/common/validation/parse-input.js';
import { importCluster } from '../../src/kube/cluster-import.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { capacityRequest, failureDomainsRequest, scaleUpRequest } from '../../src/what-if/analysis-requests.js';
import type { CapacityResult, FailureDomainsResult, ScaleUpResult } from '../../src/what-if/analysis-types.js';
import { runAnalysis, type AnalysisSpec } from '../../src/what-if/run-analysis.js';
import { escapeRegExp, gpuCluster, gpuGroup, NO_DEVICES, templates, training } from '../support/dra-clusters.js';
import { allocatedClaim, deviceClass, GPU_DRIVER, gpuDevices, resourceSlice } from '../support/dra-objects.js';
import { BOUNDS, consolidate, node, pod } from './right-sizing-fixtures.js';

type Json = Record<string, any>;

function sourceOf(objects: unknown[]) {
  const imported = importCluster(objects, { basePath: 'cluster.objects' });
  return { objects: imported.objects, state: ClusterState.fromObjects(imported.objects) };
}

function analyse<Result>(kind: AnalysisSpec['kind'], schema: Parameters<typeof parseInput>[0], body: Json): Result {
  const { cluster, ...request } = parseInput(schema, body) as Json;
  return runAnalysis({ kind, request } as AnalysisSpec, sourceOf(cluster.objects), BOUNDS) as Result;
}

describe('capacity with devices', () => {
  it('how many more 8-GPU training pods fit: one on each free b node; gpu-a-1 has 6 free, the l4 and CPU nodes none', () => {
    const result = analyse<CapacityResult>('capacity', capacityRequest, { cluster: { objects: gpuCluster() }, workloads: [training('train', 1, 8)], maxReplicas: 10 });
    expect(result.workloads[0]).toMatchObject({ additionalReplicas: 2, byNode: { 'gpu-b-1': 1, 'gpu-b-2': 1 }, byZone: { b: 2 }, limitedBy: NO_DEVICES(5), reachedMaxReplicas: false });
  });

  it('1-GPU pods: every free a100 (6 + 8 + 8)', () => {
    const result = analyse<CapacityResult>('capacity', capacityRequest, { cluster: { objects: gpuCluster() }, workloads: [training('small', 1, 1)], maxReplicas: 50 });
    expect(result.workloads[0]).toMatchObject({ additionalReplicas: 22, byNode: { 'gpu-a-1': 6, 'gpu-b-1': 8, 'gpu-b-2': 8 }, limitedBy: NO_DEVICES(5) });
  });

  it('copies of a bare Pod each get their own claim from the template (the same answer as the Deployment)', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'c' }], resourceClaims: [{ name: 'gpus', resourceClaimTemplateName: 'train-8' }] } };
    const result = analyse<CapacityResult>('capacity', capacityRequest, { cluster: { objects: gpuCluster() }, workloads: [pod], maxReplicas: 10 });
    expect(result.workloads[0]).toMatchObject({ additionalReplicas: 2, byNode: { 'gpu-b-1': 1, 'gpu-b-2': 1 }, limitedBy: NO_DEVICES(5) });
  });

  it('joint: the 1-GPU pods placed first leave no node with 8 free', () => {
    const result = analyse<CapacityResult>('capacity', capacityRequest, { cluster: { objects: gpuCluster() }, workloads: [training('small', 1, 1), training('train', 1, 8)], mode: 'joint', maxReplicas: 50 });
    expect(result.workloads.map((workload) => workload.additionalReplicas)).toEqual([22, 0]);
  });

  it('a scenario adding two nodes with 8 a100s each makes room for two more', () => {
    const scenario = [{ op: 'addNodes', template: gpuGroup('x', 'a100', { zones: ['c'] }).template, resourceSlices: [{ spec: { driver: GPU_DRIVER, devices: gpuDevices(8) } }], count: 2, namePrefix: 'new-gpu', zones: ['c'] }];
    const result = analyse<CapacityResult>('capacity', capacityRequest, { cluster: { objects: gpuCluster() }, workloads: [training('train', 1, 8)], maxReplicas: 10, scenario });
    expect(result.workloads[0]).toMatchObject({ additionalReplicas: 4, byNode: { 'gpu-b-1': 1, 'gpu-b-2': 1, 'new-gpu-1': 1, 'new-gpu-2': 1 }, byZone: { b: 2, c: 2 }, limitedBy: NO_DEVICES(7) });
  });
});

describe('scale-up with node groups that publish devices', () => {
  const groups = () => [gpuGroup('gpu-l4', 'l4', { zones: ['a', 'b'], price: 1 }), gpuGroup('gpu-a100', 'a100', { zones: ['b'], price: 4 }), { name: 'cpu', template: { status: { allocatable: { cpu: '64', memory: '256Gi', pods: '110' } } }, zones: ['a'], price: 0.1 }];

  it('five 8-GPU training pods: two fit, so add 3 nodes of gpu-a100 in zone b (l4 and CPU nodes do not help)', () => {
    const result = analyse<ScaleUpResult>('scale-up', scaleUpRequest, { cluster: { objects: gpuCluster() }, workloads: [training('train', 5, 8)], nodeGroups: groups() });
    expect(result.feasible).toBe(true);
    if (!result.feasible) return;
    expect(result.added).toEqual([{ nodeGroup: 'gpu-a100', zone: 'b', count: 3, nodes: ['gpu-a100-1', 'gpu-a100-2', 'gpu-a100-3'] }]);
    expect(result.totalNodes).toBe(3);
    expect(result.totalPrice).toBe(12);
    expect(result.plan.summary).toEqual({ replicas: 5, scheduled: 5, unschedulable: 0 });
    const onNew = result.plan.placements.filter((placement) => placement.node?.startsWith('gpu-a100-'));
    expect(onNew).toHaveLength(3);
    // Each added node publishes its own pool, named after it; a placement there takes all 8 of its devices.
    for (const placement of onNew) {
      expect(placement.devices?.map((device) => `${device.pool}/${device.device}`)).toEqual(Array.from({ length: 8 }, (_, index) => `${placement.node}/gpu-${index}`));
    }
  });

  it('capped below what is needed: infeasible, in the scheduler\'s words', () => {
    const capped = groups().map((group) => (group.name === 'gpu-a100' ? { ...group, maxCount: 2 } : group));
    const result = analyse<ScaleUpResult>('scale-up', scaleUpRequest, { cluster: { objects: gpuCluster() }, workloads: [training('train', 5, 8)], nodeGroups: capped });
    expect(result.feasible).toBe(false);
    if (result.feasible) return;
    // The two a100 nodes it may add place 4; one more node of every group that may still grow (l4 in a and b, CPU in a) does not help.
    expect(result.reason).toMatch(
      new RegExp(`^no node from the given groups lets another replica be placed \\(after adding 2\\); 1 of 5 replicas stay unplaceable\\. With one more node of every group in every allowed zone, default/train-[a-z0-9]+-[a-z0-9]{5}: ${escapeRegExp(NO_DEVICES(10))}$`),
    );
  });

  it('slice templates are validated with their paths; they may not choose their nodes', () => {
    const bad = gpuGroup('gpu-a100', 'a100', { zones: ['b'] });
    bad.resourceSlices = [{ spec: { driver: GPU_DRIVER, allNodes: true, devices: [{ name: 'GPU_0' }] } }];
    expect(() => analyse('scale-up', scaleUpRequest, { cluster: { objects: gpuCluster() }, workloads: [training('train', 1, 8)], nodeGroups: [bad] })).toThrowError(
      expect.objectContaining({ errors: [{ path: 'nodeGroups[0].resourceSlices[0].spec.allNodes', message: expect.stringContaining('Forbidden') }] }),
    );
    bad.resourceSlices = [{ spec: { driver: GPU_DRIVER, devices: [{ name: 'GPU_0' }] } }];
    expect(() => analyse('scale-up', scaleUpRequest, { cluster: { objects: gpuCluster() }, workloads: [training('train', 1, 8)], nodeGroups: [bad] })).toThrowError(
      expect.objectContaining({ errors: [expect.objectContaining({ path: 'nodeGroups[0].resourceSlices[0].spec.devices[0].name' })] }),
    );
  });
});

describe('failure domains with devices', () => {
  /** Zones a, b, c: one node with 8 a100s each, and one spare in b. */
  const threeZones = (): Json[] => [
    ...['gpu-a-1', 'gpu-b-1', 'gpu-b-2', 'gpu-c-1'].map((name) => node(name, { cpu: '64', zone: name.split('-')[1] })),
    ...['gpu-a-1', 'gpu-b-1', 'gpu-b-2', 'gpu-c-1'].map((name) => resourceSlice({ node: name, devices: 8 })),
    deviceClass(),
    ...templates(),
  ];

  it('each domain counts the devices it takes, and the lost replica gets a new claim and devices elsewhere', () => {
    const result = analyse<FailureDomainsResult>('failure-domains', failureDomainsRequest, { cluster: { objects: threeZones() }, workloads: [training('train', 2, 8)] });
    const byDomain = Object.fromEntries(result.domains.map((domain) => [domain.domain, domain]));
    // Spreading puts the two replicas in different zones: gpu-a-1 and gpu-b-1 (lowest names among equals).
    expect(byDomain.a.devices).toEqual([{ driver: GPU_DRIVER, lost: 8, inUse: 8 }]);
    expect(byDomain.b.devices).toEqual([{ driver: GPU_DRIVER, lost: 16, inUse: 8 }]);
    expect(byDomain.c.devices).toEqual([{ driver: GPU_DRIVER, lost: 8, inUse: 0 }]);
    expect(byDomain.a.workloads[0]).toMatchObject({ lost: 1, rescheduled: 1, unplaceable: 0 });
    expect(byDomain.b.workloads[0]).toMatchObject({ lost: 1, rescheduled: 1, unplaceable: 0 });
    expect(result.verdicts[0]).toMatchObject({ fullyRecovers: true });
  });

  it('with every other node full, the lost replica stays unplaceable for want of devices', () => {
    const result = analyse<FailureDomainsResult>('failure-domains', failureDomainsRequest, { cluster: { objects: threeZones() }, workloads: [training('train', 4, 8)] });
    const a = result.domains.find((domain) => domain.domain === 'a')!;
    expect(a.workloads[0]).toMatchObject({ lost: 1, rescheduled: 0, unplaceable: 1, messages: [NO_DEVICES(3)] });
    expect(result.verdicts[0]).toMatchObject({ fullyRecovers: false, worstDomain: 'b' });
  });

  it('a claim shared by pods of the lost node only is deallocated, so its network-attached device can be used from another node', () => {
    // One device for all nodes; the claim holds it for a pod on gpu-a-1 (allocation pinned there).
    const fabric = resourceSlice({ allNodes: true, pool: 'fabric', devices: 1 });
    const shared = allocatedClaim('fabric-link', 'gpu-a-1', ['gpu-0'], ['link-user']);
    shared.status.allocation.devices.results[0].pool = 'fabric';
    const user = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'link-user', namespace: 'default', uid: 'uid-link-user', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'link', uid: 'link-uid', controller: true }] },
      spec: { nodeName: 'gpu-a-1', containers: [{ name: 'c', image: 'c' }], resourceClaims: [{ name: 'link', resourceClaimName: 'fabric-link' }] },
      status: { phase: 'Running' },
    };
    const objects = [node('gpu-a-1', { zone: 'a' }), node('gpu-b-1', { zone: 'b' }), fabric, deviceClass(), shared, user];
    const result = analyse<FailureDomainsResult>('failure-domains', failureDomainsRequest, { cluster: { objects } });
    const a = result.domains.find((domain) => domain.domain === 'a')!;
    expect(a.workloads[0]).toMatchObject({ workload: { kind: 'ReplicaSet', name: 'link' }, lost: 1, rescheduled: 1, unplaceable: 0 });
    // The fabric's device is not the lost node's: not counted.
    expect(a.devices).toEqual([]);
  });
});

describe('consolidation with devices', () => {
  it('a drained pod\'s claim holds the only fabric device: released, so the pod placed again takes it, and the answer replays in full', () => {
    // One device for all nodes, held by link-user's claim (allocation pinned to n1). n2 and n3 are too full to give up.
    const fabric = resourceSlice({ allNodes: true, pool: 'fabric', devices: 1 });
    const shared = allocatedClaim('fabric-link', 'n1', ['gpu-0'], ['link-user']);
    shared.status.allocation.devices.results[0].pool = 'fabric';
    const user = pod('link-user', 'n1', { spec: { resourceClaims: [{ name: 'link', resourceClaimName: 'fabric-link' }] } });
    (user.metadata as Json).uid = 'uid-link-user';
    const objects = [node('n1'), node('n2'), node('n3'), pod('big-2', 'n2', { cpu: '3' }), pod('big-3', 'n3', { cpu: '3' }), fabric, deviceClass(), shared, user];
    const result = consolidate({ cluster: { objects } });
    expect(result.removable.map((entry) => [entry.node, entry.evicted.map((evicted) => [evicted.pod, evicted.to])])).toEqual([['n1', [['link-user', 'n2']]]]);
    expect(result.kept.map((entry) => [entry.node, entry.because])).toEqual([
      ['n2', 'FailedScheduling'],
      ['n3', 'FailedScheduling'],
    ]);
    expect(result.verified).toBe(true);
  });
});

describe('scenario addNodes with ResourceSlices', () => {
  it('the template slices are published per node, for its pool', () => {
    const objects = [node('cpu-1', { zone: 'a' }), deviceClass(), ...templates()];
    const scenario = [{ op: 'addNodes', template: { status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' } } }, resourceSlices: [{ spec: { driver: GPU_DRIVER, devices: gpuDevices(1) } }], count: 2, namePrefix: 'gpu', zones: ['a', 'b'] }];
    const result = analyse<CapacityResult>('capacity', capacityRequest, { cluster: { objects }, workloads: [training('small', 1, 1)], maxReplicas: 5, scenario });
    expect(result.workloads[0]).toMatchObject({ additionalReplicas: 2, byNode: { 'gpu-1': 1, 'gpu-2': 1 }, byZone: { a: 1, b: 1 } });
  });
});
