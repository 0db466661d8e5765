/**
 * The allocated state the DynamicResources plugin reads with
 * DRAConsumableCapacity (dra-catalog.ts, as GatherAllocatedState): results
 * with a shareID add up per device, the others are devices in use, and the
 * catalog updates a plan makes (Reserve, released claims) keep both right
 * without touching the catalog a fork started from.
 */
import type { ResourceV1ResourceClaim } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { buildDraCatalog, withClaimChanges, withResourceClaims } from '../../../src/scheduling/model/dra-catalog.js';

const GIB = 1024n ** 3n * 1_000_000_000n;

function claim(name: string, results: Record<string, unknown>[]): ResourceV1ResourceClaim {
  return {
    metadata: { name, namespace: 'default' },
    spec: { devices: { requests: [] } },
    status: { allocation: { devices: { results: results.map((result) => ({ request: 'gpu', driver: 'gpu.example.com', pool: 'n1', device: 'gpu-0', ...result })) } } },
  } as ResourceV1ResourceClaim;
}

const share = (name: string, shareID: string, memory: string) => claim(name, [{ shareID, consumedCapacity: { memory } }]);
const id = 'gpu.example.com/n1/gpu-0';

describe('DRA catalog: shares of multi-allocatable devices', () => {
  it('adds up shares per device and keeps them out of the dedicated devices', () => {
    const catalog = buildDraCatalog({ resourceClaims: [share('a', '00000000-0000-0000-0000-00000000000a', '8Gi'), share('b', '00000000-0000-0000-0000-00000000000b', '16Gi'), claim('c', [{ device: 'gpu-1' }])] });
    expect(catalog.aggregatedCapacity.get(id)?.get('memory')).toBe(24n * GIB);
    expect([...catalog.dedicatedDevices.keys()]).toEqual(['gpu.example.com/n1/gpu-1']);
    // Without the gate every result takes its device.
    expect([...catalog.allocatedDevices.keys()].sort()).toEqual([id, 'gpu.example.com/n1/gpu-1']);
  });

  it('Reserve adds a new share, replacing a claim does not count it twice, and the base catalog is untouched', () => {
    const base = buildDraCatalog({ resourceClaims: [share('a', '00000000-0000-0000-0000-00000000000a', '8Gi')] });
    const reserved = withResourceClaims(base, [share('b', '00000000-0000-0000-0000-00000000000b', '16Gi')]);
    expect(reserved.aggregatedCapacity.get(id)?.get('memory')).toBe(24n * GIB);
    const again = withResourceClaims(reserved, [share('a', '00000000-0000-0000-0000-00000000000a', '8Gi')]);
    expect(again.aggregatedCapacity.get(id)?.get('memory')).toBe(24n * GIB);
    expect(base.aggregatedCapacity.get(id)?.get('memory')).toBe(8n * GIB);
  });

  it('a released claim gives its share back', () => {
    const catalog = buildDraCatalog({ resourceClaims: [share('a', '00000000-0000-0000-0000-00000000000a', '8Gi'), share('b', '00000000-0000-0000-0000-00000000000b', '16Gi')] });
    const released = withClaimChanges(catalog, new Set(['default/b']), []);
    expect(released.aggregatedCapacity.get(id)?.get('memory')).toBe(8n * GIB);
  });
});
