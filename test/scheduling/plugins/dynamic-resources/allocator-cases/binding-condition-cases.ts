/**
 * TestAllocator cases (allocatortesting/allocator_testing.go, v1.35) on
 * device binding conditions (upstream's DeviceBindingAndStatus feature:
 * the DRADeviceBindingConditions and DRAResourceClaimDeviceStatus gates),
 * which upstream runs against its experimental allocator. Names kept.
 */
import type { V1Device } from '@kubernetes/client-node';
import {
  allocation,
  claim,
  claim0,
  classA,
  consumes,
  counterSet,
  counterSet1,
  counterSet2,
  device,
  device1,
  device2,
  device3,
  deviceClass,
  driverA,
  localNodeSelector,
  node,
  node1,
  nodeLabelSelector,
  partitionedDevice,
  planetKey,
  planetValueEarth,
  pool1,
  region1,
  req0,
  req1,
  request,
  resourcePool,
  result,
  slice,
  slice1,
  slice2,
  slice3,
  slice4,
  sliceWithCounterSets,
  prioritizedRequest,
  sliceWithOneDevice,
  subReq0,
  subReq1,
  subRequest,
  withExactly,
  withTolerations,
  type AllocatorCase,
} from './builders.js';

const n1 = node(node1, region1);
const local1 = localNodeSelector(node1);
const classAOnly = [deviceClass(classA, driverA)];
const binding = { deviceBindingAndStatus: true };
const partitionableBinding = { partitionableDevices: true, deviceBindingAndStatus: true };

/** The device with binding conditions (withBindingConditions). */
const withConditions = (base: V1Device, conditions: string[], failureConditions: string[]): V1Device => ({ ...base, bindingConditions: conditions, bindingFailureConditions: failureConditions });
/** A result carrying the device's binding conditions (deviceRequestAllocationResultWithBindingConditions). */
const conditioned = (deviceName: string, conditions: string[], failureConditions: string[], requestName = req0) =>
  result(requestName, driverA, pool1, deviceName, false, { bindingConditions: conditions, bindingFailureConditions: failureConditions });
/** A partitionable device whose capacity is its memory consumption from the counter set. */
const memoryFrom = (name: string, counterSetName: string, amount: string) => partitionedDevice(name, [consumes(counterSetName, { memory: amount })], { capacityFromCounters: true });
const noScheduleKey1 = { key: 'key1', value: 'value1', effect: 'NoSchedule' };
const tolerationNoScheduleKey1 = { operator: 'Exists', key: 'key1', effect: 'NoSchedule' };

export const BINDING_CONDITION_CASES: Record<string, AllocatorCase> = {
  'device-binding-conditions': {
    features: binding,
    claims: [claim(claim0, [request(req0, classA, 1)])],
    classes: classAOnly,
    slices: [slice(slice1, node1, pool1, driverA, [withConditions(device(device1), ['IsPrepare'], ['BindingFailed'])])],
    node: n1,
    expectResults: [allocation(local1, conditioned(device1, ['IsPrepare'], ['BindingFailed']))],
  },
  'binding-conditions-with-and-without': {
    features: binding,
    claims: [claim(claim0, [request(req0, classA, 1), request(req1, classA, 1)])],
    classes: classAOnly,
    slices: [slice(slice1, node1, pool1, driverA, [device(device1), withConditions(device(device2), ['IsPrepare'], ['BindingFailed'])])],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1), conditioned(device2, ['IsPrepare'], ['BindingFailed'], req1))],
  },
  'binding-conditions-multiple-devices': {
    features: binding,
    claims: [claim(claim0, [request(req0, classA, 2), request(req1, classA, 1)])],
    classes: classAOnly,
    slices: [
      slice(slice1, node1, pool1, driverA, [
        withConditions(device(device1), ['IsPrepare'], ['BindingFailed']),
        withConditions(device(device2), ['IsPrepare2'], ['BindingFailed2']),
        withConditions(device(device3), ['IsPrepare3'], ['BindingFailed3']),
      ]),
    ],
    node: n1,
    expectResults: [allocation(local1, conditioned(device1, ['IsPrepare'], ['BindingFailed']), conditioned(device2, ['IsPrepare2'], ['BindingFailed2']), conditioned(device3, ['IsPrepare3'], ['BindingFailed3'], req1))],
  },
  'node-restriction': {
    features: binding,
    claims: [claim(claim0, [request(req0, classA, 1)])],
    classes: classAOnly,
    slices: [slice(slice1, nodeLabelSelector(planetKey, planetValueEarth), pool1, driverA, [device(device1, {}, { bindsToNode: true })])],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1))],
  },
  'partitionable-devices-with-binding-conditions': {
    features: partitionableBinding,
    claims: [claim(claim0, [request(req0, classA, 1)])],
    classes: classAOnly,
    slices: [
      slice(slice1, node1, resourcePool(pool1, 2), driverA, [withConditions(memoryFrom(device1, counterSet1, '4Gi'), ['IsPrepare'], ['BindingFailed'])]),
      sliceWithCounterSets(slice2, node1, resourcePool(pool1, 2), driverA, counterSet(counterSet1, { memory: '8Gi' })),
    ],
    node: n1,
    expectResults: [allocation(local1, conditioned(device1, ['IsPrepare'], ['BindingFailed']))],
  },
  'partitionable-devices-with-binding-conditions-and-taints': {
    features: { ...partitionableBinding, deviceTaints: true },
    claims: [claim(claim0, [request(req0, classA, 2)])],
    classes: classAOnly,
    // Two slices of pool-1 with a resourceSliceCount of 1: the pool is incomplete, so nothing is allocated.
    slices: [
      slice(slice1, node1, pool1, driverA, [{ ...withConditions(memoryFrom(device1, counterSet1, '4Gi'), ['IsPrepare'], ['BindingFailed']), taints: [noScheduleKey1] }, memoryFrom(device2, counterSet1, '4Gi')]),
      sliceWithCounterSets(slice2, node1, pool1, driverA, counterSet(counterSet1, { memory: '8Gi' })),
    ],
    node: n1,
  },
  'partitionable-devices-with-binding-conditions-and-taints-tolerated': {
    features: { ...partitionableBinding, deviceTaints: true },
    claims: [withTolerations(claim(claim0, [request(req0, classA, 2)]), tolerationNoScheduleKey1)],
    classes: classAOnly,
    slices: [
      slice(slice1, node1, resourcePool(pool1, 2), driverA, [{ ...withConditions(memoryFrom(device1, counterSet1, '4Gi'), ['IsPrepare'], ['BindingFailed']), taints: [noScheduleKey1] }, memoryFrom(device2, counterSet1, '4Gi')]),
      sliceWithCounterSets(slice2, node1, resourcePool(pool1, 2), driverA, counterSet(counterSet1, { memory: '8Gi' })),
    ],
    node: n1,
    expectResults: [
      allocation(
        local1,
        result(req0, driverA, pool1, device1, false, { bindingConditions: ['IsPrepare'], bindingFailureConditions: ['BindingFailed'], tolerations: [tolerationNoScheduleKey1] }),
        result(req0, driverA, pool1, device2, false, { tolerations: [tolerationNoScheduleKey1] }),
      ),
    ],
  },
  'partitionable-devices-with-binding-conditions-multi-slices': {
    features: partitionableBinding,
    claims: [claim(claim0, [request(req0, classA, 2)])],
    classes: classAOnly,
    slices: [
      slice(slice1, node1, resourcePool(pool1, 4), driverA, [withConditions(memoryFrom(device1, counterSet1, '4Gi'), ['IsPrepare'], ['BindingFailed'])]),
      sliceWithCounterSets(slice2, node1, resourcePool(pool1, 4), driverA, counterSet(counterSet1, { memory: '8Gi' })),
      slice(slice3, node1, resourcePool(pool1, 4), driverA, [memoryFrom(device2, counterSet2, '4Gi')]),
      sliceWithCounterSets(slice4, node1, resourcePool(pool1, 4), driverA, counterSet(counterSet2, { memory: '8Gi' })),
    ],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device2), conditioned(device1, ['IsPrepare'], ['BindingFailed']))],
  },
  'partitionable-devices-with-binding-conditions-multiple': {
    features: partitionableBinding,
    claims: [claim(claim0, [request(req0, classA, 2)])],
    classes: classAOnly,
    slices: [
      slice(slice1, node1, resourcePool(pool1, 2), driverA, [
        withConditions(memoryFrom(device1, counterSet1, '4Gi'), ['IsPrepare'], ['BindingFailed']),
        withConditions(memoryFrom(device2, counterSet1, '4Gi'), ['IsPrepare2'], ['BindingFailed2']),
      ]),
      sliceWithCounterSets(slice2, node1, resourcePool(pool1, 2), driverA, counterSet(counterSet1, { memory: '8Gi' })),
    ],
    node: n1,
    expectResults: [allocation(local1, conditioned(device1, ['IsPrepare'], ['BindingFailed']), conditioned(device2, ['IsPrepare2'], ['BindingFailed2']))],
  },
  'partitionable-devices-with-binding-conditions-some-devices-no-conditions': {
    features: partitionableBinding,
    claims: [claim(claim0, [request(req0, classA, 3)])],
    classes: classAOnly,
    slices: [
      slice(slice1, node1, resourcePool(pool1, 2), driverA, [
        withConditions(memoryFrom(device1, counterSet1, '2Gi'), ['IsPrepare'], ['BindingFailed']),
        memoryFrom(device2, counterSet1, '2Gi'),
        withConditions(memoryFrom(device3, counterSet1, '4Gi'), ['IsReady'], ['BindingTimeout']),
      ]),
      sliceWithCounterSets(slice2, node1, resourcePool(pool1, 2), driverA, counterSet(counterSet1, { memory: '8Gi' })),
    ],
    node: n1,
    expectResults: [allocation(local1, conditioned(device1, ['IsPrepare'], ['BindingFailed']), result(req0, driverA, pool1, device2), conditioned(device3, ['IsReady'], ['BindingTimeout']))],
  },
};

/** A request for one unit of capacity-0 (withCapacityRequest(one)). */
const oneOfCapacity0 = { capacity: { requests: { 'capacity-0': '1' } } };

/** Upstream forces its experimental allocator with DeviceBindingAndStatus; these check its refusal of capacity requests without DRAConsumableCapacity. */
export const EXPERIMENTAL_ALLOCATOR_CASES: Record<string, AllocatorCase> = {
  'consumable-capacity-disabled-feature': {
    features: binding,
    claims: [claim(claim0, [withExactly(request(req0, classA, 1), oneOfCapacity0)])],
    classes: classAOnly,
    slices: [sliceWithOneDevice(slice1, node1, pool1, driverA)],
    node: n1,
    expectError: 'claim claim-0, request req-0: has capacity requests, but the DRAConsumableCapacity feature is disabled',
  },
  'consumable-capacity-disabled-feature-with-prioritized-list': {
    features: { ...binding, prioritizedList: true },
    claims: [claim(claim0, [prioritizedRequest(req0, subRequest(subReq0, classA, 1, oneOfCapacity0), subRequest(subReq1, classA, 1, oneOfCapacity0))])],
    classes: classAOnly,
    slices: [sliceWithOneDevice(slice1, node1, pool1, driverA)],
    node: n1,
    expectError: 'claim claim-0, subrequest subReq-0: has capacity requests, but the DRAConsumableCapacity feature is disabled',
  },
};
