/**
 * The job consumer of `podplan worker` (and of the default all-in-one
 * process): takes plan jobs from the queue, PLAN_JOB_CONCURRENCY at a time,
 * and runs each through PlanJobsService.execute (lease, then the pipeline's run-and-store step). On shutdown it interrupts
 * running plans so their jobs are retried by another worker instead of
 * holding the shutdown up for minutes.
 */
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { jobsConfigOf, type AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { ENGINE_RUNNER, type EngineRunner } from '../engine/engine-runner.js';
import { PlanJobInterruptedError, PlanJobsService } from './plan-jobs.service.js';
import { PLAN_QUEUE, type PlanQueue } from './queue/plan-queue.js';

@Injectable()
export class PlanWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('PlanWorker');
  private readonly shutdown = new AbortController();

  constructor(
    private readonly jobs: PlanJobsService,
    @Inject(PLAN_QUEUE) private readonly queue: PlanQueue,
    @Inject(ENGINE_RUNNER) private readonly engine: EngineRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pino: PinoLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { role, jobConcurrency, leaseSeconds } = jobsConfigOf(this.config);
    if (role === 'serve') return;
    await this.queue.consume((planId) => this.run(planId), jobConcurrency);
    if (!this.engine.offMainThread) {
      this.logger.warn(
        `Plans run on the event loop here (ENGINE_THREADS=0): their leases are not renewed while the engine runs, so another process takes back and re-runs a plan that runs longer than PLAN_LEASE_SECONDS (${leaseSeconds} s)`,
      );
    }
    this.logger.log(`Taking plan jobs, ${jobConcurrency} at a time`);
  }

  /** Every log line of the job, engine and repository included, carries its `planId`. */
  private run(planId: string): Promise<void> {
    return this.pino.runInContext(() => this.runJob(planId), { bindings: { planId } });
  }

  private async runJob(planId: string): Promise<void> {
    try {
      await this.jobs.execute(planId, this.shutdown.signal);
    } catch (error) {
      if (error instanceof PlanJobInterruptedError) this.logger.warn(`plan ${planId}: interrupted by shutdown, handed back to the queue`);
      throw error;
    }
  }

  /** Interrupts running plans, then stops the queue — before EngineModule closes the engine (onApplicationShutdown). */
  async beforeApplicationShutdown(): Promise<void> {
    this.shutdown.abort();
    await this.queue.stop();
  }
}
