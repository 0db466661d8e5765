/**
 * Entry point of an engine worker thread (compiled to engine-thread.js and
 * started by EngineThreadPool). Keeps its own indexed clusters by cache key,
 * runs one task at a time, reports progress at most every PROGRESS_INTERVAL_MS
 * and stops between replicas when the shared stop flag is raised.
 */
import { parentPort } from 'node:worker_threads';
import type { EngineReplyMessage, EngineRequestMessage } from './engine-task.js';
import { INDEXED_CLUSTERS_PER_THREAD, IndexedClusterCache, indexCluster, type IndexedCluster } from './indexed-cluster-cache.js';
import { runEngineTask } from './run-engine-task.js';

const PROGRESS_INTERVAL_MS = 100;

if (!parentPort) throw new Error('engine-thread.js runs as a worker thread only');
const port = parentPort;
const clusters = new IndexedClusterCache(INDEXED_CLUSTERS_PER_THREAD);

function reply(message: EngineReplyMessage): void {
  port.postMessage(message);
}

function indexed(message: EngineRequestMessage): IndexedCluster | undefined {
  const { cacheKey, objects } = message.task.cluster;
  if (cacheKey === undefined) return objects ? indexCluster(objects) : undefined;
  return clusters.get(cacheKey) ?? (objects ? clusters.add(cacheKey, objects) : undefined);
}

port.on('message', (message: EngineRequestMessage) => {
  try {
    const cluster = indexed(message);
    if (!cluster) return reply({ kind: 'missing-cluster' });
    const stop = new Int32Array(message.stop);
    let lastReport = 0;
    const outcome = runEngineTask(message.task, cluster, {
      onProgress: (done, total) => {
        const now = Date.now();
        if (now - lastReport < PROGRESS_INTERVAL_MS && done < total) return;
        lastReport = now;
        reply({ kind: 'progress', done, total });
      },
      cancelled: () => Atomics.load(stop, 0) === 1,
    });
    reply({ kind: 'outcome', outcome });
  } catch (error) {
    reply({ kind: 'failure', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
