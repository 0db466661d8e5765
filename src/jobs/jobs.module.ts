/**
 * The process's engine runner and plan queue, available everywhere (plans
 * inject them). Built from the configuration: engine threads when the
 * compiled thread script exists, and pg-boss in the store's Postgres, external
 * or embedded alike. Closed when the application shuts down.
 */
import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { jobsConfigOf, type AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import type { DatabaseConnection } from '../database/database-connection.js';
import { DATABASE_CONNECTION } from '../database/database.module.js';
import { EngineRunTelemetry } from '../observability/engine-run-telemetry.js';
import { createEngineRunner } from '../engine/create-engine-runner.js';
import { ENGINE_RUNNER, type EngineRunner } from '../engine/engine-runner.js';
import { JobsMetrics } from './jobs-metrics.js';
import { ObservedEngineRunner } from './observed-engine-runner.js';
import { PgBossPlanQueue } from './queue/pg-boss-plan-queue.js';
import { PLAN_QUEUE, type PlanQueue } from './queue/plan-queue.js';

@Global()
@Module({
  providers: [
    {
      provide: ENGINE_RUNNER,
      inject: [APP_CONFIG, EngineRunTelemetry],
      useFactory: (config: AppConfig, telemetry: EngineRunTelemetry): EngineRunner => {
        const { runner, description } = createEngineRunner(jobsConfigOf(config).engineThreads);
        new Logger('Engine').log(description);
        return new ObservedEngineRunner(runner, telemetry);
      },
    },
    {
      provide: PLAN_QUEUE,
      inject: [APP_CONFIG, DATABASE_CONNECTION],
      useFactory: async (config: AppConfig, database: DatabaseConnection): Promise<PlanQueue> => {
        const queue = new PgBossPlanQueue(database.url, jobsConfigOf(config));
        await queue.start();
        // pg-boss's connections close before the store does (the embedded server would cut them).
        database.beforeClose(() => queue.stop());
        new Logger('PlanQueue').log(`Plan jobs on the ${queue.description}`);
        return queue;
      },
    },
    JobsMetrics,
  ],
  exports: [ENGINE_RUNNER, PLAN_QUEUE],
})
export class JobsModule implements OnApplicationShutdown {
  constructor(
    @Inject(ENGINE_RUNNER) private readonly engine: EngineRunner,
    @Inject(PLAN_QUEUE) private readonly queue: PlanQueue,
  ) {}

  /** After the worker (if any) has stopped taking jobs, see PlanWorker.beforeApplicationShutdown. */
  async onApplicationShutdown(): Promise<void> {
    await this.queue.stop();
    await this.engine.close();
  }
}
