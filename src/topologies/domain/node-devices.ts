/**
 * DRA devices each node can use and how many of them existing ResourceClaims
 * hold, per driver: the devices of ResourceSlices for the node (`spec.nodeName`),
 * for nodes its labels match (`spec.nodeSelector`), for all nodes, and, with
 * per-device node selection, the devices whose own node selection takes the
 * node, as the structured allocator gathers a node's pools (k8s.io/dynamic-
 * resource-allocation structured pools GatherPools and NodeMatches). Only a
 * pool's newest generation counts. Held devices are the allocated claims'
 * results without admin access (allocateddevices.go foreachAllocatedDevice,
 * via devicesTakenBy). A device several nodes can use (network-attached)
 * counts on each of them; zone totals count it once (zone-usage.ts).
 */
import type { V1Node, V1ResourceSlice } from '@kubernetes/client-node';
import type { ClusterObjects } from '../../kube/cluster-objects.js';
import { deviceId, devicesTakenBy } from '../../scheduling/model/dra-catalog.js';
import { nodeMatches } from '../../scheduling/plugins/dynamic-resources/allocator/pools.js';

export interface NodeDevices {
  driver: string;
  /** Devices of the driver's current pools the node can use. */
  devices: number;
  /** Of those, devices allocated to existing ResourceClaims. */
  allocated: number;
}

/** The ids (`driver/pool/device`) behind a node's NodeDevices entry, so zones can count shared devices once. */
export interface ReachableDevices {
  driver: string;
  ids: string[];
  heldIds: string[];
}

function poolKey(slice: V1ResourceSlice): string {
  return `${slice.spec.driver}/${slice.spec.pool.name}`;
}

function generation(slice: V1ResourceSlice): number {
  return Number(slice.spec.pool.generation ?? 0);
}

/** The slice's devices `node` can use. */
function devicesFor(slice: V1ResourceSlice, node: { name: string; labels: Record<string, string> }): NonNullable<V1ResourceSlice['spec']['devices']> {
  const { spec } = slice;
  if (spec.perDeviceNodeSelection) return (spec.devices ?? []).filter((device) => nodeMatches(node, device.nodeName, device.allNodes, device.nodeSelector));
  return nodeMatches(node, spec.nodeName, spec.allNodes, spec.nodeSelector) ? (spec.devices ?? []) : [];
}

/** Per node name, the devices it can use per driver, drivers in the order their slices were listed; nodes without any are absent. */
export function describeReachableDevices(objects: Pick<ClusterObjects, 'nodes' | 'resourceSlices' | 'resourceClaims'>): Map<string, ReachableDevices[]> {
  const newest = new Map<string, number>();
  for (const slice of objects.resourceSlices ?? []) newest.set(poolKey(slice), Math.max(newest.get(poolKey(slice)) ?? 0, generation(slice)));
  const current = (objects.resourceSlices ?? []).filter((slice) => generation(slice) === newest.get(poolKey(slice)));
  const byNodeName = new Map<string, V1ResourceSlice[]>();
  const others: V1ResourceSlice[] = [];
  for (const slice of current) {
    if (slice.spec.nodeName) byNodeName.set(slice.spec.nodeName, [...(byNodeName.get(slice.spec.nodeName) ?? []), slice]);
    else others.push(slice);
  }
  const held = new Set<string>();
  for (const claim of objects.resourceClaims ?? []) for (const id of devicesTakenBy(claim)) held.add(id);

  const byNode = new Map<string, ReachableDevices[]>();
  for (const node of objects.nodes as V1Node[]) {
    const selectable = { name: node.metadata?.name ?? '', labels: node.metadata?.labels ?? {} };
    const drivers = new Map<string, Set<string>>();
    for (const slice of [...(byNodeName.get(selectable.name) ?? []), ...others]) {
      const devices = devicesFor(slice, selectable);
      if (devices.length === 0 && slice.spec.nodeName === undefined) continue;
      const { driver, pool } = slice.spec;
      let ids = drivers.get(driver);
      if (ids === undefined) drivers.set(driver, (ids = new Set()));
      for (const device of devices) ids.add(deviceId(driver, pool.name, device.name));
    }
    if (drivers.size > 0) byNode.set(selectable.name, [...drivers].map(([driver, ids]) => ({ driver, ids: [...ids], heldIds: [...ids].filter((id) => held.has(id)) })));
  }
  return byNode;
}

/** The counts of reachable devices (what the API shows). */
export function countDevices(reachable: readonly ReachableDevices[]): NodeDevices[] {
  return reachable.map(({ driver, ids, heldIds }) => ({ driver, devices: ids.length, allocated: heldIds.length }));
}

/** Per node name, its devices per driver (describeReachableDevices, counted). */
export function describeNodeDevices(objects: Pick<ClusterObjects, 'nodes' | 'resourceSlices' | 'resourceClaims'>): Map<string, NodeDevices[]> {
  return new Map([...describeReachableDevices(objects)].map(([name, reachable]) => [name, countDevices(reachable)]));
}
