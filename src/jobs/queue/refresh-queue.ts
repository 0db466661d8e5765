/** Where topology refresh jobs wait for a worker (pg-boss-refresh-queue.ts). */
import type { RefreshEnqueuer } from '../../topologies/sources/refresh-enqueuer.js';
import type { RefreshJobHandler } from './pg-boss-refresh-queue.js';

export interface RefreshQueue extends RefreshEnqueuer {
  start(): Promise<void>;
  /** Runs `handler` for queued refreshes, `concurrency` at a time, until stop(). */
  consume(handler: RefreshJobHandler, concurrency: number): Promise<void>;
  stop(): Promise<void>;
}

export const REFRESH_QUEUE = Symbol('REFRESH_QUEUE');
