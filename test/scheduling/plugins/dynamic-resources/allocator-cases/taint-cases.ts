/**
 * TestAllocator cases (allocatortesting/allocator_testing.go, v1.35) on
 * device taints and request tolerations (DRADeviceTaints). Names kept.
 */
import type { V1DeviceTaint, V1DeviceToleration } from '@kubernetes/client-node';
import {
  adminRequest,
  allDevicesRequest,
  allocation,
  claim,
  claimWithRequest,
  classA,
  classB,
  device,
  device1,
  device2,
  deviceClass,
  driverA,
  driverB,
  localNodeSelector,
  node,
  node1,
  pool1,
  prioritizedRequest,
  region1,
  req0,
  req0SubReq1,
  result,
  slice,
  slice1,
  subReq0,
  subReq1,
  subRequest,
  withTolerations,
  type AllocatorCase,
  claim0,
} from './builders.js';

const taintKey = 'taint-key';
const taintNone: V1DeviceTaint = { key: taintKey, value: 'taint-value', effect: 'None' };
const taintNoSchedule: V1DeviceTaint = { key: taintKey, value: 'taint-value', effect: 'NoSchedule' };
const taintNoExecute: V1DeviceTaint = { key: taintKey, value: 'taint-value-2', effect: 'NoExecute' };
const tolerationNoSchedule: V1DeviceToleration = { operator: 'Exists', key: taintKey, effect: 'NoSchedule' };
const tolerationNoExecute: V1DeviceToleration = { operator: 'Equal', key: taintKey, value: 'taint-value-2', effect: 'NoExecute' };

const n1 = node(node1, region1);
const local1 = localNodeSelector(node1);
const classAOnly = [deviceClass(classA, driverA)];
const bothClasses = [deviceClass(classA, driverA), deviceClass(classB, driverB)];
const tainted = (name: string, ...taints: V1DeviceTaint[]) => device(name, {}, { taints });
const on = { deviceTaints: true };
const bothTainted = [slice(slice1, node1, pool1, driverA, [tainted(device1, taintNoSchedule), tainted(device2, taintNoExecute)])];
const oneNoSchedule = [slice(slice1, node1, pool1, driverA, [tainted(device1, taintNoSchedule)])];
const classBThenA = claim(claim0, [prioritizedRequest(req0, subRequest(subReq0, classB, 1), subRequest(subReq1, classA, 1))]);

export const TAINT_CASES: Record<string, AllocatorCase> = {
  'tainted-two-devices': { features: on, claims: [claimWithRequest(claim0, req0, classA)], classes: classAOnly, slices: bothTainted, node: n1 },
  'tainted-one-device-two-taints': {
    features: on,
    claims: [claimWithRequest(claim0, req0, classA)],
    classes: classAOnly,
    slices: [slice(slice1, node1, pool1, driverA, [tainted(device1, taintNoSchedule, taintNoExecute)])],
    node: n1,
  },
  'tainted-two-devices-tolerated': {
    features: on,
    claims: [withTolerations(claimWithRequest(claim0, req0, classA), tolerationNoExecute)],
    classes: classAOnly,
    slices: bothTainted,
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device2, false, { tolerations: [tolerationNoExecute] }))],
  },
  'tainted-two-devices-prioritized-list-tolerated': {
    features: { deviceTaints: true, prioritizedList: true },
    claims: [claim(claim0, [prioritizedRequest(req0, subRequest(subReq0, classA, 1), subRequest(subReq1, classA, 1, { tolerations: [tolerationNoExecute] }))])],
    classes: classAOnly,
    slices: bothTainted,
    node: n1,
    expectResults: [allocation(local1, result(req0SubReq1, driverA, pool1, device2, false, { tolerations: [tolerationNoExecute] }))],
  },
  'tainted-no-effect': {
    features: on,
    claims: [claimWithRequest(claim0, req0, classA)],
    classes: classAOnly,
    slices: [slice(slice1, node1, pool1, driverA, [tainted(device1, taintNone)])],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1))],
  },
  'tainted-one-device-two-taints-both-tolerated': {
    features: on,
    claims: [withTolerations(claimWithRequest(claim0, req0, classA), tolerationNoSchedule, tolerationNoExecute)],
    classes: classAOnly,
    slices: [slice(slice1, node1, pool1, driverA, [tainted(device1, taintNoSchedule, taintNoExecute)])],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1, false, { tolerations: [tolerationNoSchedule, tolerationNoExecute] }))],
  },
  'tainted-disabled': {
    claims: [claimWithRequest(claim0, req0, classA)],
    classes: classAOnly,
    slices: [slice(slice1, node1, pool1, driverA, [tainted(device1, taintNoSchedule, taintNoExecute)])],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1))],
  },
  'tainted-prioritized-list': { features: { deviceTaints: true, prioritizedList: true }, claims: [classBThenA], classes: bothClasses, slices: oneNoSchedule, node: n1 },
  'tainted-prioritized-list-disabled': {
    features: { prioritizedList: true },
    claims: [classBThenA],
    classes: bothClasses,
    slices: oneNoSchedule,
    node: n1,
    expectResults: [allocation(local1, result(req0SubReq1, driverA, pool1, device1))],
  },
  'tainted-admin-access': {
    features: { deviceTaints: true, adminAccess: true },
    claims: [claim(claim0, [adminRequest(req0, classA)])],
    allocatedDevices: [`${driverA}/${pool1}/${device1}`, `${driverA}/${pool1}/${device2}`],
    classes: classAOnly,
    slices: oneNoSchedule,
    node: n1,
  },
  'tainted-admin-access-disabled': {
    features: { adminAccess: true },
    claims: [claim(claim0, [adminRequest(req0, classA)])],
    allocatedDevices: [`${driverA}/${pool1}/${device1}`, `${driverA}/${pool1}/${device2}`],
    classes: classAOnly,
    slices: oneNoSchedule,
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1, true))],
  },
  'tainted-all-devices-single': { features: on, claims: [claim(claim0, [allDevicesRequest(req0, classA)])], classes: classAOnly, slices: oneNoSchedule, node: n1 },
  'tainted-all-devices-single-disabled': {
    claims: [claim(claim0, [allDevicesRequest(req0, classA)])],
    classes: classAOnly,
    slices: oneNoSchedule,
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1))],
  },
};
