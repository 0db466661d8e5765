/**
 * NodeResourcesFit scoring of extended resources backed by DRA (v1.35,
 * kubernetes PR 134058): upstream resource_allocation_test.go
 * TestCalculateResourceAllocatableRequest, names kept — the allocatable and
 * requested the scorer sees for one extended resource the pod requests 1 of,
 * with its objects: `resource-node`, driver `test-driver`, a class mapping
 * `example.com/gpu` (or its implicit name), slices and allocated claims. The
 * pair is read from what ResourceAllocation hands its scorer. Then what it
 * changes in plugin scores, per release.
 */
import type { ResourceV1ResourceClaim, V1DeviceClass, V1Node, V1ResourceSlice } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { DraExtendedResourceTotals } from '../../../../src/scheduling/plugins/node-resources/dra-extended-resource-totals.js';
import { nodeResourcesFit } from '../../../../src/scheduling/plugins/node-resources/index.js';
import { ResourceAllocation } from '../../../../src/scheduling/plugins/node-resources/resource-allocation.js';
import { resolveEmulation } from '../../../../src/scheduling/release/emulation.js';
import { clusterOf, makeNode, makePod } from '../../../support/builders.js';
import { runScorePlugin } from '../../../support/plugin-harness.js';

const nodeName = 'resource-node';
const driverName = 'test-driver';
const testClaim = 'test-claim';
const deviceClassName = 'my-resource-class';
const extendedResourceName = 'example.com/gpu';
const explicitExtendedResource = extendedResourceName;
const implicitExtendedResource = `deviceclass.resource.kubernetes.io/${deviceClassName}`;

const deviceClassWithExtendResourceName: V1DeviceClass = { metadata: { name: deviceClassName }, spec: { extendedResourceName } };
/** st.MakeResourceSlice(node, driver).Devices(...): pool and nodeName are the node's. */
const slice = (...devices: string[]): V1ResourceSlice => ({
  metadata: { name: `${nodeName}-${driverName}` },
  spec: { driver: driverName, nodeName, pool: { name: nodeName, generation: 1, resourceSliceCount: 1 }, devices: devices.map((name) => ({ name })) },
});
/** st.MakeResourceClaim().Request(class).Allocation(...): one result. */
const allocatedClaim = (name: string, device: string, options: { pool?: string; shareID?: string } = {}): ResourceV1ResourceClaim => ({
  metadata: { name, namespace: 'default' },
  spec: { devices: { requests: [{ name: 'req-1', exactly: { deviceClassName, allocationMode: 'ExactCount', count: 1 } }] } },
  status: { allocation: { devices: { results: [{ request: 'req-1', driver: driverName, pool: options.pool ?? nodeName, device, ...(options.shareID && { shareID: options.shareID }) }] } } },
});

interface AllocatableCase {
  enableDRAExtendedResource: boolean;
  node: V1Node;
  extendedResource: string;
  classes?: V1DeviceClass[];
  slices?: V1ResourceSlice[];
  claims?: ResourceV1ResourceClaim[];
  expectedAllocatable: number;
  expectedRequested: number;
}

const bareNode = (): V1Node => makeNode(nodeName).obj();

const CASES: Record<string, AllocatableCase> = {
  'device-plugin-resource-feature-disabled': {
    enableDRAExtendedResource: false,
    node: makeNode(nodeName).capacity({ [explicitExtendedResource]: '4' }).obj(),
    extendedResource: explicitExtendedResource,
    expectedAllocatable: 4,
    expectedRequested: 1,
  },
  'device-plugin-resource-feature-enabled': {
    enableDRAExtendedResource: true,
    node: makeNode(nodeName).capacity({ [explicitExtendedResource]: '4' }).obj(),
    extendedResource: explicitExtendedResource,
    expectedAllocatable: 4,
    expectedRequested: 1,
  },
  'DRA-backed-resource-explicit': {
    enableDRAExtendedResource: true,
    node: bareNode(),
    extendedResource: explicitExtendedResource,
    classes: [deviceClassWithExtendResourceName],
    slices: [slice('device-1')],
    expectedAllocatable: 1,
    expectedRequested: 1,
  },
  'DRA-backed-resource-implicit': {
    enableDRAExtendedResource: true,
    node: bareNode(),
    extendedResource: implicitExtendedResource,
    classes: [{ metadata: { name: deviceClassName }, spec: {} }],
    slices: [slice('device-1')],
    expectedAllocatable: 1,
    expectedRequested: 1,
  },
  'DRA-backed-resource-no-slices': {
    enableDRAExtendedResource: true,
    node: bareNode(),
    extendedResource: explicitExtendedResource,
    classes: [deviceClassWithExtendResourceName],
    expectedAllocatable: 0,
    expectedRequested: 0,
  },
  'DRA-backed-resource-with-allocated-device': {
    enableDRAExtendedResource: true,
    node: bareNode(),
    extendedResource: explicitExtendedResource,
    classes: [deviceClassWithExtendResourceName],
    slices: [slice('device-1', 'device-2')],
    claims: [allocatedClaim(testClaim, 'device-1')],
    expectedAllocatable: 2,
    expectedRequested: 2, // 1 allocated + 1 requested
  },
  'DRA-backed-resource-with-shared-device-allocation': {
    enableDRAExtendedResource: true,
    node: bareNode(),
    extendedResource: explicitExtendedResource,
    classes: [deviceClassWithExtendResourceName],
    slices: [slice('device-1', 'device-2')],
    claims: [allocatedClaim(testClaim, 'device-1', { shareID: 'share-123' })],
    expectedAllocatable: 2,
    expectedRequested: 2, // 1 allocated (shared) + 1 requested
  },
  'DRA-backed-resource-multiple-devices-mixed-allocation': {
    enableDRAExtendedResource: true,
    node: bareNode(),
    extendedResource: explicitExtendedResource,
    classes: [deviceClassWithExtendResourceName],
    slices: [slice('device-1', 'device-2', 'device-3')],
    claims: [allocatedClaim('test-claim-1', 'device-1'), allocatedClaim('test-claim-2', 'device-2', { shareID: 'share-456' })],
    expectedAllocatable: 3,
    expectedRequested: 3, // 2 allocated (1 whole + 1 shared) + 1 requested
  },
  'DRA-backed-resource-with-per-device-node-selection': {
    enableDRAExtendedResource: true,
    node: bareNode(),
    extendedResource: explicitExtendedResource,
    classes: [
      {
        metadata: { name: deviceClassName },
        spec: {
          extendedResourceName,
          selectors: [{ cel: { expression: `device.driver == "test-driver" && device.capacity["test-driver"].memory.compareTo(quantity("8Gi")) >= 0 && device.attributes["test-driver"].model.startsWith("SOME-")` } }],
        },
      },
    ],
    slices: [
      {
        metadata: { name: 'per-device-slice' },
        spec: {
          driver: driverName,
          pool: { name: 'per-device-pool', generation: 1, resourceSliceCount: 1 },
          perDeviceNodeSelection: true,
          devices: [
            { name: 'device-1', nodeName, attributes: { model: { string: 'SOME-XYZ' } }, capacity: { memory: { value: '16Gi' } } },
            { name: 'device-2', nodeName: 'other-node', attributes: { model: { string: 'SOME-ZYX' } }, capacity: { memory: { value: '12Gi' } } },
            { name: 'device-3', allNodes: true, attributes: { model: { string: 'SOME-XZY' } }, capacity: { memory: { value: '24Gi' } } },
          ],
        },
      },
    ],
    claims: [allocatedClaim('test-claim', 'device-1', { pool: 'per-device-pool' })],
    expectedAllocatable: 2, // device-1 (this node) and device-3 (all nodes)
    expectedRequested: 2, // 1 allocated (device-1) + 1 requested
  },
  'podplan: a class selector failing at run time leaves the resource out (upstream returns the error, logged as 0/0)': {
    enableDRAExtendedResource: true,
    node: bareNode(),
    extendedResource: explicitExtendedResource,
    classes: [{ metadata: { name: deviceClassName }, spec: { extendedResourceName, selectors: [{ cel: { expression: 'device.attributes["test-driver"].missing == "x"' } }] } }],
    slices: [slice('device-1')],
    expectedAllocatable: 0,
    expectedRequested: 0,
  },
  'podplan: devices the class selectors refuse do not count': {
    enableDRAExtendedResource: true,
    node: bareNode(),
    extendedResource: explicitExtendedResource,
    classes: [{ metadata: { name: deviceClassName }, spec: { extendedResourceName, selectors: [{ cel: { expression: 'device.driver == "other-driver"' } }] } }],
    slices: [slice('device-1', 'device-2')],
    expectedAllocatable: 0,
    expectedRequested: 0,
  },
};

describe('NodeResourcesFit: allocatable and requested of an extended resource backed by DRA (upstream TestCalculateResourceAllocatableRequest)', () => {
  it.each(Object.entries(CASES))('%s', (_name, test) => {
    const cluster = clusterOf([test.node], [], { deviceClasses: test.classes ?? [], resourceSlices: test.slices ?? [], resourceClaims: test.claims ?? [] });
    const seen: { requested: number[]; allocatable: number[] }[] = [];
    const allocation = new ResourceAllocation([{ name: test.extendedResource, weight: 1 }], (requested, allocatable) => {
      seen.push({ requested: [...requested], allocatable: [...allocatable] });
      return 0;
    }, false);
    const pod = buildPodInfo(makePod('p').req({ [test.extendedResource]: '1' }).obj());
    const dra = test.enableDRAExtendedResource ? DraExtendedResourceTotals.forResources([test.extendedResource], cluster.objects.dra) : undefined;
    allocation.score(allocation.state(pod, dra), cluster.nodes[0]);
    expect(seen).toEqual([{ allocatable: [test.expectedAllocatable], requested: [test.expectedRequested] }]);
  });
});

describe('NodeResourcesFit Score with a DRA-backed extended resource among the scored resources, per release', () => {
  // Two nodes without the resource in allocatable: one with 4 devices (1 allocated), one with 3 (none allocated).
  const nodes = [makeNode('big').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).obj(), makeNode('small').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).obj()];
  const nodeSlice = (node: string, devices: number): V1ResourceSlice => ({
    metadata: { name: `${node}-${driverName}` },
    spec: { driver: driverName, nodeName: node, pool: { name: node, generation: 1, resourceSliceCount: 1 }, devices: Array.from({ length: devices }, (_, index) => ({ name: `device-${index}` })) },
  });
  const cluster = () =>
    clusterOf(nodes, [], {
      deviceClasses: [deviceClassWithExtendResourceName],
      resourceSlices: [nodeSlice('big', 4), nodeSlice('small', 3)],
      resourceClaims: [{ ...allocatedClaim(testClaim, 'device-0'), status: { allocation: { devices: { results: [{ request: 'req-1', driver: driverName, pool: 'big', device: 'device-0' }] } } } }],
    });
  const strategy = { scoringStrategy: { type: 'MostAllocated', resources: [{ name: extendedResourceName, weight: 1 }] } };
  const pod = makePod('p').req({ [extendedResourceName]: '1' }).obj();
  const scores = (kubernetesVersion: 'v1.34' | 'v1.35', gate: boolean) =>
    runScorePlugin(nodeResourcesFit(strategy, resolveEmulation({ kubernetesVersion, featureGates: { DRAExtendedResource: gate } }).features), pod, cluster()).raw;

  it('v1.35 with the gate on: the devices count (MostAllocated: big (1 allocated + 1)/4 → 50, small 1/3 → 33); with the gate off nothing is scored', () => {
    expect(scores('v1.35', true)).toEqual({ big: 50, small: 33 });
    expect(scores('v1.35', false)).toEqual({ big: 0, small: 0 });
  });

  it('v1.34 with the gate on: no scoring of DRA-backed resources (kubernetes PR 130653 release note: scoring won\'t work for them)', () => {
    expect(scores('v1.34', true)).toEqual({ big: 0, small: 0 });
  });
});
