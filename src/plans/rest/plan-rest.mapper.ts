/** Stored plans to the REST shape: the contract's result, flattened beside the plan's identity. */
import type { PlanView } from '../../pipeline/plan-store.js';
import type { StoredPlacement } from '../domain/plan.types.js';
import type { Page } from '../plans.service.js';

export function toPlanItem(view: PlanView) {
  return {
    id: view.id,
    topologyId: view.topologyId,
    revision: view.revision,
    name: view.name,
    status: view.status,
    progress: view.progress,
    ...(view.error ? { error: view.error } : {}),
    createdAt: view.createdAt.toISOString(),
    rerunOf: view.rerunOf,
    timings: view.timings,
    ...(view.result
      ? {
          summary: view.result.summary,
          workloads: view.result.workloads,
          mode: view.result.mode,
          ...(view.result.seed !== undefined ? { seed: view.result.seed } : {}),
          explain: view.result.explain,
          kubernetesVersion: view.result.kubernetesVersion,
          warnings: view.result.warnings,
        }
      : {}),
  };
}

export function toPlanDocument(view: PlanView, placements: readonly StoredPlacement[]) {
  return {
    ...toPlanItem(view),
    request: view.request,
    placements: placements.map((stored) => stored.placement),
  };
}

export function toPlanList(page: Page<PlanView>) {
  return { items: page.items.map(toPlanItem), nextCursor: page.nextCursor };
}
