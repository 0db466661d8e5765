/**
 * podplan's own structured allocator cases (upstream's TestAllocator table
 * is in allocator-table.test.ts), with the fixture names of upstream's
 * allocator_testing.go.
 */
import type { ResourceV1ResourceClaim, V1DeviceClass, V1DeviceRequest, V1NodeSelector, V1ResourceSlice } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { AllocatorError, StructuredAllocator, type AllocatorFeatures, type ClaimAllocation } from '../../../../src/scheduling/plugins/dynamic-resources/allocator/structured-allocator.js';
import { deviceId } from '../../../../src/scheduling/model/dra-catalog.js';

const [driverA, driverB] = ['driver-a', 'driver-b'];
const [pool1, pool2] = ['pool-1', 'pool-2'];
const [device1, device2] = ['device-1', 'device-2'];
const [claim0, claim1] = ['claim-0', 'claim-1'];
const [req0, req1] = ['req-0', 'req-1'];
const [classA, classB] = ['class-a', 'class-b'];
const node1 = { name: 'node-1', labels: { region: 'region-1' } };

const NO_FEATURES: AllocatorFeatures = { adminAccess: false, prioritizedList: false, partitionableDevices: false, deviceTaints: false };
const ALL_FEATURES: AllocatorFeatures = { adminAccess: true, prioritizedList: true, partitionableDevices: false, deviceTaints: false };

function deviceClass(name: string, driver: string): V1DeviceClass {
  return { metadata: { name }, spec: { selectors: [{ cel: { expression: `device.driver == "${driver}"` } }] } };
}

interface DeviceSpec {
  name: string;
  attributes?: Record<string, unknown>;
}

function slice(name: string, nodeName: string, pool: string, driver: string, devices: DeviceSpec[], resourceSliceCount = 1): V1ResourceSlice {
  return { metadata: { name }, spec: { driver, nodeName, pool: { name: pool, generation: 1, resourceSliceCount }, devices: devices.map((device) => ({ ...device }) as never) } };
}

const oneDevice = (name: string, nodeName: string, pool: string, driver: string): V1ResourceSlice => slice(name, nodeName, pool, driver, [{ name: device1 }]);

function request(name: string, className: string, count = 1, extra: Record<string, unknown> = {}): V1DeviceRequest {
  return { name, exactly: { deviceClassName: className, allocationMode: 'ExactCount', count, ...extra } };
}

function claim(name: string, requests: V1DeviceRequest[], constraints?: { requests?: string[]; matchAttribute: string }[]): ResourceV1ResourceClaim {
  return { metadata: { name }, spec: { devices: { requests, ...(constraints && { constraints }) } } };
}

const localNodeSelector = (node: string): V1NodeSelector => ({ nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] });

function result(nodeSelector: V1NodeSelector | undefined, ...devices: [string, string, string, string, boolean?][]): ClaimAllocation {
  return {
    devices: devices.map(([requestName, driver, pool, device, adminAccess]) => ({ request: requestName, driver, pool, device, ...(adminAccess && { adminAccess: true }) })),
    ...(nodeSelector && { nodeSelector }),
  };
}

interface Case {
  features?: AllocatorFeatures;
  claims: ResourceV1ResourceClaim[];
  classes: V1DeviceClass[];
  slices: V1ResourceSlice[];
  allocated?: string[];
  expectResults?: ClaimAllocation[];
  expectError?: string;
}

const all = (name: string, className: string, extra: Record<string, unknown> = {}): V1DeviceRequest => ({ name, exactly: { deviceClassName: className, allocationMode: 'All', ...extra } });

const CASES: Record<string, Case> = {
  'podplan: simple': {
    claims: [claim(claim0, [request(req0, classA)])],
    classes: [deviceClass(classA, driverA)],
    slices: [oneDevice('slice-1', node1.name, pool1, driverA)],
    expectResults: [result(localNodeSelector(node1.name), [req0, driverA, pool1, device1])],
  },
  'podplan: admin access with DRAAdminAccess off is an error': {
    claims: [claim(claim0, [request(req0, classA, 1, { adminAccess: true })])],
    classes: [deviceClass(classA, driverA)],
    slices: [oneDevice('slice-1', node1.name, pool1, driverA)],
    expectError: 'claim claim-0, request req-0: admin access is requested, but the feature is disabled',
  },
  'podplan: matchAttribute keeps both devices on one model': {
    claims: [claim(claim0, [request(req0, classA), request(req1, classA)], [{ matchAttribute: `${driverA}/model` }])],
    classes: [deviceClass(classA, driverA)],
    slices: [
      slice('slice-1', node1.name, pool1, driverA, [
        { name: 'a', attributes: { model: { string: 'x' } } },
        { name: 'b', attributes: { model: { string: 'y' } } },
        { name: 'c', attributes: { model: { string: 'y' } } },
      ]),
    ],
    expectResults: [result(localNodeSelector(node1.name), [req0, driverA, pool1, 'b'], [req1, driverA, pool1, 'c'])],
  },
  'podplan: firstAvailable takes the first subrequest that fits': {
    features: ALL_FEATURES,
    claims: [claim(claim0, [{ name: req0, firstAvailable: [{ name: 'big', deviceClassName: classA, allocationMode: 'ExactCount', count: 4 }, { name: 'small', deviceClassName: classA, allocationMode: 'ExactCount', count: 1 }] }])],
    classes: [deviceClass(classA, driverA)],
    slices: [slice('slice-1', node1.name, pool1, driverA, [{ name: device1 }, { name: device2 }])],
    expectResults: [result(localNodeSelector(node1.name), [`${req0}/small`, driverA, pool1, device1])],
  },
  'podplan: firstAvailable with DRAPrioritizedList off is an error': {
    claims: [claim(claim0, [{ name: req0, firstAvailable: [{ name: 'small', deviceClassName: classA }] }])],
    classes: [deviceClass(classA, driverA)],
    slices: [oneDevice('slice-1', node1.name, pool1, driverA)],
    expectError: 'claim claim-0, request req-0: has subrequests, but the DRAPrioritizedList feature is disabled',
  },
  'podplan: request selector with capacity quantity': {
    claims: [claim(claim0, [request(req0, classA, 1, { selectors: [{ cel: { expression: `device.capacity["${driverA}"].memory.compareTo(quantity("40Gi")) >= 0` } }] })])],
    classes: [deviceClass(classA, driverA)],
    slices: [slice('slice-1', node1.name, pool1, driverA, [{ name: 'small', capacity: { memory: { value: '16Gi' } } } as DeviceSpec, { name: 'large', capacity: { memory: { value: '80Gi' } } } as DeviceSpec])],
    expectResults: [result(localNodeSelector(node1.name), [req0, driverA, pool1, 'large'])],
  },
  'podplan: only the newest generation of a pool counts': {
    claims: [claim(claim0, [request(req0, classA)])],
    classes: [deviceClass(classA, driverA)],
    slices: [
      { ...slice('old', node1.name, pool1, driverA, [{ name: 'stale' }]), spec: { ...slice('old', node1.name, pool1, driverA, [{ name: 'stale' }]).spec, pool: { name: pool1, generation: 1, resourceSliceCount: 1 } } },
      { ...slice('new', node1.name, pool1, driverA, [{ name: 'fresh' }]), spec: { ...slice('new', node1.name, pool1, driverA, [{ name: 'fresh' }]).spec, pool: { name: pool1, generation: 2, resourceSliceCount: 1 } } },
    ],
    expectResults: [result(localNodeSelector(node1.name), [req0, driverA, pool1, 'fresh'])],
  },

};

describe('StructuredAllocator (podplan cases)', () => {
  it.each(Object.entries(CASES))('%s', (_name, scenario) => {
    const allocator = new StructuredAllocator(
      scenario.features ?? NO_FEATURES,
      scenario.claims,
      new Map((scenario.allocated ?? []).map((id) => [id, true] as const)),
      new Map(scenario.classes.map((deviceClassObject) => [deviceClassObject.metadata!.name!, deviceClassObject])),
      scenario.slices,
    );
    if (scenario.expectError !== undefined) {
      expect(() => allocator.allocate(node1)).toThrow(AllocatorError);
      expect(() => allocator.allocate(node1)).toThrow(scenario.expectError);
      return;
    }
    expect(allocator.allocate(node1)).toEqual(scenario.expectResults);
  });
});
