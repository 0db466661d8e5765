/**
 * DRA planning end to end (issue 16, "done when"), through REST and GraphQL
 * against the real application and Postgres:
 * - a node with 2 GPUs and a 3-replica Deployment claiming 1 GPU each from a
 *   ResourceClaimTemplate places 2 (each naming its device) and reports the
 *   third with kube-scheduler's FailedScheduling text: DynamicResources'
 *   Filter reason "cannot allocate all claims" (UnschedulableAndUnresolvable,
 *   dynamicresources.go Filter), then what PostFilter adds — from v1.34
 *   DynamicResources runs before DefaultPreemption and says "still not
 *   schedulable" (runtime/framework.go RunPostFilterPlugins joins the
 *   reasons), and preemption finds nothing to evict (every node is
 *   UnschedulableAndUnresolvable);
 * - a claim whose CEL selector matches only one node's devices lands there;
 * - invalid CEL is a 400 / BAD_USER_INPUT naming the field and the CEL error
 *   (validation.go validateSelector), and writes nothing;
 * - a device with more attributes than upstream's API allows (the only way a
 *   selector within the cost estimate could exceed the runtime cost limit)
 *   is a 400 naming the device (validation.go validateDevice), never a 500;
 * - a placement's devices carry what upstream's DeviceRequestAllocationResult
 *   carries beyond the device: the subrequest a prioritized list chose,
 *   adminAccess, and with DRAConsumableCapacity the share's shareID and
 *   consumedCapacity (12Gi asked, 16Gi consumed: the request policy's 8Gi
 *   steps), only when set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNode } from '../support/kube-builders.js';
import { claimSpec, deviceClass, exactRequest, GPU_DRIVER, memoryTemplate, resourceClaimTemplate, resourceSlice, sharedGpuSlice } from '../support/dra-objects.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Json = Record<string, any>;

const THIRD_REPLICA_MESSAGE = '0/1 nodes are available: 1 cannot allocate all claims. still not schedulable, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.';

const trainer = (name: string, replicas: number, template: string): Json => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: {
        containers: [{ name: 'trainer', image: 'trainer:1', resources: { requests: { cpu: '1' }, claims: [{ name: 'gpu' }] } }],
        resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: template }],
      },
    },
  },
});

/** A GPU node of a v1.34 cluster (DynamicResourceAllocation on by default). */
const gpuNode = (name: string): Json => makeNode(name).kubeletVersion('v1.34.2').allocatable({ cpu: '32', memory: '128Gi', pods: '110' }).build();

/** One node with two GPUs, the class and a one-GPU template. */
const twoGpuCluster = (): Json[] => [gpuNode('gpu-1'), resourceSlice({ node: 'gpu-1', devices: 2 }), deviceClass(), resourceClaimTemplate('one-gpu')];

/** Two nodes with two GPUs each, of different models; a template selecting h100s only. */
const twoModelCluster = (): Json[] => [
  gpuNode('a'),
  gpuNode('b'),
  resourceSlice({ node: 'a', devices: 2, model: 'l4' }),
  resourceSlice({ node: 'b', devices: 2, model: 'h100' }),
  deviceClass(),
  resourceClaimTemplate('h100', claimSpec([exactRequest({ selectors: [`device.attributes["${GPU_DRIVER}"].model == "h100"`] })])),
];

const BAD_EXPRESSION = 'device.attributes["gpu.example.com"].model == ';
const badTemplateCluster = (): Json[] => [...twoGpuCluster(), resourceClaimTemplate('bad', claimSpec([exactRequest({ selectors: [BAD_EXPRESSION] })]))];
const BAD_PATH = 'objects[4].spec.spec.devices.requests[0].exactly.selectors[0].cel.expression';

const DEVICE_FIELDS = 'devices { claim request driver pool device }';
const ALL_DEVICE_FIELDS = 'devices { claim request driver pool device adminAccess shareID consumedCapacity }';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** One node with a GPU shared in 8Gi steps of its 40Gi, a template asking 12Gi of it, and one taking the first of a GPU with 80Gi (none) or any GPU. */
const sharedGpuCluster = (): Json[] => [
  gpuNode('gpu-1'),
  sharedGpuSlice('gpu-1'),
  deviceClass(),
  memoryTemplate('twelve', '12Gi'),
  resourceClaimTemplate(
    'first-available',
    claimSpec([{ name: 'gpu', firstAvailable: [{ name: 'large', deviceClassName: 'gpu', selectors: [{ cel: { expression: `device.capacity["${GPU_DRIVER}"].memory.compareTo(quantity("80Gi")) >= 0` } }] }, { name: 'any', deviceClassName: 'gpu' }] }]),
  ),
];

/** Two nodes' worth of plain GPUs and a template with admin access (DRAAdminAccess, on by default from v1.34). */
const adminCluster = (): Json[] => [...twoGpuCluster(), resourceClaimTemplate('admin', claimSpec([exactRequest({ adminAccess: true })]))];

const SHARES = { featureGates: { DRAConsumableCapacity: true } };

describe('DRA planning through the API', () => {
  let testApp: TestApp;
  const post = (path: string, body: object) => testApp.http().post(path).send(body);

  async function storedCount(): Promise<number> {
    const response = await testApp.http().get('/v1/topologies').query({ limit: 500 });
    return response.body.items.length;
  }

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  describe('a node with 2 GPUs and a 3-replica Deployment claiming 1 GPU each', () => {
    it('REST simulation: two placed with their GPU, the third with upstream\'s FailedScheduling text', async () => {
      const response = await post('/v1/simulations', { cluster: { objects: twoGpuCluster() }, workloads: [trainer('train', 3, 'one-gpu')] });
      expect(response.status).toBe(200);
      expect(response.body.kubernetesVersion).toBe('v1.34');
      expect(response.body.summary).toEqual({ replicas: 3, scheduled: 2, unschedulable: 1 });
      const [first, second, third] = response.body.placements;
      expect([first.node, second.node, third.node]).toEqual(['gpu-1', 'gpu-1', null]);
      // The claim is named as the resourceclaim controller names it: <pod>-<entry>-<5 characters>.
      expect(first.devices).toEqual([{ claim: expect.stringMatching(new RegExp(`^${first.pod}-gpu-[a-z0-9]{5}$`)), request: 'gpu', driver: GPU_DRIVER, pool: 'gpu-1', device: 'gpu-0' }]);
      expect(second.devices).toEqual([{ claim: expect.stringMatching(new RegExp(`^${second.pod}-gpu-[a-z0-9]{5}$`)), request: 'gpu', driver: GPU_DRIVER, pool: 'gpu-1', device: 'gpu-1' }]);
      expect(third.message).toBe(THIRD_REPLICA_MESSAGE);
      expect(third.devices).toBeUndefined();
    });

    it('REST per release: v1.33 with DynamicResourceAllocation on gives the same text; v1.33 by default (gate off) allocates nothing and places all three', async () => {
      const gated = await post('/v1/simulations', { cluster: { objects: twoGpuCluster() }, workloads: [trainer('train', 3, 'one-gpu')], kubernetesVersion: 'v1.33', featureGates: { DynamicResourceAllocation: true } });
      expect(gated.status).toBe(200);
      expect(gated.body.kubernetesVersion).toBe('v1.33');
      expect(gated.body.placements[2].message).toBe(THIRD_REPLICA_MESSAGE);
      const off = await post('/v1/simulations', { cluster: { objects: twoGpuCluster() }, workloads: [trainer('train', 3, 'one-gpu')], kubernetesVersion: 'v1.33' });
      expect(off.status).toBe(200);
      expect(off.body.summary).toEqual({ replicas: 3, scheduled: 3, unschedulable: 0 });
      expect(off.body.placements.map((placement: Json) => placement.devices)).toEqual([undefined, undefined, undefined]);
    });

    it('REST with explain=full: the node\'s row names DynamicResources, its reason and why (matching and free devices)', async () => {
      const response = await post('/v1/simulations', { cluster: { objects: twoGpuCluster() }, workloads: [trainer('train', 3, 'one-gpu')], explain: 'full' });
      expect(response.status).toBe(200);
      expect(response.body.placements[2].nodes).toEqual([
        expect.objectContaining({ node: 'gpu-1', feasible: false, filters: [expect.objectContaining({ plugin: 'DynamicResources', reason: 'cannot allocate all claims' })] }),
      ]);
      // Why: the claim's one request, its two matching devices both taken.
      const [explanation] = response.body.placements[2].nodes[0].filters[0].details;
      expect(explanation.requests).toEqual([
        { claim: explanation.claim, request: 'gpu', deviceClass: 'gpu', count: 1, selectors: [], devices: 2, matching: 2, free: 0, failure: 'needs 1, 0 of 2 matching device(s) free' },
      ]);
    });

    it('REST saved topology and stored plan: the same answer, devices kept when the plan is read back', async () => {
      const topology = await post('/v1/topologies', { name: 'gpu', objects: twoGpuCluster() });
      expect(topology.status).toBe(201);
      expect(topology.body.summary).toMatchObject({ nodes: 1, resourceSlices: 1, deviceClasses: 1, resourceClaimTemplates: 1 });
      const created = await post(`/v1/topologies/${topology.body.id}/plans`, { workloads: [trainer('train', 3, 'one-gpu')] });
      expect(created.status).toBe(201);
      const read = await testApp.http().get(`/v1/plans/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body.summary).toEqual({ replicas: 3, scheduled: 2, unschedulable: 1 });
      expect(read.body.placements.map((placement: Json) => placement.devices?.map((device: Json) => device.device))).toEqual([['gpu-0'], ['gpu-1'], undefined]);
      expect(read.body.placements[2].message).toBe(THIRD_REPLICA_MESSAGE);
    });

    it('GraphQL simulate: the same placements, devices and message', async () => {
      const result = await testApp.graphql(`mutation($input: SimulateInput!) { simulate(input: $input) { summary { replicas scheduled unschedulable } placements { pod node message ${DEVICE_FIELDS} } } }`, {
        input: { objects: twoGpuCluster(), workloads: [trainer('train', 3, 'one-gpu')] },
      });
      expect(result.errors).toBeUndefined();
      const { summary, placements } = result.data!.simulate;
      expect(summary).toEqual({ replicas: 3, scheduled: 2, unschedulable: 1 });
      expect(placements.map((placement: Json) => placement.node)).toEqual(['gpu-1', 'gpu-1', null]);
      expect(placements.map((placement: Json) => placement.devices?.map((device: Json) => `${device.driver}/${device.pool}/${device.device}`) ?? null)).toEqual([
        [`${GPU_DRIVER}/gpu-1/gpu-0`],
        [`${GPU_DRIVER}/gpu-1/gpu-1`],
        null,
      ]);
      expect(placements[2].message).toBe(THIRD_REPLICA_MESSAGE);
    });

    it('GraphQL stored plan: devices on the plan\'s placements', async () => {
      const topology = await post('/v1/topologies', { name: 'gpu-graphql', objects: twoGpuCluster() });
      const created = await post(`/v1/topologies/${topology.body.id}/plans`, { workloads: [trainer('train', 3, 'one-gpu')] });
      const result = await testApp.graphql(`query($id: ID!) { plan(id: $id) { placements(first: 10) { edges { node { nodeName message ${DEVICE_FIELDS} } } } } }`, { id: created.body.id });
      expect(result.errors).toBeUndefined();
      const nodes = result.data!.plan.placements.edges.map((edge: Json) => edge.node);
      expect(nodes.map((placement: Json) => placement.devices?.[0]?.device ?? null)).toEqual(['gpu-0', 'gpu-1', null]);
      expect(nodes[2].message).toBe(THIRD_REPLICA_MESSAGE);
    });
  });

  describe('a claim whose selector matches only one node\'s devices', () => {
    it('REST: both replicas land on that node, on its two GPUs; the other node is rejected by DynamicResources', async () => {
      const response = await post('/v1/simulations', { cluster: { objects: twoModelCluster() }, workloads: [trainer('infer', 2, 'h100')], explain: 'full' });
      expect(response.status).toBe(200);
      const placements = response.body.placements;
      expect(placements.map((placement: Json) => placement.node)).toEqual(['b', 'b']);
      expect(placements.map((placement: Json) => placement.devices.map((device: Json) => `${device.pool}/${device.device}`))).toEqual([['b/gpu-0'], ['b/gpu-1']]);
      const nodeA = placements[0].nodes.find((row: Json) => row.node === 'a');
      expect(nodeA).toMatchObject({ feasible: false, filters: [{ plugin: 'DynamicResources', reason: 'cannot allocate all claims' }] });
    });

    it('GraphQL: the same', async () => {
      const result = await testApp.graphql(`mutation($input: SimulateInput!) { simulate(input: $input) { placements { node ${DEVICE_FIELDS} } } }`, {
        input: { objects: twoModelCluster(), workloads: [trainer('infer', 2, 'h100')] },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.simulate.placements.map((placement: Json) => [placement.node, placement.devices[0].device])).toEqual([
        ['b', 'gpu-0'],
        ['b', 'gpu-1'],
      ]);
    });
  });

  describe('a device beyond the API limits that would let a selector exceed the runtime cost limit', () => {
    // 340 attributes would let the nested all() cost 3 + 340 × (3 + 3 + 340 × 9 + 1) + 1 > 1,000,000 at run time,
    // but kube-apiserver refuses such a device (validation.go validateDevice:
    // ResourceSliceMaxAttributesAndCapacitiesPerDevice = 32), so the import does too and no plan reaches the limit.
    // The runtime limit itself stays covered by test/kube/device-selector-runtime-cost.test.ts.
    const NESTED = `device.attributes["${GPU_DRIVER}"].all(a, device.attributes["${GPU_DRIVER}"].all(b, device.attributes["${GPU_DRIVER}"][b].size() > 0))`;
    const crowdedSlice = (): Json => {
      const slice = resourceSlice({ node: 'gpu-1', devices: 1 });
      slice.spec.devices[0].attributes = Object.fromEntries(Array.from({ length: 340 }, (_, index) => [`a${index}`, { string: 'v' }]));
      return slice;
    };

    // 341: the 340 attributes and the device's one capacity (memory), counted together.
    it('REST simulation: 400 naming the device and the limit, as the API server would refuse the slice', async () => {
      const objects = [gpuNode('gpu-1'), crowdedSlice(), deviceClass(), resourceClaimTemplate('nested', claimSpec([exactRequest({ selectors: [NESTED] })]))];
      const response = await post('/v1/simulations', { cluster: { objects }, workloads: [trainer('train', 1, 'nested')] });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors).toEqual([{ path: 'cluster.objects[1].spec.devices[0]', message: 'Invalid value: 341: the total number of attributes and capacities must not exceed 32' }]);
    });
  });

  describe('what an allocation result carries beyond the device', () => {
    it('REST: shares of a multi-allocatable GPU with their shareID and consumedCapacity; a prioritized list\'s subrequest', async () => {
      const response = await post('/v1/simulations', { cluster: { objects: sharedGpuCluster() }, workloads: [trainer('infer', 2, 'twelve'), trainer('monitor', 1, 'first-available')], ...SHARES });
      expect(response.status).toBe(200);
      expect(response.body.summary).toEqual({ replicas: 3, scheduled: 3, unschedulable: 0 });
      const [first, second, monitor] = response.body.placements.map((placement: Json) => placement.devices);
      const share = (request: string, memory: string) => ({ claim: expect.any(String), request, driver: GPU_DRIVER, pool: 'gpu-1', device: 'gpu-0', shareID: expect.stringMatching(UUID), consumedCapacity: { memory } });
      expect(first).toEqual([share('gpu', '16Gi')]);
      expect(second).toEqual([share('gpu', '16Gi')]);
      // No capacity asked: the request policy's default; the 80Gi alternative matched nothing, so the second was chosen.
      expect(monitor).toEqual([share('gpu/any', '8Gi')]);
      expect(new Set([first[0].shareID, second[0].shareID, monitor[0].shareID]).size).toBe(3);
      // The same plan twice: the same shareIDs (derived, not random).
      const again = await post('/v1/simulations', { cluster: { objects: sharedGpuCluster() }, workloads: [trainer('infer', 2, 'twelve'), trainer('monitor', 1, 'first-available')], ...SHARES });
      expect(again.body.placements.map((placement: Json) => placement.devices[0].shareID)).toEqual([first[0].shareID, second[0].shareID, monitor[0].shareID]);
    });

    it('REST: with the gate off (v1.34\'s default) the GPU is dedicated: no shareID or consumedCapacity, one replica placed', async () => {
      const response = await post('/v1/simulations', { cluster: { objects: sharedGpuCluster() }, workloads: [trainer('infer', 2, 'twelve')] });
      expect(response.status).toBe(200);
      expect(response.body.summary).toEqual({ replicas: 2, scheduled: 1, unschedulable: 1 });
      expect(response.body.placements[0].devices).toEqual([{ claim: expect.any(String), request: 'gpu', driver: GPU_DRIVER, pool: 'gpu-1', device: 'gpu-0' }]);
    });

    it('REST stored plan: admin access on every result, and both replicas get the same GPU (admin access takes none)', async () => {
      const topology = await post('/v1/topologies', { name: 'gpu-admin', objects: adminCluster() });
      expect(topology.status).toBe(201);
      const created = await post(`/v1/topologies/${topology.body.id}/plans`, { workloads: [trainer('inspect', 2, 'admin')] });
      expect(created.status).toBe(201);
      const read = await testApp.http().get(`/v1/plans/${created.body.id}`);
      expect(read.status).toBe(200);
      expect(read.body.summary).toEqual({ replicas: 2, scheduled: 2, unschedulable: 0 });
      expect(read.body.placements.map((placement: Json) => placement.devices)).toEqual([
        [{ claim: expect.any(String), request: 'gpu', driver: GPU_DRIVER, pool: 'gpu-1', device: 'gpu-0', adminAccess: true }],
        [{ claim: expect.any(String), request: 'gpu', driver: GPU_DRIVER, pool: 'gpu-1', device: 'gpu-0', adminAccess: true }],
      ]);
    });

    it('GraphQL simulate and stored plan: the same fields, null when unset', async () => {
      const simulated = await testApp.graphql(`mutation($input: SimulateInput!) { simulate(input: $input) { placements { node ${ALL_DEVICE_FIELDS} } } }`, {
        input: { objects: sharedGpuCluster(), workloads: [trainer('infer', 2, 'twelve'), trainer('monitor', 1, 'first-available')], ...SHARES },
      });
      expect(simulated.errors).toBeUndefined();
      const devices = simulated.data!.simulate.placements.map((placement: Json) => placement.devices[0]);
      expect(devices.map((device: Json) => [device.request, device.device, device.adminAccess, device.consumedCapacity])).toEqual([
        ['gpu', 'gpu-0', null, { memory: '16Gi' }],
        ['gpu', 'gpu-0', null, { memory: '16Gi' }],
        ['gpu/any', 'gpu-0', null, { memory: '8Gi' }],
      ]);
      for (const device of devices) expect(device.shareID).toMatch(UUID);
      const rest = await post('/v1/simulations', { cluster: { objects: sharedGpuCluster() }, workloads: [trainer('infer', 2, 'twelve'), trainer('monitor', 1, 'first-available')], ...SHARES });
      expect(devices.map((device: Json) => device.shareID)).toEqual(rest.body.placements.map((placement: Json) => placement.devices[0].shareID));

      const topology = await post('/v1/topologies', { name: 'gpu-admin-graphql', objects: adminCluster() });
      const created = await post(`/v1/topologies/${topology.body.id}/plans`, { workloads: [trainer('inspect', 1, 'admin'), trainer('train', 1, 'one-gpu')] });
      const stored = await testApp.graphql(`query($id: ID!) { plan(id: $id) { placements(first: 10) { edges { node { nodeName ${ALL_DEVICE_FIELDS} } } } } }`, { id: created.body.id });
      expect(stored.errors).toBeUndefined();
      const nodes = stored.data!.plan.placements.edges.map((edge: Json) => edge.node);
      // Admin access takes no device: the trainer after it still gets gpu-0.
      expect(nodes.map((node: Json) => [node.devices[0].device, node.devices[0].adminAccess, node.devices[0].shareID, node.devices[0].consumedCapacity])).toEqual([
        ['gpu-0', true, null, null],
        ['gpu-0', null, null, null],
      ]);
    });
  });

  describe('invalid CEL', () => {
    it('REST simulation: 400 problem+json naming the selector\'s path and the compile error', async () => {
      const response = await post('/v1/simulations', { cluster: { objects: badTemplateCluster() }, workloads: [trainer('train', 1, 'bad')] });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors).toEqual([{ path: `cluster.${BAD_PATH}`, message: expect.stringMatching(/^Invalid value: "device\.attributes\[\\"gpu\.example\.com\\"\]\.model == ": compilation failed: ERROR: <input>: Syntax error: /) }]);
    });

    it('REST topology import: 400 with the path, and nothing stored', async () => {
      const before = await storedCount();
      const response = await post('/v1/topologies', { name: 'bad-cel', objects: badTemplateCluster() });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ path: BAD_PATH, message: expect.stringContaining('compilation failed') }]);
      expect(await storedCount()).toBe(before);
    });

    it('REST: a device class selector that is not a bool, and one over the cost budget, in the API server\'s words', async () => {
      const expensive = `[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(x, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(y, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z2, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z3, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z4, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z5, int('1'.find('[0-9]*')) < 100)))))))`;
      const objects = [gpuNode('gpu-1'), deviceClass('driver', ['device.driver']), deviceClass('costly', [expensive])];
      const response = await post('/v1/topologies', { name: 'bad-classes', objects });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { path: 'objects[1].spec.selectors[0].cel.expression', message: 'Invalid value: "device.driver": must evaluate to bool or the unknown type, not string' },
        { path: 'objects[2].spec.selectors[0].cel.expression', message: 'Forbidden: too complex, exceeds cost limit' },
      ]);
    });

    it('REST: a device class extendedResourceName that is not an extended resource name (validateDeviceClassSpec), and nothing stored', async () => {
      const before = await storedCount();
      const native = deviceClass('native');
      native.spec.extendedResourceName = 'kubernetes.io/gpu';
      const response = await post('/v1/topologies', { name: 'bad-extended-resource', objects: [gpuNode('gpu-1'), native] });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ path: 'objects[1].spec.extendedResourceName', message: 'Invalid value: "kubernetes.io/gpu": must be a valid extended resource name' }]);
      expect(await storedCount()).toBe(before);
    });

    it('GraphQL: BAD_USER_INPUT with the same errors list, and nothing stored', async () => {
      const simulated = await testApp.graphql(`mutation($input: SimulateInput!) { simulate(input: $input) { summary { replicas } } }`, { input: { objects: badTemplateCluster(), workloads: [trainer('train', 1, 'bad')] } });
      expect(simulated.data ?? null).toBeNull();
      // simulate's inline objects are the request's cluster, as over REST.
      expect(simulated.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: `cluster.${BAD_PATH}`, message: expect.stringContaining('compilation failed') }] });
      const before = await storedCount();
      const created = await testApp.graphql(`mutation($input: CreateTopologyInput!) { createTopology(input: $input) { id } }`, { input: { name: 'bad-cel', objects: badTemplateCluster() } });
      expect(created.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: BAD_PATH }] });
      expect(await storedCount()).toBe(before);
    });
  });
});
