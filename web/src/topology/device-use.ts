/**
 * A node's DRA devices per driver in use: those existing ResourceClaims hold
 * (from the service) plus those the viewed plan's replicas on the node were
 * allocated.
 */
import type { NodeDevices } from '../api/types.js';
import type { ReplicaPlacement } from '../plans/replica-placements.js';

export interface DeviceUse {
  driver: string;
  devices: number;
  inUse: number;
}

export function deviceUse(devices: readonly NodeDevices[], replicas: readonly ReplicaPlacement[]): DeviceUse[] {
  const planned = new Map<string, number>();
  for (const replica of replicas) for (const driver of replica.deviceDrivers) planned.set(driver, (planned.get(driver) ?? 0) + 1);
  return devices.map(({ driver, devices: total, allocated }) => ({ driver, devices: total, inUse: allocated + (planned.get(driver) ?? 0) }));
}
