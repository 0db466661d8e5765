/**
 * Saved topology revisions parsed and indexed once, reused across plans.
 * Revisions are immutable, so an entry never goes stale; the cache is bounded
 * (least recently used out) because a 5,000-node revision costs tens of MB.
 * ClusterState forks are copy-on-write, so every plan can share one entry.
 */
import type { ClusterObjects } from '../../kube/cluster-objects.js';
import { ClusterState } from '../../scheduling/model/cluster-state.js';

export interface IndexedRevision {
  readonly objects: ClusterObjects;
  readonly cluster: ClusterState;
}

export class ClusterStateCache {
  private readonly entries = new Map<string, Promise<IndexedRevision>>();

  constructor(private readonly capacity: number) {}

  /** The indexed revision, and whether it had to be loaded. */
  async get(topologyId: string, revision: number, load: () => Promise<ClusterObjects>): Promise<{ entry: IndexedRevision; loaded: boolean }> {
    const key = `${topologyId}@${revision}`;
    const cached = this.entries.get(key);
    if (cached) {
      this.entries.delete(key);
      this.entries.set(key, cached);
      return { entry: await cached, loaded: false };
    }
    const pending = load().then((objects) => ({ objects, cluster: ClusterState.fromObjects(objects) }));
    this.entries.set(key, pending);
    pending.catch(() => this.entries.delete(key));
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
    return { entry: await pending, loaded: true };
  }
}
