/**
 * A node's DRA devices per driver in use: those existing ResourceClaims hold
 * (from the service) plus those the viewed plan's replicas on the node were
 * allocated. A device counts once however many of the plan's replicas share
 * it (DRAConsumableCapacity: shares of a device that allows multiple
 * allocations), and a result with admin access takes no device — as the
 * service counts existing claims (allocateddevices.go
 * foreachAllocatedDevice). A plan's share of a device existing claims
 * already share counts again: the service gives counts, not device ids, so
 * `inUse` never goes above the node's devices instead.
 */
import type { NodeDevices } from '../api/types.js';
import type { ReplicaPlacement } from '../plans/replica-placements.js';

export interface DeviceUse {
  driver: string;
  devices: number;
  inUse: number;
}

export function deviceUse(devices: readonly NodeDevices[], replicas: readonly ReplicaPlacement[]): DeviceUse[] {
  const planned = new Map<string, Set<string>>();
  for (const replica of replicas) {
    for (const device of replica.devices) {
      if (device.adminAccess) continue;
      const ids = planned.get(device.driver) ?? new Set<string>();
      ids.add(`${device.pool}/${device.device}`);
      planned.set(device.driver, ids);
    }
  }
  return devices.map(({ driver, devices: total, allocated }) => ({ driver, devices: total, inUse: Math.min(total, allocated + (planned.get(driver)?.size ?? 0)) }));
}
