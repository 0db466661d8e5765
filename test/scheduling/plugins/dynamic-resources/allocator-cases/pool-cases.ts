/**
 * TestAllocator cases (allocatortesting/allocator_testing.go, v1.35) on
 * pool completeness and validity across nodes and generations. Names kept.
 */
import { DRA_POOL_RULES } from '../../../../../src/scheduling/release/release-table.js';
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
 * The same facts under the pool rules of the releases before v1.35
 * (release-table.ts DRA_POOL_RULES): completeness counts only the node's
 * slices, incomplete pools' devices are allocatable, and an invalid pool met
 * in the search fails the pod. Upstream's pool order is random; podplan's
 * (driver, then pool name) decides which pool the search meets first.
 */
const v1_34 = { poolRules: DRA_POOL_RULES.releases['v1.34'] };
const v1_32 = { poolRules: DRA_POOL_RULES.releases['v1.32'] };

export const POOL_CASES_BEFORE_V1_35: Record<string, AllocatorCase> = {
  'podplan: allocation-mode-all-with-multi-host-resource-pool in v1.34 (pool counted incomplete)': {
    ...POOL_CASES['allocation-mode-all-with-multi-host-resource-pool'],
    features: v1_34,
    expectResults: undefined,
    expectError: 'claim claim-0, request req-0: asks for all devices, but resource pool driver-a/pool-1 is currently being updated',
  },
  'podplan: different-resourceslices-in-pool-can-target-different-nodes in v1.34 (incomplete pool still allocatable)': {
    ...POOL_CASES['different-resourceslices-in-pool-can-target-different-nodes'],
    features: v1_34,
  },
  'podplan: no-allocation-from-incomplete-pools in v1.34 (allocated)': {
    ...POOL_CASES['no-allocation-from-incomplete-pools'],
    features: v1_34,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1))],
  },
  'podplan: invalid-pool-is-ok-if-devices-can-be-allocated-from-other in v1.34 (the search meets the invalid pool first)': {
    ...POOL_CASES['invalid-pool-is-ok-if-devices-can-be-allocated-from-other'],
    features: v1_34,
    expectResults: undefined,
    expectError: 'pool pool-1 is invalid: duplicate device name device-1',
  },
  'podplan: invalid-pool-is-ok-if-devices-can-be-allocated-from-other in v1.32 (a free selectable device of the invalid pool)': {
    ...POOL_CASES['invalid-pool-is-ok-if-devices-can-be-allocated-from-other'],
    features: v1_32,
    expectResults: undefined,
    expectError: 'pool pool-1 is invalid: duplicate device name device-1',
  },
  'podplan: invalid pool in v1.32 whose devices are all in use is passed over': {
    ...POOL_CASES['invalid-pool-is-ok-if-devices-can-be-allocated-from-other'],
    allocatedDevices: [`${driverA}/${pool1}/${device1}`],
    features: v1_32,
  },
};
