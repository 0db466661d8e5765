/**
 * Matching pods by node position in a buffer reused from pod to pod
 * (issue 14). Score reads a hostname constraint's count per node, which is
 * zero except on the few nodes holding a matching pod: a fresh node-sized
 * array per pod cost an allocation and a clear of 5,000 slots for a
 * handful of entries. The buffer is written at the positions a
 * SparseNodeCounts names, read, then zeroed again at exactly those
 * positions, so between uses it is all zeros.
 */
import type { ClusterState } from '../../model/cluster-state.js';
import type { SparseNodeCounts } from '../../model/pod-label-index.js';

export class PositionCounts {
  private counts = new Float64Array(0);
  private readonly written: number[] = [];

  /** The counts by node position of `cluster` (nodes outside it are left out); hand back with clear(). */
  fill(cluster: ClusterState, sparse: SparseNodeCounts): Float64Array {
    if (this.counts.length < cluster.nodes.length) this.counts = new Float64Array(cluster.nodes.length);
    for (const [nodeName, matching] of sparse) {
      const position = cluster.indexOf(nodeName);
      if (position === undefined) continue;
      this.counts[position] = matching;
      this.written.push(position);
    }
    return this.counts;
  }

  /** Zeroes the positions fill wrote. */
  clear(): void {
    for (const position of this.written) this.counts[position] = 0;
    this.written.length = 0;
  }
}
