/**
 * The per-node buffers of one pod's Filter loop (scheduleOne), reused from
 * cycle to cycle: allocating each rejected node's status slot, the feasible
 * nodes and their cluster positions afresh (three arrays as long as the
 * cluster, the feasible list grown by push) made every distinct pod's cycle
 * allocate about 160 KB at 5,000 nodes, and the collector was the largest
 * single entry of a distinct-pod plan's profile (issue 14).
 *
 * JavaScript runs one cycle at a time and a cycle never starts another
 * (PostFilter's dry runs call the filters through Framework.filterRunner),
 * so one set per Framework serves every cycle. Nothing a cycle returns may
 * alias these buffers: the decision copies what it keeps.
 */
import type { NodeInfo } from '../model/node-info.js';
import type { Status } from './status.js';

export class FilterScratch {
  /** Each rejected node's first failing status by cluster position; undefined: not rejected (or not evaluated). */
  failedAt: (Status | undefined)[] = [];
  /** The feasible nodes in the order found; entries past the cycle's count are stale. */
  feasible: NodeInfo[] = [];
  /** The feasible nodes' positions in cluster.nodes, aligned with `feasible`; entries past the cycle's count are stale. */
  feasibleIndexes = new Int32Array(1);
  /** The positions `reject` wrote this cycle, cleared by the next `prepare` (clearing every slot cost as much as allocating). */
  private rejected = new Int32Array(1);
  private rejectedCount = 0;

  /** Sized for `nodes` nodes, with no node rejected (and no status of an earlier cycle kept alive). */
  prepare(nodes: number): void {
    const failedAt = this.failedAt;
    const rejected = this.rejected;
    for (let index = 0; index < this.rejectedCount; index++) failedAt[rejected[index]] = undefined;
    this.rejectedCount = 0;
    if (failedAt.length < nodes) this.failedAt = new Array<Status | undefined>(nodes).fill(undefined);
    if (this.feasibleIndexes.length < nodes) this.feasibleIndexes = new Int32Array(nodes);
    if (rejected.length < nodes) this.rejected = new Int32Array(nodes);
  }

  /** Records node position `position`'s first failing status (once per node and cycle). */
  reject(position: number, status: Status): void {
    this.failedAt[position] = status;
    this.rejected[this.rejectedCount++] = position;
  }
}
