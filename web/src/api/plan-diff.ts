/**
 * What changed between two stored plans, as `GET /v1/plans/{a}/diff/{b}`
 * answers it (api-contract.md, What-if analyses): replicas are matched by
 * workload and replica index; `from` is plan a's node, `to` plan b's.
 */
import type { WorkloadRef } from './types.js';

interface ReplicaRef {
  workload: WorkloadRef;
  replica: number;
  /** The pod's name in the second plan. */
  pod: string;
}

export interface PlanDiffDocument {
  moved: (ReplicaRef & { from: string; to: string; fromZone: string | null; toZone: string | null })[];
  newlyPlaced: (ReplicaRef & { node: string })[];
  newlyUnplaceable: (ReplicaRef & { was: string; message: string })[];
  scoreChanges: (ReplicaRef & { node: string; plugin: string; from: number; to: number })[];
  unchanged: number;
  onlyInFirst: number;
  onlyInSecond: number;
  /** 0: the plans share no workload, so there is nothing to compare. */
  sharedWorkloads: number;
}

export function planDiffPath(first: string, second: string): string {
  return `/v1/plans/${encodeURIComponent(first)}/diff/${encodeURIComponent(second)}`;
}

/** A topology's stored plans as `GET /v1/topologies/{id}/plans` lists them (oldest first). */
export interface StoredPlanList {
  items: { id: string; name: string | null; createdAt: string; status: string }[];
  nextCursor: string | null;
}

/** Plans read per page for the compare form, which reads every page. */
const STORED_PLAN_PAGE = 100;

export function storedPlansPath(topologyId: string, cursor: string | null = null): string {
  const page = `/v1/topologies/${encodeURIComponent(topologyId)}/plans?limit=${STORED_PLAN_PAGE}`;
  return cursor === null ? page : `${page}&cursor=${encodeURIComponent(cursor)}`;
}
