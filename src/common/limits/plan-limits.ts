/**
 * The limits on one simulation or plan, checked before any pod is expanded
 * (a `replicas: 1000000000` must be refused, not allocated): replicas per
 * plan, and work (nodes × replicas, what the filters and scores cost); and
 * while it runs, a deadline the planner polls through its `shouldStop` hook.
 */
import type { RequestLimits } from '../../config/app-config.js';
import { fitsInteger } from '../../kube/integer-ranges.js';
import { DomainError, LimitExceededError } from '../errors/domain-error.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The replicas the workloads ask for, as expansion will read them: a Pod is
 * one, a controller its `spec.replicas` (unset: one, as apps/v1 defaulting
 * has it), a List the sum of its items. A value that is not a non-negative
 * int32 counts as one: validation refuses it at its own path
 * (`workloads[0].spec.replicas`), which says more than a replica count would.
 */
export function countRequestedReplicas(workloads: readonly unknown[]): number {
  let total = 0;
  for (const workload of workloads) {
    if (!isObject(workload)) continue;
    if (Array.isArray(workload.items)) {
      total += countRequestedReplicas(workload.items);
      continue;
    }
    const replicas = workload.kind !== 'Pod' && isObject(workload.spec) ? workload.spec.replicas : undefined;
    total += fitsInteger(replicas, 'int32') && replicas >= 0 ? replicas : 1;
  }
  return total;
}

/**
 * Nodes a scenario's `addNodes` edits add, read as the scenario parser will
 * accept them (an integer `count`, at most 10,000 an edit; anything else is
 * refused there, at its path): limits that multiply by the node count see the
 * cluster the run will see, not the one before the edits.
 */
export function countScenarioAddedNodes(scenario: readonly unknown[] | undefined): number {
  let added = 0;
  for (const edit of scenario ?? []) {
    if (isObject(edit) && edit.op === 'addNodes' && fitsInteger(edit.count, 'int32') && edit.count > 0) added += Math.min(edit.count, 10_000);
  }
  return added;
}

/** Throws LimitExceededError (422) naming PODPLAN_MAX_PLAN_REPLICAS or PODPLAN_MAX_PLAN_WORK. */
export function assertPlanWithinLimits(workloads: readonly unknown[], nodeCount: number, limits: RequestLimits, path = 'workloads'): void {
  const replicas = countRequestedReplicas(workloads);
  if (replicas > limits.maxPlanReplicas) {
    throw new LimitExceededError(path, `asks for ${replicas} replicas`, 'PODPLAN_MAX_PLAN_REPLICAS', limits.maxPlanReplicas);
  }
  const work = replicas * Math.max(1, nodeCount);
  if (work > limits.maxPlanWork) {
    throw new LimitExceededError(
      path,
      `${replicas} replicas × ${nodeCount} nodes is ${work} node evaluations`,
      'PODPLAN_MAX_PLAN_WORK',
      limits.maxPlanWork,
    );
  }
}

/**
 * Throws LimitExceededError (422) naming PODPLAN_MAX_EXPLAIN_CELLS when an
 * `explain: "full"` answer would list more replica × node cells than allowed:
 * every node's filter and score record for every replica is a few hundred
 * bytes, so 500 replicas on 500 nodes answered 93 MB. A limit on what was
 * asked for, checked with the plan limits, before any work.
 */
export function assertExplanationWithinLimits(
  explain: 'summary' | 'full' | undefined,
  workloads: readonly unknown[],
  clusterNodes: number,
  limits: RequestLimits,
  scenario?: readonly unknown[],
): void {
  if (explain !== 'full') return;
  const replicas = countRequestedReplicas(workloads);
  // The nodes the run will see: a scenario's addNodes edits add theirs first.
  const nodeCount = clusterNodes + countScenarioAddedNodes(scenario);
  const cells = replicas * Math.max(1, nodeCount);
  if (cells > limits.maxExplainCells) {
    throw new LimitExceededError(
      'explain',
      `"full" lists every node for every replica: ${replicas} replicas × ${nodeCount} nodes is ${cells} entries; ask for "summary", or read one replica's table at GET /v1/plans/{id}/placements/{pod}/nodes`,
      'PODPLAN_MAX_EXPLAIN_CELLS',
      limits.maxExplainCells,
    );
  }
}

/** A wall-clock budget for one plan: `shouldStop` goes to the planner, `assertFinished` turns a stopped run into a clear error. */
export class PlanDeadline {
  private readonly expiresAt: number;

  constructor(
    private readonly timeoutMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.expiresAt = now() + timeoutMs;
  }

  readonly shouldStop = (): boolean => this.now() >= this.expiresAt;

  assertFinished(complete: boolean): void {
    if (!complete) throw new PlanTimeoutError(this.timeoutMs);
  }
}

/** A plan stopped by PODPLAN_PLAN_TIMEOUT_MS (422, like every limit). */
export class PlanTimeoutError extends DomainError {
  constructor(timeoutMs: number) {
    super('LIMIT_EXCEEDED', `the plan did not finish within ${timeoutMs} ms (limit PODPLAN_PLAN_TIMEOUT_MS=${timeoutMs}): plan fewer replicas or on fewer nodes`);
    this.name = 'PlanTimeoutError';
  }
}
