/**
 * The engine on the calling thread: used when the process has no engine
 * threads (ENGINE_THREADS=0) or runs from TypeScript sources (tests), where
 * the compiled thread script does not exist. Blocks the event loop while a
 * task runs, which is why the service prefers the thread pool.
 */
import type { EngineOutcome, EngineTask } from './engine-task.js';
import { MissingClusterObjectsError, type EngineRunner, type EngineRunOptions, type EngineThreadUsage } from './engine-runner.js';
import { INDEXED_CLUSTERS_PER_THREAD, IndexedClusterCache, indexCluster, type IndexedCluster } from './indexed-cluster-cache.js';
import { runEngineTask } from './run-engine-task.js';

export class InlineEngineRunner implements EngineRunner {
  readonly offMainThread = false;
  private readonly clusters = new IndexedClusterCache(INDEXED_CLUSTERS_PER_THREAD);

  async run(task: EngineTask, options: EngineRunOptions = {}): Promise<EngineOutcome> {
    if (options.signal?.aborted) return { kind: 'stopped', reason: 'cancelled', done: 0 };
    const cluster = await this.indexed(task, options);
    return runEngineTask(task, cluster, { onProgress: options.onProgress, cancelled: () => options.signal?.aborted ?? false });
  }

  usage(): EngineThreadUsage {
    return { threads: 0, busy: 0, queued: 0, busySeconds: 0 };
  }

  async close(): Promise<void> {}

  private async indexed(task: EngineTask, options: EngineRunOptions): Promise<IndexedCluster> {
    const { cacheKey, objects } = task.cluster;
    if (cacheKey === undefined) {
      if (!objects) throw new Error('an engine task needs a cacheKey or objects');
      return indexCluster(objects);
    }
    const cached = this.clusters.get(cacheKey);
    if (cached) return cached;
    const loaded = objects ?? (await options.loadObjects?.());
    if (!loaded) throw new MissingClusterObjectsError(cacheKey);
    return this.clusters.add(cacheKey, loaded);
  }
}
