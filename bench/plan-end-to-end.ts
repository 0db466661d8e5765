/**
 * `npm run bench:plan`: a plan on a saved topology through REST — import,
 * plan (a background job at these sizes), read back — against the pure
 * engine time for the same input (which includes indexing the cluster). The
 * plan runs twice: the first also loads and indexes the saved revision on
 * the engine thread, the second finds it cached.
 *
 * Two shapes (BENCH_PLAN):
 * - `replicas` (default): one 1,000-replica Deployment on 5,000 nodes /
 *   50,000 running pods, a replica run.
 * - `distinct` (`npm run bench:plan-distinct`, issue 14): 2,000 small
 *   Deployments of 1–3 replicas, each with its own labels (a quarter with
 *   hostname anti-affinity, a quarter zone-spread: distinct-workloads.ts
 *   distinctSmallWorkloads) on 5,000 nodes / 10,000 running pods, so every
 *   pod is scheduled one by one.
 *
 * Reports seconds, pods/s, time to the first decision (pure: the engine's
 * first pod; REST: until the plan's recorded progress shows its first pod)
 * and peak RSS (this process for the engine; the service process, engine
 * threads included, for REST). The service runs on a throwaway database of
 * BENCH_DATABASE_URL / TEST_DATABASE_URL's server, else on its embedded
 * PostgreSQL (./bench-service.ts).
 *
 * Settings (environment): BENCH_PLAN, BENCH_NODES (5000), BENCH_EXISTING_PODS
 * (50000 / 10000), BENCH_REPLICAS (1000, `replicas` only), BENCH_WORKLOADS
 * (2000, `distinct` only).
 */
import { cpus, totalmem } from 'node:os';
import { ClusterState } from '../src/scheduling/model/cluster-state.js';
import { executeSimulation, prepareSimulation } from '../src/simulation/run-simulation.js';
import { loadAverage, peakRssMiB, postJson, processCpuSeconds, seconds, startBenchService, waitFor } from './bench-service.js';
import { distinctSmallWorkloads } from './distinct-workloads.js';
import { deployment, syntheticCluster } from './synthetic-cluster.js';

const shape = process.env.BENCH_PLAN === 'distinct' ? 'distinct' : 'replicas';
const nodes = Number(process.env.BENCH_NODES ?? 5000);
const existingPods = Number(process.env.BENCH_EXISTING_PODS ?? (shape === 'distinct' ? 10_000 : 50_000));
const workloads =
  shape === 'distinct'
    ? distinctSmallWorkloads(Number(process.env.BENCH_WORKLOADS ?? 2000))
    : [deployment('web', Number(process.env.BENCH_REPLICAS ?? 1000), { app: 'web' })];
const replicas = workloads.reduce((sum, workload) => sum + (workload.spec?.replicas ?? 1), 0);

const objects = syntheticCluster({ nodes, existingPods });
const loadAtStart = loadAverage();

const engineStarted = performance.now();
const engineCpuStarted = process.cpuUsage();
let engineFirstDecision: number | undefined;
const prepared = prepareSimulation(ClusterState.fromObjects(objects), workloads, undefined, objects);
const indexedSeconds = seconds(engineStarted);
const planStarted = performance.now();
executeSimulation(prepared, {
  explain: 'summary',
  mode: 'exhaustive',
  onProgress: () => (engineFirstDecision ??= performance.now() - planStarted),
});
const engineSeconds = seconds(engineStarted);
const engineCpu = process.cpuUsage(engineCpuStarted);
const enginePlanSeconds = (performance.now() - planStarted) / 1000;

const service = await startBenchService();
try {
  const { id, importSeconds } = await service.importTopology(objects);

  type PlanBody = { status: string; progress?: { done: number }; summary?: { scheduled: number }; placements: unknown[]; timings?: unknown };
  /** Submits the plan and waits for it: seconds to the 202, to the first decision recorded, and to `succeeded`. */
  const runPlan = async () => {
    const started = performance.now();
    const cpuBefore = processCpuSeconds(service.pid) ?? 0;
    const created = await postJson(`${service.base}/v1/topologies/${id}/plans`, { workloads });
    if (created.status !== 201 && created.status !== 202) throw new Error(`plan answered ${created.status}: ${created.text.slice(0, 2000)}`);
    const acceptedSeconds = seconds(started);
    const { id: planId } = JSON.parse(created.text) as { id: string };
    let firstDecisionSeconds: number | undefined;
    await waitFor(async () => {
      const plan = (await (await fetch(`${service.base}/v1/plans/${planId}?limit=1`)).json()) as PlanBody;
      if (firstDecisionSeconds === undefined && ((plan.progress?.done ?? 0) > 0 || plan.status === 'succeeded')) firstDecisionSeconds = seconds(started);
      return plan.status === 'succeeded' || plan.status === 'failed';
    }, 3_600_000);
    const planSeconds = seconds(started);
    // The service's CPU over the plan, every thread: steadier than wall time on a busy machine.
    const serviceCpuSeconds = Number(((processCpuSeconds(service.pid) ?? 0) - cpuBefore).toFixed(2));
    return { planId, acceptedSeconds, firstDecisionSeconds, planSeconds, podsPerSecond: Math.round(replicas / planSeconds), serviceCpuSeconds };
  };
  // The first plan on a revision also loads and indexes it on the engine thread; the second finds it cached.
  const first = await runPlan();
  const second = await runPlan();
  const readStarted = performance.now();
  const readBack = (await (await fetch(`${service.base}/v1/plans/${first.planId}`)).json()) as PlanBody;
  const readSeconds = seconds(readStarted);
  console.log(
    JSON.stringify(
      {
        machine: { cores: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
        loadAverageAtStart: loadAtStart,
        shape,
        nodes,
        existingPods,
        workloads: workloads.length,
        replicas,
        engine: {
          seconds: engineSeconds,
          indexingSeconds: indexedSeconds,
          planSeconds: Number(enginePlanSeconds.toFixed(2)),
          cpuSeconds: Number(((engineCpu.user + engineCpu.system) / 1e6).toFixed(2)),
          podsPerSecond: Math.round(replicas / enginePlanSeconds),
          firstDecisionMs: engineFirstDecision === undefined ? null : Number(engineFirstDecision.toFixed(1)),
          peakRssMiB: peakRssMiB(),
        },
        rest: {
          database: service.database,
          importSeconds,
          first: { ...first, ratioToEngine: Number((first.planSeconds / engineSeconds).toFixed(2)) },
          second: { ...second, ratioToEngine: Number((second.planSeconds / engineSeconds).toFixed(2)) },
          readBackSeconds: readSeconds,
          status: readBack.status,
          scheduled: readBack.summary?.scheduled,
          placementsRead: readBack.placements.length,
          timings: readBack.timings,
          servicePeakRssMiB: peakRssMiB(service.pid),
        },
        loadAverageAfter: loadAverage(),
      },
      null,
      2,
    ),
  );
} finally {
  await service.stop();
}
