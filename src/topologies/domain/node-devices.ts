/**
 * DRA devices each node publishes (ResourceSlices with `spec.nodeName`) and how
 * many of them existing ResourceClaims hold, per driver. Only a pool's newest
 * generation counts, as the structured allocator gathers pools
 * (k8s.io/dynamic-resource-allocation structured/pools.go GatherPools); held
 * devices are the allocated claims' results without admin access
 * (allocateddevices.go foreachAllocatedDevice, via devicesTakenBy).
 */
import type { V1ResourceSlice } from '@kubernetes/client-node';
import type { ClusterObjects } from '../../kube/cluster-objects.js';
import { deviceId, devicesTakenBy } from '../../scheduling/model/dra-catalog.js';

export interface NodeDevices {
  driver: string;
  /** Devices of the driver's current pools on the node. */
  devices: number;
  /** Of those, devices allocated to existing ResourceClaims. */
  allocated: number;
}

function poolKey(slice: V1ResourceSlice): string {
  return `${slice.spec.driver}/${slice.spec.pool.name}`;
}

/** Per node name, its drivers in the order their slices were listed; nodes without slices are absent. */
export function describeNodeDevices(objects: Pick<ClusterObjects, 'resourceSlices' | 'resourceClaims'>): Map<string, NodeDevices[]> {
  const slices = (objects.resourceSlices ?? []).filter((slice) => slice.spec.nodeName);
  const newest = new Map<string, number>();
  for (const slice of slices) newest.set(poolKey(slice), Math.max(newest.get(poolKey(slice)) ?? 0, slice.spec.pool.generation));
  const held = new Set<string>();
  for (const claim of objects.resourceClaims ?? []) for (const id of devicesTakenBy(claim)) held.add(id);

  const byNode = new Map<string, NodeDevices[]>();
  for (const slice of slices) {
    if (slice.spec.pool.generation < newest.get(poolKey(slice))!) continue;
    const { driver, pool } = slice.spec;
    const drivers = byNode.get(slice.spec.nodeName!) ?? [];
    let entry = drivers.find((candidate) => candidate.driver === driver);
    if (!entry) {
      entry = { driver, devices: 0, allocated: 0 };
      drivers.push(entry);
    }
    for (const device of slice.spec.devices ?? []) {
      entry.devices += 1;
      if (held.has(deviceId(driver, pool.name, device.name))) entry.allocated += 1;
    }
    byNode.set(slice.spec.nodeName!, drivers);
  }
  return byNode;
}
