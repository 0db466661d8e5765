/**
 * The orders a node list can be read in, and the narrowing a plan allows:
 * by name (the default), busiest first by a resource — after a plan's
 * replicas are added, when a plan is given — or by planned replicas, and only
 * the nodes a plan put replicas on. Sorting happens here, on the server, so a
 * client reads one page at a time of a 5,000-node list in any order.
 */
import { utilisation, totalsOf, type Utilisation } from './resource-totals.js';
import type { NodeUsage } from './node-usage.js';

export const NODE_SORTS = ['name', 'cpu', 'memory', 'pods', 'replicas'] as const;
export type NodeSort = (typeof NODE_SORTS)[number];

/** What a plan adds to one node. */
export interface PlannedNodeLoad {
  replicas: number;
  /**
   * The replicas' summed requests; null when one replica's requests are not
   * known (plans stored before requests were recorded): cpu and memory then
   * stay at today's share rather than claim a number; pods always count.
   */
  cpuMillicores: number | null;
  memoryBytes: number | null;
}

/** Node name → what the plan adds to it; nodes absent got no replica. */
export type PlannedLoads = ReadonlyMap<string, PlannedNodeLoad>;

export interface NodeOrder {
  sort: NodeSort;
  planned?: PlannedLoads;
  /** Only nodes `planned` puts replicas on. */
  withPlannedReplicas?: boolean;
}

/** The node's shares once the plan's replicas on it are added (today's shares when it got none). */
export function utilisationAfterPlan(node: NodeUsage, load: PlannedNodeLoad | undefined): Utilisation {
  const requested = totalsOf(node.requested);
  if (load !== undefined) {
    requested.cpuMillicores += load.cpuMillicores ?? 0;
    requested.memoryBytes += load.memoryBytes ?? 0;
    requested.pods += load.replicas;
  }
  return utilisation(requested, totalsOf(node.allocatable));
}

function byName(left: NodeUsage, right: NodeUsage): number {
  return left.name < right.name ? -1 : left.name > right.name ? 1 : 0;
}

/**
 * The nodes narrowed and ordered as asked. Busiest first; a share of null
 * (nothing allocatable) last; ties by name, so the order is total and a
 * page cursor (the last name returned) finds its place again.
 */
export function orderNodes(nodes: readonly NodeUsage[], order: NodeOrder): NodeUsage[] {
  const planned = order.planned ?? new Map<string, PlannedNodeLoad>();
  const kept = order.withPlannedReplicas ? nodes.filter((node) => (planned.get(node.name)?.replicas ?? 0) > 0) : [...nodes];
  if (order.sort === 'name') return kept.sort(byName);
  if (order.sort === 'replicas') {
    const replicas = (node: NodeUsage) => planned.get(node.name)?.replicas ?? 0;
    return kept.sort((left, right) => replicas(right) - replicas(left) || byName(left, right));
  }
  const resource = order.sort;
  const shares = new Map(kept.map((node) => [node.name, utilisationAfterPlan(node, planned.get(node.name))[resource] ?? -1]));
  return kept.sort((left, right) => shares.get(right.name)! - shares.get(left.name)! || byName(left, right));
}
