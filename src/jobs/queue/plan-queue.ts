/** Where plan jobs wait for a worker: pg-boss on Postgres, or in process on the embedded store. */

export type PlanJobHandler = (planId: string) => Promise<void>;

export interface PlanQueue {
  /** For the start-up log. */
  readonly description: string;
  /**
   * True when jobs survive the process (pg-boss); false when they live in
   * memory, and workers must re-enqueue unfinished plans from the plans table
   * at start-up.
   */
  readonly durable: boolean;
  start(): Promise<void>;
  enqueue(planId: string): Promise<void>;
  /**
   * Runs `handler` for queued jobs, `concurrency` at a time, from now until
   * stop(). A handler that throws has its job retried (up to the configured
   * limit); one that returns has finished it, whatever the plan's outcome.
   */
  consume(handler: PlanJobHandler, concurrency: number): Promise<void>;
  /** Stops taking jobs and waits for running handlers. */
  stop(): Promise<void>;
}

/** Injection token of the process's PlanQueue. */
export const PLAN_QUEUE = Symbol('PLAN_QUEUE');

/** The queue's name in pg-boss. */
export const PLAN_QUEUE_NAME = 'podplan-plans';

export interface PlanJobData {
  readonly planId: string;
}
