/**
 * A workload that already runs in the cluster is not planned again. Its
 * running pods are found by the rule the failure analysis uses
 * (scenario/pod-owners.ts workloadOfPod: Pod → ReplicaSet → Deployment, or,
 * when a `kubectl get deploy,pods` dump lacks the ReplicaSet, the
 * `<deployment>-<pod-template-hash>` owner name), so a Deployment's pods are
 * its own wherever the answer talks about them.
 *
 * What is planned instead, as its controller would act on `kubectl apply`:
 * - by default, only the replicas that do not run yet (a scale-up), or none;
 * - with `rollout`, a new revision replacing the running pods as the
 *   workload's update strategy says (rollout-execution.ts): a Deployment's
 *   RollingUpdate surges beside its old pods, Recreate removes them first,
 *   a StatefulSet replaces ordinals from the highest down to its partition.
 * Either way the answer says so, naming the workload and its running pods.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { STATEFULSET_POD_INDEX_LABEL } from '../kube/expansion/controller-pods.js';
import { resolveFenceposts } from '../kube/expansion/update-strategy.js';
import type { ExpandedWorkload } from '../kube/workloads.js';
import type { ClusterState } from '../scheduling/model/cluster-state.js';
import { isNodeBound, workloadKey, workloadOfPod } from './scenario/pod-owners.js';
import type { SimulationWarning } from './simulation-result.js';

/** A pod of the workload bound to a node of the cluster. */
export interface RunningPod {
  readonly key: string;
  readonly name: string;
  readonly node: string;
  readonly pod: V1Pod;
}

export type RolloutPlan =
  /** deployment/rolling.go: new pods up to replicas + maxSurge, old ones down to replicas - maxUnavailable. */
  | { readonly strategy: 'RollingUpdate'; readonly maxSurge: number; readonly maxUnavailable: number; readonly old: readonly RunningPod[] }
  /** deployment/recreate.go: every old pod goes before the first new one is created. */
  | { readonly strategy: 'Recreate'; readonly old: readonly RunningPod[] }
  /** statefulset: missing ordinals first, then one running ordinal at a time, highest first. */
  | { readonly strategy: 'StatefulSetRollingUpdate'; readonly old: readonly RunningPod[] };

/** A workload to plan, and how it replaces pods that already run when it is a rollout. */
export interface PlannedWorkload extends ExpandedWorkload {
  readonly rollout?: RolloutPlan;
}

export interface RunningWorkloadOptions {
  /** Plan a new revision of running workloads (request field `rollout`). */
  readonly rollout?: boolean;
}

const CONTROLLER_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);
const NAMED_PODS = 5;

/** Every non-node-bound, non-terminating pod of the cluster, under its workload's key and under its direct owner's. */
function runningPodsByWorkload(cluster: ClusterState): Map<string, RunningPod[]> {
  const found = new Map<string, RunningPod[]>();
  const add = (key: string, pod: RunningPod) => {
    const pods = found.get(key) ?? [];
    if (pods[pods.length - 1] !== pod) pods.push(pod);
    found.set(key, pods);
  };
  for (const node of cluster.nodes) {
    for (const info of node.pods) {
      const pod = info.pod;
      if (isNodeBound(pod) || pod.metadata?.deletionTimestamp) continue;
      const running: RunningPod = { key: info.key, name: info.name, node: node.name, pod };
      add(workloadKey(workloadOfPod(pod, cluster.objects)), running);
      const owner = pod.metadata?.ownerReferences?.find((reference) => reference.controller === true);
      if (owner) add(`${owner.kind}/${info.namespace}/${owner.name}`, running);
    }
  }
  return found;
}

function describe(workload: ExpandedWorkload): string {
  return `${workload.ref.kind} ${workload.ref.namespace}/${workload.ref.name}`;
}

function podList(pods: readonly RunningPod[]): string {
  const named = pods.slice(0, NAMED_PODS).map((pod) => `${pod.name} on ${pod.node}`);
  return pods.length > NAMED_PODS ? `${named.join(', ')} and ${pods.length - NAMED_PODS} more` : named.join(', ');
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A StatefulSet replica is missing when no running pod has its name. */
function missingOrdinals(workload: ExpandedWorkload, running: readonly RunningPod[]): V1Pod[] {
  const names = new Set(running.map((pod) => pod.name));
  return workload.pods.filter((pod) => !names.has(pod.metadata?.name ?? ''));
}

/** Without rollout: only what the controller would create (the replicas that do not run yet). */
function scaleOnly(workload: ExpandedWorkload, running: readonly RunningPod[], reason: string): { workload: PlannedWorkload; warning: SimulationWarning } {
  const pods = workload.ref.kind === 'StatefulSet' ? missingOrdinals(workload, running) : workload.pods.slice(0, Math.max(0, workload.pods.length - running.length));
  const runs = `${describe(workload)} already runs in the cluster (${plural(running.length, 'pod')}: ${podList(running)})`;
  const planned =
    pods.length === 0
      ? `not planned again${running.length > workload.pods.length ? ` (it asks for ${workload.pods.length}; its controller would delete the extra pods)` : ''}`
      : `only the ${plural(pods.length, 'missing replica')} of the ${workload.pods.length} it asks for ${pods.length === 1 ? 'is' : 'are'} planned`;
  return { workload: { ...workload, pods, claims: claimsOf(workload, pods) }, warning: { path: workload.path, message: `${runs}: ${planned}; ${reason}` } };
}

/** The claims the controller creates for the pods that are planned (StatefulSet claims are per ordinal). */
function claimsOf(workload: ExpandedWorkload, pods: readonly V1Pod[]): ExpandedWorkload['claims'] {
  if (pods.length === workload.pods.length) return workload.claims;
  const claimNames = new Set(pods.flatMap((pod) => (pod.spec?.volumes ?? []).map((volume) => volume.persistentVolumeClaim?.claimName).filter((name): name is string => name !== undefined)));
  return workload.claims.filter((claim) => claimNames.has(claim.metadata?.name ?? ''));
}

const ALREADY_EXISTS = /^pod \S+ already exists; replica \d+ is planned as an additional pod of the same name$/;

function rolloutOf(workload: ExpandedWorkload, running: readonly RunningPod[]): { workload: PlannedWorkload; warning: SimulationWarning } {
  const strategy = workload.updateStrategy;
  const runs = `${describe(workload)} already runs in the cluster (${plural(running.length, 'pod')}: ${podList(running)})`;
  if (strategy?.kind === 'Deployment' && strategy.type === 'Recreate') {
    return {
      workload: { ...workload, rollout: { strategy: 'Recreate', old: running } },
      warning: { path: workload.path, message: `${runs}: a new revision of ${workload.pods.length} is planned with strategy Recreate: every running pod is removed first` },
    };
  }
  if (strategy?.kind === 'Deployment' && strategy.type === 'RollingUpdate') {
    const { maxSurge, maxUnavailable } = resolveFenceposts(strategy, workload.pods.length);
    return {
      workload: { ...workload, rollout: { strategy: 'RollingUpdate', maxSurge, maxUnavailable, old: running } },
      warning: {
        path: workload.path,
        message: `${runs}: a new revision of ${workload.pods.length} is planned as a RollingUpdate (maxSurge ${maxSurge}, maxUnavailable ${maxUnavailable}): new pods are placed beside the running ones, which go as the new ones are placed`,
      },
    };
  }
  if (strategy?.kind === 'StatefulSet' && strategy.type === 'RollingUpdate') {
    const names = new Set(running.map((pod) => pod.name));
    const pods = workload.pods.filter((pod) => !names.has(pod.metadata?.name ?? '') || Number(pod.metadata?.labels?.[STATEFULSET_POD_INDEX_LABEL]) >= strategy.partition);
    const kept = workload.pods.length - pods.length;
    return {
      workload: { ...workload, pods, claims: claimsOf(workload, pods), rollout: { strategy: 'StatefulSetRollingUpdate', old: running } },
      warning: {
        path: workload.path,
        message: `${runs}: a new revision is planned as a RollingUpdate, one pod at a time from the highest ordinal${kept > 0 ? `; ${plural(kept, 'pod')} below partition ${strategy.partition} keep the running revision` : ''}`,
      },
    };
  }
  const why =
    strategy?.kind === 'StatefulSet'
      ? 'its updateStrategy is OnDelete, so running pods are replaced only when deleted'
      : 'a ReplicaSet does not replace running pods when its template changes (a Deployment does)';
  return scaleOnly(workload, running, `rollout has no effect: ${why}`);
}

/**
 * The workloads to plan once those already running are accounted for, and
 * what the answer says about each of them. Bare Pods are not concerned: one
 * already there is refused by name (expandWorkloads).
 */
export function reconcileRunningWorkloads(
  workloads: readonly ExpandedWorkload[],
  cluster: ClusterState,
  options: RunningWorkloadOptions = {},
): { workloads: PlannedWorkload[]; warnings: SimulationWarning[] } {
  if (!workloads.some((workload) => CONTROLLER_KINDS.has(workload.ref.kind))) return { workloads: [...workloads], warnings: [] };
  const running = runningPodsByWorkload(cluster);
  const warnings: SimulationWarning[] = [];
  const planned = workloads.map((workload): PlannedWorkload => {
    if (!CONTROLLER_KINDS.has(workload.ref.kind)) return workload;
    const pods = running.get(`${workload.ref.kind}/${workload.ref.namespace}/${workload.ref.name}`);
    if (!pods || pods.length === 0) return workload;
    // Its pods' names are the running ones': the controller replaces them, it does not add pods of the same name.
    const own = { ...workload, warnings: workload.warnings.filter((warning) => !ALREADY_EXISTS.test(warning.message)) };
    const outcome = options.rollout ? rolloutOf(own, pods) : scaleOnly(own, pods, 'set rollout: true to plan a new revision');
    warnings.push(outcome.warning);
    return outcome.workload;
  });
  return { workloads: planned, warnings };
}
