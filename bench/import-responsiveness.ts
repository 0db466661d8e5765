/**
 * `npm run bench:import`: a large topology import through REST, as JSON and
 * as YAML (`kubectl get nodes,pods -o yaml` of the same cluster), while a
 * second client asks `/healthz` every 50 ms. Reports the import's seconds and
 * the service's CPU-seconds, and how long the slowest `/healthz` waited:
 * whatever the service does on its event loop, every other request (a
 * liveness probe included) waits for.
 *
 * Settings (environment): BENCH_NODES (5000), BENCH_EXISTING_PODS (50000).
 * The service runs on a throwaway database of BENCH_DATABASE_URL /
 * TEST_DATABASE_URL's server, else on its embedded PostgreSQL.
 */
import { stringify } from 'yaml';
import { loadAverage, peakRssMiB, postText, processCpuSeconds, seconds, startBenchService } from './bench-service.js';
import { syntheticCluster } from './synthetic-cluster.js';

const nodes = Number(process.env.BENCH_NODES ?? 5000);
const existingPods = Number(process.env.BENCH_EXISTING_PODS ?? 50_000);
const objects = syntheticCluster({ nodes, existingPods });
const list = { apiVersion: 'v1', kind: 'List', items: [...objects.nodes, ...objects.pods] };
const bodies = { json: JSON.stringify(list), yaml: stringify(list) };

/** Asks `/healthz` one request at a time until stopped; the slowest answer's milliseconds. */
function probeHealth(base: string): { stop(): Promise<{ probes: number; failed: number; slowestMs: number }> } {
  let running = true;
  let probes = 0;
  let slowestMs = 0;
  let failed = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      // A kept-alive connection the stalled server closed is reset under the probe: count it, as a load balancer would.
      await fetch(`${base}/healthz`).catch(() => (failed += 1));
      slowestMs = Math.max(slowestMs, performance.now() - started);
      probes += 1;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { probes, failed, slowestMs };
    },
  };
}

const service = await startBenchService();
try {
  process.stdout.write(`import responsiveness: ${nodes} nodes, ${existingPods} pods, ${service.database}, load ${loadAverage() ?? '?'}\n`);
  process.stdout.write('format   body-MB   seconds   service-cpu-s   slowest-healthz-ms   probes   failed\n');
  for (const format of ['json', 'yaml'] as const) {
    const body = bodies[format];
    const health = probeHealth(service.base);
    const cpuBefore = processCpuSeconds(service.pid) ?? 0;
    const started = performance.now();
    const answer = await postText(`${service.base}/v1/topologies?name=bench-${format}`, format === 'json' ? 'application/json' : 'application/yaml', body);
    const elapsed = seconds(started);
    const cpu = (processCpuSeconds(service.pid) ?? 0) - cpuBefore;
    const { probes, failed, slowestMs } = await health.stop();
    if (answer.status !== 201) throw new Error(`the ${format} import answered ${answer.status}: ${answer.text.slice(0, 2000)}`);
    const row = [format.padEnd(6), (body.length / 1e6).toFixed(1).padStart(9), elapsed.toFixed(2).padStart(9), cpu.toFixed(2).padStart(15), slowestMs.toFixed(0).padStart(20), String(probes).padStart(8), String(failed).padStart(8)];
    process.stdout.write(`${row.join(' ')}\n`);
  }
  process.stdout.write(`service peak RSS ${peakRssMiB(service.pid) ?? '?'} MiB, load ${loadAverage() ?? '?'}\n`);
} finally {
  await service.stop();
}
