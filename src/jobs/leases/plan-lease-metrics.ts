/**
 * Counters of lease trouble, under the names they carry when exported to
 * Prometheus. Kept here until the service has a metrics registry; then each
 * method increments the registry's counter of the same name and nothing else
 * changes for the callers.
 */
import { Injectable } from '@nestjs/common';

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

  /** This process's reaper queued a plan again after its worker's lease ran out. */
  planRequeued(): void {
    this.requeued += 1;
  }

  /** This process's reaper failed a plan whose lease ran out once too often. */
  planGivenUp(): void {
    this.givenUp += 1;
  }

  renewalMissed(reason: MissedRenewal): void {
    this.missed[reason] += 1;
  }

  counts(): PlanLeaseCounts {
    return { requeued: this.requeued, givenUp: this.givenUp, renewalsMissed: { ...this.missed } };
  }
}
