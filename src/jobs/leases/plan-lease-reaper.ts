/**
 * Takes plans back from workers that lost them. Every process on Postgres
 * (API and worker alike) looks every renewal interval for running plans whose
 * lease ran out — their worker was killed, or stalled past the lease — and,
 * in one transaction, puts each back to `queued` and enqueues a new job for
 * it. The conditional update on the row makes that happen once per lost
 * lease, however many processes look at the same moment; a plan taken more
 * often than PLAN_JOB_RETRY_LIMIT allows fails instead of going round again.
 *
 * Not started on the embedded store: one process reaches it, so there is no
 * other worker to lose a plan to; PlanWorker takes everything back at start-up.
 */
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { jobsConfigOf, type AppConfig, type JobsConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/app-config.token.js';
import { PLAN_QUEUE, type PlanQueue } from '../queue/plan-queue.js';
import { PlanLeaseMetrics } from './plan-lease-metrics.js';
import { PlanLeases } from './plan-leases.service.js';
import { PlanLeasesRepository, type TakenBackPlan } from './plan-leases.repository.js';

/** Plans taken back per round: a round stays one short transaction even after a mass outage. */
const PLANS_PER_ROUND = 100;

@Injectable()
export class PlanLeaseReaper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('PlanLeaseReaper');
  private readonly jobs: JobsConfig;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: PlanLeasesRepository,
    private readonly leases: PlanLeases,
    private readonly metrics: PlanLeaseMetrics,
    @Inject(PLAN_QUEUE) private readonly queue: PlanQueue,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.jobs = jobsConfigOf(config);
  }

  onApplicationBootstrap(): void {
    if (!this.queue.durable) return;
    this.timer = setInterval(() => {
      // A round still running (a slow database) is not joined by another.
      this.round ??= this.reapExpired()
        .then(() => undefined)
        .catch((error: Error) => this.logger.warn(`looking for expired plan leases: ${error.message}`))
        .finally(() => (this.round = undefined));
    }, this.jobs.leaseRenewSeconds * 1000);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.round;
  }

  /** One round: the plans taken back, each re-queued (and its job enqueued) or failed. */
  async reapExpired(): Promise<TakenBackPlan[]> {
    const runner = this.dataSource.createQueryRunner();
    let taken: TakenBackPlan[];
    let wake: () => void;
    await runner.connect();
    try {
      await runner.startTransaction();
      taken = await this.repository.takeBackExpired(runner, {
        except: { workerId: this.leases.workerId, planIds: this.leases.running() },
        retryLimit: this.jobs.jobRetryLimit,
        limit: PLANS_PER_ROUND,
      });
      const requeued = taken.filter((plan) => plan.status === 'queued').map((plan) => plan.planId);
      wake = await this.queue.enqueueWithin(
        async (text, values) => ({ rows: ((await runner.query(text, [...values], true)) as { records: unknown[] }).records }),
        requeued,
      );
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
    wake();
    for (const plan of taken) this.report(plan);
    return taken;
  }

  private report(plan: TakenBackPlan): void {
    const lost = `its lease (worker ${plan.lostWorkerId}) ran out at ${plan.expiredAt.toISOString()}`;
    if (plan.status === 'queued') {
      this.metrics.planRequeued();
      this.logger.warn(`plan ${plan.planId}: ${lost}; queued again after ${plan.attempts} attempt(s)`);
    } else {
      this.metrics.planGivenUp();
      this.logger.error(`plan ${plan.planId}: ${lost}; failed after ${plan.attempts} attempts`);
    }
  }
}
