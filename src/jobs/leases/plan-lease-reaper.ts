/**
 * Takes plans back from workers that lost them. Every process on Postgres
 * (API and worker alike) looks for running plans whose lease ran out (their
 * worker was killed, or stalled past the lease) every renewal interval, or
 * sooner when a lease runs out sooner, and in one transaction puts each back
 * to `queued` and enqueues a new job for it. The conditional update on the
 * row makes that happen once per lost lease, however many processes look at
 * the same moment; a plan taken more often than PLAN_JOB_RETRY_LIMIT allows
 * fails instead of going round again.
 * On the embedded store the same rounds take back what the process was
 * running when it last died.
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
/** A round wakes this long after the lease it waits for runs out (the expiry test is strict: `< now()`). */
const EXPIRY_MARGIN_MS = 50;
/** Rounds never follow each other closer than this, whatever the leases say. */
const MIN_ROUND_GAP_MS = 200;

@Injectable()
export class PlanLeaseReaper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('PlanLeaseReaper');
  private readonly jobs: JobsConfig;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> | undefined;
  private stopped = false;

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
    // A first round at once: leases that ran out while no process was up are taken back at start-up.
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.round;
  }

  /** The next round, unless shutting down; one round at a time, however slow the database. */
  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.runRound().finally(() => (this.round = undefined));
    }, delayMs);
    this.timer.unref();
  }

  private async runRound(): Promise<void> {
    const intervalMs = this.jobs.leaseRenewSeconds * 1000;
    let nextMs = intervalMs;
    try {
      await this.reapExpired();
      const seconds = await this.repository.secondsUntilNextExpiry(this.except());
      // Wake when the next lease runs out rather than up to an interval later: a dead worker's plan is
      // taken back PLAN_LEASE_SECONDS after its last renewal, not that plus up to one interval.
      if (seconds !== null) nextMs = Math.min(intervalMs, Math.max(MIN_ROUND_GAP_MS, seconds * 1000 + EXPIRY_MARGIN_MS));
    } catch (error) {
      this.logger.warn(`looking for expired plan leases: ${(error as Error).message}`);
    }
    this.schedule(nextMs);
  }

  private except(): { workerId: string; planIds: string[] } {
    return { workerId: this.leases.workerId, planIds: this.leases.running() };
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
        except: this.except(),
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
