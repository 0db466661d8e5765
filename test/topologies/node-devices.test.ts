/**
 * DRA devices per node and per zone in topology views (node-devices.ts,
 * zone-usage.ts): a node counts every device it can use, as the allocator
 * gathers its pools — its own slices, slices for all nodes or for a node
 * selector it matches, and devices placed by per-device node selection —
 * and a zone counts a device its nodes share once.
 */
import type { V1Node, V1ResourceSlice, ResourceV1ResourceClaim } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { emptyClusterObjects } from '../../src/kube/cluster-objects.js';
import { describeNodeUsage } from '../../src/topologies/domain/node-usage.js';
import { aggregateZones } from '../../src/topologies/domain/zone-usage.js';

const ZONE = 'topology.kubernetes.io/zone';
const node = (name: string, zone: string, labels: Record<string, string> = {}): V1Node => ({ metadata: { name, labels: { [ZONE]: zone, ...labels } }, status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' } } });
const devices = (count: number, extra: Record<string, unknown> = {}) => Array.from({ length: count }, (_, index) => ({ name: `dev-${index}`, ...extra }));

function slice(name: string, driver: string, pool: string, where: Record<string, unknown>, deviceList: unknown[], generation = 1): V1ResourceSlice {
  return { metadata: { name }, spec: { driver, pool: { name: pool, generation, resourceSliceCount: 1 }, ...where, devices: deviceList } } as V1ResourceSlice;
}

function claimHolding(name: string, driver: string, pool: string, device: string): ResourceV1ResourceClaim {
  return { metadata: { name, namespace: 'default' }, spec: {}, status: { allocation: { devices: { results: [{ request: 'r', driver, pool, device }] } } } } as ResourceV1ResourceClaim;
}

const GPU = 'gpu.example.com';
const NET = 'net.example.com';
const objects = {
  ...emptyClusterObjects(),
  nodes: [node('a-1', 'a', { rack: 'r1' }), node('a-2', 'a', { rack: 'r1' }), node('b-1', 'b'), node('b-2', 'b')],
  resourceSlices: [
    slice('a-1-gpu', GPU, 'a-1', { nodeName: 'a-1' }, devices(2)),
    // An older generation of a-1's pool: not counted.
    slice('a-1-gpu-old', GPU, 'a-1', { nodeName: 'a-1' }, devices(5), 0),
    slice('b-1-gpu', GPU, 'b-1', { nodeName: 'b-1' }, devices(4)),
    // Network-attached: every node; for rack r1 (a-1, a-2); per device (one for b-2, one for all).
    slice('fabric', NET, 'fabric', { allNodes: true }, devices(3)),
    slice('rack-r1', NET, 'rack-r1', { nodeSelector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'rack', operator: 'In', values: ['r1'] }] }] } }, devices(2)),
    slice('per-device', NET, 'per-device', { perDeviceNodeSelection: true }, [{ name: 'only-b-2', nodeName: 'b-2' }, { name: 'anywhere', allNodes: true }]),
  ],
  resourceClaims: [claimHolding('held-gpu', GPU, 'b-1', 'dev-0'), claimHolding('held-fabric', NET, 'fabric', 'dev-1'), claimHolding('held-rack', NET, 'rack-r1', 'dev-0')],
};

describe('DRA devices in topology views', () => {
  const nodes = describeNodeUsage(objects);
  const devicesOf = (name: string) => nodes.find((usage) => usage.name === name)!.devices;

  it('a node counts its own slices and the shared devices it can use', () => {
    expect(devicesOf('a-1')).toEqual([
      { driver: GPU, devices: 2, allocated: 0 },
      { driver: NET, devices: 3 + 2 + 1, allocated: 2 },
    ]);
    expect(devicesOf('a-2')).toEqual([{ driver: NET, devices: 3 + 2 + 1, allocated: 2 }]);
    expect(devicesOf('b-1')).toEqual([
      { driver: GPU, devices: 4, allocated: 1 },
      { driver: NET, devices: 3 + 1, allocated: 1 },
    ]);
    expect(devicesOf('b-2')).toEqual([{ driver: NET, devices: 3 + 2, allocated: 1 }]);
  });

  it('a zone counts each device once, however many of its nodes can use it', () => {
    const zones = Object.fromEntries(aggregateZones(nodes).map((zone) => [zone.zone, zone.devices]));
    expect(zones).toEqual({
      a: [
        { driver: GPU, devices: 2, allocated: 0 },
        { driver: NET, devices: 3 + 2 + 1, allocated: 2 },
      ],
      b: [
        { driver: GPU, devices: 4, allocated: 1 },
        { driver: NET, devices: 3 + 1 + 1, allocated: 1 },
      ],
    });
  });

  it('a cluster without ResourceSlices has no devices anywhere', () => {
    const plain = describeNodeUsage({ ...emptyClusterObjects(), nodes: [node('c-1', 'c')] });
    expect(plain[0].devices).toEqual([]);
    expect(aggregateZones(plain)[0].devices).toEqual([]);
  });
});
