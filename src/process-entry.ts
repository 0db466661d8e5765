/**
 * Starts podplan in the role its configuration names (PODPLAN_ROLE):
 * - `all` (default): the API and the plan-job consumer in one process;
 * - `serve`: the API only — large plans are queued for workers elsewhere;
 * - `worker`: the consumer only, with /healthz and /readyz on PORT for probes.
 * Used by `npm start` (src/main.ts) and by the CLI's `podplan serve` / `podplan worker`.
 */
import 'reflect-metadata';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { createApp } from './app.js';
import { enabledLogLevels, jobsConfigOf, type AppConfig, type ProcessRole } from './config/app-config.js';
import { startWorkerHealthServer } from './jobs/worker-health-server.js';
import { WorkerAppModule } from './jobs/worker-app.module.js';

export interface RunningPodplan {
  readonly role: ProcessRole;
  /** Where it listens: the API, or a worker's health endpoints. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startPodplan(config: AppConfig): Promise<RunningPodplan> {
  const { role } = jobsConfigOf(config);
  if (role === 'worker') return startWorker(config);
  const app = await createApp(config);
  await app.listen(config.port, config.host);
  const url = await app.getUrl();
  new Logger('Bootstrap').log(`podplan (${role}) listening on ${url} (REST /v1, GraphQL /graphql, docs /docs)`);
  return { role, url, close: () => app.close() };
}

async function startWorker(config: AppConfig): Promise<RunningPodplan> {
  const context = await NestFactory.createApplicationContext(WorkerAppModule.forConfig(config), {
    logger: new ConsoleLogger({ json: true, logLevels: enabledLogLevels(config.logLevel) }),
  });
  const health = await startWorkerHealthServer(context.get(DataSource), config.host, config.port);
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
