/**
 * What changed between two revisions of a topology, in what scheduling
 * reads: nodes added and removed; per changed node its labels, taints,
 * allocatable resources (scheduler units) and cordon; bound pods added,
 * removed and moved to another node; and the per-zone totals on both sides.
 * Made from the revisions' node usage (node-usage.ts), so pods are those
 * counted on a node of the revision (pending and terminated pods are not).
 */
import type { V1Taint } from '@kubernetes/client-node';
import type { NodeUsage } from './node-usage.js';
import type { ResourceTotals } from './topology.types.js';
import { aggregateZones, type ZoneUsage } from './zone-usage.js';

export interface ValueChange<T> {
  from: T;
  to: T;
}

export interface NodeRef {
  name: string;
  zone: string | null;
}

export interface NodeChange extends NodeRef {
  labels: { added: Record<string, string>; removed: Record<string, string>; changed: Record<string, ValueChange<string>> };
  taints: { added: V1Taint[]; removed: V1Taint[] };
  /** Per resource whose allocatable amount changed (scheduler units: cpu millicores, bytes, counts); null: absent on that side. */
  allocatable: Record<string, ValueChange<number | null>>;
  /** Present when the node was cordoned or uncordoned. */
  unschedulable?: ValueChange<boolean>;
}

export interface PodRef {
  namespace: string;
  name: string;
  node: string;
}

export interface PodMove {
  namespace: string;
  name: string;
  from: string;
  to: string;
}

export interface ZoneTotals {
  nodes: number;
  pods: number;
  allocatable: ResourceTotals;
  requested: ResourceTotals;
}

export interface ZoneChange {
  /** null: the nodes without a zone label. */
  zone: string | null;
  /** null: the zone has no node in that revision. */
  from: ZoneTotals | null;
  to: ZoneTotals | null;
}

export interface RevisionDiff {
  nodes: { added: NodeRef[]; removed: NodeRef[]; changed: NodeChange[] };
  pods: { added: PodRef[]; removed: PodRef[]; moved: PodMove[] };
  /** Every zone of either revision, named zones by name, the unlabelled group last. */
  zones: ZoneChange[];
}

const byName = <T extends { name: string }>(left: T, right: T): number => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0);
const podKey = (namespace: string, name: string): string => `${namespace}/${name}`;
const taintKey = (taint: V1Taint): string => JSON.stringify([taint.key, taint.value ?? '', taint.effect]);

export function diffRevisions(from: readonly NodeUsage[], to: readonly NodeUsage[]): RevisionDiff {
  const before = new Map(from.map((node) => [node.name, node]));
  const after = new Map(to.map((node) => [node.name, node]));
  const nodeRef = (node: NodeUsage): NodeRef => ({ name: node.name, zone: node.zone });
  const changed: NodeChange[] = [];
  for (const node of to) {
    const previous = before.get(node.name);
    if (previous === undefined) continue;
    const change = diffNode(previous, node);
    if (change !== undefined) changed.push(change);
  }
  return {
    nodes: {
      added: to.filter((node) => !before.has(node.name)).map(nodeRef).sort(byName),
      removed: from.filter((node) => !after.has(node.name)).map(nodeRef).sort(byName),
      changed: changed.sort(byName),
    },
    pods: diffPods(from, to),
    zones: diffZones(aggregateZones(from), aggregateZones(to)),
  };
}

function diffNode(previous: NodeUsage, node: NodeUsage): NodeChange | undefined {
  const labels: NodeChange['labels'] = { added: {}, removed: {}, changed: {} };
  for (const [key, value] of Object.entries(node.labels)) {
    if (!(key in previous.labels)) labels.added[key] = value;
    else if (previous.labels[key] !== value) labels.changed[key] = { from: previous.labels[key], to: value };
  }
  for (const [key, value] of Object.entries(previous.labels)) if (!(key in node.labels)) labels.removed[key] = value;
  const previousTaints = new Set(previous.taints.map(taintKey));
  const taints = new Set(node.taints.map(taintKey));
  const taintChange = { added: node.taints.filter((taint) => !previousTaints.has(taintKey(taint))), removed: previous.taints.filter((taint) => !taints.has(taintKey(taint))) };
  const allocatable: NodeChange['allocatable'] = {};
  for (const resource of [...new Set([...Object.keys(previous.allocatable), ...Object.keys(node.allocatable)])].sort()) {
    const was = previous.allocatable[resource] ?? null;
    const is = node.allocatable[resource] ?? null;
    if (was !== is) allocatable[resource] = { from: was, to: is };
  }
  const change: NodeChange = { name: node.name, zone: node.zone, labels, taints: taintChange, allocatable };
  if (previous.unschedulable !== node.unschedulable) change.unschedulable = { from: previous.unschedulable, to: node.unschedulable };
  const unchanged =
    Object.keys(labels.added).length + Object.keys(labels.removed).length + Object.keys(labels.changed).length + taintChange.added.length + taintChange.removed.length + Object.keys(allocatable).length === 0 &&
    change.unschedulable === undefined;
  return unchanged ? undefined : change;
}

function boundPods(nodes: readonly NodeUsage[]): Map<string, PodRef> {
  const pods = new Map<string, PodRef>();
  for (const node of nodes) for (const pod of node.pods) pods.set(podKey(pod.namespace, pod.name), { namespace: pod.namespace, name: pod.name, node: node.name });
  return pods;
}

function comparePods(left: { namespace: string; name: string }, right: { namespace: string; name: string }): number {
  const a = podKey(left.namespace, left.name);
  const b = podKey(right.namespace, right.name);
  return a < b ? -1 : a > b ? 1 : 0;
}

function diffPods(from: readonly NodeUsage[], to: readonly NodeUsage[]): RevisionDiff['pods'] {
  const before = boundPods(from);
  const after = boundPods(to);
  const added: PodRef[] = [];
  const moved: PodMove[] = [];
  for (const [key, pod] of after) {
    const previous = before.get(key);
    if (previous === undefined) added.push(pod);
    else if (previous.node !== pod.node) moved.push({ namespace: pod.namespace, name: pod.name, from: previous.node, to: pod.node });
  }
  const removed = [...before].filter(([key]) => !after.has(key)).map(([, pod]) => pod);
  return { added: added.sort(comparePods), removed: removed.sort(comparePods), moved: moved.sort(comparePods) };
}

function zoneTotals(zone: ZoneUsage): ZoneTotals {
  return { nodes: zone.nodes, pods: zone.pods, allocatable: zone.allocatable, requested: zone.requested };
}

function diffZones(from: readonly ZoneUsage[], to: readonly ZoneUsage[]): ZoneChange[] {
  const zones = new Map<string | null, ZoneChange>();
  for (const zone of from) zones.set(zone.zone, { zone: zone.zone, from: zoneTotals(zone), to: null });
  for (const zone of to) zones.set(zone.zone, { zone: zone.zone, from: zones.get(zone.zone)?.from ?? null, to: zoneTotals(zone) });
  return [...zones.values()].sort((left, right) => {
    if (left.zone === null) return 1;
    if (right.zone === null) return -1;
    return left.zone < right.zone ? -1 : left.zone > right.zone ? 1 : 0;
  });
}

