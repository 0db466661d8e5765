/**
 * TestAllocator cases (allocatortesting/allocator_testing.go, v1.35) on
 * consumable capacity (KEP-5075, upstream's ConsumableCapacity feature:
 * the DRAConsumableCapacity gate): multi-allocatable devices, capacity
 * requests and request policies, consumed capacity and share ids, and the
 * distinctAttribute constraint. Upstream runs them against its experimental
 * allocator. Names kept; upstream's `one`…`four` are whole quantities.
 */
import {
  allDevicesRequest,
  allocation,
  capacity0,
  capacity1,
  claim,
  claim0,
  claim1,
  classA,
  classWithAllowMultipleAllocations,
  consumes,
  counterSet,
  counterSet1,
  counterSet2,
  device,
  device1,
  device2,
  device3,
  device4,
  deviceClass,
  driverA,
  localNodeSelector,
  multiAllocatable,
  node,
  node1,
  partitionedDevice,
  pool1,
  prioritizedRequest,
  region1,
  req0,
  req0SubReq0,
  req0SubReq1,
  req1,
  req1SubReq1,
  req2,
  req3,
  request,
  resourcePool,
  result,
  sharedResult,
  slice,
  slice1,
  slice2,
  sliceWithCounterSets,
  subReq0,
  subReq1,
  subRequest,
  withCapacityRequest,
  withRangePolicy,
  withValidValuesPolicy,
  type AllocatorCase,
} from './builders.js';
import { boolAttribute, intAttribute, stringAttribute, versionAttribute } from './constraint-cases.js';

const n1 = node(node1, region1);
const local1 = localNodeSelector(node1);
const consumable = { consumableCapacity: true };
const multiClass = [classWithAllowMultipleAllocations(classA, driverA, true)];
const dedicatedClass = [classWithAllowMultipleAllocations(classA, driverA, false)];
const plainClass = [deviceClass(classA, driverA)];
const req2SubReq0 = `${req2}/${subReq0}`;

/** A multi-allocatable device with capacity-0 (or the given capacities) and no policy. */
const sharedDevice = (name: string, capacity?: Record<string, string>) => multiAllocatable(device(name, capacity ? { capacity } : {}));
const exact = (name: string, quantity?: string) => (quantity === undefined ? request(name, classA, 1) : withCapacityRequest(request(name, classA, 1), quantity));
const inPool1 = (...devices: Parameters<typeof slice>[4]) => [slice(slice1, node1, pool1, driverA, devices)];

export const CONSUMABLE_CAPACITY_CASES: Record<string, AllocatorCase> = {
  'consumable-capacity-multi-allocatable-device-with-missing-capacity-request': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '1')])],
    classes: plainClass,
    slices: inPool1(sharedDevice(device1, { [capacity1]: '1' })),
    node: n1,
  },
  'consumable-capacity-multi-allocatable-device-allocation-mode-all-with-missing-capacity-request': {
    features: consumable,
    claims: [claim(claim0, [withCapacityRequest(allDevicesRequest(req0, classA), '1')])],
    classes: multiClass,
    slices: inPool1(sharedDevice(device1, { [capacity1]: '1' })),
    node: n1,
  },
  'consumable-capacity-multi-allocatable-device-without-capacity-without-capacity-request': {
    features: consumable,
    claims: [claim(claim0, [exact(req0)]), claim(claim1, [exact(req0)])],
    classes: multiClass,
    slices: inPool1(sharedDevice(device1)),
    node: n1,
    // Both share the device; nothing is consumed since it has no capacity.
    expectResults: [allocation(local1, sharedResult(req0, driverA, pool1, device1)), allocation(local1, sharedResult(req0, driverA, pool1, device1))],
  },
  'consumable-capacity-multi-allocatable-device-without-policy-without-capacity-request': {
    features: consumable,
    claims: [claim(claim0, [exact(req0)]), claim(claim1, [exact(req0)])],
    classes: multiClass,
    slices: inPool1(sharedDevice(device1, { [capacity0]: '1' }), sharedDevice(device2, { [capacity0]: '1' })),
    node: n1,
    // Without a request a share consumes the whole capacity, so each claim gets its own device.
    expectResults: [allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '1' })), allocation(local1, sharedResult(req0, driverA, pool1, device2, { [capacity0]: '1' }))],
  },
  'consumable-capacity-multi-allocatable-device-without-policy-without-capacity-request-block': {
    features: consumable,
    claims: [claim(claim0, [exact(req0)]), claim(claim1, [exact(req0)])],
    classes: multiClass,
    slices: inPool1(sharedDevice(device1, { [capacity0]: '2' })),
    node: n1,
  },
  'consumable-capacity-multi-allocatable-device-without-policy-with-capacity-request': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '1')]), claim(claim1, [exact(req0, '1')])],
    classes: multiClass,
    slices: inPool1(sharedDevice(device1, { [capacity0]: '2' })),
    node: n1,
    expectResults: [allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '1' })), allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '1' }))],
  },
  'consumable-capacity-multi-allocatable-device-with-policy-without-capacity-request': {
    features: consumable,
    claims: [claim(claim0, [exact(req0)]), claim(claim1, [exact(req0)])],
    classes: multiClass,
    slices: inPool1(withRangePolicy(sharedDevice(device1), { [capacity0]: '4' })),
    node: n1,
    // Both take the policy's default (2).
    expectResults: [allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '2' })), allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '2' }))],
  },
  'consumable-capacity-multi-allocatable-device-with-zero-request-policy': {
    features: consumable,
    claims: [claim(claim0, [exact(req0)]), claim(claim1, [exact(req0)])],
    classes: multiClass,
    slices: inPool1(withValidValuesPolicy(sharedDevice(device1), '0', { [capacity0]: '1' })),
    node: n1,
    expectResults: [allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '0' })), allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '0' }))],
  },
  'consumable-capacity-multi-allocatable-device-violates-zero-request-policy': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '1')])],
    classes: multiClass,
    slices: inPool1(withValidValuesPolicy(sharedDevice(device1), '0', { [capacity0]: '1' })),
    node: n1,
  },
  'consumable-capacity-multi-allocatable-device-with-range-policy-with-capacity-request': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '1')]), claim(claim1, [exact(req0, '1')])],
    classes: multiClass,
    slices: inPool1(withRangePolicy(sharedDevice(device1), { [capacity0]: '4' })),
    node: n1,
    // Rounded up to the range's minimum (2).
    expectResults: [allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '2' })), allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '2' }))],
  },
  'consumable-capacity-multi-allocatable-device-with-range-policy-step': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '3')])],
    classes: multiClass,
    slices: inPool1(withRangePolicy(sharedDevice(device1), { [capacity0]: '4' })),
    node: n1,
    // Rounded up by the step: 3 → 2 + 2.
    expectResults: [allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '4' }))],
  },
  'consumable-capacity-multi-allocatable-device-with-valid-values-policy': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '2')])],
    classes: multiClass,
    slices: inPool1(withValidValuesPolicy(sharedDevice(device1), '1', { [capacity0]: '4' }, ['2'])),
    node: n1,
    expectResults: [allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '2' }))],
  },
  'consumable-capacity-multi-allocatable-device-with-valid-values-policy-round-up': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '2')])],
    classes: multiClass,
    slices: inPool1(withValidValuesPolicy(sharedDevice(device1), '1', { [capacity0]: '3' }, ['3'])),
    node: n1,
    expectResults: [allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '3' }))],
  },
  'consumable-capacity-multi-allocatable-device-with-exceeded-consumable-capacity-request': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '1')]), claim(claim1, [exact(req0, '2')])],
    classes: multiClass,
    slices: inPool1(withRangePolicy(sharedDevice(device1), { [capacity0]: '2' })),
    node: n1,
  },
  'consumable-capacity-multi-allocatable-device-with-request-over-max-sharing-policy': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '6')])],
    classes: multiClass,
    // The policy's max is 4: refused although 6 < 10.
    slices: inPool1(withRangePolicy(sharedDevice(device1), { [capacity0]: '10' })),
    node: n1,
  },
  'consumable-capacity-multi-allocatable-device-with-allocated-capacity-use-remaining': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '2')])],
    allocatedCapacity: { [`${driverA}/${pool1}/${device1}`]: { [capacity0]: '2' } },
    classes: multiClass,
    slices: inPool1(withRangePolicy(sharedDevice(device1), { [capacity0]: '4' })),
    node: n1,
    expectResults: [allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '2' }))],
  },
  'consumable-capacity-multi-allocatable-device-with-allocated-capacity-next-device': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '2')])],
    allocatedCapacity: { [`${driverA}/${pool1}/${device1}`]: { [capacity0]: '2' } },
    classes: multiClass,
    slices: inPool1(withRangePolicy(sharedDevice(device1), { [capacity0]: '2' }), withRangePolicy(sharedDevice(device2), { [capacity0]: '2' })),
    node: n1,
    expectResults: [allocation(local1, sharedResult(req0, driverA, pool1, device2, { [capacity0]: '2' }))],
  },
  'consumable-capacity-with-multi-allocatable-device-backtrack': {
    features: consumable,
    claims: [
      claim(claim0, [exact(req0, '2'), exact(req1, '2')], [{ matchAttribute: stringAttribute }]),
      claim(claim1, [exact(req0, '2')]),
    ],
    classes: plainClass,
    slices: inPool1(
      withRangePolicy(multiAllocatable(device(device2, { attributes: { stringAttribute: { string: 'stringAttributeValue1' } } })), { [capacity0]: '2' }),
      withRangePolicy(multiAllocatable(device(device1, { attributes: { stringAttribute: { string: 'stringAttributeValue2' } } })), { [capacity0]: '4' }),
    ),
    node: n1,
    expectResults: [
      allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '2' }), sharedResult(req1, driverA, pool1, device1, { [capacity0]: '2' })),
      allocation(local1, sharedResult(req0, driverA, pool1, device2, { [capacity0]: '2' })),
    ],
  },
  'consumable-capacity-multi-allocatable-device-with-subrequest': {
    features: { ...consumable, prioritizedList: true },
    claims: [
      claim(claim0, [
        prioritizedRequest(req0, withCapacityRequest(subRequest(subReq0, classA, 1), '4'), withCapacityRequest(subRequest(subReq1, classA, 1), '2'), subRequest(subReq1, classA, 1)),
      ]),
    ],
    classes: multiClass,
    slices: inPool1(withRangePolicy(sharedDevice(device1), { [capacity0]: '2' })),
    node: n1,
    expectResults: [allocation(local1, sharedResult(req0SubReq1, driverA, pool1, device1, { [capacity0]: '2' }))],
  },
  'consumable-capacity-multi-allocatable-device-with-no-available-consumable-capacity': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '2')])],
    allocatedCapacity: { [`${driverA}/${pool1}/${device1}`]: { [capacity0]: '2' } },
    classes: multiClass,
    slices: inPool1(withRangePolicy(sharedDevice(device1), { [capacity0]: '2' })),
    node: n1,
  },
  'consumable-capacity-multi-allocatable-device-allocation-mode-all-filter-out-no-capacity': {
    features: consumable,
    claims: [claim(claim0, [withCapacityRequest(allDevicesRequest(req0, classA), '2')])],
    classes: multiClass,
    slices: inPool1(sharedDevice(device1, { [capacity0]: '2' }), sharedDevice(device2)),
    node: n1,
    // Only the device with the capacity is "all".
    expectResults: [allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '2' }))],
  },
  'consumable-capacity-multi-allocatable-device-allocation-mode-all-filter-out-insufficient-capacity': {
    features: consumable,
    claims: [claim(claim0, [withCapacityRequest(allDevicesRequest(req0, classA), '2')])],
    classes: multiClass,
    slices: inPool1(sharedDevice(device1, { [capacity0]: '2' }), sharedDevice(device2, { [capacity0]: '1' })),
    node: n1,
    expectResults: [allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '2' }))],
  },
  'consumable-capacity-multi-allocatable-device-allocation-mode-all-allocating-sufficient': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '1'), withCapacityRequest(allDevicesRequest(req1, classA), '1')])],
    classes: plainClass,
    slices: inPool1(sharedDevice(device1, { [capacity0]: '2' }), sharedDevice(device2, { [capacity0]: '1' })),
    node: n1,
    expectResults: [
      allocation(
        local1,
        sharedResult(req0, driverA, pool1, device1, { [capacity0]: '1' }),
        sharedResult(req1, driverA, pool1, device1, { [capacity0]: '1' }),
        sharedResult(req1, driverA, pool1, device2, { [capacity0]: '1' }),
      ),
    ],
  },
  'consumable-capacity-multi-allocatable-device-allocation-mode-all-in-use-sufficient': {
    features: consumable,
    allocatedCapacity: { [`${driverA}/${pool1}/${device1}`]: { [capacity0]: '1' } },
    claims: [claim(claim0, [withCapacityRequest(allDevicesRequest(req0, classA), '1')])],
    classes: plainClass,
    slices: inPool1(sharedDevice(device1, { [capacity0]: '2' }), sharedDevice(device2, { [capacity0]: '1' })),
    node: n1,
    expectResults: [allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '1' }), sharedResult(req0, driverA, pool1, device2, { [capacity0]: '1' }))],
  },
  'consumable-capacity-multi-allocatable-device-allocation-mode-all-allocating-insufficient': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '1'), withCapacityRequest(allDevicesRequest(req1, classA), '1')])],
    classes: plainClass,
    slices: inPool1(sharedDevice(device1, { [capacity0]: '1' }), sharedDevice(device2, { [capacity0]: '1' })),
    node: n1,
  },
  'consumable-capacity-multi-allocatable-device-allocation-mode-all-in-use-insufficient': {
    features: consumable,
    allocatedCapacity: { [`${driverA}/${pool1}/${device1}`]: { [capacity0]: '1' } },
    claims: [claim(claim0, [withCapacityRequest(allDevicesRequest(req0, classA), '1')])],
    classes: plainClass,
    slices: inPool1(sharedDevice(device1, { [capacity0]: '1' }), sharedDevice(device2, { [capacity0]: '1' })),
    node: n1,
    expectResults: [allocation(local1, sharedResult(req0, driverA, pool1, device2, { [capacity0]: '1' }))],
  },
  'consumable-capacity-dedicated-device-with-consumable-capacity-request': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '1')])],
    classes: dedicatedClass,
    slices: inPool1(device(device1, { capacity: { [capacity0]: '1' } })),
    node: n1,
    // A dedicated device: no share, nothing recorded as consumed.
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1))],
  },
  'consumable-capacity-dedicated-device-with-multiple-consumable-capacity-request': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '1')]), claim(claim1, [exact(req0, '1')])],
    classes: dedicatedClass,
    slices: inPool1(withRangePolicy(device(device1), { [capacity0]: '2' })),
    node: n1,
  },
  'allow-multiple-allocations-exclude-multi-allocatable-device-by-class-selector': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '1')])],
    classes: dedicatedClass,
    slices: inPool1(sharedDevice(device1, { [capacity0]: '1' })),
    node: n1,
  },
  'allow-multiple-allocations-not-allocate-multi-allocatable-device-which-already-dedicated': {
    features: consumable,
    allocatedDevices: [`${driverA}/${pool1}/${device1}`],
    claims: [claim(claim0, [exact(req0, '1')])],
    classes: multiClass,
    slices: inPool1(withRangePolicy(sharedDevice(device1), { [capacity0]: '2' })),
    node: n1,
  },
  'allow-multiple-allocations-not-allocate-dedicated-device-which-change-from-multi-allocatable': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '1')])],
    allocatedCapacity: { [`${driverA}/${pool1}/${device1}`]: { [capacity0]: '1' } },
    classes: multiClass,
    slices: inPool1(withRangePolicy(device(device1), { [capacity0]: '2' })),
    node: n1,
  },
  'allow-multiple-allocations-with-partitionable-device': {
    features: { ...consumable, prioritizedList: true, partitionableDevices: true },
    claims: [
      claim(claim0, [
        request(req0, classA, 1),
        prioritizedRequest(
          req1,
          subRequest(subReq0, classA, 1, { celSelectors: [`device.capacity["${driverA}"].memory.compareTo(quantity("6Gi")) >= 0`] }),
          subRequest(subReq1, classA, 1, { celSelectors: [`device.capacity["${driverA}"].memory.compareTo(quantity("4Gi")) >= 0`] }),
        ),
      ]),
    ],
    classes: multiClass,
    slices: [
      slice(slice1, node1, resourcePool(pool1, 2), driverA, [
        multiAllocatable(partitionedDevice(device1, [consumes(counterSet1, { memory: '4Gi' })], { capacityFromCounters: true })),
        multiAllocatable(partitionedDevice(device2, [consumes(counterSet1, { memory: '6Gi' })], { capacityFromCounters: true })),
        multiAllocatable(partitionedDevice(device3, [consumes(counterSet1, { memory: '4Gi' })], { capacityFromCounters: true })),
      ]),
      sliceWithCounterSets(slice2, node1, resourcePool(pool1, 2), driverA, counterSet(counterSet1, { memory: '8Gi' })),
    ],
    node: n1,
    expectResults: [allocation(local1, sharedResult(req0, driverA, pool1, device1, { memory: '4Gi' }), sharedResult(req1SubReq1, driverA, pool1, device3, { memory: '4Gi' }))],
  },
  'consumable-capacity-with-partitionable-device-multiple-capacity-pools': {
    features: { ...consumable, prioritizedList: true, partitionableDevices: true },
    // req0 and req2 ask for 1 and 2 of capacity-0; req1 prefers devices with capacity-0 >= 4 over >= 2.
    claims: [
      claim(claim0, [
        exact(req0, '1'),
        exact(req2, '2'),
        prioritizedRequest(
          req1,
          withCapacityRequest(subRequest(subReq0, classA, 1, { celSelectors: [`device.capacity["${driverA}"]["${capacity0}"].compareTo(quantity("4")) >= 0`] }), '1'),
          withCapacityRequest(subRequest(subReq1, classA, 1, { celSelectors: [`device.capacity["${driverA}"]["${capacity0}"].compareTo(quantity("2")) >= 0`] }), '1'),
        ),
      ]),
    ],
    classes: plainClass,
    // Counter sets (4, 8); device-1, -2, -3 consume (2,4), (4,4), (2,4): only [device-1, device-3] or [device-2] fit together.
    // capacity-1 has the range policy (min, step, max) = (2, 2, 4).
    slices: [
      slice(
        slice1,
        node1,
        resourcePool(pool1, 2),
        driverA,
        [
          [device1, '2'],
          [device2, '4'],
          [device3, '2'],
        ].map(([name, first]) =>
          withRangePolicy(multiAllocatable(partitionedDevice(name, [consumes(counterSet1, { [capacity0]: first }), consumes(counterSet2, { [capacity1]: '4' })], { capacityFromCounters: true })), {
            [capacity1]: '4',
          }),
        ),
      ),
      sliceWithCounterSets(slice2, node1, resourcePool(pool1, 2), driverA, counterSet(counterSet1, { [capacity0]: '4' }), counterSet(counterSet2, { [capacity1]: '8' })),
    ],
    node: n1,
    // req0: device-1 (1 of capacity-0, 2 of capacity-1 by the policy). req2: device-1 has 1 left and device-2 does not fit the counters: device-3.
    // req1: no device for subReq-0 (device-2 does not fit), subReq-1 takes device-1's last unit.
    expectResults: [
      allocation(
        local1,
        sharedResult(req0, driverA, pool1, device1, { [capacity0]: '1', [capacity1]: '2' }),
        sharedResult(req2, driverA, pool1, device3, { [capacity0]: '2', [capacity1]: '2' }),
        sharedResult(req1SubReq1, driverA, pool1, device1, { [capacity0]: '1', [capacity1]: '2' }),
      ),
    ],
  },
  'with-distinct-constraints': {
    features: consumable,
    claims: [
      claim(
        claim0,
        [exact(req0), exact(req1), exact(req2), exact(req3)],
        [
          { distinctAttribute: boolAttribute, requests: [req0, req1] },
          { distinctAttribute: versionAttribute, requests: [req0, req1, req2] },
          { distinctAttribute: intAttribute, requests: [req0, req1, req2, req3] },
        ],
      ),
    ],
    classes: plainClass,
    slices: inPool1(
      ...(
        [
          [device1, '1.0.0', 0, true],
          [device2, '1.0.1', 1, false],
          [device3, '1.0.2', 2, true],
          [device4, '1.0.0', 3, true],
        ] as const
      ).map(([name, version, numa, flag]) => multiAllocatable(device(name, { attributes: { driverVersion: { version }, numa: { int: numa }, boolAttribute: { bool: flag } } }))),
    ),
    node: n1,
    expectResults: [
      allocation(local1, sharedResult(req0, driverA, pool1, device1), sharedResult(req1, driverA, pool1, device2), sharedResult(req2, driverA, pool1, device3), sharedResult(req3, driverA, pool1, device4)),
    ],
  },
  'with-distinct-constraints-attribute-not-set': {
    features: consumable,
    claims: [claim(claim0, [exact(req0)], [{ distinctAttribute: boolAttribute, requests: [req0] }])],
    classes: plainClass,
    slices: inPool1(sharedDevice(device1)),
    node: n1,
  },
  'with-distinct-constraints-unknown-type-attribute': {
    features: consumable,
    claims: [claim(claim0, [exact(req0)], [{ distinctAttribute: boolAttribute, requests: [req0] }])],
    classes: plainClass,
    slices: inPool1(multiAllocatable(device(device1, { attributes: { boolAttribute: {} } }))),
    node: n1,
    expectError: 'unsupported attribute value',
  },
  'with-distinct-constraints-with-subrequests': {
    features: { ...consumable, prioritizedList: true },
    // The constraint covers req-0 and req-1 only: req-1 cannot take device-1 again, req-2 can.
    claims: [
      claim(
        claim0,
        [req0, req1, req2].map((name) =>
          prioritizedRequest(name, subRequest(subReq0, classA, 1, { celSelectors: [`device.attributes["${driverA}"].boolAttribute`] }), subRequest(subReq1, classA, 1)),
        ),
        [{ distinctAttribute: boolAttribute, requests: [req0, req1] }],
      ),
    ],
    classes: plainClass,
    slices: inPool1(
      multiAllocatable(device(device1, { attributes: { boolAttribute: { bool: true } } })),
      multiAllocatable(device(device2, { attributes: { boolAttribute: { bool: false } } })),
    ),
    node: n1,
    expectResults: [allocation(local1, sharedResult(req0SubReq0, driverA, pool1, device1), sharedResult(req1SubReq1, driverA, pool1, device2), sharedResult(req2SubReq0, driverA, pool1, device1))],
  },
  'distinct-constraint-one-multi-allocatable-device-with-distinct-constraint': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '1'), exact(req1, '1')], [{ distinctAttribute: stringAttribute }])],
    classes: multiClass,
    slices: inPool1(withRangePolicy(multiAllocatable(device(device1, { attributes: { stringAttribute: { string: 'stringAttributeValue' } } })), { [capacity0]: '2' })),
    node: n1,
  },
  'distinct-constraint-two-multi-allocatable-devices-with-distinct-constraint': {
    features: consumable,
    claims: [claim(claim0, [exact(req0, '2'), exact(req1, '2')], [{ distinctAttribute: stringAttribute }])],
    classes: multiClass,
    slices: [device1, device2].map((name, index) =>
      slice(slice1, node1, resourcePool(pool1, 2), driverA, [withRangePolicy(multiAllocatable(device(name, { attributes: { stringAttribute: { string: `stringAttributeValue${index + 1}` } } })), { [capacity0]: '4' })]),
    ),
    node: n1,
    expectResults: [allocation(local1, sharedResult(req0, driverA, pool1, device1, { [capacity0]: '2' }), sharedResult(req1, driverA, pool1, device2, { [capacity0]: '2' }))],
  },
};
