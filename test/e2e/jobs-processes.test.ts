/**
 * Scale-out over real processes: two `serve` API processes and two `worker`
 * processes (compiled JavaScript, child processes) on one private Postgres
 * database. Many plans submitted concurrently through both APIs each complete
 * exactly once; a worker SIGKILLed in the middle of a plan has its job retried
 * and finished by the other; nothing is lost. Needs Postgres (TEST_DATABASE_URL):
 * the embedded store is one process by design.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { buildPrivateCopy, type PrivateBuild } from '../jobs/support/private-build.js';
import { startPodplanProcess, type PodplanProcess } from '../jobs/support/podplan-process.js';
import { deployment, statefulSet, zonedNode } from './plans-fixtures.js';

const CONCURRENT_PLANS = 24;
const REPLICAS_PER_PLAN = 6;
/**
 * Long enough on one engine thread that a kill lands mid-plan: a
 * StatefulSet's pods each carry their own pod-name label, so no replica run
 * shortens it (every pod is scheduled on its own, about a second in all).
 */
const LONG_PLAN_REPLICAS = 3_000;
const NODES = 400;
/** A lost job is retried after this; every plan here finishes well within it. */
const JOB_EXPIRE_SECONDS = 6;

async function waitForPlans(apis: readonly PodplanProcess[], ids: readonly string[], timeoutMs: number): Promise<any[]> {
  const deadline = Date.now() + timeoutMs;
  const finished = new Map<string, any>();
  while (finished.size < ids.length) {
    if (Date.now() > deadline) throw new Error(`${ids.length - finished.size} plan(s) unfinished after ${timeoutMs} ms`);
    await Promise.all(
      ids
        .filter((id) => !finished.has(id))
        .map(async (id, index) => {
          const response = await fetch(`${apis[index % apis.length].url}/v1/plans/${id}`);
          const plan = (await response.json()) as { status: string };
          if (['succeeded', 'failed', 'cancelled'].includes(plan.status)) finished.set(id, plan);
        }),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return ids.map((id) => finished.get(id));
}

async function submitPlan(api: PodplanProcess, topologyId: string, name: string, replicas: number, kind: 'Deployment' | 'StatefulSet' = 'Deployment'): Promise<string> {
  const workload = kind === 'Deployment' ? deployment(name, replicas) : statefulSet(name, replicas);
  const response = await fetch(`${api.url}/v1/topologies/${topologyId}/plans`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, workloads: [workload] }),
  });
  const body = (await response.json()) as { id: string };
  if (response.status !== 202) throw new Error(`plan ${name}: ${response.status} ${JSON.stringify(body)}`);
  return body.id;
}

describe('two API processes and two workers on one Postgres', () => {
  let build: PrivateBuild;
  let database: TestDatabase;
  let client: pg.Client;
  const apis: PodplanProcess[] = [];
  let workers: PodplanProcess[] = [];
  let topologyId: string;
  const environment = (role: string) => ({
    DATABASE_URL: database.config.kind === 'postgres' ? database.config.url : '',
    PODPLAN_ROLE: role,
    PLAN_ASYNC_THRESHOLD: '0',
    ENGINE_THREADS: '1',
    PLAN_JOB_CONCURRENCY: '1',
    PLAN_JOB_EXPIRE_SECONDS: String(JOB_EXPIRE_SECONDS),
    PLAN_JOB_POLL_SECONDS: '0.5',
    PODPLAN_RATE_LIMIT_PER_MINUTE: '0',
    LOG_LEVEL: 'log',
  });

  beforeAll(async () => {
    if (!process.env.TEST_DATABASE_URL) throw new Error('the scale-out test needs Postgres: set TEST_DATABASE_URL');
    [build, database] = await Promise.all([buildPrivateCopy(), createTestDatabase()]);
    if (database.config.kind !== 'postgres') throw new Error('expected a Postgres test database');
    // One process first: it applies the migrations and creates pg-boss's schema; the rest then start together.
    apis.push(await startPodplanProcess(build.directory, 'api-1', environment('serve')));
    const others = await Promise.all([
      startPodplanProcess(build.directory, 'api-2', environment('serve')),
      startPodplanProcess(build.directory, 'worker-1', environment('worker')),
      startPodplanProcess(build.directory, 'worker-2', environment('worker')),
    ]);
    apis.push(others[0]);
    workers = others.slice(1);
    client = new pg.Client({ connectionString: database.config.url });
    await client.connect();

    const nodes = Array.from({ length: NODES }, (_, index) => zonedNode(`node-${index}`, ['a', 'b', 'c'][index % 3]));
    const response = await fetch(`${apis[0].url}/v1/topologies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'scale-out', objects: nodes }),
    });
    expect(response.status).toBe(201);
    topologyId = ((await response.json()) as { id: string }).id;
  }, 180_000);

  afterAll(async () => {
    await client?.end();
    await Promise.all([...apis, ...workers].map((child) => child.kill('SIGTERM')));
    await database?.drop();
    await build?.remove();
  });

  const jobsOf = async (planIds: readonly string[]) =>
    (
      await client.query<{ plan: string; state: string; retry_count: number }>(
        `SELECT data->>'planId' AS plan, state, retry_count FROM pgboss.job WHERE name = 'podplan-plans' AND data->>'planId' = ANY($1)`,
        [planIds],
      )
    ).rows;

  it('completes every one of many concurrently submitted plans exactly once, with both workers taking jobs', async () => {
    const ids = await Promise.all(
      Array.from({ length: CONCURRENT_PLANS }, (_, index) => submitPlan(apis[index % 2], topologyId, `plan-${index}`, REPLICAS_PER_PLAN)),
    );
    expect(new Set(ids).size).toBe(CONCURRENT_PLANS);

    const plans = await waitForPlans(apis, ids, 60_000);
    for (const plan of plans) {
      expect(plan).toMatchObject({ status: 'succeeded', progress: { done: REPLICAS_PER_PLAN, total: REPLICAS_PER_PLAN } });
      expect(plan.summary).toEqual({ replicas: REPLICAS_PER_PLAN, scheduled: REPLICAS_PER_PLAN, unschedulable: 0 });
      expect(plan.placements).toHaveLength(REPLICAS_PER_PLAN);
    }
    const jobs = await jobsOf(ids);
    expect(jobs.map((job) => job.plan).sort()).toEqual([...ids].sort());
    expect(jobs.every((job) => job.state === 'completed')).toBe(true);
    const placements = await client.query<{ plan_id: string; rows: number }>(
      'SELECT plan_id, count(*)::int AS rows FROM plan_placements WHERE plan_id = ANY($1) GROUP BY plan_id',
      [ids],
    );
    expect(placements.rows.map((row) => row.rows)).toEqual(ids.map(() => REPLICAS_PER_PLAN));
    for (const worker of workers) expect(worker.output()).toMatch(/plan [0-9a-f-]{36}: running/);
  }, 90_000);

  it('serves nothing but its probes from a worker', async () => {
    const [health, api] = await Promise.all([fetch(`${workers[0].url}/healthz`), fetch(`${workers[0].url}/v1/topologies`)]);
    expect(health.status).toBe(200);
    expect(api.status).toBe(404);
  });

  it('hands the plan of a worker stopped with SIGTERM back to the queue, and the other worker completes it', async () => {
    const id = await submitPlan(apis[1], topologyId, 'handed-back', LONG_PLAN_REPLICAS, 'StatefulSet');
    const started = `plan ${id}: running`;
    await Promise.any(workers.map((worker) => worker.waitForOutput(started, 30_000)));
    const stopping = workers.find((worker) => worker.output().includes(started))!;
    const other = workers.find((worker) => worker !== stopping)!;
    expect(await stopping.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(stopping.output()).toContain(`plan ${id}: interrupted by shutdown, handed back to the queue`);

    const [plan] = await waitForPlans(apis, [id], 60_000);
    expect(plan).toMatchObject({ status: 'succeeded', progress: { done: LONG_PLAN_REPLICAS, total: LONG_PLAN_REPLICAS } });
    expect(other.output()).toContain(started);
    const [job] = await jobsOf([id]);
    expect(job.state).toBe('completed');
    expect(job.retry_count).toBeGreaterThanOrEqual(1);
    // Two workers again for the next case.
    workers = [other, await startPodplanProcess(build.directory, 'worker-3', environment('worker'))];
  }, 120_000);

  it('retries the job of a worker SIGKILLed mid-plan on the other worker, which completes it', async () => {
    const id = await submitPlan(apis[0], topologyId, 'long', LONG_PLAN_REPLICAS, 'StatefulSet');
    const started = `plan ${id}: running`;
    await Promise.any(workers.map((worker) => worker.waitForOutput(started, 30_000)));
    const victim = workers.find((worker) => worker.output().includes(started))!;
    const survivor = workers.find((worker) => worker !== victim)!;
    await victim.kill('SIGKILL');
    const midPlan = await client.query<{ status: string }>('SELECT status FROM plans WHERE id = $1', [id]);
    expect(midPlan.rows[0].status).toBe('running');

    const [plan] = await waitForPlans(apis, [id], 60_000);
    expect(plan).toMatchObject({ status: 'succeeded', progress: { done: LONG_PLAN_REPLICAS, total: LONG_PLAN_REPLICAS } });
    expect(plan.summary.replicas).toBe(LONG_PLAN_REPLICAS);
    expect(survivor.output()).toContain(started);
    const [job] = await jobsOf([id]);
    expect(job.state).toBe('completed');
    // At least the retry after the kill (a slow machine may also expire the survivor's attempt; it is still stored once).
    expect(job.retry_count).toBeGreaterThanOrEqual(1);
    const stored = await client.query<{ rows: number }>('SELECT count(*)::int AS rows FROM plan_placements WHERE plan_id = $1', [id]);
    expect(stored.rows[0].rows).toBe(LONG_PLAN_REPLICAS);
    const statuses = await client.query<{ status: string; plans: number }>('SELECT status, count(*)::int AS plans FROM plans GROUP BY status');
    expect(statuses.rows).toEqual([{ status: 'succeeded', plans: CONCURRENT_PLANS + 2 }]);
  }, 120_000);
});
