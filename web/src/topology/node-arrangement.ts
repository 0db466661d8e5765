/**
 * How the node list is ordered and narrowed: busiest first by a resource —
 * after the shown plan's replicas are added, when a plan is shown — or by
 * planned replicas, and only the nodes that got replicas. The service sorts
 * and filters (Topology.nodes' sort, planned, withPlannedReplicas), so the
 * list still loads one page at a time; here are the plan's loads it sends,
 * the shares each row draws, and the list's title.
 */
import type { TopologyNode, Utilisation } from '../api/types.js';
import { plural } from '../format.js';
import { utilisationAfterPlan } from '../plans/after-plan.js';
import type { ReplicaPlacement } from '../plans/replica-placements.js';

export type NodeSort = 'name' | 'cpu' | 'memory' | 'pods' | 'replicas';

export interface NodeArrangement {
  sort: NodeSort;
  withReplicasOnly: boolean;
}

export const DEFAULT_ARRANGEMENT: NodeArrangement = { sort: 'name', withReplicasOnly: false };

/** What the shown plan puts on one node, as Topology.nodes(planned) takes it. */
export interface PlannedNodeLoad {
  node: string;
  replicas: number;
  /** null when a replica's requests are unknown (older plans): the service keeps today's share. */
  cpuMillicores: number | null;
  memoryBytes: number | null;
}

/** The plan's replicas summed per node, in node-name order (a stable query for the same plan). */
export function plannedLoads(replicasByNode: ReadonlyMap<string, readonly ReplicaPlacement[]>): PlannedNodeLoad[] {
  return [...replicasByNode.entries()]
    .filter(([, replicas]) => replicas.length > 0)
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([node, replicas]) => {
      const known = replicas.every((replica) => replica.requests !== null);
      const sum = (pick: (requests: NonNullable<ReplicaPlacement['requests']>) => number) =>
        known ? replicas.reduce((total, replica) => total + pick(replica.requests!), 0) : null;
      return { node, replicas: replicas.length, cpuMillicores: sum((requests) => requests.cpuMillicores), memoryBytes: sum((requests) => requests.memoryBytes) };
    });
}

export interface ArrangedNode {
  node: TopologyNode;
  replicas: readonly ReplicaPlacement[];
  /** The shares once the plan's replicas on this node are added; undefined when it got none. */
  afterPlan: Utilisation | undefined;
}

const NO_REPLICAS: readonly ReplicaPlacement[] = [];

/** The loaded nodes, in the service's order, with their replicas and shares after the plan. */
export function withPlanShares(nodes: readonly TopologyNode[], replicasByNode: ReadonlyMap<string, readonly ReplicaPlacement[]>): ArrangedNode[] {
  return nodes.map((node): ArrangedNode => {
    const replicas = replicasByNode.get(node.name) ?? NO_REPLICAS;
    return { node, replicas, afterPlan: replicas.length > 0 ? utilisationAfterPlan(node.requested, node.allocatable, replicas) : undefined };
  });
}

export interface ListScope {
  /** The zone shown (null: nodes without a zone label); undefined: every zone. */
  zone: string | null | undefined;
  labelSelector: string;
  withReplicasOnly: boolean;
}

/** "12 of 600 nodes: zone us-east-1a, with planned replicas"; "All 600 nodes" when nothing narrows the list; `shown` undefined while counting. */
export function nodeListTitle(scope: ListScope, shown: number | undefined, topologyNodes: number): string {
  const narrowing = [
    scope.zone === undefined ? undefined : scope.zone === null ? 'no zone label' : `zone ${scope.zone}`,
    scope.labelSelector ? `labels ${scope.labelSelector}` : undefined,
    scope.withReplicasOnly ? 'with planned replicas' : undefined,
  ].filter((part): part is string => part !== undefined);
  if (narrowing.length === 0) return `All ${plural(topologyNodes, 'node')}`;
  return `${shown === undefined ? '…' : shown.toLocaleString('en')} of ${plural(topologyNodes, 'node')}: ${narrowing.join(', ')}`;
}

/** The sort choices as the form offers them; "after the plan" once a plan is shown, and by replicas only then. */
export function sortChoices(planShown: boolean): { value: NodeSort; label: string }[] {
  const after = planShown ? ' after the plan' : '';
  return [
    { value: 'name', label: 'Name' },
    { value: 'cpu', label: `Most CPU requested${after}` },
    { value: 'memory', label: `Most memory requested${after}` },
    { value: 'pods', label: `Most pods${after}` },
    ...(planShown ? [{ value: 'replicas' as const, label: 'Most planned replicas' }] : []),
  ];
}
