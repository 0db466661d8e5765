/**
 * Where refreshes are queued: a port the jobs room provides (its pg-boss
 * refresh queue), so the topologies room never imports the queue.
 */
import type { RefreshTrigger } from './topology-source.types.js';

export interface RefreshEnqueuer {
  /** Queues a refresh of the topology; one already waiting for it absorbs this one. */
  enqueueRefresh(topologyId: string, trigger: RefreshTrigger): Promise<void>;
}

export const REFRESH_ENQUEUER = Symbol('REFRESH_ENQUEUER');
