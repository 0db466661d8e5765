/** Plans to take, renew and reap in the lease tests: a topology revision of one node, and plans on it, straight in SQL. */
import type { DataSource } from 'typeorm';
import { PlansRepository } from '../../../src/plans/persistence/plans.repository.js';
import type { Placement } from '../../../src/simulation/simulation-result.js';
import type { FinishedPlan } from '../../../src/pipeline/plan-store.js';

export async function createRevision(dataSource: DataSource): Promise<{ topologyId: string; revision: number }> {
  const [{ id }] = (await dataSource.query(`INSERT INTO topologies (name, latest_revision) VALUES ('leases', 1) RETURNING id`)) as { id: string }[];
  await dataSource.query(`INSERT INTO topology_revisions (topology_id, revision, objects, summary) VALUES ($1, 1, '[]'::jsonb, '{}'::jsonb)`, [id]);
  return { topologyId: id, revision: 1 };
}

export async function queuePlan(plans: PlansRepository, revision: { topologyId: string; revision: number }, name: string, total = 2): Promise<string> {
  return plans.insertQueued({ team: 'default', ...revision, name, request: { workloads: [], mode: 'exhaustive' }, total, rerunOf: null });
}

export interface LeaseColumns {
  status: string;
  worker_id: string | null;
  lease_expires_at: Date | null;
  attempts: number;
  progress_done: number;
  error: { message: string } | null;
}

export async function leaseColumns(dataSource: DataSource, planId: string): Promise<LeaseColumns> {
  const [row] = (await dataSource.query(
    'SELECT status, worker_id, lease_expires_at, attempts, progress_done, error FROM plans WHERE id = $1',
    [planId],
  )) as LeaseColumns[];
  return row;
}

export async function storedPlacements(dataSource: DataSource, planId: string): Promise<number> {
  const [{ rows }] = (await dataSource.query('SELECT count(*)::int AS rows FROM plan_placements WHERE plan_id = $1', [planId])) as { rows: number }[];
  return rows;
}

/** Makes every lease of these plans run out a minute ago (as if their workers had died then). */
export async function expireLeases(dataSource: DataSource, planIds: readonly string[]): Promise<void> {
  await dataSource.query(`UPDATE plans SET lease_expires_at = now() - interval '1 minute' WHERE id = ANY($1::uuid[])`, [planIds]);
}

function placement(replica: number): Placement {
  return {
    workload: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' },
    replica,
    namespace: 'default',
    pod: `web-${replica}`,
    node: 'node-a',
    zone: null,
    score: 100,
    message: 'placed',
    feasibleNodes: 1,
    evaluatedNodes: 1,
  };
}

/** A finished two-replica plan, as a worker would store it. */
export function finishedPlan(): FinishedPlan {
  return {
    result: { summary: { replicas: 2, scheduled: 2, unschedulable: 0 } } as unknown as FinishedPlan['result'],
    timings: { loadMs: 1, planMs: 1, storeMs: 0 },
    placements: [placement(0), placement(1)],
  };
}
