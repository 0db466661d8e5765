/**
 * `/healthz` and `/readyz` for a `podplan worker`, which serves no API: the
 * same answers as the API's HealthController, so one probe definition fits
 * both Deployments. Also `/metrics`, behind the API's keys, when the worker
 * has no PODPLAN_METRICS_PORT. Plain node:http — a worker has no Express
 * stack to reuse.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { toProblem } from '../common/errors/problem.js';
import type { MetricsRegistry } from '../observability/metrics/metrics-registry.js';
import { serveMetrics } from '../observability/metrics/metrics-server.js';

export interface WorkerMetricsEndpoint {
  readonly registry: MetricsRegistry;
  /** Resolves when the Authorization header may read metrics; rejects with the API's 401 otherwise. */
  authorize(authorization: string | undefined): Promise<void>;
}

export interface WorkerHealthServer {
  readonly port: number;
  close(): Promise<void>;
}

async function databaseAnswers(dataSource: DataSource): Promise<boolean> {
  try {
    await dataSource.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

function send(response: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  response.writeHead(status, { 'content-type': type });
  response.end(JSON.stringify(body));
}

export async function startWorkerHealthServer(dataSource: DataSource, host: string, port: number, metrics?: WorkerMetricsEndpoint): Promise<WorkerHealthServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, { status: 405, title: 'Method Not Allowed' }, 'application/problem+json');
    if (path === '/healthz') return send(response, 200, { status: 'ok' });
    if (path === '/readyz') {
      void databaseAnswers(dataSource).then((ready) =>
        ready
          ? send(response, 200, { status: 'ok' })
          : send(response, 503, { status: 503, title: 'Service Unavailable', detail: 'the database is not reachable' }, 'application/problem+json'),
      );
      return;
    }
    if (path === '/metrics' && metrics) {
      void metrics.authorize(request.headers.authorization).then(
        () => serveMetrics(metrics.registry, request, response),
        (error: unknown) => {
          const problem = toProblem(error);
          const status = problem?.status ?? 500;
          send(response, status, { status, title: problem?.title ?? 'Internal Server Error', detail: problem?.detail ?? 'metrics could not be authorised' }, 'application/problem+json');
        },
      );
      return;
    }
    const served = metrics ? '/healthz, /readyz and /metrics' : '/healthz and /readyz';
    send(response, 404, { status: 404, title: 'Not Found', detail: `a podplan worker serves only ${served}` }, 'application/problem+json');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
