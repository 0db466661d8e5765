/**
 * Scenario `scale` of a workload already running in the cluster. Scaling
 * down removes pods the way the controllers pick them, as far as a snapshot
 * can tell: a StatefulSet its highest ordinals first; a ReplicaSet or
 * Deployment (whose ranking upstream prefers unscheduled, then newer pods;
 * a snapshot has no ages) the last pods by name. Scaling up adds copies of
 * one existing pod, unbound, for the planner to place.
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { ClusterState } from '../../scheduling/model/cluster-state.js';
import type { PodInfo } from '../../scheduling/model/pod-info.js';
import { workloadOfPod } from './pod-owners.js';
import type { ScaleEdit } from './scenario-edits.js';

export interface RunningPod {
  readonly pod: PodInfo;
  readonly node: string;
}

export function podsOfWorkload(cluster: ClusterState, edit: Pick<ScaleEdit, 'kind' | 'namespace' | 'name'>): RunningPod[] {
  const found: RunningPod[] = [];
  for (const node of cluster.nodes) {
    for (const pod of node.pods) {
      if (pod.namespace !== edit.namespace) continue;
      const workload = workloadOfPod(pod.pod, cluster.objects);
      if (workload.kind === edit.kind && workload.name === edit.name) found.push({ pod, node: node.name });
    }
  }
  return found;
}

function ordinalOf(name: string): number {
  const match = /-(\d+)$/.exec(name);
  return match ? Number(match[1]) : -1;
}

/** Pods in the order a scale-down removes them. */
export function scaleDownOrder(kind: ScaleEdit['kind'], pods: readonly RunningPod[]): RunningPod[] {
  const sorted = [...pods];
  if (kind === 'StatefulSet') sorted.sort((a, b) => ordinalOf(b.pod.name) - ordinalOf(a.pod.name));
  else sorted.sort((a, b) => (a.pod.name < b.pod.name ? 1 : a.pod.name > b.pod.name ? -1 : 0));
  return sorted;
}

/** `count` new unbound pods like `model`, named as the controller would name them (ordinals for a StatefulSet). */
export function scaleUpPods(kind: ScaleEdit['kind'], name: string, model: V1Pod, existing: readonly RunningPod[], count: number): V1Pod[] {
  const taken = new Set(existing.map((running) => running.pod.name));
  const pods: V1Pod[] = [];
  const base = model.metadata?.name?.replace(/-[^-]+$/, '') ?? name;
  for (let index = 0; pods.length < count; index++) {
    const podName = kind === 'StatefulSet' ? `${name}-${index}` : `${base}-scaled-${index}`;
    if (taken.has(podName)) continue;
    const labels = { ...(model.metadata?.labels ?? {}) };
    if (kind === 'StatefulSet') {
      labels['statefulset.kubernetes.io/pod-name'] = podName;
      labels['apps.kubernetes.io/pod-index'] = String(index);
    }
    const { nodeName: _bound, ...spec } = model.spec ?? { containers: [] };
    pods.push({ ...model, metadata: { ...model.metadata, name: podName, labels, uid: undefined }, spec, status: { phase: 'Pending' } });
  }
  return pods;
}
