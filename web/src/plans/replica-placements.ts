/**
 * The viewer's one shape for a plan, whether stored (createPlan, plans) or a
 * dry run (simulate): every replica with its node, and where to find its
 * explanation — recomputed by the service for stored plans, carried inline
 * for dry runs.
 */
import { graphqlRequest } from '../api/graphql-client.js';
import { PLAN_QUERY, PLAN_STATUS_QUERY } from '../api/documents.js';
import type { AllocatedDevice, Connection, PlanDetail, PodRequests, PlanSummary, SimulatedPlacement, StoredPlacement, WorkloadRef, WorkloadSummary } from '../api/types.js';
import { workloadKey } from './workload-key.js';

export type ExplanationSource =
  /** `cursorBefore` selects this replica in `placements(first: 1, after: …)`. */
  | { kind: 'stored'; planId: string; cursorBefore: string | null }
  | { kind: 'simulated'; placement: SimulatedPlacement };

export interface ReplicaPlacement {
  /** namespace/pod: unique within a plan. */
  key: string;
  pod: string;
  replica: number;
  workload: WorkloadRef;
  workloadKey: string;
  node: string | null;
  zone: string | null;
  message: string;
  /** The DRA devices the replica's claims were allocated, one entry per allocation result. */
  devices: AllocatedDevice[];
  /** What the replica adds to its node's requested cpu and memory; null in plans stored before it was recorded. */
  requests: PodRequests | null;
  explanation: ExplanationSource;
}

export interface ViewedPlan {
  title: string;
  /** The stored plan's id; undefined for a dry run. */
  planId: string | undefined;
  summary: PlanSummary;
  workloads: WorkloadSummary[];
  replicas: ReplicaPlacement[];
}

export interface SimulationResult {
  summary: PlanSummary;
  workloads: WorkloadSummary[];
  placements: SimulatedPlacement[];
}

function replicaOf(placement: StoredPlacement | SimulatedPlacement, node: string | null, explanation: ExplanationSource): ReplicaPlacement {
  return {
    key: `${placement.namespace}/${placement.pod}`,
    pod: placement.pod,
    replica: placement.replica,
    workload: placement.workload,
    workloadKey: workloadKey(placement.workload),
    node,
    zone: placement.zone,
    message: placement.message,
    devices: placement.devices ?? [],
    requests: placement.requests ?? null,
    explanation,
  };
}

export function viewSimulation(result: SimulationResult): ViewedPlan {
  return {
    title: 'Dry run (not stored)',
    planId: undefined,
    summary: result.summary,
    workloads: result.workloads,
    replicas: result.placements.map((placement) => replicaOf(placement, placement.node, { kind: 'simulated', placement })),
  };
}

interface PlanPage {
  plan: PlanDetail & { placements: Connection<StoredPlacement> };
}

/** Plan statuses of a job not finished yet (Plan.status). */
const UNFINISHED_STATUSES = new Set(['queued', 'running']);
const STATUS_POLL_INTERVAL_MS = 1000;

export interface PlanProgress {
  status: string;
  done: number;
  total: number;
}

interface PlanStatusAnswer {
  plan: { id: string; status: string; progress: { done: number; total: number } };
}

/** Waits for a plan that runs as a background job, reporting its progress; throws if the job did not succeed. */
async function awaitPlanJob(planId: string, onProgress: (progress: PlanProgress) => void): Promise<void> {
  for (;;) {
    const { plan } = await graphqlRequest<PlanStatusAnswer>(PLAN_STATUS_QUERY, { id: planId });
    if (!UNFINISHED_STATUSES.has(plan.status)) {
      if (plan.status !== 'succeeded') throw new Error(`the plan job ${plan.status}`);
      return;
    }
    onProgress({ status: plan.status, ...plan.progress });
    await new Promise((resolve) => setTimeout(resolve, STATUS_POLL_INTERVAL_MS));
  }
}

/** Reads a stored plan, once its job is done, and every page of its placements. */
export async function loadStoredPlan(planId: string, onProgress: (progress: PlanProgress) => void = () => {}): Promise<ViewedPlan> {
  await awaitPlanJob(planId, onProgress);
  const replicas: ReplicaPlacement[] = [];
  let after: string | null = null;
  let plan: PlanDetail | undefined;
  do {
    const page: PlanPage = await graphqlRequest<PlanPage>(PLAN_QUERY, { id: planId, after });
    plan = page.plan;
    let cursorBefore = after;
    for (const edge of page.plan.placements.edges) {
      replicas.push(replicaOf(edge.node, edge.node.nodeName, { kind: 'stored', planId, cursorBefore }));
      cursorBefore = edge.cursor;
    }
    after = page.plan.placements.pageInfo.hasNextPage ? page.plan.placements.pageInfo.endCursor : null;
  } while (after !== null);

  return {
    title: plan.name ? `Plan “${plan.name}”` : `Plan ${plan.id}`,
    planId,
    summary: plan.summary ?? { replicas: replicas.length, scheduled: 0, unschedulable: 0 },
    workloads: plan.workloads,
    replicas,
  };
}

/** Replicas grouped by node name; unplaceable ones under no key. */
export function replicasByNode(replicas: readonly ReplicaPlacement[]): ReadonlyMap<string, ReplicaPlacement[]> {
  const byNode = new Map<string, ReplicaPlacement[]>();
  for (const replica of replicas) {
    if (replica.node === null) continue;
    const onNode = byNode.get(replica.node) ?? [];
    onNode.push(replica);
    byNode.set(replica.node, onNode);
  }
  return byNode;
}

/** Placed replicas per zone; nodes without a zone under null, as Topology.zones lists them. */
export function replicasByZone(replicas: readonly ReplicaPlacement[]): ReadonlyMap<string | null, ReplicaPlacement[]> {
  const byZone = new Map<string | null, ReplicaPlacement[]>();
  for (const replica of replicas) {
    if (replica.node === null) continue;
    const inZone = byZone.get(replica.zone) ?? [];
    inZone.push(replica);
    byZone.set(replica.zone, inZone);
  }
  return byZone;
}
