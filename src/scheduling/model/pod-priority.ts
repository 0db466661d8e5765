/**
 * A pod's priority as the Priority admission plugin sets it
 * (plugin/pkg/admission/priority/admission.go): spec.priority when already
 * set; else the value of the PriorityClass named by spec.priorityClassName —
 * from the cluster's PriorityClasses, or the two built-in system classes;
 * else the globalDefault class (the lowest-valued one, should several claim
 * it); else 0. spec.preemptionPolicy is taken from the same class when the
 * pod does not set it. Existing pods read from a topology and pods a plan
 * creates go through it, so the engine reads priority in one place.
 */
import type { V1Pod, V1PriorityClass } from '@kubernetes/client-node';

/** scheduling.SystemClusterCritical / SystemNodeCritical and their values (SystemCriticalPriority, +1000). */
export const SYSTEM_CLUSTER_CRITICAL = 'system-cluster-critical';
export const SYSTEM_NODE_CRITICAL = 'system-node-critical';
export const SYSTEM_CRITICAL_PRIORITY = 2000000000;

const SYSTEM_PRIORITY_CLASSES: ReadonlyMap<string, number> = new Map([
  [SYSTEM_CLUSTER_CRITICAL, SYSTEM_CRITICAL_PRIORITY],
  [SYSTEM_NODE_CRITICAL, SYSTEM_CRITICAL_PRIORITY + 1000],
]);

/** scheduling.DefaultPriorityWhenNoDefaultClassExists. */
export const DEFAULT_PRIORITY = 0;

export const PREEMPT_LOWER_PRIORITY = 'PreemptLowerPriority';

interface ResolvedPriority {
  readonly priority: number;
  readonly preemptionPolicy?: string;
}

function globalDefault(classes: readonly V1PriorityClass[]): V1PriorityClass | undefined {
  let chosen: V1PriorityClass | undefined;
  for (const candidate of classes) {
    if (candidate.globalDefault && (chosen === undefined || (candidate.value ?? 0) < (chosen.value ?? 0))) chosen = candidate;
  }
  return chosen;
}

function resolve(pod: V1Pod, classes: readonly V1PriorityClass[]): ResolvedPriority {
  const className = pod.spec?.priorityClassName;
  if (className) {
    const named = classes.find((candidate) => candidate.metadata?.name === className);
    if (named) return { priority: named.value ?? DEFAULT_PRIORITY, preemptionPolicy: named.preemptionPolicy };
    const system = SYSTEM_PRIORITY_CLASSES.get(className);
    // Admission rejects a pod naming an unknown class; a topology may still hold one whose class was deleted since.
    return { priority: system ?? DEFAULT_PRIORITY };
  }
  const fallback = globalDefault(classes);
  return fallback
    ? { priority: fallback.value ?? DEFAULT_PRIORITY, preemptionPolicy: fallback.preemptionPolicy }
    : { priority: DEFAULT_PRIORITY };
}

/** The pod with spec.priority and spec.preemptionPolicy filled in as admission would; the same object when both are set. */
export function admitPodPriority(pod: V1Pod, classes: readonly V1PriorityClass[]): V1Pod {
  const spec = pod.spec;
  if (!spec) return pod;
  const hasPriority = typeof spec.priority === 'number';
  if (hasPriority && spec.preemptionPolicy) return pod;
  const resolved = resolve(pod, classes);
  return {
    ...pod,
    spec: {
      ...spec,
      priority: hasPriority ? spec.priority : resolved.priority,
      preemptionPolicy: spec.preemptionPolicy || resolved.preemptionPolicy || PREEMPT_LOWER_PRIORITY,
    },
  };
}
