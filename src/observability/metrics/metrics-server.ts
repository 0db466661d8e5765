/**
 * `/metrics` on a port of its own (PODPLAN_METRICS_PORT), without
 * authentication: for a Prometheus that scrapes pods directly over a network
 * the API's clients do not share (a NetworkPolicy, a sidecar). Plain node:http:
 * it must answer while the API is saturated, and a worker has no Express.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MetricsRegistry } from './metrics-registry.js';

export interface MetricsServer {
  readonly port: number;
  close(): Promise<void>;
}

function problem(response: ServerResponse, status: number, title: string, detail: string): void {
  response.writeHead(status, { 'content-type': 'application/problem+json' });
  response.end(JSON.stringify({ status, title, detail }));
}

/** Answers GET/HEAD /metrics with the registry's text. */
export function serveMetrics(registry: MetricsRegistry, request: IncomingMessage, response: ServerResponse): void {
  registry.scrape().then(
    ({ contentType, body }) => {
      response.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
      response.end(request.method === 'HEAD' ? undefined : body);
    },
    (error: Error) => problem(response, 500, 'Internal Server Error', `metrics could not be collected: ${error.message}`),
  );
}

export async function startMetricsServer(registry: MetricsRegistry, host: string, port: number): Promise<MetricsServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path !== '/metrics') return problem(response, 404, 'Not Found', 'this port serves only /metrics');
    if (request.method !== 'GET' && request.method !== 'HEAD') return problem(response, 405, 'Method Not Allowed', '/metrics answers GET');
    serveMetrics(registry, request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
