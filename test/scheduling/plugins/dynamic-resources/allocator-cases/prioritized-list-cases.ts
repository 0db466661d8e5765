/**
 * TestAllocator cases (allocatortesting/allocator_testing.go, v1.35) on
 * firstAvailable subrequests (DRAPrioritizedList) and the per-claim result
 * limit. Names kept; expectNumAllocateOneInvocations is upstream's count of
 * search steps, which the allocator keeps too.
 */
import {
  allocation,
  allocationWithConfig,
  ALLOCATION_RESULTS_MAX_SIZE,
  claim,
  classA,
  classB,
  classWithConfig,
  device,
  device1,
  device2,
  device3,
  deviceClass,
  deviceConfiguration,
  driverA,
  driverB,
  localNodeSelector,
  matchAttribute,
  memory,
  multipleResults,
  node,
  node1,
  pool1,
  pool2,
  prioritizedRequest,
  req0,
  req0SubReq0,
  req0SubReq1,
  req1,
  req1SubReq0,
  req1SubReq1,
  region1,
  request,
  result,
  slice,
  slice1,
  slice2,
  sliceWithMultipleDevices,
  sliceWithOneDevice,
  subReq0,
  subReq1,
  subRequest,
  type AllocatorCase,
  claim0,
} from './builders.js';
import { versionAttribute } from './constraint-cases.js';

const atLeast = (size: string) => `device.capacity["${driverA}"].memory.compareTo(quantity("${size}")) >= 0`;
const n1 = node(node1, region1);
const local1 = localNodeSelector(node1);
const classAOnly = [deviceClass(classA, driverA)];
const bothClasses = [deviceClass(classA, driverA), deviceClass(classB, driverB)];
const on = { prioritizedList: true };
const withVersion = (name: string, size: string, version: string) => device(name, { capacity: { memory: size }, attributes: { driverVersion: { version } } });
const MAX = ALLOCATION_RESULTS_MAX_SIZE;

export const PRIORITIZED_LIST_CASES: Record<string, AllocatorCase & { expectNumAllocateOneInvocations?: number }> = {
  'prioritized-list-first-unavailable': {
    features: on,
    claims: [claim(claim0, [prioritizedRequest(req0, subRequest(subReq0, classB, 1), subRequest(subReq1, classA, 1))])],
    classes: bothClasses,
    slices: [sliceWithOneDevice(slice1, node1, pool1, driverA)],
    node: n1,
    expectResults: [allocation(local1, result(req0SubReq1, driverA, pool1, device1))],
  },
  'prioritized-list-non-available': {
    features: on,
    claims: [claim(claim0, [prioritizedRequest(req0, subRequest(subReq0, classB, 2), subRequest(subReq1, classA, 2))])],
    classes: bothClasses,
    slices: [sliceWithOneDevice(slice1, node1, pool1, driverA), sliceWithOneDevice(slice2, node1, pool2, driverB)],
    node: n1,
  },
  'prioritized-list-device-config': {
    features: on,
    claims: [
      claim(claim0, [prioritizedRequest(req0, subRequest(subReq0, classA, 1), subRequest(subReq1, classB, 2))], undefined, [
        { requests: [req0SubReq0], ...deviceConfiguration(driverA, 'foo') },
        { requests: [req0SubReq1], ...deviceConfiguration(driverB, 'bar') },
      ]),
    ],
    classes: bothClasses,
    slices: [slice(slice1, node1, pool1, driverB, [device(device1, { attributes: {} }), device(device2, { attributes: {} })])],
    node: n1,
    expectResults: [
      allocationWithConfig(local1, [result(req0SubReq1, driverB, pool1, device1), result(req0SubReq1, driverB, pool1, device2)], [{ source: 'FromClaim', requests: [req0SubReq1], ...deviceConfiguration(driverB, 'bar') }]),
    ],
  },
  'prioritized-list-class-config': {
    features: on,
    claims: [claim(claim0, [prioritizedRequest(req0, subRequest(subReq0, classA, 2), subRequest(subReq1, classB, 2))])],
    classes: [classWithConfig(classA, driverA, 'foo'), classWithConfig(classB, driverB, 'bar')],
    slices: [slice(slice1, node1, pool1, driverB, [device(device1), device(device2)]), slice(slice2, node1, pool2, driverA, [device(device3)])],
    node: n1,
    expectResults: [
      allocationWithConfig(local1, [result(req0SubReq1, driverB, pool1, device1), result(req0SubReq1, driverB, pool1, device2)], [{ source: 'FromClass', requests: [req0SubReq1], ...deviceConfiguration(driverB, 'bar') }]),
    ],
  },
  'prioritized-list-subrequests-with-expressions': {
    features: on,
    claims: [
      claim(claim0, [
        request(req0, classA, 1, atLeast('1Gi')),
        prioritizedRequest(req1, subRequest(subReq0, classA, 1, { celSelectors: [atLeast('4Gi')] }), subRequest(subReq1, classA, 2, { celSelectors: [atLeast('2Gi')] })),
      ]),
    ],
    classes: classAOnly,
    slices: [slice(slice1, node1, pool1, driverA, [device(device1, memory('2Gi')), device(device2, memory('2Gi')), device(device3, memory('1Gi'))])],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device3), result(req1SubReq1, driverA, pool1, device1), result(req1SubReq1, driverA, pool1, device2))],
  },
  'prioritized-list-subrequests-with-constraints-ref-parent-request': {
    features: on,
    claims: [
      claim(
        claim0,
        [request(req0, classA, 1, atLeast('8Gi')), prioritizedRequest(req1, subRequest(subReq0, classA, 1, { celSelectors: [atLeast('2Gi')] }), subRequest(subReq1, classA, 1, { celSelectors: [atLeast('1Gi')] }))],
        [matchAttribute(versionAttribute, req0, req1)],
      ),
    ],
    classes: classAOnly,
    slices: [slice(slice1, node1, pool1, driverA, [withVersion(device1, '8Gi', '1.0.0')]), slice(slice2, node1, pool2, driverA, [withVersion(device2, '2Gi', '2.0.0'), withVersion(device3, '1Gi', '1.0.0')])],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1), result(req1SubReq1, driverA, pool2, device3))],
  },
  'prioritized-list-subrequests-with-constraints-ref-sub-request': {
    features: on,
    claims: [
      claim(
        claim0,
        [request(req0, classA, 1, atLeast('8Gi')), prioritizedRequest(req1, subRequest(subReq0, classA, 1, { celSelectors: [atLeast('2Gi')] }), subRequest(subReq1, classA, 1, { celSelectors: [atLeast('1Gi')] }))],
        [matchAttribute(versionAttribute, req0, req1SubReq0)],
      ),
    ],
    classes: classAOnly,
    slices: [slice(slice1, node1, pool1, driverA, [withVersion(device1, '8Gi', '1.0.0')]), slice(slice2, node1, pool2, driverA, [withVersion(device2, '2Gi', '2.0.0')])],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1), result(req1SubReq1, driverA, pool2, device2))],
  },
  'prioritized-list-subrequests-with-allocation-mode-all': {
    features: on,
    claims: [claim(claim0, [prioritizedRequest(req0, subRequest(subReq0, classA, 0, { allocationMode: 'All' }), subRequest(subReq1, classA, 1))])],
    classes: classAOnly,
    slices: [slice(slice1, node1, pool1, driverA, [device(device1), device(device2)])],
    allocatedDevices: [`${driverA}/${pool1}/${device1}`],
    node: n1,
    expectResults: [allocation(local1, result(req0SubReq1, driverA, pool1, device2))],
  },
  'prioritized-list-allocation-mode-all-multiple-requests': {
    features: on,
    claims: [claim(claim0, [request(req0, classA, 1), prioritizedRequest(req1, subRequest(subReq0, classA, 0, { allocationMode: 'All' }), subRequest(subReq1, classA, 1))])],
    classes: classAOnly,
    slices: [slice(slice1, node1, pool1, driverA, [device(device1), device(device2)])],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1), result(req1SubReq1, driverA, pool1, device2))],
  },
  'prioritized-list-disabled': {
    claims: [claim(claim0, [prioritizedRequest(req0, subRequest(subReq0, classA, 1))])],
    classes: classAOnly,
    slices: [sliceWithOneDevice(slice1, node1, pool1, driverA)],
    node: n1,
    expectError: 'claim claim-0, request req-0: has subrequests, but the DRAPrioritizedList feature is disabled',
  },
  'prioritized-list-multi-request': {
    features: on,
    claims: [claim(claim0, [request(req1, classA, 1, atLeast('8Gi')), prioritizedRequest(req0, subRequest(subReq0, classA, 1, { celSelectors: [atLeast('8Gi')] }), subRequest(subReq1, classA, 1, { celSelectors: [atLeast('4Gi')] }))])],
    classes: classAOnly,
    slices: [slice(slice1, node1, pool1, driverA, [device(device1, { capacity: { memory: '8Gi' }, attributes: {} })]), slice(slice2, node1, pool2, driverA, [device(device2, { capacity: { memory: '4Gi' }, attributes: {} })])],
    node: n1,
    expectResults: [allocation(local1, result(req1, driverA, pool1, device1), result(req0SubReq1, driverA, pool2, device2))],
  },
  'prioritized-list-with-backtracking': {
    features: on,
    claims: [claim(claim0, [prioritizedRequest(req0, subRequest(subReq0, classA, 1, { celSelectors: [atLeast('8Gi')] }), subRequest(subReq1, classA, 1, { celSelectors: [atLeast('4Gi')] })), request(req1, classA, 1, atLeast('8Gi'))])],
    classes: classAOnly,
    slices: [slice(slice1, node1, pool1, driverA, [device(device1, { capacity: { memory: '8Gi' }, attributes: {} })]), slice(slice2, node1, pool2, driverA, [device(device2, { capacity: { memory: '4Gi' }, attributes: {} })])],
    node: n1,
    expectResults: [allocation(local1, result(req0SubReq1, driverA, pool2, device2), result(req1, driverA, pool1, device1))],
  },
  'prioritized-list-too-many-in-first-subrequest': {
    features: on,
    claims: [claim(claim0, [prioritizedRequest(req0, subRequest(subReq0, classB, 500), subRequest(subReq1, classA, 1))])],
    classes: bothClasses,
    slices: [sliceWithOneDevice(slice1, node1, pool1, driverA)],
    node: n1,
    expectResults: [allocation(local1, result(req0SubReq1, driverA, pool1, device1))],
  },
  'prioritized-list-allocation-mode-all': {
    features: on,
    claims: [claim(claim0, [prioritizedRequest(req0, subRequest(subReq0, classA, 0, { allocationMode: 'All' }), subRequest(subReq1, classA, 1))])],
    classes: classAOnly,
    slices: [slice(slice1, node1, pool1, driverA, [device(device1), device(device2)])],
    allocatedDevices: [`${driverA}/${pool1}/${device2}`],
    node: n1,
    expectResults: [allocation(local1, result(req0SubReq1, driverA, pool1, device1))],
  },
  'max-number-devices': {
    claims: [claim(claim0, [request(req0, classA, MAX)])],
    classes: classAOnly,
    slices: [sliceWithMultipleDevices(slice1, node1, pool1, driverA, MAX)],
    node: n1,
    expectResults: [allocation(local1, ...multipleResults(req0, driverA, pool1, MAX, 0))],
  },
  'prioritized-list-max-allocation-limit-request': {
    features: on,
    claims: [
      claim(claim0, [
        prioritizedRequest(req0, subRequest(subReq0, classA, MAX), subRequest(subReq1, classA, MAX / 2)),
        prioritizedRequest(req1, subRequest(subReq0, classA, MAX), subRequest(subReq1, classA, MAX / 2)),
      ]),
    ],
    classes: classAOnly,
    slices: [sliceWithMultipleDevices(slice1, node1, pool1, driverA, MAX * 2)],
    node: n1,
    expectResults: [allocation(local1, ...multipleResults(req0SubReq1, driverA, pool1, MAX / 2, 0), ...multipleResults(req1SubReq1, driverA, pool1, MAX / 2, MAX / 2))],
    expectNumAllocateOneInvocations: 75,
  },
  'prioritized-list-max-allocation-allocation-mode-all': {
    features: on,
    claims: [claim(claim0, [prioritizedRequest(req0, subRequest(subReq0, classA, 0, { allocationMode: 'All' }), subRequest(subReq1, classA, 2)), request(req1, classB, 2)])],
    classes: bothClasses,
    slices: [sliceWithMultipleDevices(slice1, node1, pool1, driverA, MAX - 1), sliceWithMultipleDevices(slice2, node1, pool2, driverB, 2)],
    node: n1,
    expectResults: [
      allocation(local1, result(req0SubReq1, driverA, pool1, 'device-0'), result(req0SubReq1, driverA, pool1, 'device-1'), result(req1, driverB, pool2, 'device-0'), result(req1, driverB, pool2, 'device-1')),
    ],
    expectNumAllocateOneInvocations: 42,
  },
};
