/**
 * Starts podplan in the role its configuration names (PODPLAN_ROLE):
 * - `all` (default): the API and the plan-job consumer in one process;
 * - `serve`: the API only — large plans are queued for workers elsewhere;
 * - `worker`: the consumer only, with /healthz and /readyz on PORT for probes.
 * Used by `npm start` (src/main.ts) and by the CLI's `podplan serve` / `podplan worker`.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { createApp } from './app.js';
import { jobsConfigOf, observabilityConfigOf, type AppConfig, type ProcessRole } from './config/app-config.js';
import { AuthenticationService } from './auth/authentication.service.js';
import { MetricsPort } from './observability/metrics/metrics-port.js';
import { MetricsRegistry } from './observability/metrics/metrics-registry.js';
import { startTracing } from './observability/tracing/tracing.js';
import { startWorkerHealthServer } from './jobs/worker-health-server.js';
import { WorkerAppModule } from './jobs/worker-app.module.js';

export interface RunningPodplan {
  readonly role: ProcessRole;
  /** Where it listens: the API, or a worker's health endpoints. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startPodplan(config: AppConfig): Promise<RunningPodplan> {
  // Before the database is opened, so its driver is instrumented (a no-op unless OTEL_EXPORTER_OTLP_ENDPOINT is set).
  await startTracing(observabilityConfigOf(config));
  const { role } = jobsConfigOf(config);
  if (role === 'worker') return startWorker(config);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  new Logger('Bootstrap').log(`podplan (${role}) listening on ${url} (REST /v1, GraphQL /graphql, docs /docs)`);
  return { role, url, close: () => app.close() };
}

async function startWorker(config: AppConfig): Promise<RunningPodplan> {
  const context = await NestFactory.createApplicationContext(WorkerAppModule.forConfig(config), { bufferLogs: true });
  context.useLogger(context.get(PinoNestLogger));
  const authentication = context.get(AuthenticationService);
  // /metrics on the health port, behind the API's keys, unless PODPLAN_METRICS_PORT gives it a port of its own.
  const metrics = context.get(MetricsPort).enabled
    ? undefined
    : {
        registry: context.get(MetricsRegistry),
        authorize: async (authorization: string | undefined) => {
          await authentication.authenticate(authorization);
        },
      };
  const health = await startWorkerHealthServer(context.get(DataSource), config.host, config.port, metrics);
  const url = `http://${config.host}:${health.port}`;
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await health.close();
      await context.close();
    })());
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void close().finally(() => process.exit(0));
    });
  }
  new Logger('Bootstrap').log(`podplan worker taking plan jobs; health on ${url}/healthz`);
  return { role: 'worker', url, close };
}
