/**
 * TestAllocator cases (allocatortesting/allocator_testing.go, v1.35) on
 * pool completeness and validity across nodes and generations. Names kept.
 */
import {
  allDevicesRequest,
  allocation,
  claim,
  claimWithRequest,
  classA,
  device,
  device1,
  device2,
  deviceClass,
  driverA,
  localNodeSelector,
  node,
  node1,
  node2,
  pool1,
  pool2,
  req0,
  region1,
  request,
  resourcePool,
  result,
  slice,
  slice1,
  slice2,
  slice3,
  type AllocatorCase,
  claim0,
} from './builders.js';

const n1 = node(node1, region1);
const local1 = localNodeSelector(node1);
const classAOnly = [deviceClass(classA, driverA)];
const oneDevice = (name: string, nodeName: string, generation: number, deviceName: string) => slice(name, nodeName, resourcePool(pool1, 2, generation), driverA, [device(deviceName)]);

export const POOL_CASES: Record<string, AllocatorCase> = {
  'allocation-mode-all-with-multi-host-resource-pool': {
    claims: [claim(claim0, [allDevicesRequest(req0, classA)])],
    classes: classAOnly,
    slices: [oneDevice(slice1, node1, 1, device1), oneDevice(slice2, node2, 1, device2)],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1))],
  },
  'multi-host-resource-pool-with-stale-slice-for-current-node': {
    claims: [claimWithRequest(claim0, req0, classA)],
    classes: classAOnly,
    slices: [oneDevice(slice1, node1, 1, device1), oneDevice(slice2, node2, 2, device2)],
    node: n1,
  },
  'multi-host-resource-pool-complete-update-from-node-1-to-node-2': {
    claims: [claimWithRequest(claim0, req0, classA)],
    classes: classAOnly,
    slices: [oneDevice(slice1, node1, 1, device1), oneDevice(slice1, node1, 1, device2), oneDevice(slice2, node2, 2, device1), oneDevice(slice2, node2, 2, device2)],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1))],
  },
  'multi-host-resource-pool-complete-update-from-node-2-to-node-1': {
    claims: [claimWithRequest(claim0, req0, classA)],
    classes: classAOnly,
    slices: [oneDevice(slice1, node2, 1, device1), oneDevice(slice1, node2, 1, device2), oneDevice(slice2, node1, 2, device1), oneDevice(slice2, node1, 2, device2)],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1))],
  },
  'multi-host-resource-pool-incomplete-update-from-node-1-to-node-2': {
    claims: [claimWithRequest(claim0, req0, classA)],
    classes: classAOnly,
    slices: [oneDevice(slice1, node1, 1, device1), oneDevice(slice1, node1, 1, device2), oneDevice(slice2, node2, 2, device1)],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1))],
  },
  'multi-host-resource-pool-incomplete-update-from-node-2-to-node-1': {
    claims: [claimWithRequest(claim0, req0, classA)],
    classes: classAOnly,
    slices: [oneDevice(slice1, node2, 1, device1), oneDevice(slice1, node2, 1, device2), oneDevice(slice2, node1, 2, device1)],
    node: n1,
  },
  'different-resourceslices-in-pool-can-target-different-nodes': {
    claims: [claim(claim0, [request(req0, classA, 1)])],
    classes: classAOnly,
    slices: [oneDevice(slice1, node2, 1, device1), oneDevice(slice2, node1, 1, device2)],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device2))],
  },
  'invalid-pool-is-ok-if-devices-can-be-allocated-from-other': {
    claims: [claim(claim0, [request(req0, classA, 1)])],
    classes: classAOnly,
    slices: [oneDevice(slice1, node1, 1, device1), oneDevice(slice2, node1, 1, device1), slice(slice3, node1, resourcePool(pool2, 1), driverA, [device(device2)])],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool2, device2))],
  },
  'invalid-pool-is-error-if-no-other-device-can-be-allocated': {
    claims: [claim(claim0, [request(req0, classA, 1)])],
    classes: classAOnly,
    slices: [oneDevice(slice1, node1, 1, device1), oneDevice(slice2, node1, 1, device1), slice(slice3, node1, resourcePool(pool2, 1), driverA, [device(device2)])],
    allocatedDevices: [`${driverA}/${pool2}/${device2}`],
    node: n1,
    expectError: 'invalid resource pools were encountered',
  },
  'no-allocation-from-incomplete-pools': {
    claims: [claim(claim0, [request(req0, classA, 1)])],
    classes: classAOnly,
    slices: [oneDevice(slice1, node1, 1, device1)],
    node: n1,
  },
};

/**
 * The same facts under v1.34's completeness rule (only the node's own
 * slices count), which podplan emulates for releases before v1.35.
 */
export const POOL_CASES_BEFORE_V1_35: Record<string, AllocatorCase> = {
  'podplan: allocation-mode-all-with-multi-host-resource-pool before v1.35 (pool counted incomplete)': {
    ...POOL_CASES['allocation-mode-all-with-multi-host-resource-pool'],
    features: { completenessAcrossNodes: false },
    expectResults: undefined,
    expectError: 'claim claim-0, request req-0: asks for all devices, but resource pool driver-a/pool-1 is currently being updated',
  },
  'podplan: different-resourceslices-in-pool-can-target-different-nodes before v1.35 (no allocation)': {
    ...POOL_CASES['different-resourceslices-in-pool-can-target-different-nodes'],
    features: { completenessAcrossNodes: false },
    expectResults: undefined,
  },
};
