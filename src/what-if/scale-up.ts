/**
 * The fewest (or, with prices, the cheapest) nodes to add from node groups so
 * that every replica is placed. Search: greedy, one node at a time, where it
 * lets the most replicas be placed (per unit price when every group has a
 * price; ties: cheaper, then group order, then zone order), each step judged
 * by planning every replica on the enlarged cluster, so zonal spreading,
 * anti-affinity and taints are honoured as the scheduler honours them (the
 * case Cluster Autoscaler's binpacking estimator approximates). Then every
 * added node is tried for removal, most expensive first, keeping the mix
 * feasible. The answer is always a plan that places everything.
 *
 * Each added node starts with the DaemonSet pods it would run (`addNode`,
 * daemon-set-overhead.ts), as Cluster Autoscaler's scale-up templates do
 * (SanitizedTemplateNodeInfoFromNodeInfo with forceDaemonSets).
 */
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import type { ClusterState } from '../scheduling/model/cluster-state.js';
import type { PodPlanner } from './pod-planner.js';
import { addTemplateObjects, NodeNamer, nodeFromTemplate, type NodeTemplate, type TemplateNode } from '../simulation/scenario/node-template.js';
import type { NodeGroupAddition } from './analysis-types.js';

export interface NodeGroup {
  readonly name: string;
  readonly template: NodeTemplate;
  /** Zones nodes may be added in; empty: the template's own zone label (or none). */
  readonly zones: readonly (string | undefined)[];
  readonly maxCount?: number;
  readonly price?: number;
}

export interface Slot {
  readonly group: NodeGroup;
  readonly groupIndex: number;
  readonly zone: string | undefined;
}

export type ScaleUpSearch =
  | { readonly feasible: true; readonly added: readonly NodeGroupAddition[]; readonly cluster: ClusterState; readonly evaluatedPlans: number }
  | { readonly feasible: false; readonly reason: string; readonly evaluatedPlans: number };

/** How many nodes each slot gets, in slot order. */
export type Counts = number[];

export function slotsOf(groups: readonly NodeGroup[]): Slot[] {
  return groups.flatMap((group, groupIndex) => group.zones.map((zone) => ({ group, groupIndex, zone })));
}

/** How a node of a group joins a cluster: on its own, or (scale-up, migration) with the DaemonSet pods it would run. */
export type AddNode = (cluster: ClusterState, node: V1Node) => void;

const addBareNode: AddNode = (cluster, node) => {
  cluster.addNode(node);
};

export function enlarge(cluster: ClusterState, slots: readonly Slot[], counts: Counts, addNode: AddNode = addBareNode): { cluster: ClusterState; added: NodeGroupAddition[] } {
  const fork = cluster.fork();
  const namers = new Map<string, NodeNamer>();
  const added: NodeGroupAddition[] = [];
  const templateNodes: TemplateNode[] = [];
  slots.forEach((slot, index) => {
    if (counts[index] === 0) return;
    let namer = namers.get(slot.group.name);
    if (!namer) namers.set(slot.group.name, (namer = new NodeNamer(slot.group.name, (name) => fork.node(name) !== undefined)));
    const nodes: string[] = [];
    for (let count = 0; count < counts[index]; count++) {
      const name = namer.name();
      addNode(fork, nodeFromTemplate(slot.group.template, name, slot.zone));
      templateNodes.push({ template: slot.group.template, name, zone: slot.zone });
      nodes.push(name);
    }
    added.push({ nodeGroup: slot.group.name, zone: slot.zone ?? null, count: counts[index], nodes });
  });
  // The template's CSINode drivers: the attach limits NodeVolumeLimits reads for the new nodes.
  addTemplateObjects(fork, templateNodes);
  return { cluster: fork, added };
}

export function searchScaleUp(planner: PodPlanner, cluster: ClusterState, pods: readonly V1Pod[], groups: readonly NodeGroup[], addNode: AddNode): ScaleUpSearch {
  const slots = slotsOf(groups);
  const priced = groups.length > 0 && groups.every((group) => group.price !== undefined);
  let evaluatedPlans = 0;
  const placed = (counts: Counts): { placed: number; firstFailure?: { pod: string; message: string } } => {
    evaluatedPlans++;
    const run = planner.plan(enlarge(cluster, slots, counts, addNode).cluster, pods);
    const failed = run.decisions.find((decision) => decision.node === null);
    return {
      placed: run.decisions.length - run.decisions.filter((decision) => decision.node === null).length,
      ...(failed ? { firstFailure: { pod: failed.podKey, message: failed.failureMessage ?? '' } } : {}),
    };
  };
  const groupTotal = (counts: Counts, groupIndex: number) => slots.reduce((sum, slot, index) => sum + (slot.groupIndex === groupIndex ? counts[index] : 0), 0);
  const canGrow = (counts: Counts, index: number) => {
    const max = slots[index].group.maxCount;
    return max === undefined || groupTotal(counts, slots[index].groupIndex) < max;
  };

  let counts: Counts = slots.map(() => 0);
  let current = placed(counts);
  // Each replica needs at most one node of its own: more nodes than replicas never helps.
  while (current.placed < pods.length && counts.reduce((a, b) => a + b, 0) < pods.length) {
    let best: { index: number; result: ReturnType<typeof placed>; value: number } | undefined;
    for (let index = 0; index < slots.length; index++) {
      if (!canGrow(counts, index)) continue;
      const next = counts.map((count, position) => (position === index ? count + 1 : count));
      const result = placed(next);
      const gain = result.placed - current.placed;
      if (gain <= 0) continue;
      const value = priced ? gain / Math.max(slots[index].group.price!, Number.EPSILON) : gain;
      const cheaper = best && priced && value === best.value && slots[index].group.price! < slots[best.index].group.price!;
      if (!best || value > best.value || cheaper) best = { index, result, value };
    }
    if (!best) break;
    counts = counts.map((count, position) => (position === best.index ? count + 1 : count));
    current = best.result;
  }
  if (current.placed < pods.length) {
    // Why: the first replica still unplaced with one more node in every slot that may grow, in the scheduler's words.
    const probe = counts.map((count, index) => (canGrow(counts, index) ? count + 1 : count));
    const probed = probe.some((count, index) => count !== counts[index]) ? placed(probe) : current;
    return { feasible: false, reason: infeasibleReason(current.placed, probed.firstFailure, pods.length, slots, counts, canGrow), evaluatedPlans };
  }
  // Prune: drop nodes the answer does not need, most expensive first.
  const order = slots.map((_, index) => index).sort((a, b) => (slots[b].group.price ?? 0) - (slots[a].group.price ?? 0) || a - b);
  for (const index of order) {
    while (counts[index] > 0) {
      const fewer = counts.map((count, position) => (position === index ? count - 1 : count));
      if (placed(fewer).placed < pods.length) break;
      counts = fewer;
    }
  }
  const { cluster: enlarged, added } = enlarge(cluster, slots, counts, addNode);
  return { feasible: true, added, cluster: enlarged, evaluatedPlans };
}

function infeasibleReason(
  placedCount: number,
  firstFailure: { pod: string; message: string } | undefined,
  total: number,
  slots: readonly Slot[],
  counts: Counts,
  canGrow: (counts: Counts, index: number) => boolean,
): string {
  const unplaced = total - placedCount;
  const added = counts.reduce((a, b) => a + b, 0);
  if (slots.length === 0) return `no node groups were given; ${unplaced} of ${total} replicas are unplaceable.`;
  if (slots.some((_, index) => canGrow(counts, index))) {
    const failure = firstFailure ? ` With one more node of every group in every allowed zone, ${firstFailure.pod}: ${firstFailure.message}` : '';
    return `no node from the given groups lets another replica be placed (after adding ${added}); ${unplaced} of ${total} replicas stay unplaceable.${failure}`;
  }
  const failure = firstFailure ? ` ${firstFailure.pod}: ${firstFailure.message}` : '';
  return `the node groups reached their maxCount (${added} nodes added); ${unplaced} of ${total} replicas stay unplaceable.${failure}`;
}
