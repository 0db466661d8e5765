import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { EngineModule } from '../engine/engine.module.js';
import { ObservabilityModule } from '../observability/observability.module.js';
import { PipelineModule } from '../pipeline/pipeline.module.js';
import { ApiKeysRepository } from '../auth/persistence/api-keys.repository.js';
import { AuthenticationService } from '../auth/authentication.service.js';
import { JobsModule } from './jobs.module.js';
import { PlanWorkerModule } from './plan-worker.module.js';
import { TopologyRefreshWorkerModule } from './refresh/topology-refresh-worker.module.js';

/**
 * The root module of `podplan worker`: the store, the engine, the pipeline,
 * the queue and the consumer — no HTTP API, no GraphQL. Authentication is here only for
 * `/metrics` on the health port (see worker-health-server.ts).
 */
@Module({})
export class WorkerAppModule {
  static forConfig(config: AppConfig): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [ConfigModule.forConfig(config), ObservabilityModule.forConfig(config, { role: 'worker', http: false }), DatabaseModule, EngineModule, PipelineModule, JobsModule, PlanWorkerModule, TopologyRefreshWorkerModule],
      providers: [ApiKeysRepository, AuthenticationService],
    };
  }
}
