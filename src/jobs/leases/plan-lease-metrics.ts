/**
 * Counters of lease trouble, exported through the process's MetricsRegistry
 * under PLAN_LEASE_METRIC_NAMES, and kept as plain counts too for the
 * callers (and tests) that read them back synchronously.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { MetricsRegistry } from '../../observability/metrics/metrics-registry.js';

/** Why a renewal did not keep the lease alive in time. */
export type MissedRenewal =
  /** The renewal query failed (the database unreachable): the lease ages on. */
  | 'failed'
  /** The renewal came after the lease had run out (the process stalled or its event loop was blocked), yet still held it. */
  | 'late'
  /** The renewal found the plan taken back or taken again: the attempt stops and stores nothing. */
  | 'lost';

export const PLAN_LEASE_METRIC_NAMES = {
  requeued: 'podplan_plans_requeued_after_lost_lease_total',
  givenUp: 'podplan_plans_failed_after_lost_lease_total',
  renewalsMissed: 'podplan_plan_lease_renewals_missed_total',
} as const;

export interface PlanLeaseCounts {
  readonly requeued: number;
  readonly givenUp: number;
  readonly renewalsMissed: Readonly<Record<MissedRenewal, number>>;
}

@Injectable()
export class PlanLeaseMetrics {
  private requeued = 0;
  private givenUp = 0;
  private readonly missed: Record<MissedRenewal, number> = { failed: 0, late: 0, lost: 0 };
  private readonly requeuedCounter: Counter;
  private readonly givenUpCounter: Counter;
  private readonly missedCounter: Counter<'reason'>;

  constructor(@Inject(MetricsRegistry) registry: MetricsRegistry) {
    this.requeuedCounter = registry.counter({ name: PLAN_LEASE_METRIC_NAMES.requeued, help: "Plans this process's reaper queued again after their worker's lease ran out." });
    this.givenUpCounter = registry.counter({ name: PLAN_LEASE_METRIC_NAMES.givenUp, help: "Plans this process's reaper failed because their lease ran out once too often." });
    this.missedCounter = registry.counter({
      name: PLAN_LEASE_METRIC_NAMES.renewalsMissed,
      help: 'Lease renewals that did not keep a running plan alive in time, by reason (failed, late, lost).',
      labelNames: ['reason'],
    });
    // Every series from the first scrape, so rate() and alerts have a starting point.
    this.requeuedCounter.inc(0);
    this.givenUpCounter.inc(0);
    for (const reason of Object.keys(this.missed)) this.missedCounter.inc({ reason }, 0);
  }

  /** This process's reaper queued a plan again after its worker's lease ran out. */
  planRequeued(): void {
    this.requeued += 1;
    this.requeuedCounter.inc();
  }

  /** This process's reaper failed a plan whose lease ran out once too often. */
  planGivenUp(): void {
    this.givenUp += 1;
    this.givenUpCounter.inc();
  }

  renewalMissed(reason: MissedRenewal): void {
    this.missed[reason] += 1;
    this.missedCounter.inc({ reason });
  }

  counts(): PlanLeaseCounts {
    return { requeued: this.requeued, givenUp: this.givenUp, renewalsMissed: { ...this.missed } };
  }
}
