/**
 * Plan jobs on pg-boss in the service's own Postgres (its tables live in the
 * `pgboss` schema, created by pg-boss itself at start). pg-boss hands a job to
 * one worker at a time (SELECT … FOR UPDATE SKIP LOCKED); a job whose worker
 * died stays `active` until its expiry, then is retried by another worker.
 * Exactly-once *completion* is the plans table's job (see PlansRepository.complete).
 *
 * A queued job is announced with NOTIFY on `podplan_plan_jobs`: workers LISTEN
 * and poll at once, so a plan starts within milliseconds rather than after up
 * to PLAN_JOB_POLL_SECONDS; polling stays as the fallback when a notification
 * is missed (listener reconnecting).
 */
import { Logger } from '@nestjs/common';
import pg from 'pg';
import PgBoss from 'pg-boss';
import type { JobsConfig } from '../../config/app-config.js';
import { PLAN_QUEUE_NAME, type PlanJobData, type PlanJobHandler, type PlanQueue, type PlanQueueDepth, type TransactionSql } from './plan-queue.js';

/** pg-boss's own pool per process: one connection polls and one sends, so API queries never wait on the queue. */
const PG_BOSS_CONNECTIONS = 2;
/** The NOTIFY channel announcing queued plan jobs to every worker process. */
const WAKE_CHANNEL = 'podplan_plan_jobs';
/**
 * The queue's waiting and active jobs in one statement. pg-boss partitions its
 * job table by queue name and indexes waiting jobs (job_i5: state < active),
 * so this stays cheap however many finished jobs the partition holds.
 * `job_state` is an enum ordered created < retry < active < completed < …
 */
const DEPTH_SQL = `
  SELECT count(*) FILTER (WHERE state < 'active')::int AS waiting,
         count(*) FILTER (WHERE state = 'active')::int AS active,
         COALESCE(EXTRACT(EPOCH FROM now() - min(created_on) FILTER (WHERE state < 'active')), 0)::float8 AS oldest
  FROM pgboss.job WHERE name = $1 AND state <= 'active'`;
/** Postgres' unique_violation: another process created the queue first. */
const UNIQUE_VIOLATION = '23505';

export class PgBossPlanQueue implements PlanQueue {
  readonly description = 'pg-boss queue "podplan-plans" in Postgres (schema pgboss)';
  /** Shared with the refresh queue (pg-boss-refresh-queue.ts): one pg-boss, one pool, per process. */
  readonly boss: PgBoss;
  private readonly logger = new Logger('PlanQueue');
  private readonly workerIds: string[] = [];
  private listener: pg.Client | undefined;
  private stopping = false;
  private relistening = false;
  private stopped: Promise<void> | undefined;

  constructor(
    private readonly connectionString: string,
    private readonly config: JobsConfig,
  ) {
    this.boss = new PgBoss({
      connectionString,
      max: PG_BOSS_CONNECTIONS,
      application_name: 'podplan-jobs',
      // Expired jobs are found by maintenance: run it often enough that a lost job waits little past its expiry.
      maintenanceIntervalSeconds: Math.max(1, Math.min(120, Math.ceil(config.jobExpireSeconds / 4))),
      schedule: false,
    });
    this.boss.on('error', (error) => this.logger.error(`pg-boss: ${error.message}`));
  }

  async start(): Promise<void> {
    await this.boss.start();
    if (await this.boss.getQueue(PLAN_QUEUE_NAME)) return;
    try {
      await this.boss.createQueue(PLAN_QUEUE_NAME, {
        name: PLAN_QUEUE_NAME,
        retryLimit: this.config.jobRetryLimit,
        retryDelay: 1,
        expireInSeconds: this.config.jobExpireSeconds,
      });
    } catch (error) {
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
    }
  }

  async enqueue(planId: string): Promise<void> {
    const data: PlanJobData = { planId };
    const id = await this.boss.send(PLAN_QUEUE_NAME, data);
    if (id === null) throw new Error(`pg-boss did not accept the job of plan ${planId}`);
    this.wakeLocalWorkers();
    // Other processes' workers hear it through LISTEN; a failed NOTIFY only delays the plan to the next poll.
    await this.boss
      .getDb()
      .executeSql('SELECT pg_notify($1, $2)', [WAKE_CHANNEL, planId])
      .catch((error: Error) => this.logger.warn(`announcing plan ${planId}: ${error.message}`));
  }

  async enqueueWithin(sql: TransactionSql, planIds: readonly string[]): Promise<() => void> {
    const db = { executeSql: (text: string, values: unknown[]) => sql(text, values) };
    for (const planId of planIds) {
      const data: PlanJobData = { planId };
      const id = await this.boss.send(PLAN_QUEUE_NAME, data, { db });
      if (id === null) throw new Error(`pg-boss did not accept the job of plan ${planId}`);
      // Delivered at commit, and only if it commits.
      await sql('SELECT pg_notify($1, $2)', [WAKE_CHANNEL, planId]);
    }
    return () => {
      if (planIds.length > 0) this.wakeLocalWorkers();
    };
  }

  async consume(handler: PlanJobHandler, concurrency: number): Promise<void> {
    // pg-boss 10 runs one job at a time per work() registration: register `concurrency` of them.
    for (let index = 0; index < concurrency; index++) {
      const workerId = await this.boss.work<PlanJobData>(
        PLAN_QUEUE_NAME,
        { batchSize: 1, pollingIntervalSeconds: this.config.jobPollSeconds },
        async ([job]) => handler(job.data.planId),
      );
      this.workerIds.push(workerId);
    }
    await this.listen();
  }

  /** Idempotent: the jobs module and the database connection both ask, in either order. */
  stop(): Promise<void> {
    return (this.stopped ??= this.shutDown());
  }

  private async shutDown(): Promise<void> {
    this.stopping = true;
    await this.listener?.end().catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }

  async depth(): Promise<PlanQueueDepth> {
    const { rows } = (await this.boss.getDb().executeSql(DEPTH_SQL, [PLAN_QUEUE_NAME])) as { rows: { waiting: number; active: number; oldest: number }[] };
    const [row] = rows;
    return { waiting: row.waiting, active: row.active, oldestWaitingSeconds: row.oldest };
  }

  private wakeLocalWorkers(): void {
    for (const workerId of this.workerIds) this.boss.notifyWorker(workerId);
  }

  /** LISTEN for queued jobs; on a lost connection, listen again after a pause (polling covers the gap). */
  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.connectionString, application_name: 'podplan-jobs-listener' });
    client.on('notification', () => this.wakeLocalWorkers());
    client.on('error', (error) => {
      this.logger.warn(`job listener: ${error.message}`);
      this.relisten(client);
    });
    client.on('end', () => this.relisten(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${WAKE_CHANNEL}`);
      this.listener = client;
    } catch (error) {
      this.logger.warn(`job listener: ${(error as Error).message}; plans start on the next poll`);
      this.relisten(client);
    }
  }

  private relisten(client: pg.Client): void {
    if (this.stopping || this.relistening || (this.listener !== undefined && this.listener !== client)) return;
    this.relistening = true;
    this.listener = undefined;
    client.removeAllListeners();
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    setTimeout(() => {
      this.relistening = false;
      if (!this.stopping) void this.listen();
    }, 1000).unref();
  }
}
