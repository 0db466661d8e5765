/**
 * KEP-5007 device binding conditions through import: kept on a slice's
 * devices and on a claim's allocation results, validated as kube-apiserver's
 * validateDeviceBindingParameters does (pkg/apis/resource/validation). The
 * size cases are upstream's declarative validation cases
 * (validation_resourceslice_test.go "spec.devices[%d].bindingConditions",
 * validation_resourceclaim_test.go status cases), names kept; their
 * tweakBindingConditions(n) sets n conditions `condition-<i>` and one failure
 * condition `failure-conditions` when none is set, and the reverse.
 */
import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { importErrors } from '../support/import-errors.js';
import { allocatedClaim, gpuDevices, resourceSlice } from '../support/dra-objects.js';

type Json = Record<string, any>;

const MAX = 4; // resource.BindingConditionsMaxSize, BindingFailureConditionsMaxSize
const node: Json = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } };
const numbered = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}-${index}`);

function sliceWith(binding: Json): Json {
  const [device, ...others] = gpuDevices(2);
  return resourceSlice({ node: 'n1', devices: [{ ...device, ...binding }, ...others] });
}

describe('importCluster: device binding conditions (KEP-5007)', () => {
  it('keeps bindingConditions, bindingFailureConditions and bindsToNode on devices, and both lists on allocation results', () => {
    const slice = sliceWith({ bindsToNode: true, bindingConditions: ['dra.example.com/attached'], bindingFailureConditions: ['dra.example.com/failed'] });
    const claim = allocatedClaim('c', 'n1', ['gpu-0']);
    Object.assign(claim.status.allocation.devices.results[0], { bindingConditions: ['dra.example.com/attached'], bindingFailureConditions: ['dra.example.com/failed'] });
    const { objects, dropped } = importCluster([node, slice, claim]);
    expect(objects.resourceSlices?.[0].spec.devices?.[0]).toMatchObject({ bindsToNode: true, bindingConditions: ['dra.example.com/attached'], bindingFailureConditions: ['dra.example.com/failed'] });
    expect(objects.resourceClaims?.[0].status?.allocation?.devices?.results?.[0]).toMatchObject({ bindingConditions: ['dra.example.com/attached'], bindingFailureConditions: ['dra.example.com/failed'] });
    expect(Object.keys(dropped).filter((field) => field.includes('binding'))).toEqual([]);
  });

  it('keeps v1beta1 devices\' binding fields from under `basic`', () => {
    const slice = sliceWith({ bindingConditions: ['ready'], bindingFailureConditions: ['failed'] });
    slice.apiVersion = 'resource.k8s.io/v1beta1';
    slice.spec.devices = slice.spec.devices.map(({ name, ...basic }: Json) => ({ name, basic }));
    const { objects } = importCluster([node, slice]);
    expect(objects.resourceSlices?.[0].spec.devices?.[0]).toMatchObject({ bindingConditions: ['ready'], bindingFailureConditions: ['failed'] });
  });

  const devicePath = 'objects[1].spec.devices[0]';
  it.each([
    ['valid: one binding condition', { bindingConditions: numbered('condition', 1), bindingFailureConditions: ['failure-conditions'] }, []],
    ['valid: at limit binding conditions', { bindingConditions: numbered('condition', MAX), bindingFailureConditions: ['failure-conditions'] }, []],
    [
      'invalid: too many binding conditions',
      { bindingConditions: numbered('condition', MAX + 1), bindingFailureConditions: ['failure-conditions'] },
      [{ path: `${devicePath}.bindingConditions`, message: 'Too many: 5: must have at most 4 items' }],
    ],
    ['valid: one binding failure conditions', { bindingConditions: ['conditions'], bindingFailureConditions: numbered('failure-condition', 1) }, []],
    ['valid: at limit binding failure conditions', { bindingConditions: ['conditions'], bindingFailureConditions: numbered('failure-condition', MAX) }, []],
    [
      'invalid: too many binding failure conditions',
      { bindingConditions: ['conditions'], bindingFailureConditions: numbered('failure-condition', MAX + 1) },
      [{ path: `${devicePath}.bindingFailureConditions`, message: 'Too many: 5: must have at most 4 items' }],
    ],
    [
      'a repeated condition, and a failure condition that is also a binding condition',
      { bindingConditions: ['ready', 'ready'], bindingFailureConditions: ['ready'] },
      [
        { path: `${devicePath}.bindingConditions[1]`, message: 'Duplicate value: "ready"' },
        { path: `${devicePath}.bindingFailureConditions[0]`, message: 'Invalid value: "ready": bindingFailureConditions must not overlap with bindingConditions' },
      ],
    ],
    [
      'binding conditions without failure conditions',
      { bindingConditions: ['ready'] },
      [{ path: `${devicePath}.bindingFailureConditions`, message: 'Invalid value: null: bindingFailureConditions are required to use bindingConditions' }],
    ],
    [
      'failure conditions without binding conditions',
      { bindingConditions: [], bindingFailureConditions: ['failed'] },
      [{ path: `${devicePath}.bindingConditions`, message: 'Invalid value: []: bindingConditions are required to use bindingFailureConditions' }],
    ],
  ] as const)('ResourceSlice %s', (_name, binding, expected) => {
    expect(importErrors([node, sliceWith(binding)])).toEqual(expected);
  });

  it('refuses a condition type that is not a qualified name (ValidateLabelName)', () => {
    const errors = importErrors([node, sliceWith({ bindingConditions: ['not ready'], bindingFailureConditions: ['failed'] })]);
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toBe(`${devicePath}.bindingConditions[0]`);
    expect(errors[0].message).toMatch(/^Invalid value: "not ready": name part must consist of alphanumeric characters/);
  });

  it.each([
    ['valid binding conditions, max items', numbered('condition', MAX), ['failure-condition-0'], []],
    [
      'invalid binding conditions, too many',
      numbered('condition', MAX + 1),
      ['failure-condition-0'],
      [{ path: 'objects[1].status.allocation.devices.results[0].bindingConditions', message: 'Too many: 5: must have at most 4 items' }],
    ],
    ['valid binding failure conditions, max items', ['condition-0'], numbered('failure-condition', MAX), []],
    [
      'invalid binding failure conditions, too many',
      ['condition-0'],
      numbered('failure-condition', MAX + 1),
      [{ path: 'objects[1].status.allocation.devices.results[0].bindingFailureConditions', message: 'Too many: 5: must have at most 4 items' }],
    ],
  ] as const)('ResourceClaim status: %s', (_name, bindingConditions, bindingFailureConditions, expected) => {
    const claim = allocatedClaim('c', 'n1', ['gpu-0']);
    Object.assign(claim.status.allocation.devices.results[0], { bindingConditions, bindingFailureConditions });
    expect(importErrors([node, claim])).toEqual(expected);
  });
});
