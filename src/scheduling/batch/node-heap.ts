/**
 * The feasible nodes of one score bucket, best first: higher per-node part
 * (the node-local scores without NormalizeScore), then lower node name — the
 * exhaustive tie rule. Indexed, so the node that took a replica can be moved
 * in O(log n); `positions` is shared by all heaps (a node is in one at most).
 */
export class NodeHeap {
  private readonly items: number[] = [];
  /** How many nodes hold each per-node part, for counting ties. */
  private readonly partCounts = new Map<number, number>();

  constructor(
    private readonly parts: Float64Array,
    private readonly nameRank: Int32Array,
    private readonly positions: Int32Array,
  ) {}

  get size(): number {
    return this.items.length;
  }

  /** Nodes whose per-node part is exactly `part`. */
  countWithPart(part: number): number {
    return this.partCounts.get(part) ?? 0;
  }

  private better(a: number, b: number): boolean {
    const difference = this.parts[a] - this.parts[b];
    return difference > 0 || (difference === 0 && this.nameRank[a] < this.nameRank[b]);
  }

  push(node: number): void {
    this.partCounts.set(this.parts[node], (this.partCounts.get(this.parts[node]) ?? 0) + 1);
    this.items.push(node);
    this.positions[node] = this.items.length - 1;
    this.up(this.items.length - 1);
  }

  /** Removes `node` (which must be in this heap); `part` is the per-node part it was pushed with. */
  remove(node: number, part: number): void {
    const remaining = (this.partCounts.get(part) ?? 0) - 1;
    if (remaining > 0) this.partCounts.set(part, remaining);
    else this.partCounts.delete(part);
    const position = this.positions[node];
    const last = this.items.pop()!;
    this.positions[node] = -1;
    if (position === this.items.length) return;
    this.items[position] = last;
    this.positions[last] = position;
    this.up(position);
    this.down(this.positions[last]);
  }

  /** The best node (the heap must not be empty). */
  peek(): number {
    return this.items[0];
  }

  /** Up to `count` best nodes, best first, without disturbing the heap. */
  top(count: number, into: number[]): void {
    into.length = 0;
    if (this.items.length === 0) return;
    const frontier = [0];
    while (into.length < count && frontier.length > 0) {
      let best = 0;
      for (let candidate = 1; candidate < frontier.length; candidate++) {
        if (this.better(this.items[frontier[candidate]], this.items[frontier[best]])) best = candidate;
      }
      const position = frontier[best];
      frontier[best] = frontier[frontier.length - 1];
      frontier.pop();
      into.push(this.items[position]);
      if (2 * position + 1 < this.items.length) frontier.push(2 * position + 1);
      if (2 * position + 2 < this.items.length) frontier.push(2 * position + 2);
    }
  }

  private up(position: number): void {
    const { items, positions } = this;
    const node = items[position];
    while (position > 0) {
      const parent = (position - 1) >> 1;
      if (!this.better(node, items[parent])) break;
      items[position] = items[parent];
      positions[items[position]] = position;
      position = parent;
    }
    items[position] = node;
    positions[node] = position;
  }

  private down(position: number): void {
    const { items, positions } = this;
    const node = items[position];
    const length = items.length;
    for (;;) {
      let child = 2 * position + 1;
      if (child >= length) break;
      if (child + 1 < length && this.better(items[child + 1], items[child])) child++;
      if (!this.better(items[child], node)) break;
      items[position] = items[child];
      positions[items[position]] = position;
      position = child;
    }
    items[position] = node;
    positions[node] = position;
  }
}
