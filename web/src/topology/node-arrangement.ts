/**
 * How the node list is ordered and narrowed beyond what the service filters
 * (zone, label selector): busiest first by a resource — after the shown
 * plan's replicas are added, when a plan is shown — or by planned replicas,
 * and only the nodes that got replicas. Both need every node of the scope,
 * so the list loads all its pages first; by name, it pages as it scrolls.
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

/** Sorting by anything but name, or keeping only nodes with replicas, needs every node of the scope loaded. */
export function needsEveryNode(arrangement: NodeArrangement): boolean {
  return arrangement.sort !== 'name' || arrangement.withReplicasOnly;
}

export interface ArrangedNode {
  node: TopologyNode;
  replicas: readonly ReplicaPlacement[];
  /** The shares once the plan's replicas on this node are added; undefined when it got none. */
  afterPlan: Utilisation | undefined;
}

const NO_REPLICAS: readonly ReplicaPlacement[] = [];

/** Busiest first; nothing allocatable (null) last; ties by name, the service's order. */
function byShare(resource: 'cpu' | 'memory' | 'pods') {
  return (left: ArrangedNode, right: ArrangedNode): number => {
    const a = (left.afterPlan ?? left.node.utilisation)[resource] ?? -1;
    const b = (right.afterPlan ?? right.node.utilisation)[resource] ?? -1;
    return b - a || compareNames(left, right);
  };
}

function compareNames(left: ArrangedNode, right: ArrangedNode): number {
  return left.node.name < right.node.name ? -1 : left.node.name > right.node.name ? 1 : 0;
}

/** The loaded nodes with their replicas and shares after the plan, narrowed and ordered as asked. */
export function arrangeNodes(
  nodes: readonly TopologyNode[],
  replicasByNode: ReadonlyMap<string, ReplicaPlacement[]>,
  arrangement: NodeArrangement,
): ArrangedNode[] {
  const arranged = nodes.map((node): ArrangedNode => {
    const replicas = replicasByNode.get(node.name) ?? NO_REPLICAS;
    return { node, replicas, afterPlan: replicas.length > 0 ? utilisationAfterPlan(node.requested, node.allocatable, replicas) : undefined };
  });
  const kept = arrangement.withReplicasOnly ? arranged.filter((entry) => entry.replicas.length > 0) : arranged;
  switch (arrangement.sort) {
    case 'name':
      return kept;
    case 'replicas':
      return [...kept].sort((left, right) => right.replicas.length - left.replicas.length || compareNames(left, right));
    default:
      return [...kept].sort(byShare(arrangement.sort));
  }
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

/** The sort choices as the form offers them; "after the plan" once a plan is shown. */
export function sortChoices(planShown: boolean): { value: NodeSort; label: string }[] {
  const after = planShown ? ' after the plan' : '';
  return [
    { value: 'name', label: 'Name' },
    { value: 'cpu', label: `Most CPU requested${after}` },
    { value: 'memory', label: `Most memory requested${after}` },
    { value: 'pods', label: `Most pods${after}` },
    { value: 'replicas', label: 'Most planned replicas' },
  ];
}
