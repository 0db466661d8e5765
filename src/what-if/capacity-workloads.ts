/**
 * Capacity asks how many of a workload's pods fit, whatever its `replicas`
 * says: controllers are expanded with `maxReplicas`, and a bare Pod is
 * repeated as `<name>-<n>` copies (n ≥ 1; the first keeps its name).
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { ExpandedWorkload } from '../kube/workloads.js';

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

/** The pods capacity tries, in order. */
export function capacityPods(workload: ExpandedWorkload, maxReplicas: number): V1Pod[] {
  if (workload.ref.kind !== 'Pod') return workload.pods.slice(0, maxReplicas);
  const [pod] = workload.pods;
  return Array.from({ length: maxReplicas }, (_, index) =>
    index === 0 ? pod : { ...pod, metadata: { ...pod.metadata, name: `${pod.metadata?.name}-${index}` } },
  );
}
