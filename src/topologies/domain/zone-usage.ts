import { addToTotals, emptyResourceTotals } from './resource-totals.js';
import type { NodeUsage } from './node-usage.js';
import type { NodeDevices } from './node-devices.js';
import type { ResourceTotals } from './topology.types.js';
import type { DriverAttachments } from '../../scheduling/plugins/node-volume-limits/node-attachments.js';

export interface ZoneUsage {
  /** null gathers the nodes without a zone label. */
  zone: string | null;
  nodes: number;
  pods: number;
  allocatable: ResourceTotals;
  requested: ResourceTotals;
  /** The zone's nodes' attached CSI volumes per driver; `limit` sums the limits of the nodes reporting one (null: none does). */
  attachedVolumes: DriverAttachments[];
  /** DRA devices the zone's nodes can use per driver (a device several of them share counted once), and how many existing claims hold. */
  devices: NodeDevices[];
}

function sumDevices(nodes: readonly NodeUsage[]): NodeDevices[] {
  const byDriver = new Map<string, { ids: Set<string>; held: Set<string> }>();
  for (const node of nodes) {
    for (const { driver, ids, heldIds } of node.reachableDevices) {
      let total = byDriver.get(driver);
      if (total === undefined) byDriver.set(driver, (total = { ids: new Set(), held: new Set() }));
      for (const id of ids) total.ids.add(id);
      for (const id of heldIds) total.held.add(id);
    }
  }
  return [...byDriver.keys()].sort().map((driver) => ({ driver, devices: byDriver.get(driver)!.ids.size, allocated: byDriver.get(driver)!.held.size }));
}

function sumAttachments(nodes: readonly NodeUsage[]): DriverAttachments[] {
  const byDriver = new Map<string, { attached: number; limit: number | null }>();
  for (const node of nodes) {
    for (const { driver, attached, limit } of node.attachedVolumes) {
      const total = byDriver.get(driver) ?? { attached: 0, limit: null };
      total.attached += attached;
      if (limit !== null) total.limit = (total.limit ?? 0) + limit;
      byDriver.set(driver, total);
    }
  }
  return [...byDriver.keys()].sort().map((driver) => ({ driver, ...byDriver.get(driver)! }));
}

/** Nodes grouped by zone; named zones sorted by name, the unlabelled group last. */
export function aggregateZones(nodes: readonly NodeUsage[]): ZoneUsage[] {
  const byZone = new Map<string | null, ZoneUsage>();
  const nodesByZone = new Map<string | null, NodeUsage[]>();
  for (const node of nodes) {
    let zone = byZone.get(node.zone);
    if (!zone) {
      zone = { zone: node.zone, nodes: 0, pods: 0, allocatable: emptyResourceTotals(), requested: emptyResourceTotals(), attachedVolumes: [], devices: [] };
      byZone.set(node.zone, zone);
      nodesByZone.set(node.zone, []);
    }
    nodesByZone.get(node.zone)!.push(node);
    zone.nodes += 1;
    zone.pods += node.pods.length;
    addToTotals(zone.allocatable, node.allocatable);
    addToTotals(zone.requested, node.requested);
  }
  for (const [key, zone] of byZone) {
    zone.attachedVolumes = sumAttachments(nodesByZone.get(key)!);
    zone.devices = sumDevices(nodesByZone.get(key)!);
  }
  return [...byZone.values()].sort((left, right) => {
    if (left.zone === null) return 1;
    if (right.zone === null) return -1;
    return left.zone < right.zone ? -1 : left.zone > right.zone ? 1 : 0;
  });
}
