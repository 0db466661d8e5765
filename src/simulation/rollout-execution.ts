/**
 * Plans a simulation's workloads in order. Workloads without a rollout go to
 * the planner together, as one run (the common case, unchanged). A rollout
 * interleaves placements with the removal of the running pods it replaces,
 * as the controllers do when every placed pod becomes available at once:
 * - RollingUpdate (pkg/controller/deployment/rolling.go): scale the new
 *   revision up to `replicas + maxSurge` pods in all (NewRSNewReplicas), then
 *   the old pods down while `replicas - maxUnavailable` stay available, an
 *   unplaceable new pod counting as unavailable (reconcileOldReplicaSets);
 *   repeat until neither moves. A rollout that stops there has stalled:
 *   its remaining replicas are never created.
 * - Recreate (recreate.go): every old pod goes, then every new one is placed.
 * - StatefulSet RollingUpdate (stateful_set_control.go): missing ordinals
 *   first; then each running ordinal from the highest is deleted and
 *   recreated, the next waiting until it runs.
 * Old pods are removed in the ReplicaSet controller's order
 * (controller_utils.go ActivePodsWithRanks): lower pod-deletion-cost first,
 * then pods sharing their node with more of the workload's pods, then the
 * newest; then by name, so the plan is the same every time.
 * A run with rollouts calls the planner once per step; faithful mode's
 * seeded draws start again at each step.
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { ClusterState } from '../scheduling/model/cluster-state.js';
import type { PodDecision } from '../scheduling/planner/decision.js';
import type { Planner, PlanOptions, PlanRun } from '../scheduling/planner/planner.js';
import type { PlannedWorkload, RolloutPlan, RunningPod } from './running-workloads.js';

const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

function deletionCost(pod: V1Pod): number {
  const value = Number(pod.metadata?.annotations?.[DELETION_COST_ANNOTATION]);
  return Number.isInteger(value) ? value : 0;
}

function createdAt(pod: V1Pod): number {
  const value = pod.metadata?.creationTimestamp;
  const time = value === undefined ? Number.NaN : new Date(value as unknown as string).getTime();
  return Number.isNaN(time) ? 0 : time;
}

/** The `count` old pods the ReplicaSet controller deletes first (getPodsToDelete). */
function podsToDelete(old: readonly RunningPod[], related: ReadonlySet<string>, cluster: ClusterState, count: number): RunningPod[] {
  const relatedOnNode = new Map<string, number>();
  for (const pod of old) {
    if (relatedOnNode.has(pod.node)) continue;
    relatedOnNode.set(pod.node, cluster.node(pod.node)?.pods.filter((info) => related.has(info.key)).length ?? 0);
  }
  return [...old]
    .sort(
      (a, b) =>
        deletionCost(a.pod) - deletionCost(b.pod) ||
        relatedOnNode.get(b.node)! - relatedOnNode.get(a.node)! ||
        createdAt(b.pod) - createdAt(a.pod) ||
        (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    )
    .slice(0, count);
}

function notCreated(podKey: string, totalNodes: number, message: string, explain: PlanOptions['explain']): PodDecision {
  return { podKey, node: null, score: null, totalNodes, evaluatedNodes: 0, feasibleNodes: 0, failureMessage: message, candidates: [], rejections: [], ...(explain === 'full' ? { nodes: [] } : {}) };
}

function keyOf(pod: V1Pod): string {
  return `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
}

/** One plan's state across steps: the cluster so far, and every decision at its pod's position in the whole plan. */
class StepRunner {
  cluster: ClusterState;
  readonly decisions: (PodDecision | undefined)[] = [];
  stopped = false;
  private done = 0;
  private runReplicas = 0;
  private last: PlanRun | undefined;
  private readonly fullAt: ReadonlySet<number> | undefined;

  constructor(
    private readonly planner: Pick<Planner, 'plan'>,
    cluster: ClusterState,
    private readonly options: PlanOptions,
    private readonly total: number,
  ) {
    this.cluster = cluster;
    const at = options.explainFullAt;
    this.fullAt = at === undefined ? undefined : typeof at === 'number' ? new Set([at]) : at;
  }

  /** Places `pods`, which sit at `positions` of the whole plan; returns their decisions (undefined once stopped). */
  place(pods: readonly V1Pod[], positions: readonly number[]): PodDecision[] | undefined {
    if (this.stopped) return undefined;
    if (pods.length === 0) return [];
    const before = this.done;
    const fullAt = this.fullAt ? new Set(positions.flatMap((position, local) => (this.fullAt!.has(position) ? [local] : []))) : undefined;
    const run = this.planner.plan(this.cluster, pods, {
      ...this.options,
      onProgress: this.options.onProgress ? (done) => this.options.onProgress!(before + done, this.total) : undefined,
      explainFullAt: fullAt,
    });
    run.decisions.forEach((decision, local) => (this.decisions[positions[local]] = decision));
    this.done += run.decisions.length;
    this.runReplicas += run.runReplicas;
    this.cluster = run.cluster;
    this.last = run;
    if (!run.complete) this.stopped = true;
    return this.stopped ? undefined : run.decisions;
  }

  remove(pods: readonly RunningPod[]): void {
    if (pods.length === 0) return;
    const fork = this.cluster === this.last?.cluster ? this.cluster : this.cluster.fork();
    for (const pod of pods) fork.removePod(pod.key, pod.node);
    this.cluster = fork;
  }

  skip(pods: readonly V1Pod[], positions: readonly number[], message: string): void {
    pods.forEach((pod, local) => (this.decisions[positions[local]] = notCreated(keyOf(pod), this.cluster.nodes.length, message, this.options.explain)));
  }

  result(template: PlanRun | undefined): PlanRun {
    const decisions: PodDecision[] = [];
    for (const decision of this.decisions) {
      if (!decision) break;
      decisions.push(decision);
    }
    const complete = !this.stopped && decisions.length === this.total;
    return {
      decisions,
      cluster: this.cluster,
      complete,
      mode: template?.mode ?? this.options.mode ?? 'exhaustive',
      kubernetesVersion: template?.kubernetesVersion ?? '',
      runReplicas: this.runReplicas,
    };
  }

  get lastRun(): PlanRun | undefined {
    return this.last;
  }
}

function range(start: number, count: number): number[] {
  return Array.from({ length: count }, (_, index) => start + index);
}

function rollingUpdate(steps: StepRunner, pods: readonly V1Pod[], first: number, plan: Extract<RolloutPlan, { strategy: 'RollingUpdate' }>): string | undefined {
  const replicas = pods.length;
  let old = [...plan.old];
  const related = new Set(old.map((pod) => pod.key));
  let created = 0;
  let unavailable = 0;
  for (;;) {
    const up = Math.max(0, Math.min(replicas + plan.maxSurge - (old.length + created), replicas - created));
    if (up > 0) {
      const batch = pods.slice(created, created + up);
      const decisions = steps.place(batch, range(first + created, up));
      if (!decisions) return undefined;
      decisions.forEach((decision, index) => (decision.node === null ? unavailable++ : related.add(keyOf(batch[index]))));
      created += up;
    }
    const down = Math.min(old.length, old.length + created - (replicas - plan.maxUnavailable) - unavailable);
    if (down > 0) {
      const victims = podsToDelete(old, related, steps.cluster, down);
      steps.remove(victims);
      const gone = new Set(victims.map((pod) => pod.key));
      old = old.filter((pod) => !gone.has(pod.key));
      for (const key of gone) related.delete(key);
    }
    if (up === 0 && down <= 0) break;
  }
  if (created === replicas) return undefined;
  const message = `not created: the rollout stalls with ${unavailable} new replica(s) unplaceable and ${old.length} old pod(s) still running (maxSurge ${plan.maxSurge}, maxUnavailable ${plan.maxUnavailable})`;
  steps.skip(pods.slice(created), range(first + created, replicas - created), message);
  return message;
}

function statefulSetUpdate(steps: StepRunner, pods: readonly V1Pod[], first: number, plan: Extract<RolloutPlan, { strategy: 'StatefulSetRollingUpdate' }>): void {
  const old = new Map(plan.old.map((pod) => [pod.name, pod]));
  const missing = pods.flatMap((pod, index) => (old.has(pod.metadata?.name ?? '') ? [] : [index]));
  const replaced = pods.flatMap((pod, index) => (old.has(pod.metadata?.name ?? '') ? [index] : [])).reverse();
  const missingDecisions = steps.place(missing.map((index) => pods[index]), missing.map((index) => first + index));
  if (!missingDecisions) return;
  const waiting = missingDecisions.find((decision) => decision.node === null);
  for (let step = 0; step < replaced.length; step++) {
    const index = replaced[step];
    if (waiting) {
      const rest = replaced.slice(step);
      steps.skip(rest.map((at) => pods[at]), rest.map((at) => first + at), `not replaced: the rolling update waits for ${waiting.podKey}, which no node takes`);
      return;
    }
    steps.remove([old.get(pods[index].metadata?.name ?? '')!]);
    const decisions = steps.place([pods[index]], [first + index]);
    if (!decisions) return;
    if (decisions[0].node === null) {
      const rest = replaced.slice(step + 1);
      steps.skip(rest.map((at) => pods[at]), rest.map((at) => first + at), `not replaced: the rolling update waits for ${decisions[0].podKey}, which no node takes`);
      return;
    }
  }
}

/** Places every workload's pods in order, running rollouts step by step; one run when there is none. */
export function planWorkloads(planner: Pick<Planner, 'plan'>, cluster: ClusterState, workloads: readonly PlannedWorkload[], options: PlanOptions): PlanRun {
  const pods = workloads.flatMap((workload) => workload.pods);
  if (!workloads.some((workload) => workload.rollout)) return planner.plan(cluster, pods, options);
  const steps = new StepRunner(planner, cluster, options, pods.length);
  let position = 0;
  let pending: { pods: V1Pod[]; first: number } = { pods: [], first: 0 };
  const flush = () => {
    steps.place(pending.pods, range(pending.first, pending.pods.length));
    pending = { pods: [], first: position };
  };
  for (const workload of workloads) {
    const rollout = workload.rollout;
    if (!rollout) {
      pending.pods.push(...workload.pods);
      position += workload.pods.length;
      continue;
    }
    flush();
    if (rollout.strategy === 'Recreate') {
      steps.remove(rollout.old);
      steps.place(workload.pods, range(position, workload.pods.length));
    } else if (rollout.strategy === 'RollingUpdate') {
      rollingUpdate(steps, workload.pods, position, rollout);
    } else {
      statefulSetUpdate(steps, workload.pods, position, rollout);
    }
    position += workload.pods.length;
    pending = { pods: [], first: position };
  }
  flush();
  return steps.result(steps.lastRun ?? planner.plan(steps.cluster, [], options));
}
