/**
 * `npm run bench:plan`: a 1,000-replica plan on a saved 5,000-node /
 * 50,000-pod topology through REST — import, plan (a background job at this
 * size), read back — against the pure engine time for the same input (which
 * includes indexing the cluster). The plan runs twice: the first also loads
 * and indexes the saved revision on the engine thread, the second finds it
 * cached.
 * Needs a Postgres (BENCH_DATABASE_URL, default the local test server); runs
 * the built service as a child process on a throwaway database.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ClusterState } from '../src/scheduling/model/cluster-state.js';
import { executeSimulation, prepareSimulation } from '../src/simulation/run-simulation.js';
import { deployment, syntheticCluster } from './synthetic-cluster.js';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const nodes = Number(process.env.BENCH_NODES ?? 5000);
const existingPods = Number(process.env.BENCH_EXISTING_PODS ?? 50_000);
const replicas = Number(process.env.BENCH_REPLICAS ?? 1000);
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;

const seconds = (started: number) => Number(((performance.now() - started) / 1000).toFixed(2));

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const objects = syntheticCluster({ nodes, existingPods });
const workload = deployment('web', replicas, { app: 'web' });

const engineStarted = performance.now();
const prepared = prepareSimulation(ClusterState.fromObjects(objects), [workload], undefined, objects);
executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' });
const engineSeconds = seconds(engineStarted);

const database = `podplan_bench_${randomBytes(4).toString('hex')}`;
await admin(`CREATE DATABASE ${database}`);
const url = new URL(adminUrl);
url.pathname = `/${database}`;
const server = spawn(process.execPath, ['dist/src/main.js'], {
  env: { ...process.env, DATABASE_URL: url.toString(), PORT: String(port), LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
try {
  await waitFor(async () => (await fetch(`${base}/readyz`)).ok, 60_000);
  const body = JSON.stringify({ name: 'bench', objects: [{ apiVersion: 'v1', kind: 'List', items: [...objects.nodes, ...objects.pods] }] });
  const importStarted = performance.now();
  const imported = await fetch(`${base}/v1/topologies`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  if (imported.status !== 201) throw new Error(`import answered ${imported.status}: ${await imported.text()}`);
  const importSeconds = seconds(importStarted);
  const { id } = (await imported.json()) as { id: string };

  type PlanBody = { status: string; summary?: { scheduled: number }; placements: unknown[]; timings?: unknown };
  /** Submits the plan and waits for it: seconds to the 202 and to `succeeded`. */
  const runPlan = async (): Promise<{ planId: string; acceptedSeconds: number; planSeconds: number }> => {
    const planStarted = performance.now();
    const created = await fetch(`${base}/v1/topologies/${id}/plans`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ workloads: [workload] }),
    });
    if (created.status !== 201 && created.status !== 202) throw new Error(`plan answered ${created.status}: ${await created.text()}`);
    const acceptedSeconds = seconds(planStarted);
    const { id: planId } = (await created.json()) as { id: string };
    await waitFor(async () => {
      const plan = (await (await fetch(`${base}/v1/plans/${planId}?limit=1`)).json()) as PlanBody;
      return plan.status === 'succeeded' || plan.status === 'failed';
    }, 600_000);
    return { planId, acceptedSeconds, planSeconds: seconds(planStarted) };
  };
  // The first plan on a revision also loads and indexes it on the engine thread; the second finds it cached.
  const first = await runPlan();
  const second = await runPlan();
  const { planId, acceptedSeconds, planSeconds } = first;
  const readStarted = performance.now();
  const readBack = (await (await fetch(`${base}/v1/plans/${planId}`)).json()) as PlanBody;
  const readSeconds = seconds(readStarted);
  console.log(
    JSON.stringify(
      {
        nodes,
        existingPods,
        replicas,
        engineSeconds,
        importSeconds,
        planSecondsThroughRest: planSeconds,
        acceptedSeconds,
        ratioToEngine: Number((planSeconds / engineSeconds).toFixed(2)),
        secondPlanSecondsThroughRest: second.planSeconds,
        secondPlanAcceptedSeconds: second.acceptedSeconds,
        secondRatioToEngine: Number((second.planSeconds / engineSeconds).toFixed(2)),
        readBackSeconds: readSeconds,
        status: readBack.status,
        scheduled: readBack.summary?.scheduled,
        placementsRead: readBack.placements.length,
        timings: readBack.timings,
      },
      null,
      2,
    ),
  );
} finally {
  server.kill('SIGTERM');
  await new Promise((resolve) => server.once('exit', resolve));
  await admin(`DROP DATABASE ${database}`);
}
