/**
 * The process's engine runner, available everywhere (the pipeline injects
 * it): engine threads when the compiled thread script exists, the calling
 * thread otherwise. Closed when the application shuts down, after the plan
 * queue has stopped handing it work.
 */
import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { jobsConfigOf, type AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { createEngineRunner } from './create-engine-runner.js';
import { ENGINE_RUNNER, type EngineRunner } from './engine-runner.js';

@Global()
@Module({
  providers: [
    {
      provide: ENGINE_RUNNER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): EngineRunner => {
        const { runner, description } = createEngineRunner(jobsConfigOf(config).engineThreads);
        new Logger('Engine').log(description);
        return runner;
      },
    },
  ],
  exports: [ENGINE_RUNNER],
})
export class EngineModule implements OnApplicationShutdown {
  constructor(@Inject(ENGINE_RUNNER) private readonly engine: EngineRunner) {}

  async onApplicationShutdown(): Promise<void> {
    await this.engine.close();
  }
}
