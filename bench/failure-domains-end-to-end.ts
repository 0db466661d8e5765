/**
 * `npm run bench:failure-domains`: the whole-cluster failure-domain analysis
 * (issue 14) on a 5,000-node / 50,000-pod cluster of small Deployments
 * (./owned-cluster.ts): every running workload is studied, each zone is lost
 * in turn and the pods it ran are scheduled again on the survivors.
 *
 * First the pure analysis in this process (the code the engine thread runs,
 * without HTTP and database): seconds, CPU seconds, rescheduled pods per
 * second, time to the first decision, peak RSS. Then through REST: the
 * topology is imported into the built service (./bench-service.ts: a
 * throwaway database on BENCH_DATABASE_URL / TEST_DATABASE_URL, else the
 * embedded PostgreSQL) and `POST /v1/analyses/failure-domains` is timed to
 * its answer, with the service's peak RSS.
 *
 * The analysis is one request someone waits for, bounded by
 * PODPLAN_PLAN_TIMEOUT_MS (default 120 s): the bench raises it to
 * BENCH_PLAN_TIMEOUT_MS (default one hour) so the time is measured, and says
 * whether the default would have stopped it.
 *
 * Settings (environment): BENCH_NODES (5000), BENCH_PODS (50000),
 * BENCH_PURE (`full`; `first` stops each domain's plan after its first
 * decision, for the time to the first decision alone; `0` skips the
 * in-process run), BENCH_REST (1; 0 skips REST),
 * BENCH_PLAN_TIMEOUT_MS (3600000).
 */
import { cpus, totalmem } from 'node:os';
import type { V1Pod } from '@kubernetes/client-node';
import { ClusterState } from '../src/scheduling/model/cluster-state.js';
import { Planner, type PlanOptions } from '../src/scheduling/planner/planner.js';
import { prepareSimulation } from '../src/simulation/run-simulation.js';
import { analyzeFailureDomains, DEFAULT_TOPOLOGY_KEY, workloadsInCluster } from '../src/what-if/failure-domains.js';
import { loadAverage, peakRssMiB, postJson, processCpuSeconds, seconds, startBenchService } from './bench-service.js';
import { ownedCluster } from './owned-cluster.js';

const nodes = Number(process.env.BENCH_NODES ?? 5000);
const pods = Number(process.env.BENCH_PODS ?? 50_000);
const pure = process.env.BENCH_PURE ?? 'full';
const planTimeoutMs = process.env.BENCH_PLAN_TIMEOUT_MS ?? '3600000';
const DEFAULT_PLAN_TIMEOUT_SECONDS = 120;

const objects = ownedCluster(nodes, pods);
const report: Record<string, unknown> = {
  machine: { cores: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  nodes,
  pods: objects.pods.length,
  loadAverageAtStart: loadAverage(),
};

if (pure !== '0') {
  const state = ClusterState.fromObjects(objects);
  const prepared = prepareSimulation(state, [], undefined, objects);
  const planner = new Planner(prepared.profile);
  let firstDecision: number | undefined;
  let rescheduled = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const studied = workloadsInCluster(prepared.cluster);
  const analysis = analyzeFailureDomains(
    {
      plan: (cluster: ClusterState, lost: readonly V1Pod[], options: PlanOptions = {}) => {
        rescheduled += lost.length;
        return planner.plan(cluster, lost, {
          ...options,
          ...(pure === 'first' && { shouldStop: () => firstDecision !== undefined }),
          onProgress: (done, total) => {
            if (firstDecision === undefined) firstDecision = performance.now() - started;
            options.onProgress?.(done, total);
          },
        });
      },
    },
    prepared.cluster,
    studied,
    DEFAULT_TOPOLOGY_KEY,
  );
  const wall = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  report.pure =
    pure === 'first'
      ? { mode: pure, workloads: studied.length, firstDecisionMs: firstDecision === undefined ? null : Number(firstDecision.toFixed(1)), peakRssMiB: peakRssMiB() }
      : {
          mode: pure,
          workloads: studied.length,
          domains: analysis.domains.length,
          rescheduled,
          unplaceable: analysis.domains.reduce((sum, domain) => sum + domain.workloads.reduce((inner, impact) => inner + impact.unplaceable, 0), 0),
          workloadsNotSurviving: analysis.verdicts.filter((verdict) => !verdict.fullyRecovers).length,
          seconds: Number(wall.toFixed(2)),
          cpuSeconds: Number(cpuSeconds.toFixed(2)),
          podsPerSecond: Math.round(rescheduled / wall),
          podsPerCpuSecond: Math.round(rescheduled / cpuSeconds),
          firstDecisionMs: firstDecision === undefined ? null : Number(firstDecision.toFixed(1)),
          peakRssMiB: peakRssMiB(),
          loadAverageAfter: loadAverage(),
        };
  console.log(JSON.stringify({ pure: report.pure }));
}

if (process.env.BENCH_REST !== '0') {
  const service = await startBenchService({ PODPLAN_PLAN_TIMEOUT_MS: planTimeoutMs });
  try {
    const { id, importSeconds } = await service.importTopology(objects);
    const started = performance.now();
    const cpuBefore = processCpuSeconds(service.pid);
    const answer = await postJson(`${service.base}/v1/analyses/failure-domains`, { topologyId: id });
    const analysisSeconds = seconds(started);
    const cpuAfter = processCpuSeconds(service.pid);
    const serviceCpuSeconds = cpuBefore === undefined || cpuAfter === undefined ? undefined : Number((cpuAfter - cpuBefore).toFixed(2));
    const body = answer.status === 200 ? (JSON.parse(answer.text) as { verdicts: { fullyRecovers: boolean }[] }) : undefined;
    report.rest = {
      database: service.database,
      importSeconds,
      status: answer.status,
      analysisSeconds,
      podsPerSecond: Math.round(objects.pods.length / analysisSeconds),
      // The service's CPU over the request, every thread: steadier than wall time on a busy machine.
      serviceCpuSeconds,
      podsPerServiceCpuSecond: serviceCpuSeconds ? Math.round(objects.pods.length / serviceCpuSeconds) : undefined,
      withinDefaultTimeout: analysisSeconds <= DEFAULT_PLAN_TIMEOUT_SECONDS,
      answerMiB: Number((Buffer.byteLength(answer.text) / 2 ** 20).toFixed(1)),
      verdicts: body?.verdicts.length,
      workloadsNotSurviving: body?.verdicts.filter((verdict) => !verdict.fullyRecovers).length,
      ...(body === undefined && { error: answer.text.slice(0, 2000) }),
      servicePeakRssMiB: peakRssMiB(service.pid),
      loadAverageAfter: loadAverage(),
    };
  } finally {
    await service.stop();
  }
}
console.log(JSON.stringify(report, null, 2));
