import type { NodeUsage } from './node-usage.js';

/**
 * Node usage of recently read revisions. Revisions never change once written,
 * so an entry cannot go stale; liveness (deletes) is checked by the caller
 * before every lookup. Bounded because a 5,000-node revision's usage is large.
 */
export class RevisionUsageCache {
  private readonly entries = new Map<string, NodeUsage[]>();

  constructor(private readonly capacity: number) {}

  async getOrCompute(topologyId: string, revision: number, compute: () => Promise<NodeUsage[]>): Promise<NodeUsage[]> {
    const key = `${topologyId}@${revision}`;
    const cached = this.entries.get(key);
    if (cached) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const computed = await compute();
    this.entries.set(key, computed);
    while (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    return computed;
  }
}
