/**
 * Pod priority as the Priority admission plugin sets it
 * (plugin/pkg/admission/priority/admission.go): from priorityClassName, else
 * from the global-default class (the lowest-valued one, should several
 * claim it), else 0. The two system classes always exist.
 */
import type { V1PriorityClass } from '@kubernetes/client-node';

export const SYSTEM_PRIORITY_CLASSES: readonly V1PriorityClass[] = [
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-cluster-critical' }, value: 2_000_000_000 },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-node-critical' }, value: 2_000_001_000 },
];

export interface ResolvedPriority {
  priority: number;
  priorityClassName?: string;
  preemptionPolicy?: string;
}

export type PriorityResolution = { resolved: ResolvedPriority } | { missingClass: string };

export function resolvePriority(priorityClassName: string | undefined, classes: readonly V1PriorityClass[]): PriorityResolution {
  const all = [...classes, ...SYSTEM_PRIORITY_CLASSES.filter((system) => !classes.some((given) => given.metadata?.name === system.metadata?.name))];
  if (priorityClassName) {
    const found = all.find((candidate) => candidate.metadata?.name === priorityClassName);
    if (!found) return { missingClass: priorityClassName };
    return { resolved: { priority: found.value ?? 0, priorityClassName, preemptionPolicy: found.preemptionPolicy } };
  }
  let globalDefault: V1PriorityClass | undefined;
  for (const candidate of classes) {
    if (candidate.globalDefault && (globalDefault === undefined || (candidate.value ?? 0) < (globalDefault.value ?? 0))) globalDefault = candidate;
  }
  if (!globalDefault) return { resolved: { priority: 0 } };
  return { resolved: { priority: globalDefault.value ?? 0, priorityClassName: globalDefault.metadata?.name, preemptionPolicy: globalDefault.preemptionPolicy } };
}
