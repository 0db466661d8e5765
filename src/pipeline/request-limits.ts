/**
 * Step 2 of the pipeline: limits on what a request asks for, checked before
 * anything is loaded or built (a `replicas: 1000000000` is refused, never
 * expanded). Everything here is counted from the request itself and from the
 * cluster source's stored summary (or, for an inline cluster, its Node
 * documents): replicas from the workloads, nodes from the source plus the
 * nodes the request itself adds.
 *
 * Each limit is one LimitCheck in REQUEST_LIMIT_CHECKS; a new bound on what a
 * request may ask (the size of a full explanation, say) is one more check
 * there, and every kind of request gets it.
 */
import type { RequestLimits } from '../config/app-config.js';
import { LimitExceededError } from '../common/errors/domain-error.js';
import { fitsInteger } from '../kube/integer-ranges.js';

/** What one request asks of the engine, as far as it can be known without loading anything. */
export interface AskedWork {
  /** Where a refusal points: the workloads of the request. */
  readonly path: string;
  readonly replicas: number;
  /** Pods already running that the request places again (a failure-domain study): work, but not replicas asked for. */
  readonly replaced?: number;
  /** Nodes the replicas are planned on: the source's, plus those the request adds (scenario, scale-up). */
  readonly nodes: number;
  /** How many times the replicas are planned: compare-configs plans them once per configuration. */
  readonly repeats?: { readonly count: number; readonly what: string };
  readonly explain: 'summary' | 'full';
}

/** One limit: the refusal when `asked` exceeds it. */
export type LimitCheck = (asked: AskedWork, limits: RequestLimits) => LimitExceededError | undefined;

/** The evaluations of filters and scores the request costs: (replicas + pods placed again) × nodes (× repeats). */
export function askedWork(asked: AskedWork): number {
  return (asked.replicas + (asked.replaced ?? 0)) * Math.max(1, asked.nodes) * (asked.repeats?.count ?? 1);
}

const replicaLimit: LimitCheck = (asked, limits) =>
  asked.replicas > limits.maxPlanReplicas
    ? new LimitExceededError(asked.path, `asks for ${asked.replicas} replicas`, 'PODPLAN_MAX_PLAN_REPLICAS', limits.maxPlanReplicas)
    : undefined;

const workLimit: LimitCheck = (asked, limits) => {
  const work = askedWork(asked);
  if (work <= limits.maxPlanWork) return undefined;
  const pods = asked.replaced ? `(${asked.replicas} replicas + ${asked.replaced} running pods)` : `${asked.replicas} replicas`;
  const repeats = asked.repeats ? ` × ${asked.repeats.count} ${asked.repeats.what}` : '';
  return new LimitExceededError(asked.path, `${pods} × ${asked.nodes} nodes${repeats} is ${work} node evaluations`, 'PODPLAN_MAX_PLAN_WORK', limits.maxPlanWork);
};

/**
 * `explain: "full"` lists every node's filter and score record for every
 * replica, a few hundred bytes each: 500 replicas on 500 nodes answered 93 MB.
 * Bounded in cells (replicas × the nodes the run will see).
 */
const explanationLimit: LimitCheck = (asked, limits) => {
  if (asked.explain !== 'full') return undefined;
  const cells = asked.replicas * Math.max(1, asked.nodes);
  if (cells <= limits.maxExplainCells) return undefined;
  return new LimitExceededError(
    'explain',
    `"full" lists every node for every replica: ${asked.replicas} replicas × ${asked.nodes} nodes is ${cells} entries; ask for "summary", or read one replica's table at GET /v1/plans/{id}/placements/{pod}/nodes`,
    'PODPLAN_MAX_EXPLAIN_CELLS',
    limits.maxExplainCells,
  );
};

/** Every limit on what a request asks, in the order refusals are reported. */
export const REQUEST_LIMIT_CHECKS: readonly LimitCheck[] = [replicaLimit, workLimit, explanationLimit];

/** Throws the first refusal (LimitExceededError, 422 naming the setting and its value). */
export function assertWithinLimits(asked: AskedWork, limits: RequestLimits): void {
  for (const check of REQUEST_LIMIT_CHECKS) {
    const refusal = check(asked, limits);
    if (refusal) throw refusal;
  }
}

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

/** Node documents of an inline cluster (Lists included), counted before anything is parsed. */
export function countNodeDocuments(objects: readonly unknown[]): number {
  let nodes = 0;
  for (const object of objects) {
    if (!isObject(object)) continue;
    if (object.kind === 'Node') nodes += 1;
    else if (Array.isArray(object.items)) nodes += object.kind === 'NodeList' ? object.items.length : countNodeDocuments(object.items);
  }
  return nodes;
}

/** Pod documents of an inline cluster (Lists included): what a failure-domain study may re-place. */
export function countPodDocuments(objects: readonly unknown[]): number {
  let pods = 0;
  for (const object of objects) {
    if (!isObject(object)) continue;
    if (object.kind === 'Pod') pods += 1;
    else if (Array.isArray(object.items)) pods += object.kind === 'PodList' ? object.items.length : countPodDocuments(object.items);
  }
  return pods;
}

/** The most nodes one `addNodes` edit may add (the scenario parser refuses more, at its path). */
const MAX_NODES_PER_EDIT = 10_000;

/**
 * Nodes a scenario's `addNodes` edits add, read as the scenario parser will
 * accept them (an integer `count`, at most 10,000 an edit; anything else is
 * refused there, at its path): limits that multiply by the node count see the
 * cluster the run will see, not the one before the edits.
 */
export function countScenarioNodes(scenario: readonly unknown[] | undefined): number {
  let added = 0;
  for (const edit of scenario ?? []) {
    if (isObject(edit) && edit.op === 'addNodes' && fitsInteger(edit.count, 'int32') && edit.count > 0) added += Math.min(edit.count, MAX_NODES_PER_EDIT);
  }
  return added;
}
