/**
 * DynamicResources against upstream's TestPlugin table
 * (pkg/scheduler/framework/plugins/dynamicresources/dynamicresources_test.go),
 * case names kept, for the extension points a plan runs: PreFilter, Filter
 * on each node, PostFilter when no node fits, and Reserve (the claim as the
 * plan's catalog keeps it: allocated and reserved for the pod), after
 * PreEnqueue (a missing, deleted or foreign claim). Expected codes follow the plugin
 * source of the v1.34/v1.35 era (dynamicresources.go): an allocator error is
 * the Filter's Error, which fails the pod's scheduling attempt.
 *
 * Fixtures carry upstream's facts: node "worker" with one device
 * "instance-1" of driver "some-driver" in pool "worker"; class
 * "my-resource-class" (no selectors); claim "my-pod-my-resource" with
 * request "req-1" owned by pod "my-pod" (uid 1234).
 */
import type { ResourceV1ResourceClaim, V1DeviceClass, V1Node, V1Pod, V1ResourceSlice } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../../src/scheduling/framework/cycle-state.js';
import { Code, type Status } from '../../../../src/scheduling/framework/status.js';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { DynamicResourcesPlugin, ScoringDynamicResourcesPlugin, type DynamicResourcesFeatures } from '../../../../src/scheduling/plugins/dynamic-resources/dynamic-resources-plugin.js';
import { dynamicResources } from '../../../../src/scheduling/plugins/dynamic-resources/index.js';
import { defaultEmulation } from '../../../../src/scheduling/release/emulation.js';
import { clusterOf, makePod } from '../../../support/builders.js';

const [nodeName, node2Name] = ['worker', 'worker-2'];
const driver = 'some-driver';
const [podName, podUID, namespace] = ['my-pod', '1234', 'default'];
const resourceName = 'my-resource';
const claimName = `${podName}-${resourceName}`;
const className = 'my-resource-class';
const attrName = 'healthy';

const node = (name: string): V1Node => ({ metadata: { name, labels: { 'kubernetes.io/hostname': name } } });
const workerNode = node(nodeName);
const workerNode2 = node(node2Name);

function nodeSlice(name: string, attributes?: Record<string, unknown>): V1ResourceSlice {
  return {
    metadata: { name: `${name}-${driver}` },
    spec: { driver, nodeName: name, pool: { name, generation: 1, resourceSliceCount: 1 }, devices: [{ name: 'instance-1', ...(attributes && { attributes: attributes as never }) }] },
  };
}
const workerNodeSlice = nodeSlice(nodeName);
const workerNode2Slice = nodeSlice(node2Name, { [attrName]: { bool: true } });
const taintDevices = (slice: V1ResourceSlice): V1ResourceSlice => ({
  ...slice,
  spec: { ...slice.spec, devices: (slice.spec.devices ?? []).map((device) => ({ ...device, taints: [{ key: 'taint-key', value: 'taint-value', effect: 'NoSchedule' }] })) },
});

const brokenSelector = `device.attributes["${driver}"].${attrName}`;
const deviceClass: V1DeviceClass = { metadata: { name: className }, spec: {} };
const breakCELInClass = (deviceClassObject: V1DeviceClass): V1DeviceClass => ({ ...deviceClassObject, spec: { selectors: [{ cel: { expression: brokenSelector } }] } });

const podWithClaimName: V1Pod = {
  metadata: { name: podName, namespace, uid: podUID },
  spec: { containers: [{ name: 'c' }], resourceClaims: [{ name: resourceName, resourceClaimName: claimName }] },
};
const podWithClaimTemplate: V1Pod = {
  metadata: { name: podName, namespace, uid: podUID },
  spec: { containers: [{ name: 'c' }], resourceClaims: [{ name: resourceName, resourceClaimTemplateName: claimName }] },
};
const podWithClaimTemplateInStatus: V1Pod = { ...podWithClaimTemplate, status: { resourceClaimStatuses: [{ name: resourceName, resourceClaimName: claimName }] } };

const claim: ResourceV1ResourceClaim = {
  metadata: { name: claimName, namespace },
  spec: { devices: { requests: [{ name: 'req-1', exactly: { deviceClassName: className, allocationMode: 'ExactCount', count: 1 } }] } },
};
const claimWithPrioritizedList: ResourceV1ResourceClaim = {
  metadata: { name: claimName, namespace },
  spec: { devices: { requests: [{ name: 'req-1', firstAvailable: [{ name: 'subreq-1', deviceClassName: className, allocationMode: 'ExactCount', count: 1 }] }] } },
};
const owned = (base: ResourceV1ResourceClaim): ResourceV1ResourceClaim => ({
  ...base,
  metadata: { ...base.metadata, ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: podName, uid: podUID, controller: true }] },
});
const pendingClaim = owned(claim);
const pendingClaimWithPrioritizedList = owned(claimWithPrioritizedList);
const localToWorker = { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] };
const allocationResult = (request = 'req-1') => ({ devices: { results: [{ request, driver, pool: nodeName, device: 'instance-1' }] }, nodeSelector: localToWorker });
const withAllocation = (base: ResourceV1ResourceClaim, allocation: object): ResourceV1ResourceClaim => ({ ...base, status: { ...base.status, allocation: allocation as never } });
const reserve = (base: ResourceV1ResourceClaim): ResourceV1ResourceClaim => ({ ...base, status: { ...base.status, reservedFor: [{ resource: 'pods', name: podName, uid: podUID }] } });
const allocatedClaim = withAllocation(pendingClaim, allocationResult());
const inUseClaim = reserve(allocatedClaim);
const otherAllocatedClaim = withAllocation({ ...claim, metadata: { name: 'not-my-claim', namespace } }, allocationResult());
const allocatedClaimWithWrongTopology = withAllocation(pendingClaim, { nodeSelector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'no-such-label', operator: 'In', values: ['no-such-value'] }] }] } });
const allocatedClaimWithGoodTopology = withAllocation(pendingClaim, { nodeSelector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [nodeName] }] }] } });

/** Admin access on every request (and every result of an allocation). */
function adminAccess(base: ResourceV1ResourceClaim): ResourceV1ResourceClaim {
  const requests = (base.spec.devices?.requests ?? []).map((request) => ({ ...request, exactly: { ...request.exactly!, adminAccess: true } }));
  const allocation = base.status?.allocation;
  return {
    ...base,
    spec: { devices: { ...base.spec.devices, requests } },
    ...(allocation && { status: { ...base.status, allocation: { ...allocation, devices: { results: allocation.devices!.results!.map((result) => ({ ...result, adminAccess: true })) } } } }),
  };
}
function breakCELInClaim(base: ResourceV1ResourceClaim): ResourceV1ResourceClaim {
  const requests = (base.spec.devices?.requests ?? []).map((request) => ({ ...request, exactly: { ...request.exactly!, selectors: [{ cel: { expression: brokenSelector } }] } }));
  return { ...base, spec: { devices: { ...base.spec.devices, requests } } };
}
function updateDeviceClassName(base: ResourceV1ResourceClaim, deviceClassName: string): ResourceV1ResourceClaim {
  const requests = (base.spec.devices?.requests ?? []).map((request) =>
    request.firstAvailable ? { ...request, firstAvailable: request.firstAvailable.map((sub) => ({ ...sub, deviceClassName })) } : { ...request, exactly: { ...request.exactly!, deviceClassName } },
  );
  return { ...base, spec: { devices: { ...base.spec.devices, requests } } };
}

const V1_35: DynamicResourcesFeatures = { enabled: true, adminAccess: true, prioritizedList: true, partitionableDevices: false, deviceTaints: false };

type Expected = { code: Code; message: string } | null;
const skip: Expected = { code: Code.Skip, message: '' };
const unresolvable = (message: string): Expected => ({ code: Code.UnschedulableAndUnresolvable, message });
const unschedulable = (message: string): Expected => ({ code: Code.Unschedulable, message });
const error = (message: string): Expected => ({ code: Code.Error, message });

interface PluginCase {
  features?: Partial<DynamicResourcesFeatures>;
  nodes?: V1Node[];
  pod: V1Pod;
  claims?: ResourceV1ResourceClaim[];
  classes?: V1DeviceClass[];
  slices?: V1ResourceSlice[];
  want: {
    /** Upstream PreEnqueue: the pod never enters the queue, nothing else runs. */
    preenqueue?: Expected;
    prefilter?: Expected;
    /** Per node; nodes not listed pass. */
    filter?: Record<string, Expected>;
    /** Run when some node failed (as the framework does). */
    postfilter?: Expected;
    /** The pod's claim after Reserve on the first node, when every node passed. */
    reserved?: ResourceV1ResourceClaim;
  };
}

const CASES: Record<string, PluginCase> = {
  empty: { pod: { metadata: { name: 'foo', namespace }, spec: { containers: [{ name: 'c' }] } }, want: { prefilter: skip, postfilter: unschedulable('no new claims to deallocate') } },
  'claim-reference': { pod: podWithClaimName, claims: [allocatedClaim, otherAllocatedClaim], want: { reserved: reserve(allocatedClaim) } },
  'claim-template': { pod: podWithClaimTemplateInStatus, claims: [allocatedClaim, otherAllocatedClaim], want: { reserved: reserve(allocatedClaim) } },
  'missing-claim': { pod: podWithClaimTemplate, claims: [allocatedClaim], want: { preenqueue: unresolvable('pod "default/my-pod": ResourceClaim not created yet') } },
  'deleted-claim': {
    pod: podWithClaimTemplateInStatus,
    claims: [{ ...allocatedClaim, metadata: { ...allocatedClaim.metadata, deletionTimestamp: new Date('2026-01-01T00:00:00Z') } }],
    want: { preenqueue: unresolvable('resourceclaim "my-pod-my-resource" is being deleted') },
  },
  'wrong-claim': {
    pod: podWithClaimTemplateInStatus,
    claims: [{ ...allocatedClaim, metadata: { ...allocatedClaim.metadata, ownerReferences: [{ ...allocatedClaim.metadata!.ownerReferences![0], uid: `${podUID}123` }] } }],
    want: { preenqueue: unresolvable('ResourceClaim default/my-pod-my-resource was not created for pod default/my-pod (pod is not owner)') },
  },
  'no-resources': {
    pod: podWithClaimName,
    claims: [pendingClaim],
    classes: [deviceClass],
    want: { filter: { [nodeName]: unresolvable('cannot allocate all claims') }, postfilter: unschedulable('still not schedulable') },
  },
  'with-resources': { pod: podWithClaimName, claims: [pendingClaim], classes: [deviceClass], slices: [workerNodeSlice], want: { reserved: inUseClaim } },
  'exhausted-resources': {
    pod: podWithClaimName,
    claims: [pendingClaim, otherAllocatedClaim],
    classes: [deviceClass],
    slices: [workerNodeSlice],
    want: { filter: { [nodeName]: unresolvable('cannot allocate all claims') }, postfilter: unschedulable('still not schedulable') },
  },
  'tainted-device-disabled': { pod: podWithClaimName, claims: [pendingClaim], classes: [deviceClass], slices: [taintDevices(workerNodeSlice)], want: { reserved: inUseClaim } },
  'tainted-device-enabled': {
    features: { deviceTaints: true },
    pod: podWithClaimName,
    claims: [pendingClaim],
    classes: [deviceClass],
    slices: [taintDevices(workerNodeSlice)],
    want: { filter: { [nodeName]: unresolvable('cannot allocate all claims') }, postfilter: unschedulable('still not schedulable') },
  },
  'request-admin-access-with-DRAAdminAccess-featuregate': {
    pod: podWithClaimName,
    claims: [adminAccess(pendingClaim), otherAllocatedClaim],
    classes: [deviceClass],
    slices: [workerNodeSlice],
    want: { reserved: reserve(adminAccess(allocatedClaim)) },
  },
  'request-admin-access-without-DRAAdminAccess-featuregate': {
    features: { adminAccess: false },
    pod: podWithClaimName,
    claims: [adminAccess(pendingClaim), otherAllocatedClaim],
    classes: [deviceClass],
    slices: [workerNodeSlice],
    want: { filter: { [nodeName]: error('claim default/my-pod-my-resource, request req-1: admin access is requested, but the feature is disabled') } },
  },
  'structured-ignore-allocated-admin-access': {
    pod: podWithClaimName,
    claims: [pendingClaim, adminAccess(otherAllocatedClaim)],
    classes: [deviceClass],
    slices: [workerNodeSlice],
    want: { reserved: inUseClaim },
  },
  'claim-parameters-CEL-runtime-error': {
    pod: podWithClaimName,
    claims: [breakCELInClaim(pendingClaim)],
    classes: [deviceClass],
    slices: [workerNodeSlice],
    want: { filter: { [nodeName]: error(`claim default/my-pod-my-resource: selector #0: CEL runtime error: no such key: ${attrName}`) } },
  },
  'class-parameters-CEL-runtime-error': {
    pod: podWithClaimName,
    claims: [pendingClaim],
    classes: [breakCELInClass(deviceClass)],
    slices: [workerNodeSlice],
    want: { filter: { [nodeName]: error(`class my-resource-class: selector #0: CEL runtime error: no such key: ${attrName}`) } },
  },
  'CEL-runtime-error-for-one-of-two-nodes': {
    nodes: [workerNode, workerNode2],
    pod: podWithClaimName,
    claims: [breakCELInClaim(pendingClaim)],
    classes: [deviceClass],
    slices: [workerNodeSlice, workerNode2Slice],
    want: { filter: { [nodeName]: error(`claim default/my-pod-my-resource: selector #0: CEL runtime error: no such key: ${attrName}`) } },
  },
  'missing-class': {
    pod: podWithClaimName,
    claims: [pendingClaim],
    want: { prefilter: unresolvable(`request req-1: device class ${className} does not exist`), postfilter: unschedulable('no new claims to deallocate') },
  },
  'wrong-topology': {
    pod: podWithClaimName,
    claims: [allocatedClaimWithWrongTopology],
    want: { filter: { [nodeName]: unresolvable('resourceclaim not available on the node') }, postfilter: unschedulable('deallocation of ResourceClaim completed') },
  },
  'good-topology': { pod: podWithClaimName, claims: [allocatedClaimWithGoodTopology], want: { reserved: reserve(allocatedClaimWithGoodTopology) } },
  'reserved-okay': { pod: podWithClaimName, claims: [inUseClaim], want: { reserved: inUseClaim } },
  'DRA-disabled': { features: { enabled: false }, pod: podWithClaimName, claims: [inUseClaim], want: { prefilter: skip, postfilter: unschedulable('plugin disabled') } },
  'claim-with-request-with-unknown-device-class': {
    pod: podWithClaimName,
    claims: [updateDeviceClassName(claim, 'does-not-exist')],
    want: { prefilter: unresolvable('request req-1: device class does-not-exist does not exist'), postfilter: unschedulable('no new claims to deallocate') },
  },
  'claim-with-prioritized-list-feature-disabled': {
    features: { prioritizedList: false },
    pod: podWithClaimName,
    claims: [claimWithPrioritizedList],
    classes: [deviceClass],
    want: {
      prefilter: unresolvable('resource claim default/my-pod-my-resource, request req-1: has subrequests, but the DRAPrioritizedList feature is disabled'),
      postfilter: unschedulable('no new claims to deallocate'),
    },
  },
  'claim-with-prioritized-list-unknown-device-class': {
    pod: podWithClaimName,
    claims: [updateDeviceClassName(claimWithPrioritizedList, 'does-not-exist')],
    want: { prefilter: unresolvable('request req-1/subreq-1: device class does-not-exist does not exist'), postfilter: unschedulable('no new claims to deallocate') },
  },
  'claim-with-prioritized-list': {
    pod: podWithClaimName,
    claims: [pendingClaimWithPrioritizedList],
    classes: [deviceClass],
    slices: [workerNodeSlice],
    want: { reserved: reserve(withAllocation(pendingClaimWithPrioritizedList, allocationResult('req-1/subreq-1'))) },
  },
};

const observed = (status: Status | null): Expected => (status === null ? null : { code: status.code, message: status.message });

describe('DynamicResources (upstream dynamicresources_test.go TestPlugin)', () => {
  it.each(Object.entries(CASES))('%s', (_name, scenario) => {
    const plugin = new DynamicResourcesPlugin({ ...V1_35, ...scenario.features });
    const nodes = scenario.nodes ?? [workerNode];
    const cluster = clusterOf(nodes, [], { resourceClaims: scenario.claims ?? [], deviceClasses: scenario.classes ?? [], resourceSlices: scenario.slices ?? [] });
    const pod = buildPodInfo(scenario.pod);
    const state = new CycleState();
    const preEnqueue = plugin.preEnqueue(pod, cluster);
    expect(observed(preEnqueue)).toEqual(scenario.want.preenqueue ?? null);
    if (preEnqueue !== null) return;
    const preFilter = plugin.preFilter(state, pod, cluster).status;
    expect(observed(preFilter)).toEqual(scenario.want.prefilter ?? null);
    const failures = new Map<string, Status>();
    if (preFilter === null || preFilter.isSkip) {
      for (const nodeInfo of cluster.nodes) {
        const status = plugin.filter(state, pod, nodeInfo);
        expect(observed(status), nodeInfo.name).toEqual(scenario.want.filter?.[nodeInfo.name] ?? null);
        if (status) failures.set(nodeInfo.name, status);
      }
    } else {
      for (const nodeInfo of cluster.nodes) failures.set(nodeInfo.name, preFilter);
    }
    // Upstream's table runs PostFilter as the scheduler would after no node fit (here, for "empty", because of other plugins).
    if (scenario.want.postfilter !== undefined) expect(observed(plugin.postFilter(state, pod).status)).toEqual(scenario.want.postfilter);
    if (scenario.want.reserved !== undefined) {
      expect(failures.size).toBe(0);
      plugin.reserve(pod, cluster.nodes[0], cluster);
      const key = `${namespace}/${claimName}`;
      expect(cluster.objects.dra.resourceClaims.get(key)).toEqual(scenario.want.reserved);
    }
  });
});

/** Each request: firstAvailable [subreq-1: 2 devices, subreq-2: 1 device]. */
const pendingClaimWithMultiplePrioritizedListRequests = owned({
  metadata: { name: claimName, namespace },
  spec: {
    devices: {
      requests: ['req-1', 'req-2'].map((name) => ({
        name,
        firstAvailable: [
          { name: 'subreq-1', deviceClassName: className, allocationMode: 'ExactCount', count: 2 },
          { name: 'subreq-2', deviceClassName: className, allocationMode: 'ExactCount', count: 1 },
        ],
      })),
    },
  },
});
const sliceWithDevices = (name: string, count: number): V1ResourceSlice => ({
  metadata: { name: `${name}-${driver}` },
  spec: { driver, nodeName: name, pool: { name, generation: 1, resourceSliceCount: 1 }, devices: Array.from({ length: count }, (_, index) => ({ name: `instance-${index + 1}` })) },
});

describe('DynamicResources Score from v1.35 (upstream TestPlugin scoring case)', () => {
  it('multiple-requests-prioritized-list-scoring', () => {
    const plugin = new ScoringDynamicResourcesPlugin(V1_35);
    const nodes = [workerNode, workerNode2, node('worker-3')];
    const cluster = clusterOf(nodes, [], {
      resourceClaims: [pendingClaimWithMultiplePrioritizedListRequests],
      deviceClasses: [deviceClass],
      resourceSlices: [sliceWithDevices(nodeName, 4), sliceWithDevices(node2Name, 3), sliceWithDevices('worker-3', 2)],
    });
    const pod = buildPodInfo(podWithClaimName);
    const state = new CycleState();
    expect(plugin.preFilter(state, pod, cluster).status).toBeNull();
    for (const nodeInfo of cluster.nodes) expect(plugin.filter(state, pod, nodeInfo)).toBeNull();
    const scores = Float64Array.from(cluster.nodes.map((nodeInfo) => plugin.score(state, pod, nodeInfo)));
    expect([...scores]).toEqual([16, 15, 14]);
    plugin.normalizeScore(state, pod, scores);
    expect([...scores]).toEqual([100, 93, 87]);
  });

  it('podplan: scoreNodes gives every node what Score gives it, with claims and without', () => {
    const plugin = new ScoringDynamicResourcesPlugin(V1_35);
    const cluster = clusterOf([workerNode, workerNode2, node('worker-3')], [], {
      resourceClaims: [pendingClaimWithMultiplePrioritizedListRequests],
      deviceClasses: [deviceClass],
      resourceSlices: [sliceWithDevices(nodeName, 4), sliceWithDevices(node2Name, 3), sliceWithDevices('worker-3', 2)],
    });
    for (const pod of [buildPodInfo(podWithClaimName), buildPodInfo(makePod('no-claims').namespace(namespace).obj())]) {
      const state = new CycleState();
      plugin.preFilter(state, pod, cluster);
      for (const nodeInfo of cluster.nodes) plugin.filter(state, pod, nodeInfo);
      const raw = new Float64Array(cluster.nodes.length).fill(-1);
      plugin.scoreNodes(state, pod, cluster.nodes, raw);
      expect([...raw]).toEqual(cluster.nodes.map((nodeInfo) => plugin.score(state, pod, nodeInfo)));
    }
  });

  it('podplan: the default profile scores with DynamicResources from v1.35 only', () => {
    expect('score' in dynamicResources(undefined, defaultEmulation('v1.34').features)).toBe(false);
    expect('score' in dynamicResources(undefined, defaultEmulation('v1.35').features)).toBe(true);
  });
});
