/**
 * The queue adapter: a plan job names a queued plan; this takes the plan with
 * a lease (queued → running, see src/jobs/leases), keeps the lease alive while
 * the pipeline's run-and-store step (RequestPipeline.runQueuedPlan) loads,
 * runs and stores it, and fences every write of the attempt with the lease —
 * so a retried job, a cancelled plan, a second worker or a worker that stalled
 * past its lease can never store it twice.
 */
import { Injectable, Logger } from '@nestjs/common';
import { PlanningMetrics, secondsSince, type PlanOutcome } from '../observability/metrics/planning-metrics.js';
import { inSpan } from '../observability/tracing/spans.js';
import type { PlanAttempt } from '../pipeline/plan-store.js';
import { PlanJobInterruptedError, RequestPipeline } from '../pipeline/request-pipeline.js';
import type { PlanLease } from '../plans/domain/plan-lease.js';
import { PlansRepository } from '../plans/persistence/plans.repository.js';
import type { PlanView } from '../pipeline/plan-store.js';
import { PlanLeases } from './leases/plan-leases.service.js';

export { PlanJobInterruptedError };

/** The span of one attempt at a background plan job. */
export const PLAN_JOB_SPAN = 'podplan.plan.job';

@Injectable()
export class PlanJobsService {
  private readonly logger = new Logger('PlanJobs');

  constructor(
    private readonly pipeline: RequestPipeline,
    private readonly repository: PlansRepository,
    private readonly leases: PlanLeases,
    private readonly metrics: PlanningMetrics,
  ) {}

  /**
   * The job handler. Returns when the plan is finished (succeeded, failed,
   * cancelled, or already taken care of by another attempt); throws when the
   * job should be retried (shutdown, database trouble), having handed the
   * plan back to `queued` for that retry.
   *
   * While the plan runs, its lease is renewed every few seconds; a worker
   * that loses it (it stalled past the lease and the plan was taken back)
   * stops and stores nothing: every write of the attempt is refused to a lost lease.
   */
  async execute(planId: string, shutdown: AbortSignal): Promise<void> {
    await inSpan(PLAN_JOB_SPAN, { 'podplan.plan.id': planId }, async (span) => {
      const started = process.hrtime.bigint();
      let outcome: PlanOutcome | undefined;
      try {
        outcome = await this.runJob(planId, shutdown);
      } catch (error) {
        // Thrown jobs go back to the queue: counted as interrupted or retried here, and again when an attempt finishes.
        outcome = error instanceof PlanJobInterruptedError ? 'interrupted' : 'retried';
        throw error;
      } finally {
        if (outcome !== undefined) {
          span.setAttribute('podplan.plan.outcome', outcome);
          this.metrics.planFinished('background', outcome, secondsSince(started));
        }
      }
    });
  }

  /** The attempt's outcome, or undefined when the plan was not this attempt's to run (finished, or held by another). */
  private async runJob(planId: string, shutdown: AbortSignal): Promise<PlanOutcome | undefined> {
    const claimed = await this.repository.claim(planId, this.leases.claimant());
    if (!claimed) return undefined;
    const { view, lease } = claimed;
    const stop = new AbortController();
    let leaseLost = false;
    const kept = this.leases.keepAlive(lease, (why) => {
      leaseLost = why === 'lost';
      stop.abort();
    });
    let outcome: PlanOutcome;
    try {
      outcome = await this.pipeline.runQueuedPlan(this.attempt(view, lease), shutdown, stop);
    } catch (error) {
      // Another attempt holds the plan now: nothing to hand back, nothing to retry.
      if (leaseLost) return 'lease_lost';
      await this.leases.release(lease).catch((releaseError: Error) => this.logger.warn(`plan ${planId}: not handed back (${releaseError.message}); its lease will run out`));
      throw error;
    } finally {
      kept.stop();
    }
    if (!leaseLost) return outcome;
    this.logger.warn(`plan ${planId}: lost its lease to another worker; stored nothing`);
    return 'lease_lost';
  }

  /** The attempt's writes, each conditional on `lease` still holding the plan. */
  private attempt(view: PlanView, lease: PlanLease): PlanAttempt {
    return {
      view,
      holder: `worker ${lease.workerId}, attempt ${lease.attempt}`,
      recordProgress: (done) => this.repository.recordProgress(lease, done),
      complete: (finished) => this.repository.complete(lease, finished),
      fail: (failure) => this.repository.fail(view.id, failure, lease),
      setTimings: (timings) => this.repository.setTimings(view.id, timings),
    };
  }
}
