import { addToTotals, emptyResourceTotals } from './resource-totals.js';
import type { NodeUsage } from './node-usage.js';
import type { ResourceTotals } from './topology.types.js';

export interface ZoneUsage {
  /** null gathers the nodes without a zone label. */
  zone: string | null;
  nodes: number;
  pods: number;
  allocatable: ResourceTotals;
  requested: ResourceTotals;
}

/** Nodes grouped by zone; named zones sorted by name, the unlabelled group last. */
export function aggregateZones(nodes: readonly NodeUsage[]): ZoneUsage[] {
  const byZone = new Map<string | null, ZoneUsage>();
  for (const node of nodes) {
    let zone = byZone.get(node.zone);
    if (!zone) {
      zone = { zone: node.zone, nodes: 0, pods: 0, allocatable: emptyResourceTotals(), requested: emptyResourceTotals() };
      byZone.set(node.zone, zone);
    }
    zone.nodes += 1;
    zone.pods += node.pods.length;
    addToTotals(zone.allocatable, node.allocatable);
    addToTotals(zone.requested, node.requested);
  }
  return [...byZone.values()].sort((left, right) => {
    if (left.zone === null) return 1;
    if (right.zone === null) return -1;
    return left.zone < right.zone ? -1 : left.zone > right.zone ? 1 : 0;
  });
}
