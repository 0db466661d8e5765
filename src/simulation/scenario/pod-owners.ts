/**
 * The workload a pod in the cluster belongs to, following controller owner
 * references as the controllers set them: Pod → ReplicaSet → Deployment,
 * Pod → StatefulSet; a pod without a controller is its own workload.
 */
import type { V1OwnerReference, V1Pod } from '@kubernetes/client-node';
import type { ClusterCatalog } from '../../scheduling/model/cluster-state.js';
import type { WorkloadRef } from '../simulation-result.js';
import { MIRROR_POD_ANNOTATION } from '../../kube/drain-annotations.js';

function controllerOf(references: readonly V1OwnerReference[] | undefined): V1OwnerReference | undefined {
  return references?.find((reference) => reference.controller === true) ?? references?.[0];
}

export function workloadOfPod(pod: V1Pod, catalog: Pick<ClusterCatalog, 'replicaSets'>): WorkloadRef {
  const namespace = pod.metadata?.namespace || 'default';
  const owner = controllerOf(pod.metadata?.ownerReferences);
  if (!owner) return { apiVersion: 'v1', kind: 'Pod', namespace, name: pod.metadata?.name ?? '' };
  if (owner.kind === 'ReplicaSet') {
    const replicaSet = catalog.replicaSets.get(`${namespace}/${owner.name}`);
    const deployment = controllerOf(replicaSet?.metadata?.ownerReferences);
    if (deployment?.kind === 'Deployment') return { apiVersion: 'apps/v1', kind: 'Deployment', namespace, name: deployment.name };
    // A Deployment's pods are named <deployment>-<pod-template-hash>-<suffix> and labelled with the hash.
    const hash = pod.metadata?.labels?.['pod-template-hash'];
    if (!replicaSet && hash && owner.name.endsWith(`-${hash}`)) {
      return { apiVersion: 'apps/v1', kind: 'Deployment', namespace, name: owner.name.slice(0, -hash.length - 1) };
    }
  }
  return { apiVersion: owner.apiVersion ?? 'apps/v1', kind: owner.kind, namespace, name: owner.name };
}

/**
 * Pods that go with their node and are never scheduled elsewhere: a
 * DaemonSet's (its controller recreates them only on their node) and static
 * pods' mirrors (that node's kubelet runs them), told by the owner reference
 * to the Node or, in older clusters, the mirror annotation.
 */
export function isNodeBound(pod: V1Pod): boolean {
  const owner = controllerOf(pod.metadata?.ownerReferences);
  if (owner?.kind === 'DaemonSet' || owner?.kind === 'Node') return true;
  return typeof pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] === 'string';
}

/** How a node-bound pod is named in answers: its DaemonSet, or the mirror pod itself. */
export function nodeBoundWorkloadOf(pod: V1Pod): WorkloadRef {
  const namespace = pod.metadata?.namespace || 'default';
  const owner = controllerOf(pod.metadata?.ownerReferences);
  if (owner?.kind === 'DaemonSet') return { apiVersion: owner.apiVersion ?? 'apps/v1', kind: 'DaemonSet', namespace, name: owner.name };
  return { apiVersion: 'v1', kind: 'Pod', namespace, name: pod.metadata?.name ?? '' };
}

export function workloadKey(ref: WorkloadRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`;
}
