/**
 * A stored plan as `GET /v1/plans/{id}` answers it (api-contract.md, Saved
 * topologies and plans): the request it ran (its workloads among them) and
 * every placement. The viewer reads it whole to export a plan or load its
 * workloads again; the parts it reads are typed, the rest passes through.
 */
import type { PlanSummary, WorkloadRef } from './types.js';
import { restRequest } from './rest-client.js';

export interface PlanDocumentPlacement {
  workload: WorkloadRef;
  replica: number;
  pod: string;
  namespace: string;
  node: string | null;
  zone: string | null;
  score: number | null;
  message: string;
  feasibleNodes: number;
  evaluatedNodes: number;
}

export interface PlanDocument {
  id: string;
  topologyId: string;
  revision: number;
  name: string | null;
  status: string;
  createdAt: string;
  summary?: PlanSummary;
  request: { workloads: unknown[]; schedulerConfig?: unknown; scenario?: unknown[] };
  placements: PlanDocumentPlacement[];
  [field: string]: unknown;
}

export function fetchPlanDocument(planId: string): Promise<PlanDocument> {
  return restRequest<PlanDocument>(`/v1/plans/${encodeURIComponent(planId)}`);
}
