/**
 * podplan's own consumable-capacity cases (upstream's are in
 * allocator-cases/consumable-capacity-cases.ts): the share ids a plan makes
 * are reproducible and distinct, gate off means dedicated devices, and the
 * step arithmetic of a range policy uses whole values.
 */
import { describe, expect, it } from 'vitest';
import { consumedQuantity, requestFitsCapacity } from '../../../../src/scheduling/plugins/dynamic-resources/allocator/consumable-capacity.js';
import { StructuredAllocator, type ClaimAllocation } from '../../../../src/scheduling/plugins/dynamic-resources/allocator/structured-allocator.js';
import { capacity0, claim, classA, device, deviceClass, driverA, features, multiAllocatable, node, node1, pool1, region1, request, slice, slice1, withCapacityRequest } from './allocator-cases/builders.js';

const sharedGpu = multiAllocatable(device('gpu-0', { capacity: { [capacity0]: '4' } }));
const twoShares = claim('claim-0', [withCapacityRequest(request('req-0', classA, 1), '1'), withCapacityRequest(request('req-1', classA, 1), '1')]);

function allocate(consumableCapacity: boolean): ClaimAllocation[] | undefined {
  return new StructuredAllocator(
    features({ consumableCapacity }),
    [twoShares],
    new Map(),
    new Map([[classA, deviceClass(classA, driverA)]]),
    [slice(slice1, node1, pool1, driverA, [sharedGpu])],
  ).allocate(node(node1, region1));
}

describe('consumable capacity', () => {
  it('gives each share of a device its own shareID, the same in every run', () => {
    const [first] = allocate(true) ?? [];
    const ids = first.devices.map((result) => result.shareID);
    expect(first.devices.map((result) => result.device)).toEqual(['gpu-0', 'gpu-0']);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(allocate(true)?.[0].devices.map((result) => result.shareID)).toEqual(ids);
  });

  it('treats a multi-allocatable device as dedicated with DRAConsumableCapacity off', () => {
    expect(allocate(false)).toBeUndefined();
  });

  it('rounds a range request up by whole steps from the minimum and keeps the range’s max', () => {
    const capacity = { value: '10Gi', requestPolicy: { validRange: { min: '1Gi', step: '512Mi', max: '4Gi' } } };
    expect(consumedQuantity('1100Mi', capacity as never)).toBe('1536Mi');
    expect(consumedQuantity(undefined, capacity as never)).toBe('10Gi');
    expect(requestFitsCapacity({ requests: { [capacity0]: '4Gi' } }, { [capacity0]: capacity as never }, undefined, undefined)).toBe(true);
    expect(requestFitsCapacity({ requests: { [capacity0]: '5Gi' } }, { [capacity0]: capacity as never }, undefined, undefined)).toBe(false);
  });
});
