/**
 * Plan leases in the plans table, on the real store with the real
 * migrations: a worker takes a plan with a lease, renews it, and loses it
 * when it runs out and another worker takes the plan; an attempt that lost
 * its lease can neither renew, record progress, fail nor store the plan.
 * Expired leases are taken back once, sparing the plans this process runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openDatabase, type DatabaseConnection } from '../../src/database/database-connection.js';
import { PlanLeasesRepository } from '../../src/jobs/leases/plan-leases.repository.js';
import { PlansRepository } from '../../src/plans/persistence/plans.repository.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { createRevision, expireLeases, finishedPlan, leaseColumns, queuePlan, storedPlacements } from './support/lease-fixtures.js';

const WORKER_A = { workerId: 'host-a:101:aaaaaa', leaseSeconds: 15 };
const WORKER_B = { workerId: 'host-b:202:bbbbbb', leaseSeconds: 15 };
const RETRY_LIMIT = 3;

describe('plan leases', () => {
  let database: TestDatabase;
  let connection: DatabaseConnection;
  let dataSource: DataSource;
  let plans: PlansRepository;
  let leases: PlanLeasesRepository;
  let revision: { topologyId: string; revision: number };

  beforeAll(async () => {
    database = await createTestDatabase();
    connection = await openDatabase(database.config, { runMigrations: true });
    dataSource = connection.dataSource;
    plans = new PlansRepository(dataSource);
    leases = new PlanLeasesRepository(dataSource);
    revision = await createRevision(dataSource);
  });

  afterAll(async () => {
    await connection?.close();
    await database?.drop();
  });

  /** Takes back expired leases in one committed transaction, as one reaper round does. */
  async function reapRound(except: { workerId: string; planIds: string[] } = { workerId: 'reaper:1:000000', planIds: [] }) {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const taken = await leases.takeBackExpired(runner, { except, retryLimit: RETRY_LIMIT, limit: 100 });
      await runner.commitTransaction();
      return taken;
    } finally {
      await runner.release();
    }
  }

  it('takes a queued plan with a lease naming the worker and the attempt; nobody else takes it while the lease holds', async () => {
    const planId = await queuePlan(plans, revision, 'claimed');
    const before = Date.now();
    const claimed = await plans.claim(planId, WORKER_A);
    expect(claimed?.view).toMatchObject({ id: planId, status: 'running' });
    expect(claimed?.lease).toEqual({ planId, workerId: WORKER_A.workerId, attempt: 1 });
    const columns = await leaseColumns(dataSource, planId);
    expect(columns).toMatchObject({ status: 'running', worker_id: WORKER_A.workerId, attempts: 1 });
    // now() + 15 s on the database's clock, which is this machine's.
    expect(columns.lease_expires_at!.getTime()).toBeGreaterThanOrEqual(before + 14_000);
    expect(columns.lease_expires_at!.getTime()).toBeLessThanOrEqual(Date.now() + 16_000);

    expect(await plans.claim(planId, WORKER_B)).toBeNull();
    expect(await leaseColumns(dataSource, planId)).toMatchObject({ worker_id: WORKER_A.workerId, attempts: 1 });
  });

  it('renews a held lease from now, and ends it for a cancelled or deleted plan', async () => {
    const planId = await queuePlan(plans, revision, 'renewed');
    const { lease } = (await plans.claim(planId, { ...WORKER_A, leaseSeconds: 2 }))!;
    const first = (await leaseColumns(dataSource, planId)).lease_expires_at!;
    expect(await leases.renew(lease, 30)).toBe('renewed');
    const renewed = (await leaseColumns(dataSource, planId)).lease_expires_at!;
    expect(renewed.getTime() - first.getTime()).toBeGreaterThan(27_000);

    await plans.cancel(planId);
    expect(await leases.renew(lease, 30)).toBe('ended');
    expect(await leaseColumns(dataSource, planId)).toMatchObject({ status: 'cancelled', lease_expires_at: null });

    const deletedId = await queuePlan(plans, revision, 'deleted');
    const { lease: deletedLease } = (await plans.claim(deletedId, WORKER_A))!;
    expect(await plans.softDelete('default', deletedId)).toBe(true);
    expect(await leases.renew(deletedLease, 30)).toBe('ended');
  });

  it('gives a plan whose lease ran out to the next worker as the next attempt; the old attempt can no longer renew, record progress, fail or store', async () => {
    const planId = await queuePlan(plans, revision, 'stalled');
    const { lease: stalled } = (await plans.claim(planId, WORKER_A))!;
    expect(await plans.recordProgress(stalled, 1)).toBe(true);
    await expireLeases(dataSource, [planId]);

    // The plan is taken back and taken again while the first worker is stopped.
    expect(await reapRound()).toEqual([
      expect.objectContaining({ planId, status: 'queued', attempts: 1, lostWorkerId: WORKER_A.workerId }),
    ]);
    expect(await leaseColumns(dataSource, planId)).toMatchObject({ status: 'queued', worker_id: null, lease_expires_at: null, progress_done: 0 });
    const { lease: current } = (await plans.claim(planId, WORKER_B))!;
    expect(current).toEqual({ planId, workerId: WORKER_B.workerId, attempt: 2 });

    // The first worker resumes: each of its writes is refused while the second runs the plan.
    expect(await leases.renew(stalled, 15)).toBe('lost');
    expect(await plans.recordProgress(stalled, 2)).toBe(false);
    expect(await plans.complete(stalled, finishedPlan())).toBe(false);
    expect(await plans.fail(planId, { message: 'stale' }, stalled)).toBe(false);
    expect(await leases.release(stalled)).toBe(false);
    expect(await storedPlacements(dataSource, planId)).toBe(0);
    expect(await leaseColumns(dataSource, planId)).toMatchObject({ status: 'running', worker_id: WORKER_B.workerId, attempts: 2, progress_done: 0 });

    expect(await plans.complete(current, finishedPlan())).toBe(true);
    expect(await storedPlacements(dataSource, planId)).toBe(2);
    expect(await leaseColumns(dataSource, planId)).toMatchObject({ status: 'succeeded', worker_id: WORKER_B.workerId, lease_expires_at: null });
    expect(await plans.complete(current, finishedPlan())).toBe(false);
    expect(await storedPlacements(dataSource, planId)).toBe(2);
  });

  it('lets a worker take a running plan whose lease ran out before any reaper did', async () => {
    const planId = await queuePlan(plans, revision, 'claimed-after-expiry');
    const { lease: first } = (await plans.claim(planId, WORKER_A))!;
    await expireLeases(dataSource, [planId]);
    const { lease: second } = (await plans.claim(planId, WORKER_B))!;
    expect(second.attempt).toBe(2);
    expect(await plans.complete(first, finishedPlan())).toBe(false);
    expect(await leases.renew(second, 15)).toBe('renewed');
  });

  it('hands a plan back to queued on shutdown, for the next attempt to take at once', async () => {
    const planId = await queuePlan(plans, revision, 'handed-back');
    const { lease } = (await plans.claim(planId, WORKER_A))!;
    expect(await leases.release(lease)).toBe(true);
    expect(await leaseColumns(dataSource, planId)).toMatchObject({ status: 'queued', worker_id: null, lease_expires_at: null });
    expect((await plans.claim(planId, WORKER_B))?.lease.attempt).toBe(2);
  });

  it('takes back expired leases once, sparing live leases and the plans the reaping process runs, and fails a plan taken too often', async () => {
    const ids = {
      lost: await queuePlan(plans, revision, 'lost'),
      live: await queuePlan(plans, revision, 'live'),
      ownRunning: await queuePlan(plans, revision, 'own-running'),
      ownLeftover: await queuePlan(plans, revision, 'own-leftover'),
      exhausted: await queuePlan(plans, revision, 'exhausted'),
    };
    const reaper = { workerId: 'reaper:303:cccccc', leaseSeconds: 15 };
    await plans.claim(ids.lost, WORKER_A);
    await plans.claim(ids.live, WORKER_A);
    await plans.claim(ids.ownRunning, reaper);
    await plans.claim(ids.ownLeftover, reaper);
    await plans.claim(ids.exhausted, WORKER_A);
    await dataSource.query('UPDATE plans SET attempts = $2 WHERE id = $1', [ids.exhausted, RETRY_LIMIT + 1]);
    await expireLeases(dataSource, [ids.lost, ids.ownRunning, ids.ownLeftover, ids.exhausted]);

    const taken = await reapRound({ workerId: reaper.workerId, planIds: [ids.ownRunning] });
    expect(new Map(taken.map((plan) => [plan.planId, plan.status]))).toEqual(
      new Map([
        [ids.lost, 'queued'],
        [ids.ownLeftover, 'queued'],
        [ids.exhausted, 'failed'],
      ]),
    );
    expect(await reapRound({ workerId: reaper.workerId, planIds: [ids.ownRunning] })).toEqual([]);
    expect(await leaseColumns(dataSource, ids.live)).toMatchObject({ status: 'running', worker_id: WORKER_A.workerId });
    expect(await leaseColumns(dataSource, ids.ownRunning)).toMatchObject({ status: 'running', worker_id: reaper.workerId });
    expect(await leaseColumns(dataSource, ids.exhausted)).toMatchObject({
      status: 'failed',
      lease_expires_at: null,
      error: {
        message: `the plan was taken ${RETRY_LIMIT + 1} times and its last worker was lost (killed, or stalled past its lease); it is not tried again (PLAN_JOB_RETRY_LIMIT)`,
      },
    });
    // The running plan is no longer this process's (it finished, or its process restarted): then it is taken back too.
    expect((await reapRound({ workerId: reaper.workerId, planIds: [] })).map((plan) => plan.planId)).toEqual([ids.ownRunning]);
  });
});
