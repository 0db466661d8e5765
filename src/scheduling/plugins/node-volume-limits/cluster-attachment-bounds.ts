/**
 * Whether NodeVolumeLimits' Filter passes every node for a pod, answered in
 * PreFilter from a summary of the nodes instead of a Filter call per node.
 * Filter (node-volume-limits-plugin.ts, as upstream csi.go v1.34) passes a
 * node without its attachments worked out when the node has no limits or
 * its attachment bound (attachment-bound.ts) leaves room under every limit
 * for the pod's new volumes. So per distinct limits map (one per instance
 * type) the summary keeps how many nodes have each bound; the pod passes
 * everywhere when, for every limits map, the largest bound is within the
 * threshold, and the pod's own volumes resolve (no error) for the kinds of
 * node there are (with and without a CSINode).
 *
 * The summary follows the cluster's node list: per PreFilter it looks again
 * only at the positions the cluster wrote since (ClusterState.nodeWrites: the
 * node a replica joined), compares each one's NodeInfo and generation with
 * what it counted, and recounts it when they differ. A new node list (a fork,
 * nodes added or removed), other CSINodes or other VolumeAttachments count
 * every node again.
 */
import type { V1CSINode } from '@kubernetes/client-node';
import type { ClusterState } from '../../model/cluster-state.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { StorageCatalog } from '../../model/storage-catalog.js';
import { nodeAttachmentBound, UNBOUNDED } from './attachment-bound.js';
import { nodeVolumeState } from './node-volume-state.js';
import { volumeAttachmentCount } from './volume-attachments.js';

/** How many nodes of one limits map have each attachment bound. */
class BoundHistogram {
  readonly counts: number[] = [];
  unbounded = 0;

  add(bound: number, delta: number): void {
    if (bound === UNBOUNDED) this.unbounded += delta;
    else this.counts[bound] = (this.counts[bound] ?? 0) + delta;
  }

  /** The largest bound some node has; -1 when none. */
  largest(): number {
    const { counts } = this;
    for (let bound = counts.length - 1; bound >= 0; bound--) if ((counts[bound] ?? 0) > 0) return bound;
    return -1;
  }
}

/** What was counted for the node at one position. */
interface Counted {
  readonly node: NodeInfo;
  readonly generation: number;
  readonly hasCsiNode: boolean;
  /** undefined: the node has no limits (it passes whatever its bound). */
  readonly limits: ReadonlyMap<string, number> | undefined;
  readonly bound: number;
}

/** The part of ClusterState the summary follows. */
export type CountedCluster = Pick<ClusterState, 'nodes' | 'nodeObjectsVersion' | 'nodeWrites'>;

export class ClusterAttachmentBounds {
  private counted: (Counted | undefined)[] = [];
  private csiNodes: ReadonlyMap<string, V1CSINode> | undefined;
  private nodes: readonly NodeInfo[] | undefined;
  private nodeObjectsVersion = -1;
  /** How much of the cluster's nodeWrites log the counts include. */
  private writesRead = 0;
  private volumeAttachments: StorageCatalog['volumeAttachments'] | undefined;
  /** Per limits map (nodes with limits only). */
  readonly byLimits = new Map<ReadonlyMap<string, number>, BoundHistogram>();
  withCsiNode = 0;
  withoutCsiNode = 0;

  /** Brings the counts up to `cluster`'s nodes under `storage`'s CSINodes and VolumeAttachments. */
  update(cluster: CountedCluster, storage: StorageCatalog): void {
    const { nodes, nodeWrites } = cluster;
    if (this.csiNodes !== storage.csiNodes || this.volumeAttachments !== storage.volumeAttachments || this.nodes !== nodes || this.nodeObjectsVersion !== cluster.nodeObjectsVersion || this.counted.length !== nodes.length) {
      this.csiNodes = storage.csiNodes;
      this.volumeAttachments = storage.volumeAttachments;
      this.nodes = nodes;
      this.nodeObjectsVersion = cluster.nodeObjectsVersion;
      this.counted = new Array<Counted | undefined>(nodes.length);
      this.byLimits.clear();
      this.withCsiNode = this.withoutCsiNode = 0;
      for (let position = 0; position < nodes.length; position++) this.recount(position, nodes[position]!, storage);
      this.writesRead = nodeWrites.length;
      return;
    }
    for (let read = this.writesRead; read < nodeWrites.length; read++) {
      const position = nodeWrites[read]!;
      this.recount(position, nodes[position]!, storage);
    }
    this.writesRead = nodeWrites.length;
  }

  /** Counts the node at `position` again unless it is the NodeInfo and generation counted there. */
  private recount(position: number, node: NodeInfo, storage: StorageCatalog): void {
    const previous = this.counted[position];
    if (previous !== undefined && previous.node === node && previous.generation === node.generation) return;
    if (previous !== undefined) this.count(previous, -1);
    const state = nodeVolumeState(node, storage);
    const hasCsiNode = state.csiNode !== undefined;
    const limits = state.limits.size > 0 ? state.limits : undefined;
    const now: Counted = { node, generation: node.generation, hasCsiNode, limits, bound: limits === undefined ? 0 : nodeAttachmentBound(node, state, volumeAttachmentCount(node.name, storage)) };
    this.count(now, 1);
    this.counted[position] = now;
  }

  private count(entry: Counted, delta: number): void {
    if (entry.hasCsiNode) this.withCsiNode += delta;
    else this.withoutCsiNode += delta;
    if (entry.limits === undefined) return;
    let histogram = this.byLimits.get(entry.limits);
    if (histogram === undefined) this.byLimits.set(entry.limits, (histogram = new BoundHistogram()));
    histogram.add(entry.bound, delta);
  }
}

/** The summary of one cluster state (a fork has its own). */
const summaries = new WeakMap<CountedCluster, ClusterAttachmentBounds>();

export function clusterAttachmentBounds(cluster: CountedCluster, storage: StorageCatalog): ClusterAttachmentBounds {
  let summary = summaries.get(cluster);
  if (summary === undefined) summaries.set(cluster, (summary = new ClusterAttachmentBounds()));
  summary.update(cluster, storage);
  return summary;
}
