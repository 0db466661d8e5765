/**
 * The DRA devices a failure domain takes with it: the devices of the
 * ResourceSlices published for its nodes (`spec.nodeName`; the newest
 * generation of each pool, as the allocator reads pools), per driver, and
 * how many of them a claim had allocated. Network-attached devices (slices
 * for all nodes or a node selector) outlive any one domain and are not
 * counted.
 */
import type { ClusterState } from '../scheduling/model/cluster-state.js';
import { deviceId } from '../scheduling/model/dra-catalog.js';
import type { LostDevices } from './analysis-types.js';

export function lostDevices(cluster: ClusterState, domainNodes: ReadonlySet<string>): LostDevices[] {
  const { resourceSlices, allocatedDevices } = cluster.objects.dra;
  const newest = new Map<string, number>();
  for (const slice of resourceSlices) {
    if (!slice.spec.nodeName || !domainNodes.has(slice.spec.nodeName)) continue;
    const pool = `${slice.spec.driver}/${slice.spec.pool.name}`;
    newest.set(pool, Math.max(newest.get(pool) ?? 0, Number(slice.spec.pool.generation ?? 0)));
  }
  const byDriver = new Map<string, { devices: Set<string>; inUse: number }>();
  for (const slice of resourceSlices) {
    const { driver, nodeName, pool } = slice.spec;
    if (!nodeName || !domainNodes.has(nodeName) || Number(pool.generation ?? 0) !== newest.get(`${driver}/${pool.name}`)) continue;
    let entry = byDriver.get(driver);
    if (entry === undefined) byDriver.set(driver, (entry = { devices: new Set(), inUse: 0 }));
    for (const device of slice.spec.devices ?? []) {
      const id = deviceId(driver, pool.name, device.name);
      if (entry.devices.has(id)) continue;
      entry.devices.add(id);
      if (allocatedDevices.has(id)) entry.inUse++;
    }
  }
  return [...byDriver.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([driver, entry]) => ({ driver, lost: entry.devices.size, inUse: entry.inUse }));
}
