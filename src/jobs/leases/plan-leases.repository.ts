/**
 * The lease columns of `plans` (worker_id, lease_expires_at, attempts) after
 * a worker has taken a plan (PlansRepository.claim): renewing, handing back,
 * and taking back the plans whose lease ran out. Every statement is a
 * conditional update on the row, so two processes racing for one plan cannot
 * both win.
 */
import { Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import type { PlanLease } from '../../plans/domain/plan-lease.js';

/**
 * - renewed: the lease holds for another lease length;
 * - lost: the plan was taken back or taken by another attempt: stop, store nothing;
 * - ended: the plan was cancelled or deleted: stop, nothing to store.
 */
export type LeaseRenewal = 'renewed' | 'lost' | 'ended';

/** A running plan whose lease ran out, as the reaper left it. */
export interface TakenBackPlan {
  readonly planId: string;
  /** `queued` for another attempt, or `failed` once it has been taken more than the retry limit allows. */
  readonly status: 'queued' | 'failed';
  readonly attempts: number;
  /** The worker that held the expired lease, and when the lease ran out. */
  readonly lostWorkerId: string;
  readonly expiredAt: Date;
}

export interface TakeBackOptions {
  /**
   * The plans this process is running, with its worker id: alive as long as
   * it is, so never taken back by it, however late their renewal (an engine
   * on the event loop delays it). Its other leases are leftovers (a hand-back
   * that failed) and are taken back like anyone's.
   */
  readonly except: { readonly workerId: string; readonly planIds: readonly string[] };
  /** A plan already taken more than this many times fails instead of being queued again. */
  readonly retryLimit: number;
  /** Plans per call. */
  readonly limit: number;
}

/** Why a plan that keeps losing its workers is given up, %s being its attempts. */
const GIVEN_UP_MESSAGE =
  'the plan was taken %s times and its last worker was lost (killed, or stalled past its lease); it is not tried again (PLAN_JOB_RETRY_LIMIT)';

@Injectable()
export class PlanLeasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Extends the lease by `leaseSeconds` from now, if `lease` still holds the plan. */
  async renew(lease: PlanLease, leaseSeconds: number): Promise<LeaseRenewal> {
    // The CTE's UPDATE and the SELECT see the same snapshot: `status` is the plan's as the renewal found it.
    const rows = (await this.dataSource.query(
      `WITH renewed AS (
         UPDATE plans SET lease_expires_at = now() + make_interval(secs => $4)
          WHERE id = $1 AND status = 'running' AND deleted_at IS NULL AND worker_id = $2 AND attempts = $3
          RETURNING id
       )
       SELECT EXISTS (SELECT 1 FROM renewed) AS renewed, status, deleted_at IS NOT NULL AS deleted FROM plans WHERE id = $1`,
      [lease.planId, lease.workerId, lease.attempt, leaseSeconds],
    )) as { renewed: boolean; status: string; deleted: boolean }[];
    if (rows.length === 0) return 'ended'; // the topology, and its plans with it, was deleted
    const [row] = rows;
    if (row.renewed) return 'renewed';
    return row.deleted || row.status === 'cancelled' ? 'ended' : 'lost';
  }

  /** running → queued, by the attempt holding it (a worker shutting down hands its plan to the next). */
  async release(lease: PlanLease): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `UPDATE plans SET status = 'queued', worker_id = NULL, lease_expires_at = NULL, progress_done = 0
        WHERE id = $1 AND status = 'running' AND worker_id = $2 AND attempts = $3`,
      [lease.planId, lease.workerId, lease.attempt],
    )) as [unknown, number];
    return count > 0;
  }

  /**
   * Takes back running plans whose lease ran out before now, inside the
   * caller's transaction (`runner`), which also enqueues the queued ones: the
   * new job exists exactly when the plan went back to `queued`. Rows another
   * process is reaping, renewing or storing right now are skipped (SKIP
   * LOCKED) rather than waited for: the next round sees them as they end up.
   */
  async takeBackExpired(runner: QueryRunner, options: TakeBackOptions): Promise<TakenBackPlan[]> {
    const rows = (await runner.query(
      `WITH expired AS (
         SELECT id, worker_id, lease_expires_at FROM plans
          WHERE status = 'running' AND lease_expires_at < now() AND deleted_at IS NULL
            AND NOT (worker_id = $1 AND id = ANY($5::uuid[]))
          ORDER BY lease_expires_at
          LIMIT $3
          FOR UPDATE SKIP LOCKED
       )
       UPDATE plans AS plan
          SET status = CASE WHEN plan.attempts > $2 THEN 'failed' ELSE 'queued' END,
              error = CASE WHEN plan.attempts > $2 THEN jsonb_build_object('message', format($4, plan.attempts)) END,
              finished_at = CASE WHEN plan.attempts > $2 THEN now() END,
              worker_id = NULL, lease_expires_at = NULL, progress_done = 0
         FROM expired
        WHERE plan.id = expired.id
        RETURNING plan.id, plan.status, plan.attempts, expired.worker_id AS lost_worker_id, expired.lease_expires_at AS expired_at`,
      [options.except.workerId, options.retryLimit, options.limit, GIVEN_UP_MESSAGE, options.except.planIds],
    )) as [{ id: string; status: 'queued' | 'failed'; attempts: number; lost_worker_id: string; expired_at: Date }[], number];
    return rows[0].map((row) => ({
      planId: row.id,
      status: row.status,
      attempts: row.attempts,
      lostWorkerId: row.lost_worker_id,
      expiredAt: row.expired_at,
    }));
  }

  /**
   * Seconds (on the database's clock) until the next lease that `except`
   * does not cover runs out; negative when one already has; null when no
   * plan is running elsewhere.
   */
  async secondsUntilNextExpiry(except: TakeBackOptions['except']): Promise<number | null> {
    const [row] = (await this.dataSource.query(
      `SELECT EXTRACT(EPOCH FROM min(lease_expires_at) - now())::float8 AS seconds FROM plans
        WHERE status = 'running' AND lease_expires_at IS NOT NULL AND deleted_at IS NULL
          AND NOT (worker_id = $1 AND id = ANY($2::uuid[]))`,
      [except.workerId, except.planIds],
    )) as { seconds: number | null }[];
    return row.seconds;
  }
}
