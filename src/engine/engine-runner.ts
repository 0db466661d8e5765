/** Runs engine tasks somewhere: on a pool of worker threads, or on the calling thread. */
import type { ClusterObjects } from '../kube/cluster-objects.js';
import type { EngineOutcome, EngineTask } from './engine-task.js';

export interface EngineRunOptions {
  /** Supplies the objects (or their JSON text) of `task.cluster.cacheKey` when the runner does not hold them indexed. */
  readonly loadObjects?: () => Promise<ClusterObjects | string>;
  readonly onProgress?: (done: number, total: number) => void;
  /** Aborting stops the run between two replicas; the outcome is then `stopped` (`cancelled`). */
  readonly signal?: AbortSignal;
  /**
   * The task is small enough that a thread hop would cost more than blocking
   * the event loop for it: a pool runs it on the calling thread.
   */
  readonly lightweight?: boolean;
}

/** How busy the engine threads are, for metrics. */
export interface EngineThreadUsage {
  /** Threads in the pool (0: the engine runs on the main thread). */
  readonly threads: number;
  /** Threads running a task now. */
  readonly busy: number;
  /** Tasks waiting for a free thread. */
  readonly queued: number;
  /** Thread-seconds spent on tasks since the pool started (rate() ÷ threads is the utilisation). */
  readonly busySeconds: number;
}

export interface EngineRunner {
  /** True when tasks run off the event loop. */
  readonly offMainThread: boolean;
  run(task: EngineTask, options?: EngineRunOptions): Promise<EngineOutcome>;
  usage(): EngineThreadUsage;
  close(): Promise<void>;
}

/** Injection token of the process's EngineRunner. */
export const ENGINE_RUNNER = Symbol('ENGINE_RUNNER');

export class MissingClusterObjectsError extends Error {
  constructor(cacheKey: string) {
    super(`cluster ${cacheKey} is not indexed here and no loader was given`);
    this.name = 'MissingClusterObjectsError';
  }
}
