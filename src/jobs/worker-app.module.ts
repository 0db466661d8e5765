import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { JobsModule } from './jobs.module.js';
import { PlanWorkerModule } from './plan-worker.module.js';

/** The root module of `podplan worker`: the store, the engine, the queue and the consumer — no HTTP API, no GraphQL. */
@Module({})
export class WorkerAppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [ConfigModule.forConfig(config), DatabaseModule, JobsModule, PlanWorkerModule],
    };
  }
}
