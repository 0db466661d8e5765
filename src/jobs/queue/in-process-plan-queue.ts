/**
 * Plan jobs in memory, for the embedded PGlite store. PGlite is served to one
 * connection at a time (see embedded-postgres.ts), and pg-boss needs its own
 * connections beside the application's pool, so it cannot run there; nor can
 * a second process reach the embedded store. The plans table stays the record:
 * at start-up the worker re-enqueues every queued or running plan, so a
 * restart loses nothing.
 */
import { Logger } from '@nestjs/common';
import type { PlanJobHandler, PlanQueue, PlanQueueDepth, TransactionSql } from './plan-queue.js';

interface QueuedJob {
  readonly planId: string;
  readonly enqueuedAt: number;
  attempts: number;
}

export class InProcessPlanQueue implements PlanQueue {
  readonly durable = false;
  readonly description = 'in-process queue (embedded store: jobs run in this process)';
  private readonly waiting: QueuedJob[] = [];
  private readonly running = new Set<Promise<void>>();
  private handler: PlanJobHandler | undefined;
  private concurrency = 0;
  private stopped = false;
  private readonly logger = new Logger('PlanQueue');

  constructor(private readonly retryLimit: number) {}

  async start(): Promise<void> {}

  async enqueue(planId: string): Promise<void> {
    if (this.waiting.some((job) => job.planId === planId)) return;
    this.waiting.push({ planId, enqueuedAt: Date.now(), attempts: 0 });
    this.pump();
  }

  /** Jobs in memory cannot join a transaction: they are queued once it has committed. */
  async enqueueWithin(_sql: TransactionSql, planIds: readonly string[]): Promise<() => void> {
    return () => {
      for (const planId of planIds) void this.enqueue(planId);
    };
  }

  async consume(handler: PlanJobHandler, concurrency: number): Promise<void> {
    this.handler = handler;
    this.concurrency = concurrency;
    this.pump();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.running]);
  }

  async depth(): Promise<PlanQueueDepth> {
    const oldest = this.waiting.reduce((first, job) => Math.min(first, job.enqueuedAt), Date.now());
    return { waiting: this.waiting.length, active: this.running.size, oldestWaitingSeconds: (Date.now() - oldest) / 1000 };
  }

  private pump(): void {
    while (!this.stopped && this.handler && this.running.size < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      const handler = this.handler;
      const run: Promise<void> = handler(job.planId)
        .catch((error: unknown) => this.retry(job, error))
        .finally(() => {
          this.running.delete(run);
          this.pump();
        });
      this.running.add(run);
    }
  }

  private retry(job: QueuedJob, error: unknown): void {
    job.attempts += 1;
    const message = error instanceof Error ? error.message : String(error);
    if (this.stopped) return;
    if (job.attempts > this.retryLimit) {
      this.logger.error(`plan ${job.planId}: giving up after ${job.attempts} attempts: ${message}`);
      return;
    }
    this.logger.warn(`plan ${job.planId}: attempt ${job.attempts} failed, retrying: ${message}`);
    this.waiting.push(job);
  }
}
