/**
 * What the service does with all cores today (issue 14): it does not split
 * one plan over several cores, but its engine thread pool
 * (src/engine/engine-thread-pool.ts, ENGINE_THREADS, by default one thread
 * per core but one) runs several plans at once. This bench drives that pool
 * directly: PLANS plans of distinct small workloads (each a slice of the
 * engine bench's 2,000 Deployments, bench/distinct-workloads.ts) on one
 * 5,000-node / 10,000-pod cluster, submitted together, once on a pool of one
 * thread and once on a pool of BENCH_THREADS threads (default: every core).
 * It prints, per pool size, the wall seconds until the last plan finished,
 * the aggregate pods per second (all plans' pods over that wall time), the
 * process's CPU seconds (every thread) and peak RSS.
 *
 * The cluster is sent with a cache key, as a saved revision is, so each
 * thread parses and indexes it once; a warm-up plan per thread does that
 * (and compiles the engine) before the measured round.
 *
 * `node --expose-gc dist/bench/engine-pool-parallel.js`. Settings:
 * BENCH_NODES (5000), BENCH_EXISTING_PODS (10000), BENCH_PLANS (4),
 * BENCH_WORKLOADS (2000: the Deployments shared out between the plans),
 * BENCH_THREADS (os.availableParallelism()).
 */
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import type { EngineOutcome, EngineTask } from '../src/engine/engine-task.js';
import { EngineThreadPool } from '../src/engine/engine-thread-pool.js';
import { distinctSmallWorkloads } from './distinct-workloads.js';
import { syntheticCluster } from './synthetic-cluster.js';

function numberFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  return value === undefined ? fallback : Number(value);
}

const nodes = numberFromEnv('BENCH_NODES', 5000);
const existingPods = numberFromEnv('BENCH_EXISTING_PODS', 10_000);
const plans = numberFromEnv('BENCH_PLANS', 4);
const workloadCount = numberFromEnv('BENCH_WORKLOADS', 2000);
const threads = numberFromEnv('BENCH_THREADS', availableParallelism());

const objects = JSON.stringify(syntheticCluster({ nodes, existingPods }));
const workloads = distinctSmallWorkloads(workloadCount);
const slices = Array.from({ length: plans }, (_, plan) => workloads.filter((_, index) => index % plans === plan));

const planTask = (planWorkloads: readonly unknown[], withObjects: boolean): EngineTask => ({
  cluster: { cacheKey: 'bench@1', ...(withObjects ? { objects } : {}) },
  job: { kind: 'plan', plan: { workloads: planWorkloads, explain: 'summary', mode: 'exhaustive' } },
});

function placed(outcome: EngineOutcome): number {
  if (outcome.kind !== 'completed') throw new Error(`plan did not complete: ${outcome.kind}`);
  return outcome.result.summary.replicas;
}

/** VmHWM of this process (every thread), MiB. */
function peakRssMiB(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : Math.round(process.memoryUsage().rss / 2 ** 20);
}

async function measure(size: number): Promise<void> {
  const pool = new EngineThreadPool(size);
  try {
    // Warm-up: every thread indexes the cluster and compiles the engine on a small plan.
    await Promise.all(Array.from({ length: size }, () => pool.run(planTask(workloads.slice(0, 20), true))));
    const cpuStarted = process.cpuUsage();
    const started = process.hrtime.bigint();
    const firsts: number[] = [];
    const outcomes = await Promise.all(
      slices.map((slice) =>
        pool.run(planTask(slice, true), {
          onProgress: (done) => {
            if (done === 1) firsts.push(Number(process.hrtime.bigint() - started) / 1e6);
          },
        }),
      ),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const cpu = process.cpuUsage(cpuStarted);
    const pods = outcomes.reduce((sum, outcome) => sum + placed(outcome), 0);
    console.log(
      [
        `${size} engine thread(s)`.padEnd(20),
        String(plans).padStart(6),
        String(pods).padStart(6),
        seconds.toFixed(1).padStart(8),
        String(Math.round(pods / seconds)).padStart(8),
        ((cpu.user + cpu.system) / 1e6).toFixed(1).padStart(8),
        Math.min(...firsts).toFixed(0).padStart(9),
        String(peakRssMiB()).padStart(8),
      ].join(' '),
    );
  } finally {
    await pool.close();
  }
}

console.log(`engine pool bench: ${availableParallelism()} cores, ${nodes} nodes, ${existingPods} existing pods, ${workloadCount} distinct workloads in ${plans} plans`);
console.log(['pool'.padEnd(20), 'plans'.padStart(6), 'pods'.padStart(6), 'wall s'.padStart(8), 'pods/s'.padStart(8), 'cpu-s'.padStart(8), 'first ms'.padStart(9), 'peakMiB'.padStart(8)].join(' '));
for (const size of threads > 1 ? [1, threads] : [1]) await measure(size);
