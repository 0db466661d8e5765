/**
 * Extended resources backed by DRA (KEP-5004, DRAExtendedResource): the
 * extended-resource cases of upstream's TestPlugin
 * (pkg/scheduler/framework/plugins/dynamicresources/dynamicresources_test.go),
 * names kept, with its objects: a pod asking for `example.com/gpu`, a class
 * mapping it (`my-resource-class`), nodes with the resource in allocatable
 * (device plugin) or not. Upstream checks PreBind's created claim; a plan's
 * Reserve writes the same claim (allocated, reserved for the pod) into the
 * plan's claims, under a derived name instead of a random one.
 */
import type { ResourceV1ResourceClaim, V1DeviceClass, V1Node, V1Pod, V1ResourceSlice } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../../src/scheduling/framework/cycle-state.js';
import { Code, type Status } from '../../../../src/scheduling/framework/status.js';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { DynamicResourcesPlugin, type DynamicResourcesFeatures } from '../../../../src/scheduling/plugins/dynamic-resources/dynamic-resources-plugin.js';
import { deviceClassMapping, EXTENDED_RESOURCE_CLAIM_ANNOTATION } from '../../../../src/scheduling/plugins/dynamic-resources/extended-resources.js';
import { DRA_EXTENDED_RESOURCE_RULES } from '../../../../src/scheduling/release/release-table.js';
import { clusterOf } from '../../../support/builders.js';

const nodeName = 'worker';
const driver = 'some-driver';
const [podName, podUID, namespace] = ['my-pod', '1234', 'default'];
const className = 'my-resource-class';
const extendedResourceName = 'example.com/gpu';
const extendedResourceName2 = 'example.com/gpu2';
const implicitExtendedResourceName = `deviceclass.resource.kubernetes.io/${className}`;

const node = (allocatable?: Record<string, string>): V1Node => ({
  metadata: { name: nodeName, labels: { 'kubernetes.io/hostname': nodeName } },
  ...(allocatable && { status: { capacity: allocatable, allocatable } }),
});
const workerNode = node();
const workerNodeWithExtendedResource = node({ [extendedResourceName]: '1' });
const workerNodeWithExtendedResourceZeroAllocatable = node({ [extendedResourceName]: '0' });

const slice = (devices: number): V1ResourceSlice => ({
  metadata: { name: `${nodeName}-${driver}` },
  spec: { driver, nodeName, pool: { name: nodeName, generation: 1, resourceSliceCount: 1 }, devices: Array.from({ length: devices }, (_, index) => ({ name: `instance-${index + 1}` })) },
});
const workerNodeSlice = slice(1);
const largeWorkerNodeSlice = slice(4);

const deviceClass: V1DeviceClass = { metadata: { name: className }, spec: {} };
const deviceClassWithExtendResourceName: V1DeviceClass = { metadata: { name: className }, spec: { extendedResourceName } };
const deviceClassWithExtendResourceName2: V1DeviceClass = { metadata: { name: `${className}2` }, spec: { extendedResourceName: extendedResourceName2 } };

/** st.MakePod().Req(...): one container per request list. */
function pod(...containers: Record<string, string>[]): V1Pod {
  return {
    metadata: { name: podName, namespace, uid: podUID },
    spec: { containers: containers.map((requests, index) => ({ name: `c${index}`, image: 'pause', resources: { requests } })) },
  };
}
const podWithExtendedResourceName = pod({ [extendedResourceName]: '1' });
const podWithExtendedResourceName2 = pod({ [extendedResourceName]: '1', [extendedResourceName2]: '1' });
const podWithImplicitExtendedResourceName = pod({ [implicitExtendedResourceName]: '1', [extendedResourceName]: '2' });
const podWithImplicitExtendedResourceNameTwoContainers = pod({ [implicitExtendedResourceName]: '1' }, { [extendedResourceName]: '2' });

const exact = (name: string, deviceClassName: string, count = 1) => ({ name, exactly: { deviceClassName, allocationMode: 'ExactCount', count } });
const results = (...entries: [string, string][]) => entries.map(([request, device]) => ({ request, driver, pool: nodeName, device }));
const localTo = (name: string) => ({ nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [name] }] }] });

/** The claim PreBind creates (the test's extendedResourceClaim…), as the plan's Reserve leaves it. */
function extendedResourceClaim(requests: object[], allocated: [string, string][], name = expect.stringMatching(/^my-pod-extended-resources-[a-z0-9]{5}$/)): object {
  return {
    apiVersion: 'resource.k8s.io/v1',
    kind: 'ResourceClaim',
    metadata: {
      name,
      namespace,
      generateName: 'my-pod-extended-resources-',
      annotations: { [EXTENDED_RESOURCE_CLAIM_ANNOTATION]: 'true' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: podName, uid: podUID, controller: true, blockOwnerDeletion: true }],
    },
    spec: { devices: { requests } },
    status: { allocation: { devices: { results: results(...allocated) }, nodeSelector: localTo(nodeName) }, reservedFor: [{ resource: 'pods', name: podName, uid: podUID }] },
  };
}

/** A claim an earlier scheduling cycle made for the pod (upstream extendedResourceClaim / extendedResourceClaimNode2). */
function staleClaim(allocatedOn: string): ResourceV1ResourceClaim {
  return {
    metadata: {
      name: 'my-pod-extended-resources-0',
      generateName: 'my-pod-extended-resources-',
      namespace,
      annotations: { [EXTENDED_RESOURCE_CLAIM_ANNOTATION]: 'true' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: podName, uid: podUID, controller: true }],
    },
    spec: { devices: { requests: [exact('container-0-request-0', className)] } },
    status: { allocation: { devices: { results: results(['container-0-request-0', 'instance-1']) }, nodeSelector: localTo(allocatedOn) } },
  } as ResourceV1ResourceClaim;
}

const FEATURES: DynamicResourcesFeatures = { enabled: true, adminAccess: true, prioritizedList: true, partitionableDevices: false, deviceTaints: false, extendedResource: true };

type Expected = { code: Code; message: string } | null;
const skip: Expected = { code: Code.Skip, message: '' };
const unresolvable = (message: string): Expected => ({ code: Code.UnschedulableAndUnresolvable, message });
const unschedulable = (message: string): Expected => ({ code: Code.Unschedulable, message });
const observed = (status: Status | null): Expected => (status === null ? null : { code: status.code, message: status.message });

interface ExtendedCase {
  node?: V1Node;
  pod: V1Pod;
  claims?: ResourceV1ResourceClaim[];
  classes?: V1DeviceClass[];
  slices?: V1ResourceSlice[];
  want: {
    prefilter?: Expected;
    filter?: Expected;
    postfilter?: Expected;
    /** The claim Reserve creates; null: none. */
    created?: object | null;
  };
}

const CASES: Record<string, ExtendedCase> = {
  'empty-with-extended-resources-enabled': { pod: { metadata: { name: 'foo', namespace }, spec: { containers: [{ name: 'c' }] } }, want: { prefilter: skip, postfilter: unschedulable('no new claims to deallocate') } },
  'extended-resource-name-with-node-resource': {
    node: workerNodeWithExtendedResource,
    pod: podWithExtendedResourceName,
    classes: [deviceClassWithExtendResourceName],
    want: { created: null },
  },
  'extended-resource-one-device-plugin-one-dra': {
    node: workerNodeWithExtendedResource,
    pod: podWithExtendedResourceName2,
    classes: [deviceClassWithExtendResourceName, deviceClassWithExtendResourceName2],
    slices: [workerNodeSlice],
    want: { created: extendedResourceClaim([exact('container-0-request-1', `${className}2`)], [['container-0-request-1', 'instance-1']]) },
  },
  'extended-resource-name-with-zero-allocatable': {
    node: workerNodeWithExtendedResourceZeroAllocatable,
    pod: podWithExtendedResourceName,
    classes: [deviceClassWithExtendResourceName],
    slices: [workerNodeSlice],
    want: { created: extendedResourceClaim([exact('container-0-request-0', className)], [['container-0-request-0', 'instance-1']]) },
  },
  'non-DRA-extended-resource-name-with-zero-allocatable': {
    node: workerNodeWithExtendedResourceZeroAllocatable,
    pod: podWithExtendedResourceName,
    classes: [deviceClass],
    slices: [workerNodeSlice],
    want: { prefilter: skip },
  },
  'extended-resource-name-no-resource': {
    pod: podWithExtendedResourceName,
    classes: [deviceClassWithExtendResourceName],
    want: { filter: unresolvable('cannot allocate all claims'), postfilter: unschedulable('still not schedulable') },
  },
  'extended-resource-name-with-resources': {
    pod: podWithExtendedResourceName,
    classes: [deviceClassWithExtendResourceName],
    slices: [workerNodeSlice],
    want: { created: extendedResourceClaim([exact('container-0-request-0', className)], [['container-0-request-0', 'instance-1']]) },
  },
  'implicit-extended-resource-name-with-resources': {
    pod: podWithImplicitExtendedResourceName,
    classes: [deviceClassWithExtendResourceName],
    slices: [largeWorkerNodeSlice],
    want: {
      created: extendedResourceClaim(
        [exact('container-0-request-0', className), exact('container-0-request-1', className, 2)],
        [
          ['container-0-request-0', 'instance-1'],
          ['container-0-request-1', 'instance-2'],
          ['container-0-request-1', 'instance-3'],
        ],
      ),
    },
  },
  'implicit-extended-resource-name-two-containers-with-resources': {
    pod: podWithImplicitExtendedResourceNameTwoContainers,
    classes: [deviceClassWithExtendResourceName],
    slices: [largeWorkerNodeSlice],
    want: {
      created: extendedResourceClaim(
        [exact('container-0-request-0', className), exact('container-1-request-0', className, 2)],
        [
          ['container-0-request-0', 'instance-1'],
          ['container-1-request-0', 'instance-2'],
          ['container-1-request-0', 'instance-3'],
        ],
      ),
    },
  },
  'extended-resource-name-with-resources-has-claim': {
    pod: podWithExtendedResourceName,
    claims: [staleClaim(nodeName)],
    classes: [deviceClassWithExtendResourceName],
    slices: [workerNodeSlice],
    want: { filter: unresolvable('cannot schedule extended resource claim'), postfilter: unschedulable('deletion of ResourceClaim completed') },
  },
  'extended-resource-name-with-resources-delete-claim': {
    pod: podWithExtendedResourceName,
    claims: [staleClaim('worker-2')],
    classes: [deviceClassWithExtendResourceName],
    slices: [workerNodeSlice],
    want: { filter: unresolvable('cannot schedule extended resource claim'), postfilter: unschedulable('deletion of ResourceClaim completed') },
  },
  'podplan: an unmapped extended resource the node does not advertise cannot fit': {
    pod: pod({ [extendedResourceName]: '1', 'example.com/other': '1' }),
    classes: [deviceClassWithExtendResourceName],
    slices: [workerNodeSlice],
    want: { filter: unresolvable('cannot fit resource'), postfilter: unschedulable('still not schedulable') },
  },
};

describe('DynamicResources with DRAExtendedResource (upstream TestPlugin extended-resource cases)', () => {
  it.each(Object.entries(CASES))('%s', (_name, scenario) => {
    const plugin = new DynamicResourcesPlugin(FEATURES);
    const cluster = clusterOf([scenario.node ?? workerNode], [], {
      resourceClaims: scenario.claims ?? [],
      deviceClasses: scenario.classes ?? [],
      resourceSlices: scenario.slices ?? [],
    });
    const podInfo = buildPodInfo(scenario.pod);
    const state = new CycleState();
    const preFilter = plugin.preFilter(state, podInfo, cluster).status;
    expect(observed(preFilter)).toEqual(scenario.want.prefilter ?? null);
    const nodeInfo = cluster.nodes[0];
    const filter = preFilter === null ? plugin.filter(state, podInfo, nodeInfo) : null;
    expect(observed(filter)).toEqual(scenario.want.filter ?? null);
    if (scenario.want.postfilter !== undefined) expect(observed(plugin.postFilter(state, podInfo).status)).toEqual(scenario.want.postfilter);
    if (scenario.want.created !== undefined) {
      const before = new Set(cluster.objects.dra.resourceClaims.keys());
      plugin.reserve(podInfo, nodeInfo, cluster);
      const created = [...cluster.objects.dra.resourceClaims].filter(([key]) => !before.has(key)).map(([, claim]) => claim);
      expect(created).toEqual(scenario.want.created === null ? [] : [scenario.want.created]);
    }
  });

  it('podplan: the claim Reserve creates takes its devices from the next pod', () => {
    const plugin = new DynamicResourcesPlugin(FEATURES);
    const cluster = clusterOf([workerNode], [], { deviceClasses: [deviceClassWithExtendResourceName], resourceSlices: [workerNodeSlice] });
    const first = buildPodInfo(podWithExtendedResourceName);
    plugin.reserve(first, cluster.nodes[0], cluster);
    const second = buildPodInfo({ ...podWithExtendedResourceName, metadata: { name: 'other', namespace, uid: 'uid-other' } });
    const state = new CycleState();
    expect(plugin.preFilter(state, second, cluster).status).toBeNull();
    expect(observed(plugin.filter(state, second, cluster.nodes[0]))).toEqual(unresolvable('cannot allocate all claims'));
  });

  it('podplan: with the gate off an extended resource is only NodeResourcesFit\'s', () => {
    const plugin = new DynamicResourcesPlugin({ ...FEATURES, extendedResource: false });
    const cluster = clusterOf([workerNode], [], { deviceClasses: [deviceClassWithExtendResourceName], resourceSlices: [workerNodeSlice] });
    expect(observed(plugin.preFilter(new CycleState(), buildPodInfo(podWithExtendedResourceName), cluster).status)).toEqual(skip);
  });
});

describe('deviceClassMapping (extended.go DeviceClassMapping)', () => {
  it('maps every class by its implicit name and, when set, its extendedResourceName; the newest class wins a shared name, then the first by name', () => {
    const at = (name: string, time: string, resource?: string): V1DeviceClass => ({ metadata: { name, creationTimestamp: new Date(time) }, spec: { ...(resource && { extendedResourceName: resource }) } });
    const mapping = deviceClassMapping([
      at('old', '2025-01-01T00:00:00Z', 'example.com/gpu'),
      at('new', '2025-06-01T00:00:00Z', 'example.com/gpu'),
      at('b', '2025-03-01T00:00:00Z', 'example.com/nic'),
      at('a', '2025-03-01T00:00:00Z', 'example.com/nic'),
    ]);
    expect(mapping.get('example.com/gpu')).toBe('new');
    expect(mapping.get('example.com/nic')).toBe('a');
    expect(mapping.get('deviceclass.resource.kubernetes.io/old')).toBe('old');
    expect(mapping.get('deviceclass.resource.kubernetes.io/b')).toBe('b');
  });
});

/**
 * v1.34 (DRA_EXTENDED_RESOURCE_RULES['v1.34']): release-1.34
 * dynamicresources.go reads only v1helper.IsExtendedResourceName names, maps
 * a class by its explicit name or else its implicit one (extended/util.go),
 * treats a node listing the resource in allocatable (even at 0) as serving it
 * by device plugin, and its createDeviceRequests requests every mapped
 * resource of the pod. The cases of upstream's TestPlugin as they came out
 * before the v1.35 changes (kubernetes PRs 133363, 133784, 135037), names
 * kept with the release.
 */
const V1_34: DynamicResourcesFeatures = { ...FEATURES, extendedResourceRules: DRA_EXTENDED_RESOURCE_RULES.releases['v1.34'] };

/** Upstream's cases whose expectations v1.34 shares with v1.35: run again under v1.34's rules. */
const UNCHANGED_IN_V1_34 = ['extended-resource-name-with-node-resource', 'extended-resource-name-no-resource', 'extended-resource-name-with-resources', 'extended-resource-name-with-resources-has-claim'];

const V1_34_CASES: Record<string, ExtendedCase> = {
  ...Object.fromEntries(UNCHANGED_IN_V1_34.map((name) => [name, CASES[name]])),
  // v1.34: a node listing the resource at 0 serves it by device plugin (okScalar), so DynamicResources leaves it to NodeResourcesFit.
  'v1.34 extended-resource-name-with-zero-allocatable': {
    node: workerNodeWithExtendedResourceZeroAllocatable,
    pod: podWithExtendedResourceName,
    classes: [deviceClassWithExtendResourceName],
    slices: [workerNodeSlice],
    want: { created: null },
  },
  // v1.34: the claim also requests the resource the device plugin serves (createDeviceRequests ranges over every mapped resource): two devices for one.
  'v1.34 extended-resource-one-device-plugin-one-dra': {
    node: workerNodeWithExtendedResource,
    pod: podWithExtendedResourceName2,
    classes: [deviceClassWithExtendResourceName, deviceClassWithExtendResourceName2],
    slices: [workerNodeSlice],
    want: { filter: unresolvable('cannot allocate all claims') },
  },
  'v1.34 extended-resource-one-device-plugin-one-dra, with devices for both': {
    node: workerNodeWithExtendedResource,
    pod: podWithExtendedResourceName2,
    classes: [deviceClassWithExtendResourceName, deviceClassWithExtendResourceName2],
    slices: [largeWorkerNodeSlice],
    want: {
      created: extendedResourceClaim(
        [exact('container-0-request-0', className), exact('container-0-request-1', `${className}2`)],
        [
          ['container-0-request-0', 'instance-1'],
          ['container-0-request-1', 'instance-2'],
        ],
      ),
    },
  },
  // v1.34: the implicit name is no extended resource name (it carries kubernetes.io/): only example.com/gpu (index 1 of the container's sorted requests) is allocated.
  'v1.34 implicit-extended-resource-name-with-resources': {
    pod: podWithImplicitExtendedResourceName,
    classes: [deviceClassWithExtendResourceName],
    slices: [largeWorkerNodeSlice],
    want: {
      created: extendedResourceClaim(
        [exact('container-0-request-1', className, 2)],
        [
          ['container-0-request-1', 'instance-1'],
          ['container-0-request-1', 'instance-2'],
        ],
      ),
    },
  },
  // v1.34: a pod asking only for an implicit name gets nothing from DynamicResources.
  'v1.34 implicit name alone': {
    pod: pod({ [implicitExtendedResourceName]: '1' }),
    classes: [deviceClass],
    slices: [workerNodeSlice],
    want: { prefilter: skip },
  },
};

describe('DynamicResources with DRAExtendedResource in v1.34', () => {
  it.each(Object.entries(V1_34_CASES))('%s', (_name, scenario) => {
    const plugin = new DynamicResourcesPlugin(V1_34);
    const cluster = clusterOf([scenario.node ?? workerNode], [], { resourceClaims: scenario.claims ?? [], deviceClasses: scenario.classes ?? [], resourceSlices: scenario.slices ?? [] });
    const podInfo = buildPodInfo(scenario.pod);
    const state = new CycleState();
    const preFilter = plugin.preFilter(state, podInfo, cluster).status;
    expect(observed(preFilter)).toEqual(scenario.want.prefilter ?? null);
    const filter = preFilter === null ? plugin.filter(state, podInfo, cluster.nodes[0]) : null;
    expect(observed(filter)).toEqual(scenario.want.filter ?? null);
    if (scenario.want.postfilter !== undefined) expect(observed(plugin.postFilter(state, podInfo).status)).toEqual(scenario.want.postfilter);
    if (scenario.want.created !== undefined) {
      const before = new Set(cluster.objects.dra.resourceClaims.keys());
      plugin.reserve(podInfo, cluster.nodes[0], cluster);
      const created = [...cluster.objects.dra.resourceClaims].filter(([key]) => !before.has(key)).map(([, claim]) => claim);
      expect(created).toEqual(scenario.want.created === null ? [] : [scenario.want.created]);
    }
  });
});

describe('deviceClassMapping in v1.34 (release-1.34 extended/util.go DeviceClassMapping)', () => {
  it('maps each class by its extendedResourceName, or its implicit name when it has none; of classes sharing a name the last listed wins', () => {
    const at = (name: string, time: string, resource?: string): V1DeviceClass => ({ metadata: { name, creationTimestamp: new Date(time) }, spec: { ...(resource && { extendedResourceName: resource }) } });
    const mapping = deviceClassMapping(
      [at('new', '2025-06-01T00:00:00Z', 'example.com/gpu'), at('old', '2025-01-01T00:00:00Z', 'example.com/gpu'), at('plain', '2025-01-01T00:00:00Z')],
      DRA_EXTENDED_RESOURCE_RULES.releases['v1.34'],
    );
    expect(Object.fromEntries(mapping)).toEqual({ 'example.com/gpu': 'old', 'deviceclass.resource.kubernetes.io/plain': 'plain' });
  });
});
