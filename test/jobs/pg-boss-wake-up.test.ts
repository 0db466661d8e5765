/**
 * A queued plan job starts at once, not at the consumer's next poll: the
 * enqueuing process wakes its own workers and NOTIFYs the others, which
 * LISTEN. Two queue instances on one database stand for an API process and a
 * worker process; their poll interval (60 s) is far longer than the test
 * allows, so only the wake-up can start the jobs in time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_JOBS_CONFIG } from '../../src/config/app-config.js';
import { PgBossPlanQueue } from '../../src/jobs/queue/pg-boss-plan-queue.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const config = { ...DEFAULT_JOBS_CONFIG, jobPollSeconds: 60 };
/** Far below the poll interval, far above a wake-up on a loaded machine. */
const WAKE_UP_WITHIN_MS = 10_000;

describe('plan jobs on pg-boss', () => {
  let database: TestDatabase;
  let api: PgBossPlanQueue;
  let worker: PgBossPlanQueue;
  const started = new Map<string, number>();
  const waiting = new Map<string, () => void>();

  beforeAll(async () => {
    database = await createTestDatabase();
    api = new PgBossPlanQueue(database.config.url, config);
    await api.start();
    worker = new PgBossPlanQueue(database.config.url, config);
    await worker.start();
    await worker.consume(async (planId) => {
      started.set(planId, performance.now());
      waiting.get(planId)?.();
    }, 2);
    // pg-boss polls once as a worker starts; let that first (empty) poll pass so only a wake-up can start the job.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }, 60_000);

  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await database?.drop();
  });

  const startOf = (planId: string) => new Promise<void>((resolve) => waiting.set(planId, resolve));

  it('starts a job queued by another process at once, through NOTIFY', async () => {
    const planId = '00000000-0000-4000-8000-000000000001';
    const running = startOf(planId);
    const queued = performance.now();
    await api.enqueue(planId);
    await running;
    expect(started.get(planId)! - queued).toBeLessThan(WAKE_UP_WITHIN_MS);
  }, 30_000);

  it('starts a job queued in its own process at once', async () => {
    const planId = '00000000-0000-4000-8000-000000000002';
    const running = startOf(planId);
    const queued = performance.now();
    await worker.enqueue(planId);
    await running;
    expect(started.get(planId)! - queued).toBeLessThan(WAKE_UP_WITHIN_MS);
  }, 30_000);
});
