/**
 * Indexed clusters by cache key, least recently used out. Saved topology
 * revisions are immutable, so an entry never goes stale; the bound is memory
 * (a 5,000-node / 50,000-pod revision indexes to roughly 100 MB).
 */
import type { ClusterObjects } from '../kube/cluster-objects.js';
import { ClusterState } from '../scheduling/model/cluster-state.js';

export interface IndexedCluster {
  readonly objects: ClusterObjects;
  readonly state: ClusterState;
}

export class IndexedClusterCache {
  private readonly entries = new Map<string, IndexedCluster>();

  constructor(private readonly capacity: number) {}

  get(key: string): IndexedCluster | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Indexes `objects` and keeps them under `key`, evicting the least recently used beyond capacity. */
  add(key: string, objects: ClusterObjects | string): IndexedCluster {
    const entry = indexCluster(objects);
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }
}

/** Parses (when given JSON text) and indexes a cluster's objects. */
export function indexCluster(objects: ClusterObjects | string): IndexedCluster {
  const parsed = typeof objects === 'string' ? (JSON.parse(objects) as ClusterObjects) : objects;
  return { objects: parsed, state: ClusterState.fromObjects(parsed) };
}

/** Revisions each engine thread (or the inline runner) keeps indexed. */
export const INDEXED_CLUSTERS_PER_THREAD = 4;
