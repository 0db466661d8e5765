/**
 * Which objects of a mixed `-f` input are the cluster and which are the
 * workloads to place. A cluster dump and the manifests of a release often
 * sit side by side, and both contain Deployments and Pods; what tells them
 * apart is whether the object already runs:
 * - Pods bound to a node (`spec.nodeName`) are cluster state; Pods without
 *   one are workloads to place.
 * - Deployments, ReplicaSets and StatefulSets that own pods in the input
 *   are cluster state — their pods are already there, and default spreading
 *   reads them; those without pods are workloads. A pod's workload is found
 *   as everywhere else (simulation/scenario/pod-owners.ts): a Deployment
 *   through one of its ReplicaSets, as `ownerReferences` record it, or, when
 *   the dump lacks the ReplicaSet (`kubectl get deploy,pods`), through the
 *   owner's name `<deployment>-<pod-template-hash>`.
 * - Every other kind (Node, Namespace, Service, PriorityClass,
 *   PodDisruptionBudget, ReplicationController, and kinds podplan skips with a
 *   warning) is cluster state.
 * `--cluster-file` and `--workloads-file` bypass the rule.
 */
import type { V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import type { JsonObject } from '../../kube/json-object.js';
import { workloadOfPod } from '../../simulation/scenario/pod-owners.js';
import type { SourceObject } from './source-objects.js';

export interface ObjectRoles {
  readonly cluster: SourceObject[];
  readonly workloads: SourceObject[];
}

const WORKLOAD_CONTROLLER_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

interface OwnerReference {
  readonly kind?: unknown;
  readonly name?: unknown;
}

function metadataOf(object: JsonObject): JsonObject {
  const metadata = object.metadata;
  return typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata) ? (metadata as JsonObject) : {};
}

function namespaceOf(object: JsonObject): string {
  const namespace = metadataOf(object).namespace;
  return typeof namespace === 'string' && namespace !== '' ? namespace : 'default';
}

function identity(kind: string, namespace: string, name: unknown): string {
  return `${kind}\u0000${namespace}\u0000${String(name)}`;
}

function ownerIdentities(object: JsonObject): string[] {
  const references = metadataOf(object).ownerReferences;
  if (!Array.isArray(references)) return [];
  const namespace = namespaceOf(object);
  return (references as OwnerReference[])
    .filter((reference) => typeof reference?.kind === 'string' && typeof reference?.name === 'string')
    .map((reference) => identity(String(reference.kind), namespace, reference.name));
}

function isBoundPod(object: JsonObject): boolean {
  const spec = object.spec as { nodeName?: unknown } | undefined;
  return typeof spec?.nodeName === 'string' && spec.nodeName !== '';
}

/** Controllers that own pods in the input: directly, and the workload the pod belongs to (its Deployment). */
function controllersWithPods(objects: readonly SourceObject[]): Set<string> {
  const replicaSets = new Map<string, V1ReplicaSet>();
  for (const { kind, object } of objects) {
    if (kind === 'ReplicaSet') replicaSets.set(`${namespaceOf(object)}/${String(metadataOf(object).name)}`, object as V1ReplicaSet);
  }
  const owners = new Set<string>();
  for (const { kind, object } of objects) {
    if (kind !== 'Pod') continue;
    for (const owner of ownerIdentities(object)) owners.add(owner);
    const workload = workloadOfPod({ ...(object as V1Pod), metadata: { ...(object as V1Pod).metadata, namespace: namespaceOf(object) } }, { replicaSets });
    owners.add(identity(workload.kind, workload.namespace, workload.name));
  }
  return owners;
}

export function assignObjectRoles(objects: readonly SourceObject[]): ObjectRoles {
  const running = controllersWithPods(objects);
  const roles: ObjectRoles = { cluster: [], workloads: [] };
  for (const source of objects) {
    const { kind, object } = source;
    let isWorkload = false;
    if (kind === 'Pod') isWorkload = !isBoundPod(object);
    else if (WORKLOAD_CONTROLLER_KINDS.has(kind)) isWorkload = !running.has(identity(kind, namespaceOf(object), metadataOf(object).name));
    (isWorkload ? roles.workloads : roles.cluster).push(source);
  }
  return roles;
}
