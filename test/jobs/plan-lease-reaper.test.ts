/**
 * The reaper over pg-boss on Postgres: a plan whose worker's lease ran out is
 * queued again with exactly one new job, however many processes reap at the
 * same moment; when the job cannot be enqueued, the plan stays as it was
 * (one transaction).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { DEFAULT_JOBS_CONFIG, loadAppConfig, type AppConfig } from '../../src/config/app-config.js';
import { openDatabase, type DatabaseConnection } from '../../src/database/database-connection.js';
import { PlanLeaseMetrics } from '../../src/jobs/leases/plan-lease-metrics.js';
import { MetricsRegistry } from '../../src/observability/metrics/metrics-registry.js';
import { PlanLeaseReaper } from '../../src/jobs/leases/plan-lease-reaper.js';
import { PlanLeases } from '../../src/jobs/leases/plan-leases.service.js';
import { PlanLeasesRepository } from '../../src/jobs/leases/plan-leases.repository.js';
import { PgBossPlanQueue } from '../../src/jobs/queue/pg-boss-plan-queue.js';
import type { PlanQueue } from '../../src/jobs/queue/plan-queue.js';
import { PlansRepository } from '../../src/plans/persistence/plans.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { createRevision, expireLeases, leaseColumns, queuePlan } from './support/lease-fixtures.js';

const REAPERS = 4;

describe('plan lease reaper on pg-boss', () => {
  let database: TestDatabase;
  let connection: DatabaseConnection;
  let dataSource: DataSource;
  let plans: PlansRepository;
  let queue: PgBossPlanQueue;
  let config: AppConfig;
  let revision: { topologyId: string; revision: number };

  beforeAll(async () => {
    database = await createTestDatabase();
    connection = await openDatabase(database.config, { runMigrations: true });
    dataSource = connection.dataSource;
    plans = new PlansRepository(dataSource);
    config = { ...loadAppConfig({}), database: database.config, jobs: DEFAULT_JOBS_CONFIG };
    queue = new PgBossPlanQueue(database.config.url, DEFAULT_JOBS_CONFIG);
    await queue.start();
    revision = await createRevision(dataSource);
  }, 60_000);

  afterAll(async () => {
    await queue?.stop();
    await connection?.close();
    await database?.drop();
  });

  /** A reaper as one process has it: its own worker id, metrics, and the given queue. */
  function reaper(planQueue: PlanQueue = queue): { reaper: PlanLeaseReaper; metrics: PlanLeaseMetrics } {
    const repository = new PlanLeasesRepository(dataSource);
    const metrics = new PlanLeaseMetrics(new MetricsRegistry({ processMetrics: false }));
    return { reaper: new PlanLeaseReaper(dataSource, repository, new PlanLeases(repository, metrics, config), metrics, planQueue, config), metrics };
  }

  const jobsOf = async (planId: string) =>
    (await dataSource.query(`SELECT state FROM pgboss.job WHERE name = 'podplan-plans' AND data->>'planId' = $1`, [planId])) as { state: string }[];

  it('queues a plan whose lease ran out again with one new job, however many processes reap at once', async () => {
    const planId = await queuePlan(plans, revision, 'lost-worker');
    await plans.claim(planId, { workerId: 'dead-host:1:000000', leaseSeconds: 15 });
    await expireLeases(dataSource, [planId]);

    const reapers = Array.from({ length: REAPERS }, () => reaper());
    const rounds = await Promise.all(reapers.map(({ reaper: each }) => each.reapExpired()));
    expect(rounds.flat()).toEqual([expect.objectContaining({ planId, status: 'queued', lostWorkerId: 'dead-host:1:000000' })]);
    expect(reapers.reduce((sum, { metrics }) => sum + metrics.counts().requeued, 0)).toBe(1);
    expect(await leaseColumns(dataSource, planId)).toMatchObject({ status: 'queued', worker_id: null });
    expect(await jobsOf(planId)).toEqual([{ state: 'created' }]);

    // Later rounds find nothing more to do.
    expect((await Promise.all(reapers.map(({ reaper: each }) => each.reapExpired()))).flat()).toEqual([]);
    expect(await jobsOf(planId)).toHaveLength(1);
  });

  it('wakes when the next lease runs out, not a whole interval later, and at start-up', async () => {
    // A 60 s interval: only the wake-up at the lease's expiry can take the plan back within the test's time.
    const slow: AppConfig = { ...config, jobs: { ...DEFAULT_JOBS_CONFIG, leaseSeconds: 120, leaseRenewSeconds: 60 } };
    const repository = new PlanLeasesRepository(dataSource);
    const metrics = new PlanLeaseMetrics(new MetricsRegistry({ processMetrics: false }));
    const reaper = new PlanLeaseReaper(dataSource, repository, new PlanLeases(repository, metrics, slow), metrics, queue, slow);
    const expired = await queuePlan(plans, revision, 'expired-before-start');
    await plans.claim(expired, { workerId: 'dead-host:3:000000', leaseSeconds: 15 });
    await expireLeases(dataSource, [expired]);
    const expiring = await queuePlan(plans, revision, 'expiring-soon');
    await plans.claim(expiring, { workerId: 'dead-host:4:000000', leaseSeconds: 2 });
    reaper.onApplicationBootstrap();
    try {
      await expect.poll(async () => (await leaseColumns(dataSource, expired)).status, { timeout: 10_000 }).toBe('queued');
      await expect.poll(async () => (await leaseColumns(dataSource, expiring)).status, { timeout: 20_000 }).toBe('queued');
      expect(metrics.counts().requeued).toBe(2);
    } finally {
      await reaper.beforeApplicationShutdown();
    }
  }, 30_000);

  it('leaves the plan running under its expired lease when its job cannot be enqueued', async () => {
    const planId = await queuePlan(plans, revision, 'enqueue-fails');
    await plans.claim(planId, { workerId: 'dead-host:2:000000', leaseSeconds: 15 });
    await expireLeases(dataSource, [planId]);
    const failing: PlanQueue = {
      description: 'a queue whose enqueue fails inside the transaction',
      start: async () => undefined,
      enqueue: async () => undefined,
      consume: async () => undefined,
      stop: async () => undefined,
      depth: async () => ({ waiting: 0, active: 0, oldestWaitingSeconds: 0 }),
      enqueueWithin: async (sql) => {
        await sql('INSERT INTO no_such_table VALUES (1)', []);
        return () => undefined;
      },
    };
    const { reaper: broken, metrics } = reaper(failing);
    await expect(broken.reapExpired()).rejects.toThrow(/no_such_table/);
    expect(metrics.counts().requeued).toBe(0);
    expect(await leaseColumns(dataSource, planId)).toMatchObject({ status: 'running', worker_id: 'dead-host:2:000000', attempts: 1 });
    expect(await jobsOf(planId)).toEqual([]);

    // The next round, with a working queue, takes it back.
    expect((await reaper().reaper.reapExpired()).map((plan) => plan.planId)).toEqual([planId]);
    expect(await jobsOf(planId)).toHaveLength(1);
  });
});
