/**
 * `npm run bench`: places each scheduler_perf-shaped workload on a synthetic
 * cluster in exhaustive mode (every node filtered and scored) and prints
 * pods/s, then the scaling of the basic workload with the number of existing
 * pods (the last row, 10,000 replicas on 150,000 existing pods, is the
 * memory case). Writes the table as JSON to bench/results/latest.json.
 *
 * Each workload places as many pods as scheduler_perf measures for it at
 * 5,000 nodes (workloads.ts MEASURED_PODS). `first ms` is the time to the
 * first decision, which includes setting up the replica run.
 *
 * Before measuring, every workload runs once unmeasured on a 500-node
 * cluster, so the JIT has compiled the engine as it has in a service that
 * has planned before (scheduler_perf likewise schedules its initPods first).
 *
 * `npm run bench` runs Node with --single-threaded: V8's collector and
 * compiler then work on the engine's own thread, so pods/s is what one core
 * does (without it, background GC and compilation threads make wall time
 * flatter than the CPU spent).
 *
 * Then the distinct-pod workloads (distinct-workloads.ts): many small
 * workloads, a whole-cluster replay and scheduler_perf shapes with a label
 * unique to each pod, none of which replica runs can take.
 *
 * Then the distinct small workloads (all 4,008 pods unless BENCH_DISTINCT_PODS
 * caps them: about 4 CPU-s each, plus building the cluster) on 10,000, 50,000 and 150,000 existing pods
 * (`distinct-small-workloads@<n>-existing`, issue 14's "flat in existing
 * pods"), and the distinct small workloads and unique-label basic in faithful
 * mode (`<workload>@faithful`: upstream's numFeasibleNodesToFind, 500 of 5,000
 * nodes from a rotating start), to compare with their exhaustive rows.
 * The `cpu-s` column is the plan's CPU time; `load` the one-minute load
 * average when the row finished.
 *
 * Settings (environment): BENCH_NODES (5000), BENCH_EXISTING_PODS (10000),
 * BENCH_REPLICAS (every workload's pod count), BENCH_DISTINCT_PODS (caps each
 * distinct workload's pods), BENCH_ONLY (a row name, `distinct` for the
 * distinct ones, or `scaling` (the basic@ rows), or `distinct-scaling`, or
 * `faithful`, or `volumes`, or `dra`, or `right-sizing` / `consolidation` /
 * `migration`), BENCH_VOLUME_REPLICAS (1000: the StatefulSet
 * of the volume rows, whose replicas are scheduled one by one),
 * BENCH_DRA_REPLICAS (1000: the DRA row's pods),
 * BENCH_SEARCH_BUDGET_MS (60000: the right-sizing searches' time budget).
 *
 * The right-sizing rows (./right-sizing.ts) time the consolidation and
 * migration analyses end to end (seconds and CPU seconds), at their own
 * sizes (not BENCH_NODES).
 *
 * The DRA row (./dra-workloads.ts): every node publishes 8 GPUs in a
 * ResourceSlice; four Deployments claim 1–4 GPUs per pod through
 * ResourceClaimTemplates with a CEL selector, so the structured allocator
 * runs for every replica on every node.
 *
 * The volume rows (./volume-workloads.ts) place the same StatefulSet without
 * claims, then with a claim per replica on a cluster whose existing pods hold
 * BENCH_EXISTING_PODS claims bound to zonal CSI volumes under CSINode attach
 * limits; the last line prints the second's slowdown per CPU-second.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { ClusterState } from '../src/scheduling/model/cluster-state.js';
import type { EngineMode } from '../src/scheduling/planner/decision.js';
import { executeSimulation, prepareSimulation } from '../src/simulation/run-simulation.js';
import { syntheticCluster } from './synthetic-cluster.js';
import { volumeBenchWorkloads } from './volume-workloads.js';
import { draBenchCase } from './dra-workloads.js';
import { distinctBenchWorkloads } from './distinct-workloads.js';
import { rightSizingBenchRows, type RightSizingRow } from './right-sizing.js';
import { benchWorkloads, type BenchWorkload } from './workloads.js';

interface BenchRow {
  workload: string;
  /** exhaustive (every node filtered and scored) or faithful (upstream's numFeasibleNodesToFind sample from a rotating start). */
  mode: EngineMode;
  nodes: number;
  existingPods: number;
  replicas: number;
  scheduled: number;
  seconds: number;
  /** CPU time of this process for the plan: what "one core" means, and steady when the machine is busy. */
  cpuSeconds: number;
  podsPerSecond: number;
  podsPerCpuSecond: number;
  /** Milliseconds from the start of the plan to its first decision. */
  firstDecisionMs: number;
  peakRssMiB: number;
  /** The one-minute load average when the row finished: on a shared machine, what the CPU figures were measured under. */
  load: number;
}

let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

/** A bench case: its cluster and the workloads whose pods are measured (one for the scheduler_perf shapes, many for the distinct ones). */
type BenchCase = Pick<BenchWorkload, 'name' | 'cluster'> & { readonly workloads: readonly unknown[] };

const single = (bench: BenchWorkload): BenchCase => ({ name: bench.name, cluster: bench.cluster, workloads: [bench.workload] });

function runOne(bench: BenchCase, mode: EngineMode = 'exhaustive'): BenchRow {
  const objects = syntheticCluster(bench.cluster);
  const cluster = ClusterState.fromObjects(objects);
  const prepared = prepareSimulation(cluster, bench.workloads, undefined, objects);
  sampleRss();
  global.gc?.();
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  let firstDecision = 0n;
  const onProgress = (done: number) => {
    if (done === 1) firstDecision = process.hrtime.bigint();
    if (done % 1000 === 0) sampleRss();
  };
  const { result } = executeSimulation(prepared, { explain: 'summary', mode, onProgress });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  sampleRss();
  return {
    workload: bench.name,
    mode,
    nodes: bench.cluster.nodes,
    existingPods: objects.pods.length,
    replicas: result.summary.replicas,
    scheduled: result.summary.scheduled,
    seconds: Number(seconds.toFixed(3)),
    cpuSeconds: Number(cpuSeconds.toFixed(3)),
    podsPerSecond: Math.round(result.summary.replicas / seconds),
    podsPerCpuSecond: Math.round(result.summary.replicas / cpuSeconds),
    firstDecisionMs: Number((Number(firstDecision - started) / 1e6).toFixed(1)),
    peakRssMiB: Math.round(peakRss / 2 ** 20),
    load: Number(loadavg()[0]!.toFixed(1)),
  };
}

function numberFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  return value === undefined ? fallback : Number(value);
}

const nodes = numberFromEnv('BENCH_NODES', 5000);
const existingPods = numberFromEnv('BENCH_EXISTING_PODS', 10_000);
const replicas = process.env.BENCH_REPLICAS === undefined ? undefined : Number(process.env.BENCH_REPLICAS);
/** The scaling rows' plan: 10,000 replicas, so the 150,000-pod row is the memory target's case. */
const scalingReplicas = replicas ?? 10_000;
const only = process.env.BENCH_ONLY;
/** The existing-pod counts of the scaling rows (basic replicas, then distinct small workloads). */
const SCALING_EXISTING_PODS = [10_000, 50_000, 150_000];
/** The distinct workloads also planned in faithful mode, to compare with their exhaustive rows. */
const FAITHFUL_ROWS = ['distinct-small-workloads', 'unique-label-basic'];
/** Caps each distinct workload's pod count (quick runs); default: the full sizes. */
const distinctPods = process.env.BENCH_DISTINCT_PODS === undefined ? undefined : Number(process.env.BENCH_DISTINCT_PODS);

for (const bench of benchWorkloads(500, 1000, 100)) runOne(single(bench));
for (const bench of distinctBenchWorkloads(500, 1000, 100)) runOne(bench);
for (const bench of distinctBenchWorkloads(500, 1000, 100)) if (FAITHFUL_ROWS.includes(bench.name)) runOne(bench, 'faithful');
peakRss = 0;

const rows: BenchRow[] = [];
const print = (row: BenchRow) =>
  console.log(
    [row.workload.padEnd(42), String(row.nodes).padStart(6), String(row.existingPods).padStart(8), String(row.replicas).padStart(8),
      String(row.scheduled).padStart(9), String(row.cpuSeconds).padStart(8), String(row.podsPerSecond).padStart(9), String(row.podsPerCpuSecond).padStart(11), String(row.firstDecisionMs).padStart(9), String(row.peakRssMiB).padStart(9), String(row.load).padStart(6)].join(' '),
  );
console.log(`podplan bench: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
console.log(['workload'.padEnd(42), 'nodes'.padStart(6), 'existing'.padStart(8), 'replicas'.padStart(8), 'scheduled'.padStart(9), 'cpu-s'.padStart(8), 'pods/s'.padStart(9), 'pods/cpu-s'.padStart(11), 'first ms'.padStart(9), 'peakMiB'.padStart(9), 'load'.padStart(6)].join(' '));
for (const bench of benchWorkloads(nodes, existingPods, replicas)) {
  if (only && bench.name !== only) continue;
  const row = runOne(single(bench));
  rows.push(row);
  print(row);
}
for (const bench of distinctBenchWorkloads(nodes, existingPods, distinctPods)) {
  if (only && bench.name !== only && only !== 'distinct') continue;
  const row = runOne(bench);
  rows.push(row);
  print(row);
}
for (const existing of SCALING_EXISTING_PODS) {
  const name = `basic@${existing}-existing`;
  if (only && only !== name && only !== 'scaling') continue;
  const [basic] = benchWorkloads(nodes, existing, scalingReplicas);
  const row = runOne(single({ ...basic, name }));
  rows.push(row);
  print(row);
}
for (const existing of SCALING_EXISTING_PODS) {
  const name = `distinct-small-workloads@${existing}-existing`;
  if (only && only !== name && only !== 'distinct-scaling') continue;
  const [small] = distinctBenchWorkloads(nodes, existing, distinctPods);
  const row = runOne({ ...small!, name });
  rows.push(row);
  print(row);
}
for (const bench of distinctBenchWorkloads(nodes, existingPods, distinctPods)) {
  if (!FAITHFUL_ROWS.includes(bench.name)) continue;
  const name = `${bench.name}@faithful`;
  if (only && only !== name && only !== 'faithful') continue;
  const row = runOne({ ...bench, name }, 'faithful');
  rows.push(row);
  print(row);
}
if (!only || only === 'volumes') {
  const [withoutVolumes, withVolumes] = volumeBenchWorkloads(nodes, existingPods, numberFromEnv('BENCH_VOLUME_REPLICAS', 1000)).map((bench) => {
    const row = runOne(single(bench));
    rows.push(row);
    print(row);
    return row;
  });
  const slowdown = (withoutVolumes!.podsPerCpuSecond / withVolumes!.podsPerCpuSecond - 1) * 100;
  console.log(`volume plugins: ${slowdown.toFixed(1)}% slower per CPU-second with ${existingPods} claims and a claim per replica (target: under 20%)`);
}
if (!only || only === 'dra') {
  const row = runOne(draBenchCase(nodes, existingPods, numberFromEnv('BENCH_DRA_REPLICAS', 1000)));
  rows.push(row);
  print(row);
}
const rightSizing: RightSizingRow[] = [];
if (!only || ['right-sizing', 'consolidation', 'migration'].includes(only)) {
  console.log(['analysis'.padEnd(44), 'nodes'.padStart(6), 'pods'.padStart(7), 'plans'.padStart(6), 'seconds'.padStart(8), 'cpu-s'.padStart(8), 'stopped'.padStart(8), ' answer'].join(' '));
  const printRightSizing = (row: RightSizingRow) =>
    console.log(
      [row.analysis.padEnd(44), String(row.nodes).padStart(6), String(row.pods).padStart(7), String(row.evaluatedPlans).padStart(6), String(row.seconds).padStart(8), String(row.cpuSeconds).padStart(8), String(row.stoppedBy ?? '-').padStart(8), ` ${row.answer}`].join(' '),
    );
  rightSizing.push(...rightSizingBenchRows(only === 'right-sizing' ? undefined : only, printRightSizing));
}
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify({ machine: { cores: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version }, rows, rightSizing }, null, 2));
console.log('wrote bench/results/latest.json');
