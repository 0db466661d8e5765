/**
 * The process's plan queue and topology refresh queue, available everywhere: pg-boss in the store's
 * Postgres, external or embedded alike. It is the pipeline's PlanEnqueuer
 * (PLAN_ENQUEUER); PlanWorker consumes it and stops it when the application
 * shuts down (before the engine closes, see EngineModule), and it stops
 * before the store closes in any case.
 */
import { Global, Logger, Module } from '@nestjs/common';
import { jobsConfigOf, type AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import type { DatabaseConnection } from '../database/database-connection.js';
import { DATABASE_CONNECTION } from '../database/database.module.js';
import { PLAN_ENQUEUER } from '../pipeline/plan-enqueuer.js';
import { JobsMetrics } from './jobs-metrics.js';
import { PgBossPlanQueue } from './queue/pg-boss-plan-queue.js';
import { PLAN_QUEUE, type PlanQueue } from './queue/plan-queue.js';
import { PgBossRefreshQueue } from './queue/pg-boss-refresh-queue.js';
import { REFRESH_QUEUE, type RefreshQueue } from './queue/refresh-queue.js';
import { REFRESH_ENQUEUER } from '../topologies/sources/refresh-enqueuer.js';

@Global()
@Module({
  providers: [
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
    { provide: PLAN_ENQUEUER, useExisting: PLAN_QUEUE },
    {
      provide: REFRESH_QUEUE,
      inject: [APP_CONFIG, PLAN_QUEUE],
      useFactory: async (config: AppConfig, plans: PgBossPlanQueue): Promise<RefreshQueue> => {
        // The same pg-boss as the plan jobs: one pool per process, stopped with it.
        const queue = new PgBossRefreshQueue(plans.boss, jobsConfigOf(config));
        await queue.start();
        return queue;
      },
    },
    { provide: REFRESH_ENQUEUER, useExisting: REFRESH_QUEUE },
    JobsMetrics,
  ],
  exports: [PLAN_QUEUE, PLAN_ENQUEUER, REFRESH_QUEUE, REFRESH_ENQUEUER],
})
export class JobsModule {}
