/**
 * `npm run load`: concurrent stateless simulations against a saved 500-node
 * topology on one compiled podplan process (API and worker, default engine
 * threads), driven by autocannon over loopback for a bounded time. Prints
 * throughput and p50/p99 latency, writes them to test-results/load.json, and
 * fails on any error or non-2xx answer.
 *
 * LOAD_DURATION_SECONDS (default 20) and LOAD_CONNECTIONS (default 8) shape
 * the run; the database is TEST_DATABASE_URL's Postgres, else an embedded PostgreSQL.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus } from 'node:os';
import autocannon from 'autocannon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployment } from '../e2e/plans-fixtures.js';
import { buildPrivateCopy, type PrivateBuild } from '../jobs/support/private-build.js';
import { startPodplanProcess, type PodplanProcess } from '../jobs/support/podplan-process.js';
import { largeClusterList } from '../support/large-cluster.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const NODES = 500;
const PODS_PER_NODE = 10;
/** 30 replicas × 500 nodes is above the default SIMULATION_THREAD_THRESHOLD: each request runs on an engine thread. */
const REPLICAS = 30;
const DURATION_SECONDS = Number(process.env.LOAD_DURATION_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 8);

describe('load: concurrent simulations on a 500-node topology', () => {
  let build: PrivateBuild;
  let database: TestDatabase;
  let podplan: PodplanProcess;
  let topologyId: string;

  beforeAll(async () => {
    [build, database] = await Promise.all([buildPrivateCopy(), createTestDatabase()]);
    podplan = await startPodplanProcess(build.directory, 'podplan', {
      DATABASE_URL: database.config.url,
      PODPLAN_RATE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
    });
    const response = await fetch(`${podplan.url}/v1/topologies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'load-500', objects: [largeClusterList({ nodeCount: NODES, podsPerNode: PODS_PER_NODE })] }),
    });
    expect(response.status).toBe(201);
    topologyId = ((await response.json()) as { id: string }).id;
  });

  afterAll(async () => {
    await podplan?.kill('SIGTERM');
    await database?.drop();
    await build?.remove();
  });

  it('serves every simulation without an error and reports throughput and latency', async () => {
    const body = JSON.stringify({ topologyId, workloads: [deployment('load', REPLICAS)] });
    const warmUp = await fetch(`${podplan.url}/v1/simulations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(warmUp.status).toBe(200);

    const result = await autocannon({
      url: `${podplan.url}/v1/simulations`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections: CONNECTIONS,
      duration: DURATION_SECONDS,
      timeout: 30,
    });
    const report = {
      scenario: `POST /v1/simulations, ${REPLICAS} replicas on a saved ${NODES}-node / ${NODES * PODS_PER_NODE}-pod topology`,
      database: database.config.kind,
      machine: `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.versions.node}`,
      connections: CONNECTIONS,
      durationSeconds: result.duration,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
    };
    console.table([
      {
        connections: report.connections,
        requests: report.requests,
        'req/s': report.requestsPerSecond,
        'p50 ms': report.latencyMs.p50,
        'p99 ms': report.latencyMs.p99,
        'max ms': report.latencyMs.max,
        errors: report.errors + report.timeouts + report.non2xx,
      },
    ]);
    await mkdir('test-results', { recursive: true });
    await writeFile('test-results/load.json', `${JSON.stringify(report, null, 2)}\n`);

    expect(result.requests.total).toBeGreaterThan(0);
    expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
  });
});
