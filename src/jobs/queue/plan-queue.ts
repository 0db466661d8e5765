/** Where plan jobs wait for a worker: pg-boss, in the store's Postgres (external or embedded alike). */

export type PlanJobHandler = (planId: string) => Promise<void>;

/** Runs one statement inside a caller's open transaction. */
export type TransactionSql = (text: string, values: readonly unknown[]) => Promise<{ rows: unknown[] }>;

export interface PlanQueue {
  /** For the start-up log. */
  readonly description: string;
  start(): Promise<void>;
  enqueue(planId: string): Promise<void>;
  /**
   * Enqueues inside the caller's open transaction (`sql`), so the jobs exist
   * exactly when it commits: a plan taken back to `queued` is never left
   * without a job, nor given two. Returns what to run once it has committed
   * (waking workers).
   */
  enqueueWithin(sql: TransactionSql, planIds: readonly string[]): Promise<() => void>;
  /**
   * Runs `handler` for queued jobs, `concurrency` at a time, from now until
   * stop(). A handler that throws has its job retried (up to the configured
   * limit); one that returns has finished it, whatever the plan's outcome.
   */
  consume(handler: PlanJobHandler, concurrency: number): Promise<void>;
  /** Stops taking jobs and waits for running handlers. */
  stop(): Promise<void>;
  /** Jobs waiting and running now, across every process sharing the queue: read on each metrics scrape, so cheap. */
  depth(): Promise<PlanQueueDepth>;
}

export interface PlanQueueDepth {
  /** Queued or waiting for a retry. */
  readonly waiting: number;
  readonly active: number;
  /** Age of the oldest waiting job, in seconds; 0 when none waits. */
  readonly oldestWaitingSeconds: number;
}

/** Injection token of the process's PlanQueue. */
export const PLAN_QUEUE = Symbol('PLAN_QUEUE');

/** The queue's name in pg-boss. */
export const PLAN_QUEUE_NAME = 'podplan-plans';

export interface PlanJobData {
  readonly planId: string;
}
