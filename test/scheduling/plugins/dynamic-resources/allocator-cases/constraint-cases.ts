/**
 * TestAllocator cases (allocatortesting/allocator_testing.go, v1.35) on
 * matchAttribute constraints, device configuration in the result, and
 * requests the allocator refuses (unknown selector, mode or constraint,
 * invalid CEL). Names kept.
 */
import {
  allocation,
  allocationWithConfig,
  claim,
  claimWithRequest,
  classA,
  classB,
  classWithConfig,
  device,
  device0,
  device1,
  device2,
  device3,
  deviceClass,
  deviceConfiguration,
  driverA,
  driverB,
  localNodeSelector,
  matchAttribute,
  node,
  node1,
  pool1,
  req0,
  req1,
  req2,
  region1,
  request,
  result,
  slice,
  slice1,
  slice2,
  sliceWithMultipleDevices,
  sliceWithOneDevice,
  withExactly,
  type AllocatorCase,
  claim0,
} from './builders.js';

export const nonExistentAttribute = `${driverA}/NonExistentAttribute`;
export const boolAttribute = `${driverA}/boolAttribute`;
export const stringAttribute = `${driverA}/stringAttribute`;
export const versionAttribute = `${driverA}/driverVersion`;
export const intAttribute = `${driverA}/numa`;

const n1 = node(node1, region1);
const local1 = localNodeSelector(node1);
const classAOnly = [deviceClass(classA, driverA)];
const bothClasses = [deviceClass(classA, driverA), deviceClass(classB, driverB)];
const everyKind = { driverVersion: { version: '1.0.0' }, numa: { int: 1 }, stringAttribute: { string: 'stringAttributeValue' }, boolAttribute: { bool: true } };
const twoDevicesDiffering = (name: string, first: object, second: object) =>
  slice(slice1, node1, pool1, driverA, [device(device1, { attributes: { [name]: first } }), device(device2, { attributes: { [name]: second } })]);

export const CONSTRAINT_CASES: Record<string, AllocatorCase> = {
  'with-constraint': {
    claims: [claim(claim0, [request(req0, classA, 1), request(req1, classA, 1)], [matchAttribute(intAttribute), matchAttribute(versionAttribute), matchAttribute(stringAttribute), matchAttribute(boolAttribute)])],
    classes: classAOnly,
    slices: [slice(slice1, node1, pool1, driverA, [device(device1, { attributes: everyKind }), device(device2, { attributes: everyKind })])],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1), result(req1, driverA, pool1, device2))],
  },
  'with-constraint-non-existent-attribute': {
    claims: [claimWithRequest(claim0, req0, classA, matchAttribute(nonExistentAttribute))],
    classes: classAOnly,
    slices: [sliceWithOneDevice(slice1, node1, pool1, driverA)],
    node: n1,
  },
  'with-constraint-not-matching-int-attribute': {
    claims: [claim(claim0, [request(req0, classA, 2)], [matchAttribute(intAttribute)])],
    classes: bothClasses,
    slices: [twoDevicesDiffering('numa', { int: 1 }, { int: 2 })],
    node: n1,
  },
  'with-constraint-not-matching-int-attribute-all-devices': {
    claims: [claim(claim0, [withExactly(request(req0, classA, 0), { allocationMode: 'All' })], [matchAttribute(intAttribute)])],
    classes: bothClasses,
    slices: [twoDevicesDiffering('numa', { int: 1 }, { int: 2 })],
    node: n1,
    expectError: 'claim claim-0, request req-0: cannot add device driver-a/pool-1/device-2 because a claim constraint would not be satisfied',
  },
  'with-constraint-not-matching-string-attribute': {
    claims: [claim(claim0, [request(req0, classA, 2)], [matchAttribute(stringAttribute)])],
    classes: bothClasses,
    slices: [twoDevicesDiffering('stringAttribute', { string: 'stringAttributeValue' }, { string: 'stringAttributeValue2' })],
    node: n1,
  },
  'with-constraint-not-matching-bool-attribute': {
    claims: [claim(claim0, [request(req0, classA, 2)], [matchAttribute(boolAttribute)])],
    classes: bothClasses,
    slices: [twoDevicesDiffering('boolAttribute', { bool: true }, { bool: false })],
    node: n1,
  },
  'with-constraint-not-matching-version-attribute': {
    claims: [claim(claim0, [request(req0, classA, 2)], [matchAttribute(versionAttribute)])],
    classes: bothClasses,
    slices: [twoDevicesDiffering('driverVersion', { version: '1.0.0' }, { version: '2.0.0' })],
    node: n1,
  },
  'with-constraint-for-request': {
    claims: [claim(claim0, [request(req0, classA, 1), request(req1, classA, 1)], [matchAttribute(versionAttribute, req0)])],
    classes: bothClasses,
    slices: [twoDevicesDiffering('driverVersion', { version: '1.0.0' }, { version: '2.0.0' })],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device1), result(req1, driverA, pool1, device2))],
  },
  'with-constraint-for-request-retry': {
    claims: [claim(claim0, [request(req0, classA, 1), request(req1, classA, 1)], [matchAttribute(versionAttribute, req0), matchAttribute(stringAttribute)])],
    classes: bothClasses,
    slices: [
      slice(slice1, node1, pool1, driverA, [
        device(device1, { attributes: { driverVersion: { version: '1.0.0' }, stringAttribute: { string: 'a' } } }),
        device(device2, { attributes: { driverVersion: { version: '2.0.0' }, stringAttribute: { string: 'b' } } }),
        device(device3, { attributes: { driverVersion: { version: '3.0.0' }, stringAttribute: { string: 'b' } } }),
      ]),
    ],
    node: n1,
    expectResults: [allocation(local1, result(req0, driverA, pool1, device2), result(req1, driverA, pool1, device3))],
  },
  'with-class-device-config': {
    claims: [claimWithRequest(claim0, req0, classA)],
    classes: [classWithConfig(classA, driverA, 'classAttribute')],
    slices: [sliceWithOneDevice(slice1, node1, pool1, driverA)],
    node: n1,
    expectResults: [allocationWithConfig(local1, [result(req0, driverA, pool1, device1)], [{ source: 'FromClass', requests: [req0], ...deviceConfiguration(driverA, 'classAttribute') }])],
  },
  'with-class-device-config-with-multiple-request-and-configs': {
    claims: [claim(claim0, [request(req0, classA, 1), request(req1, classA, 1), request(req2, classB, 1)], [])],
    classes: [classWithConfig(classA, driverA, 'classAttribute-A'), classWithConfig(classB, driverB, 'classAttribute-B')],
    slices: [sliceWithMultipleDevices(slice1, node1, pool1, driverA, 2), sliceWithOneDevice(slice2, node1, pool1, driverB)],
    node: n1,
    expectResults: [
      allocationWithConfig(
        local1,
        [result(req0, driverA, pool1, device0), result(req1, driverA, pool1, device1), result(req2, driverB, pool1, device1)],
        [
          { source: 'FromClass', requests: [req0, req1], ...deviceConfiguration(driverA, 'classAttribute-A') },
          { source: 'FromClass', requests: [req2], ...deviceConfiguration(driverB, 'classAttribute-B') },
        ],
      ),
    ],
  },
  'claim-with-device-config': {
    claims: [claim(claim0, [request(req0, classA, 1)], undefined, [{ ...deviceConfiguration(driverA, 'deviceAttribute') }])],
    classes: classAOnly,
    slices: [sliceWithOneDevice(slice1, node1, pool1, driverA)],
    node: n1,
    expectResults: [allocationWithConfig(local1, [result(req0, driverA, pool1, device1)], [{ source: 'FromClaim', ...deviceConfiguration(driverA, 'deviceAttribute') }])],
  },
  'unknown-selector': {
    claims: [claim(claim0, [withExactly(request(req0, classA, 1), { selectors: [{}] })])],
    classes: classAOnly,
    slices: [sliceWithOneDevice(slice1, node1, pool1, driverA)],
    node: n1,
    expectError: 'CEL expression empty (unsupported selector type?)',
  },
  'unknown-allocation-mode': {
    claims: [claim(claim0, [withExactly(request(req0, classA, 1), { allocationMode: 'future-mode' })])],
    classes: classAOnly,
    slices: [sliceWithOneDevice(slice1, node1, pool1, driverA)],
    node: n1,
    expectError: 'unsupported count mode future-mode',
  },
  'unknown-constraint': {
    claims: [claim(claim0, [request(req0, classA, 1)], [{}])],
    classes: classAOnly,
    slices: [sliceWithOneDevice(slice1, node1, pool1, driverA)],
    node: n1,
    expectError: 'empty constraint (unsupported constraint type?)',
  },
  'invalid-CEL-one-device': {
    claims: [claim(claim0, [request(req0, classA, 1, 'noSuchVar')])],
    classes: classAOnly,
    slices: [sliceWithOneDevice(slice1, node1, pool1, driverA)],
    node: n1,
    expectError: 'undeclared reference',
  },
  'invalid-CEL-one-device-class': {
    claims: [claimWithRequest(claim0, req0, classA)],
    classes: [{ metadata: { name: classA }, spec: { selectors: [{ cel: { expression: 'noSuchVar' } }] } }],
    slices: [sliceWithOneDevice(slice1, node1, pool1, driverA)],
    node: n1,
    expectError: 'undeclared reference',
  },
  'invalid-CEL-all-devices': {
    claims: [claim(claim0, [withExactly(request(req0, classA, 1, 'noSuchVar'), { allocationMode: 'All' })])],
    classes: classAOnly,
    slices: [sliceWithOneDevice(slice1, node1, pool1, driverA)],
    node: n1,
    expectError: 'undeclared reference',
  },
};
