/**
 * The feasible nodes of a replica run, grouped into buckets whose nodes
 * share every input of the normalised scores: the label group of the
 * topology plugins, spread's per-node class (domain, matching pods on a
 * hostname constraint), static raw scores. Within a bucket the normalised
 * parts are equal, so a node's total is the bucket's part plus its own
 * per-node part, and the best nodes of a replica are found among the best of
 * each bucket: a replica costs O(buckets) rather than O(nodes), and only the
 * node that took the previous replica (or nodes of a group whose answer
 * changed) move between buckets.
 *
 * NormalizeScore reads a minimum and a maximum over the feasible nodes,
 * which the buckets' representatives carry as well; PodTopologySpread's
 * weights count feasible nodes and domains, which bucket sizes give.
 */
import { NodeHeap } from './node-heap.js';

export interface Bucket {
  readonly id: number;
  /** The label group whose verdict decides the bucket's feasibility, or -1 when the group is decided per node. */
  readonly group: number;
  readonly heap: NodeHeap;
}

export class ScoreBuckets {
  readonly buckets: Bucket[] = [];
  private readonly byKey = new Map<string, Bucket>();
  /** Bucket of each node, -1 when not in any. */
  private readonly bucketOf: Int32Array;
  /** The per-node part each node was filed with (the heap's sort key). */
  readonly parts: Float64Array;
  private readonly positions: Int32Array;

  constructor(
    nodeCount: number,
    private readonly nameRank: Int32Array,
  ) {
    this.bucketOf = new Int32Array(nodeCount).fill(-1);
    this.parts = new Float64Array(nodeCount);
    this.positions = new Int32Array(nodeCount).fill(-1);
  }

  /** Files node `index` under `key` with per-node part `part`, moving it from where it was. */
  file(index: number, key: string, group: number, part: number): void {
    this.remove(index);
    let bucket = this.byKey.get(key);
    if (!bucket) {
      bucket = { id: this.buckets.length, group, heap: new NodeHeap(this.parts, this.nameRank, this.positions) };
      this.buckets.push(bucket);
      this.byKey.set(key, bucket);
    }
    this.parts[index] = part;
    this.bucketOf[index] = bucket.id;
    bucket.heap.push(index);
  }

  remove(index: number): void {
    const current = this.bucketOf[index];
    if (current < 0) return;
    this.buckets[current].heap.remove(index, this.parts[index]);
    this.bucketOf[index] = -1;
  }
}
