/**
 * Capacity asks how many of a workload's pods fit, whatever its `replicas`
 * says: controllers are expanded with `maxReplicas`, and a bare Pod is
 * repeated as `<name>-<n>` copies (n ≥ 1; the first keeps its name).
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { ExpandedWorkload } from '../kube/workloads.js';
import { flattenObjects } from '../kube/list-flattening.js';
import { isJsonObject } from '../kube/json-object.js';

const CONTROLLER_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet']);

/** The workload object with `spec.replicas` replaced (recursively inside a List); other values pass through for validation to judge. */
export function withReplicas(workload: unknown, replicas: number): unknown {
  if (workload === null || typeof workload !== 'object' || Array.isArray(workload)) return workload;
  const object = workload as Record<string, unknown>;
  if (Array.isArray(object.items)) return { ...object, items: object.items.map((item) => withReplicas(item, replicas)) };
  if (typeof object.kind !== 'string' || !CONTROLLER_KINDS.has(object.kind)) return workload;
  const spec = object.spec !== null && typeof object.spec === 'object' ? (object.spec as Record<string, unknown>) : {};
  return { ...object, spec: { ...spec, replicas } };
}

/**
 * A copy of a bare Pod is another pod: its own uid, and no claims yet from
 * its ResourceClaimTemplates (the resourceclaim controller makes each copy
 * its own; sharing the first pod's would let every copy use its devices).
 */
function copyOf(pod: V1Pod, index: number): V1Pod {
  const { resourceClaimStatuses: _first, ...status } = pod.status ?? {};
  return {
    ...pod,
    metadata: { ...pod.metadata, name: `${pod.metadata?.name}-${index}`, ...(pod.metadata?.uid && { uid: `${pod.metadata.uid}-${index}` }) },
    ...(pod.status && { status }),
  };
}

/**
 * The replicas each workload asks for, in the order expandWorkloads expands
 * them (Lists flattened): `spec.replicas` of a controller (1 when unset, as
 * apps/v1 defaults it), 1 for a Pod. Read before withReplicas replaces it.
 */
export function requestedReplicasOf(workloads: readonly unknown[]): number[] {
  return flattenObjects([...workloads], 'workloads').entries.map((entry) => {
    if (!CONTROLLER_KINDS.has(entry.kind)) return 1;
    const replicas = isJsonObject(entry.object.spec) ? entry.object.spec.replicas : undefined;
    return Number.isInteger(replicas) ? (replicas as number) : 1;
  });
}

/** The pods capacity tries, in order. */
export function capacityPods(workload: ExpandedWorkload, maxReplicas: number): V1Pod[] {
  if (workload.ref.kind !== 'Pod') return workload.pods.slice(0, maxReplicas);
  const [pod] = workload.pods;
  return Array.from({ length: maxReplicas }, (_, index) => (index === 0 ? pod : copyOf(pod, index)));
}
