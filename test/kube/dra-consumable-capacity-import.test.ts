/**
 * Consumable capacity (KEP-5075) through import: kept on devices, requests,
 * constraints and allocation results, and validated as kube-apiserver's
 * resource validation does (pkg/apis/resource/validation/validation.go
 * validateDevice, validateRequestPolicy and helpers, validateDeviceConstraint,
 * validateDeviceRequestAllocationResult): a 4xx with the field path.
 */
import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { importErrors } from '../support/import-errors.js';
import { claimSpec, GPU_DRIVER, resourceClaim, resourceSlice } from '../support/dra-objects.js';

type Json = Record<string, any>;

const node: Json = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } };

function sliceWith(device: Json): Json {
  return resourceSlice({ node: 'n1', devices: [{ name: 'gpu-0', ...device }] });
}

const memory = (requestPolicy: Json, value = '40Gi'): Json => ({ capacity: { memory: { value, requestPolicy } } });

function claimWith(request: Json, constraints?: Json[], results?: Json[]): Json {
  return resourceClaim('c', claimSpec([{ name: 'gpu', exactly: { deviceClassName: 'gpu', ...request } }], constraints), {
    ...(results && { status: { allocation: { devices: { results: results.map((result) => ({ request: 'gpu', driver: GPU_DRIVER, pool: 'n1', device: 'gpu-0', ...result })) } } } }),
  });
}

describe('importCluster: consumable capacity (KEP-5075)', () => {
  it('keeps allowMultipleAllocations, request policies, capacity requests, distinctAttribute, shareID and consumedCapacity', () => {
    const policy = { default: '8Gi', validRange: { min: '8Gi', step: '8Gi', max: '40Gi' } };
    const shareID = '3f6c1a52-8a0e-4b61-9f0d-2b8d0c4e7a11';
    const { objects } = importCluster([
      node,
      sliceWith({ allowMultipleAllocations: true, ...memory(policy) }),
      claimWith({ capacity: { requests: { memory: '16Gi' } } }, [{ distinctAttribute: `${GPU_DRIVER}/numa` }], [{ shareID, consumedCapacity: { memory: '16Gi' } }]),
    ]);
    expect(objects.resourceSlices?.[0].spec.devices?.[0]).toMatchObject({ allowMultipleAllocations: true, capacity: { memory: { value: '40Gi', requestPolicy: policy } } });
    const claim = objects.resourceClaims?.[0];
    expect(claim?.spec.devices?.requests?.[0].exactly?.capacity).toEqual({ requests: { memory: '16Gi' } });
    expect(claim?.spec.devices?.constraints).toEqual([{ distinctAttribute: `${GPU_DRIVER}/numa` }]);
    expect(claim?.status?.allocation?.devices?.results?.[0]).toMatchObject({ shareID, consumedCapacity: { memory: '16Gi' } });
  });

  const capacityPath = 'objects[1].spec.devices[0].capacity[memory].requestPolicy';
  it.each([
    ['a request policy on a dedicated device', memory({ default: '8Gi', validRange: { min: '8Gi' } }), [{ path: capacityPath, message: 'Forbidden: allowMultipleAllocations must be true' }]],
    [
      'both validValues and validRange',
      { allowMultipleAllocations: true, ...memory({ default: '8Gi', validValues: ['8Gi'], validRange: { min: '8Gi' } }) },
      [{ path: capacityPath, message: 'Forbidden: exactly one policy can be specified, cannot specify "validValues" and "validRange" at the same time' }],
    ],
    ['validRange without a default', { allowMultipleAllocations: true, ...memory({ validRange: { min: '8Gi' } }) }, [{ path: `${capacityPath}.default`, message: 'Required value: required when validRange is defined' }]],
    ['validRange without a min', { allowMultipleAllocations: true, ...memory({ default: '8Gi', validRange: { max: '16Gi' } }) }, [{ path: `${capacityPath}.validRange.min`, message: 'Required value: required when validRange is defined' }]],
    [
      'a default off the step and a max above the capacity',
      { allowMultipleAllocations: true, ...memory({ default: '12Gi', validRange: { min: '8Gi', step: '8Gi', max: '48Gi' } }) },
      [
        { path: `${capacityPath}.validRange.max`, message: 'Invalid value: "48Gi": max is larger than capacity value: 40Gi' },
        { path: `${capacityPath}.validRange.step`, message: 'Invalid value: "12Gi": value is not a multiple of a given step (8Gi) from (8Gi)' },
      ],
    ],
    [
      'unsorted valid values without the default',
      { allowMultipleAllocations: true, ...memory({ default: '4Gi', validValues: ['16Gi', '8Gi'] }) },
      [
        { path: `${capacityPath}.validValues[1]`, message: 'Invalid value: "8Gi": values must be sorted in ascending order' },
        { path: `${capacityPath}.validValues`, message: 'Invalid value: "4Gi": default value is not valid according to the requestPolicy' },
      ],
    ],
    ['allowMultipleAllocations not a bool', { allowMultipleAllocations: 'yes' }, [{ path: 'objects[1].spec.devices[0].allowMultipleAllocations', message: 'must be a boolean' }]],
    ['a valid policy', { allowMultipleAllocations: true, ...memory({ default: '8Gi', validValues: ['8Gi', '16Gi'] }) }, []],
  ])('a ResourceSlice: %s', (_name, device, expected) => {
    expect(importErrors([node, sliceWith(device)])).toEqual(expected);
  });

  it.each([
    [
      'a malformed capacity request',
      claimWith({ capacity: { requests: { memory: 'lots' } } }),
      [{ path: 'objects[1].spec.devices.requests[0].exactly.capacity.requests[memory]', message: 'Invalid value: "lots": must match the regex ^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' }],
    ],
    [
      'a distinctAttribute without a domain',
      claimWith({}, [{ distinctAttribute: 'numa' }]),
      [{ path: 'objects[1].spec.devices.constraints[0].distinctAttribute', message: 'Invalid value: "numa": a fully qualified name must be a domain and a name separated by a slash' }],
    ],
    ['a constraint with neither attribute', claimWith({}, [{}]), [{ path: 'objects[1].spec.devices.constraints[0].matchAttribute', message: 'Required value' }]],
    [
      'a shareID that is not a UUID and a malformed consumed quantity',
      claimWith({}, undefined, [{ shareID: 'share-1', consumedCapacity: { memory: 'x' } }]),
      [
        { path: 'objects[1].status.allocation.devices.results[0].shareID', message: 'Invalid value: "share-1": must be a lowercase UUID in 8-4-4-4-12 format' },
        { path: 'objects[1].status.allocation.devices.results[0].consumedCapacity[memory]', message: 'Invalid value: "x": must match the regex ^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' },
      ],
    ],
  ])('a ResourceClaim: %s', (_name, claim, expected) => {
    expect(importErrors([node, claim])).toEqual(expected);
  });
});
