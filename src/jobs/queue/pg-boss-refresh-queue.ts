/**
 * Topology refresh jobs on pg-boss, beside the plan jobs (same pg-boss, same
 * Postgres, same worker processes). The queue's `stately` policy keeps at
 * most one refresh of a topology waiting and one running: a refresh asked
 * for while one waits is absorbed by it, and one asked for while one runs
 * waits behind it instead of running alongside.
 */
import { Logger } from '@nestjs/common';
import type PgBoss from 'pg-boss';
import type { JobsConfig } from '../../config/app-config.js';
import type { RefreshEnqueuer } from '../../topologies/sources/refresh-enqueuer.js';
import type { RefreshTrigger } from '../../topologies/sources/topology-source.types.js';

export const REFRESH_QUEUE_NAME = 'podplan-topology-refreshes';

export interface RefreshJobData {
  readonly topologyId: string;
  readonly trigger: RefreshTrigger;
}

export type RefreshJobHandler = (job: RefreshJobData) => Promise<void>;

/** Postgres' unique_violation: another process created the queue first. */
const UNIQUE_VIOLATION = '23505';

export class PgBossRefreshQueue implements RefreshEnqueuer {
  private readonly logger = new Logger('RefreshQueue');
  private readonly workerIds: string[] = [];

  constructor(
    private readonly boss: PgBoss,
    private readonly config: JobsConfig,
  ) {}

  async start(): Promise<void> {
    if (await this.boss.getQueue(REFRESH_QUEUE_NAME)) return;
    try {
      await this.boss.createQueue(REFRESH_QUEUE_NAME, {
        name: REFRESH_QUEUE_NAME,
        policy: 'stately',
        retryLimit: this.config.jobRetryLimit,
        retryDelay: 5,
        expireInSeconds: this.config.jobExpireSeconds,
      });
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    }
  }

  async enqueueRefresh(topologyId: string, trigger: RefreshTrigger): Promise<void> {
    const data: RefreshJobData = { topologyId, trigger };
    // null: a refresh of this topology is already waiting, and will read the cluster as it is then.
    const id = await this.boss.send(REFRESH_QUEUE_NAME, data, { singletonKey: topologyId });
    if (id === null) this.logger.debug(`topology ${topologyId}: a refresh is already queued`);
    for (const workerId of this.workerIds) this.boss.notifyWorker(workerId);
  }

  async consume(handler: RefreshJobHandler, concurrency: number): Promise<void> {
    for (let index = 0; index < concurrency; index++) {
      const workerId = await this.boss.work<RefreshJobData>(
        REFRESH_QUEUE_NAME,
        { batchSize: 1, pollingIntervalSeconds: this.config.jobPollSeconds },
        async ([job]) => handler(job.data),
      );
      this.workerIds.push(workerId);
    }
  }

  /** Stops taking refresh jobs; the plan queue's graceful pg-boss stop waits for running ones. */
  async stop(): Promise<void> {
    if (this.workerIds.length === 0) return;
    this.workerIds.length = 0;
    await this.boss.offWork(REFRESH_QUEUE_NAME).catch((error: Error) => this.logger.warn(`stopping refresh jobs: ${error.message}`));
  }
}
