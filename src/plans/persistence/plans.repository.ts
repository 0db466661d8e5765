/**
 * Queries on `plans` and `plan_placements`. A plan and all its placements are
 * written in one transaction: a reader sees the whole plan or none of it.
 */
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cursorTimestampSql, type KeysetPosition } from '../../common/pagination/cursor.js';
import type { Placement } from '../../simulation/simulation-result.js';
import type { EntityManager } from 'typeorm';
import type { LeaseClaimant, PlanLease } from '../domain/plan-lease.js';
import type {
  FinishedPlan,
  NewPlan,
  NewQueuedPlan,
  PlanFailure,
  PlanRequest,
  PlanResultHeader,
  PlanStatus,
  PlanStore,
  PlanTimings,
  PlanView,
} from '../../pipeline/plan-store.js';
import type { PlacementFilter, StoredPlacement } from '../domain/plan.types.js';
import { recordAuditWithin } from '../../auth/audit-scope.js';
import type { PlannedNodeLoad } from '../../topologies/domain/node-order.js';

interface PlanRow {
  id: string;
  team: string;
  topology_id: string;
  revision: number;
  name: string | null;
  status: PlanStatus;
  request: PlanRequest;
  result: PlanResultHeader | null;
  error: PlanFailure | null;
  progress_done: number;
  progress_total: number;
  timings: PlanTimings | null;
  rerun_of: string | null;
  created_at: Date;
  cursor_created_at?: string;
}

const PLAN_COLUMNS = `id, team, topology_id, revision, name, status, request, result, error, progress_done, progress_total,
  timings, rerun_of, created_at`;

/** The condition that `lease` still holds the plan, with its two values at `$first` and `$first + 1`. */
function heldBy(first: number): string {
  return `status = 'running' AND deleted_at IS NULL AND worker_id = $${first} AND attempts = $${first + 1}`;
}

/** Rows per INSERT: keeps each statement's parameters well under Postgres' 65535 limit. */
const PLACEMENT_BATCH = 1000;
const PLACEMENT_COLUMNS = 12;

function toView(row: PlanRow): PlanView {
  return {
    id: row.id,
    team: row.team,
    topologyId: row.topology_id,
    revision: row.revision,
    name: row.name,
    status: row.status,
    request: row.request,
    result: row.result,
    error: row.error,
    progress: { done: row.progress_done, total: row.progress_total },
    timings: row.timings,
    rerunOf: row.rerun_of,
    createdAt: row.created_at,
  };
}

/** Splits `Kind/namespace/name`, `namespace/name` or `name`. */
function workloadParts(workload: string): { kind: string | null; namespace: string | null; name: string } {
  const parts = workload.split('/');
  if (parts.length >= 3) return { kind: parts[0], namespace: parts[1], name: parts.slice(2).join('/') };
  if (parts.length === 2) return { kind: null, namespace: parts[0], name: parts[1] };
  return { kind: null, namespace: null, name: workload };
}

/** Placement rows in batches, inside the caller's transaction. */
async function insertPlacements(manager: EntityManager, id: string, placements: readonly Placement[]): Promise<void> {
  for (let start = 0; start < placements.length; start += PLACEMENT_BATCH) {
    const batch = placements.slice(start, start + PLACEMENT_BATCH);
    const values: unknown[] = [];
    const tuples = batch.map((placement, offset) => {
      const base = values.length;
      values.push(
        id,
        start + offset,
        placement.workload.kind,
        placement.workload.namespace,
        placement.workload.name,
        placement.replica,
        placement.namespace,
        placement.pod,
        placement.node,
        placement.zone,
        placement.score,
        JSON.stringify(placement),
      );
      const placeholders = Array.from({ length: PLACEMENT_COLUMNS }, (_, index) => `$${base + index + 1}`);
      placeholders[PLACEMENT_COLUMNS - 1] += '::jsonb';
      return `(${placeholders.join(', ')})`;
    });
    await manager.query(
      `INSERT INTO plan_placements (plan_id, ordinal, workload_kind, workload_namespace, workload_name, replica,
                                    namespace, pod, node, zone, score, placement)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  }
}

@Injectable()
export class PlansRepository implements PlanStore {
  constructor(private readonly dataSource: DataSource) {}

  async insert(plan: NewPlan): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const [{ id }] = (await manager.query(
        `INSERT INTO plans (team, topology_id, revision, name, status, request, result, progress_done, progress_total,
                            timings, rerun_of, finished_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $8, $9::jsonb, $10, now())
         RETURNING id`,
        [
          plan.team,
          plan.topologyId,
          plan.revision,
          plan.name,
          plan.status,
          JSON.stringify(plan.request),
          JSON.stringify(plan.result),
          plan.placements.length,
          JSON.stringify(plan.timings),
          plan.rerunOf,
        ],
      )) as { id: string }[];
      await insertPlacements(manager, id, plan.placements);
      await recordAuditWithin(manager, id);
      return id;
    });
  }

  async insertQueued(plan: NewQueuedPlan): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      const [{ id }] = (await manager.query(
        `INSERT INTO plans (team, topology_id, revision, name, status, request, progress_total, rerun_of)
         VALUES ($1, $2, $3, $4, 'queued', $5::jsonb, $6, $7)
         RETURNING id`,
        [plan.team, plan.topologyId, plan.revision, plan.name, JSON.stringify(plan.request), plan.total, plan.rerunOf],
      )) as { id: string }[];
      await recordAuditWithin(manager, id);
      return id;
    });
  }

  /**
   * A worker takes a plan with a lease: queued → running. A running plan is
   * taken too when its lease ran out (its worker died or stalled and no
   * reaper has taken it back yet) or it has none (it started before leases
   * existed). Null when the plan finished, was cancelled or deleted, or
   * another worker holds it.
   */
  async claim(id: string, claimant: LeaseClaimant): Promise<{ view: PlanView; lease: PlanLease } | null> {
    const rows = (await this.dataSource.query(
      `UPDATE plans
          SET status = 'running', progress_done = 0, worker_id = $2, attempts = attempts + 1,
              lease_expires_at = now() + make_interval(secs => $3)
        WHERE id = $1 AND deleted_at IS NULL
          AND (status = 'queued' OR (status = 'running' AND (lease_expires_at IS NULL OR lease_expires_at <= now())))
        RETURNING ${PLAN_COLUMNS}, attempts`,
      [id, claimant.workerId, claimant.leaseSeconds],
    )) as [(PlanRow & { attempts: number })[], number];
    if (rows[0].length === 0) return null;
    const row = rows[0][0];
    return { view: toView(row), lease: { planId: id, workerId: claimant.workerId, attempt: row.attempts } };
  }

  /** Records replicas placed so far; false when `lease` no longer holds the plan (cancelled, deleted, taken back): stop. */
  async recordProgress(lease: PlanLease, done: number): Promise<boolean> {
    const [, count] = (await this.dataSource.query(`UPDATE plans SET progress_done = $1 WHERE id = $2 AND ${heldBy(3)}`, [
      done,
      lease.planId,
      lease.workerId,
      lease.attempt,
    ])) as [unknown, number];
    return count > 0;
  }

  /**
   * running → succeeded with the result and every placement, in one
   * transaction, only while `lease` holds the plan. The status update checks
   * the lease and locks the row first, so a worker that lost its lease (it
   * stalled, and the plan was taken back and taken again) writes nothing,
   * and of two attempts at one plan exactly one writes.
   */
  async complete(lease: PlanLease, finished: FinishedPlan): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [, count] = (await manager.query(
        `UPDATE plans
            SET status = 'succeeded', result = $1::jsonb, timings = $2::jsonb,
                progress_done = progress_total, finished_at = now(), lease_expires_at = NULL
          WHERE id = $3 AND ${heldBy(4)}`,
        [JSON.stringify(finished.result), JSON.stringify(finished.timings), lease.planId, lease.workerId, lease.attempt],
      )) as [unknown, number];
      if (count === 0) return false;
      await insertPlacements(manager, lease.planId, finished.placements);
      return true;
    });
  }

  /** queued | running → failed, with why: a running plan only by the attempt holding it. */
  async fail(id: string, failure: PlanFailure, lease?: PlanLease): Promise<boolean> {
    const [, count] = (await this.dataSource.query(
      `UPDATE plans SET status = 'failed', error = $1::jsonb, finished_at = now(), lease_expires_at = NULL
        WHERE id = $2 AND ${lease ? heldBy(3) : `status = 'queued'`}`,
      lease ? [JSON.stringify(failure), id, lease.workerId, lease.attempt] : [JSON.stringify(failure), id],
    )) as [unknown, number];
    return count > 0;
  }

  /** queued | running → cancelled; the plan as it now is, or null when it had already finished. */
  async cancel(id: string): Promise<PlanView | null> {
    return this.dataSource.transaction(async (manager) => {
      const rows = (await manager.query(
        `UPDATE plans SET status = 'cancelled', finished_at = now(), lease_expires_at = NULL
          WHERE id = $1 AND status IN ('queued', 'running') AND deleted_at IS NULL
          RETURNING ${PLAN_COLUMNS}`,
        [id],
      )) as [PlanRow[], number];
      if (rows[0].length === 0) return null;
      await recordAuditWithin(manager, id);
      return toView(rows[0][0]);
    });
  }

  async setTimings(id: string, timings: PlanTimings): Promise<void> {
    await this.dataSource.query('UPDATE plans SET timings = $2::jsonb WHERE id = $1', [id, JSON.stringify(timings)]);
  }

  /** The team's live plan with this id; another team's is as absent as a deleted one. */
  async findLive(team: string, id: string): Promise<PlanView | null> {
    const rows = (await this.dataSource.query(`SELECT ${PLAN_COLUMNS} FROM plans WHERE id = $1 AND team = $2 AND deleted_at IS NULL`, [
      id,
      team,
    ])) as PlanRow[];
    return rows.length === 0 ? null : toView(rows[0]);
  }

  /** A topology's live plans in (created_at, id) order after `after`, with their listing positions. */
  async listByTopology(team: string, topologyId: string, after: KeysetPosition | null, limit: number): Promise<{ view: PlanView; position: KeysetPosition }[]> {
    const rows = (await this.dataSource.query(
      `SELECT ${PLAN_COLUMNS}, ${cursorTimestampSql('created_at')} AS cursor_created_at
         FROM plans
        WHERE topology_id = $1 AND team = $5 AND deleted_at IS NULL
          AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY created_at, id
        LIMIT $4`,
      [topologyId, after?.createdAt ?? null, after?.id ?? null, limit, team],
    )) as PlanRow[];
    return rows.map((row) => ({ view: toView(row), position: { createdAt: row.cursor_created_at!, id: row.id } }));
  }

  async softDelete(team: string, id: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // For UPDATE, TypeORM's postgres driver answers [rows, affected count], not the rows alone.
      const [, affected] = (await manager.query('UPDATE plans SET deleted_at = now() WHERE id = $1 AND team = $2 AND deleted_at IS NULL', [
        id,
        team,
      ])) as [unknown, number];
      if (affected > 0) await recordAuditWithin(manager, id);
      return affected > 0;
    });
  }

  /** Placements in ordinal order after `afterOrdinal`, filtered in SQL. */
  async placements(planId: string, filter: PlacementFilter, afterOrdinal: number, limit: number): Promise<StoredPlacement[]> {
    const { conditions, values } = placementConditions(planId, filter);
    values.push(afterOrdinal);
    conditions.push(`ordinal > $${values.length}`);
    values.push(limit);
    const rows = (await this.dataSource.query(
      `SELECT ordinal, placement FROM plan_placements WHERE ${conditions.join(' AND ')} ORDER BY ordinal LIMIT $${values.length}`,
      values,
    )) as StoredPlacement[];
    return rows;
  }

  /** How many placements match `filter`, over all pages. */
  async countPlacements(planId: string, filter: PlacementFilter): Promise<number> {
    const { conditions, values } = placementConditions(planId, filter);
    const [row] = (await this.dataSource.query(`SELECT count(*)::int AS count FROM plan_placements WHERE ${conditions.join(' AND ')}`, values)) as { count: number }[];
    return row.count;
  }

  async countByTopology(team: string, topologyId: string): Promise<number> {
    const [row] = (await this.dataSource.query('SELECT count(*)::int AS count FROM plans WHERE topology_id = $1 AND team = $2 AND deleted_at IS NULL', [
      topologyId,
      team,
    ])) as { count: number }[];
    return row.count;
  }

  /** One replica by pod name (and namespace when names repeat across namespaces). */
  async findPlacement(planId: string, pod: string, namespace: string | undefined): Promise<StoredPlacement[]> {
    return (await this.dataSource.query(
      `SELECT ordinal, placement FROM plan_placements
        WHERE plan_id = $1 AND pod = $2 AND ($3::text IS NULL OR namespace = $3)
        ORDER BY ordinal`,
      [planId, pod, namespace ?? null],
    )) as StoredPlacement[];
  }

  /**
   * What the plan puts on each node: replicas and their summed requests
   * (null when a placement stored before requests were recorded lacks them).
   */
  async plannedLoads(planId: string): Promise<(PlannedNodeLoad & { node: string })[]> {
    const rows = (await this.dataSource.query(
      `SELECT node, count(*)::int AS replicas,
              bool_and(placement ? 'requests') AS known,
              coalesce(sum((placement->'requests'->>'cpuMillicores')::float8), 0) AS cpu,
              coalesce(sum((placement->'requests'->>'memoryBytes')::float8), 0) AS memory
         FROM plan_placements WHERE plan_id = $1 AND node IS NOT NULL
        GROUP BY node ORDER BY node`,
      [planId],
    )) as { node: string; replicas: number; known: boolean; cpu: number; memory: number }[];
    return rows.map(({ node, replicas, known, cpu, memory }) => ({ node, replicas, cpuMillicores: known ? Number(cpu) : null, memoryBytes: known ? Number(memory) : null }));
  }

  /** Replicas per node and zone, per workload (dashboard aggregates). */
  async countsByNode(planId: string): Promise<{ node: string | null; zone: string | null; kind: string; namespace: string; name: string; replicas: number }[]> {
    const rows = (await this.dataSource.query(
      `SELECT node, zone, workload_kind AS kind, workload_namespace AS namespace, workload_name AS name, count(*)::int AS replicas
         FROM plan_placements WHERE plan_id = $1
        GROUP BY node, zone, workload_kind, workload_namespace, workload_name
        ORDER BY node NULLS LAST, workload_kind, workload_namespace, workload_name`,
      [planId],
    )) as { node: string | null; zone: string | null; kind: string; namespace: string; name: string; replicas: number }[];
    return rows;
  }
}

/** The WHERE conditions (and their values) of a plan's placements matching `filter`. */
function placementConditions(planId: string, filter: PlacementFilter): { conditions: string[]; values: unknown[] } {
  const conditions = ['plan_id = $1'];
  const values: unknown[] = [planId];
  if (filter.workload !== undefined) {
    const { kind, namespace, name } = workloadParts(filter.workload);
    values.push(name);
    conditions.push(`workload_name = $${values.length}`);
    if (namespace !== null) {
      values.push(namespace);
      conditions.push(`workload_namespace = $${values.length}`);
    }
    if (kind !== null) {
      values.push(kind);
      conditions.push(`workload_kind = $${values.length}`);
    }
  }
  if (filter.node !== undefined) {
    values.push(filter.node);
    conditions.push(`node = $${values.length}`);
  }
  if (filter.unschedulable !== undefined) conditions.push(filter.unschedulable ? 'node IS NULL' : 'node IS NOT NULL');
  return { conditions, values };
}
