/**
 * A fixed pool of engine worker threads. Tasks queue in arrival order; a free
 * thread that already holds the task's cluster indexed is preferred, so a
 * saved revision is parsed and indexed once per thread, not once per plan.
 * A thread that dies fails only its own task and is replaced.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { EngineOutcome, EngineReplyMessage, EngineRequestMessage, EngineTask } from './engine-task.js';
import { MissingClusterObjectsError, type EngineRunner, type EngineRunOptions, type EngineThreadUsage } from './engine-runner.js';
import { INDEXED_CLUSTERS_PER_THREAD } from './indexed-cluster-cache.js';
import { InlineEngineRunner } from './inline-engine-runner.js';

/** The compiled thread entry beside this module; absent when running from TypeScript sources. */
export const ENGINE_THREAD_SCRIPT = new URL('./engine-thread.js', import.meta.url);

export function engineThreadScriptAvailable(): boolean {
  return existsSync(fileURLToPath(ENGINE_THREAD_SCRIPT));
}

interface PendingTask {
  readonly task: EngineTask;
  readonly options: EngineRunOptions;
  readonly stop: Int32Array;
  resolve(outcome: EngineOutcome): void;
  reject(error: Error): void;
}

interface ThreadSlot {
  worker: Worker;
  current: PendingTask | undefined;
  /** process.hrtime.bigint() when `current` was handed to the thread. */
  busySince: bigint;
  /** Cache keys this thread was last seen to hold, oldest first (mirrors its LRU; a miss is recovered, never wrong). */
  readonly clusters: string[];
}

export class EngineThreadPool implements EngineRunner {
  readonly offMainThread = true;
  private readonly slots: ThreadSlot[] = [];
  private readonly queue: PendingTask[] = [];
  /** Tasks too small to be worth a thread hop run here, on the calling thread. */
  private readonly inline = new InlineEngineRunner();
  private closed = false;
  /** Nanoseconds threads spent on finished tasks (running ones are added when read). */
  private busyNanoseconds = 0n;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`an engine thread pool needs at least one thread, not ${size}`);
    for (let index = 0; index < size; index++) this.slots.push(this.startThread());
  }

  run(task: EngineTask, options: EngineRunOptions = {}): Promise<EngineOutcome> {
    if (this.closed) return Promise.reject(new Error('the engine thread pool is closed'));
    if (options.lightweight) return this.inline.run(task, options);
    if (options.signal?.aborted) return Promise.resolve({ kind: 'stopped', reason: 'cancelled', done: 0 });
    return new Promise<EngineOutcome>((resolve, reject) => {
      const pending: PendingTask = { task, options, stop: new Int32Array(new SharedArrayBuffer(4)), resolve, reject };
      options.signal?.addEventListener('abort', () => this.abort(pending), { once: true });
      this.queue.push(pending);
      this.dispatch();
    });
  }

  usage(): EngineThreadUsage {
    const now = process.hrtime.bigint();
    let busyNanoseconds = this.busyNanoseconds;
    let busy = 0;
    for (const slot of this.slots) {
      if (slot.current === undefined) continue;
      busy += 1;
      busyNanoseconds += now - slot.busySince;
    }
    return { threads: this.slots.length, busy, queued: this.queue.length, busySeconds: Number(busyNanoseconds) / 1e9 };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) pending.reject(new Error('the engine thread pool closed'));
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private startThread(): ThreadSlot {
    const slot: ThreadSlot = { worker: new Worker(ENGINE_THREAD_SCRIPT), current: undefined, busySince: 0n, clusters: [] };
    slot.worker.on('message', (message: EngineReplyMessage) => this.onReply(slot, message));
    slot.worker.on('error', (error) => this.onThreadLost(slot, error));
    slot.worker.on('exit', (code) => this.onThreadLost(slot, new Error(`engine thread exited with code ${code}`)));
    return slot;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const idle = this.slots.filter((slot) => slot.current === undefined);
      if (idle.length === 0) return;
      const pending = this.queue.shift()!;
      const key = pending.task.cluster.cacheKey;
      const slot = (key !== undefined ? idle.find((candidate) => candidate.clusters.includes(key)) : undefined) ?? idle[0];
      slot.current = pending;
      slot.busySince = process.hrtime.bigint();
      this.post(slot, pending.task);
    }
  }

  private post(slot: ThreadSlot, task: EngineTask): void {
    const message: EngineRequestMessage = { task, stop: slot.current!.stop.buffer as SharedArrayBuffer };
    slot.worker.postMessage(message);
  }

  private onReply(slot: ThreadSlot, message: EngineReplyMessage): void {
    const pending = slot.current;
    if (!pending) return;
    switch (message.kind) {
      case 'progress':
        pending.options.onProgress?.(message.done, message.total);
        return;
      case 'missing-cluster':
        void this.resendWithObjects(slot, pending);
        return;
      case 'outcome':
        this.remember(slot, pending.task.cluster.cacheKey);
        this.finish(slot, () => pending.resolve(message.outcome));
        return;
      case 'failure':
        this.finish(slot, () => pending.reject(new Error(`engine thread failed: ${message.message}`)));
        return;
    }
  }

  private async resendWithObjects(slot: ThreadSlot, pending: PendingTask): Promise<void> {
    const key = pending.task.cluster.cacheKey!;
    try {
      if (!pending.options.loadObjects) throw new MissingClusterObjectsError(key);
      const objects = await pending.options.loadObjects();
      if (slot.current !== pending) return;
      this.post(slot, { ...pending.task, cluster: { cacheKey: key, objects } });
    } catch (error) {
      if (slot.current === pending) this.finish(slot, () => pending.reject(error as Error));
    }
  }

  private remember(slot: ThreadSlot, key: string | undefined): void {
    if (key === undefined) return;
    const at = slot.clusters.indexOf(key);
    if (at >= 0) slot.clusters.splice(at, 1);
    slot.clusters.push(key);
    if (slot.clusters.length > INDEXED_CLUSTERS_PER_THREAD) slot.clusters.shift();
  }

  private finish(slot: ThreadSlot, settle: () => void): void {
    this.busyNanoseconds += process.hrtime.bigint() - slot.busySince;
    slot.current = undefined;
    settle();
    this.dispatch();
  }

  private abort(pending: PendingTask): void {
    Atomics.store(pending.stop, 0, 1);
    const queued = this.queue.indexOf(pending);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      pending.resolve({ kind: 'stopped', reason: 'cancelled', done: 0 });
    }
  }

  private onThreadLost(slot: ThreadSlot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const pending = slot.current;
    if (pending) this.busyNanoseconds += process.hrtime.bigint() - slot.busySince;
    slot.current = undefined;
    if (this.closed) return;
    this.slots[index] = this.startThread();
    pending?.reject(error);
    this.dispatch();
  }
}
