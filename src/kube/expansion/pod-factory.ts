/**
 * Builds one pod as the API server would store it after create: the
 * template's spec stripped like imported pods, matchLabelKeys merged,
 * priority resolved, defaults and default tolerations applied.
 */
import type { V1OwnerReference, V1Pod, V1PodSpec, V1PriorityClass } from '@kubernetes/client-node';
import { DroppedFields } from '../dropped-fields.js';
import type { JsonObject } from '../json-object.js';
import { stripPodSpec } from '../object-stripping.js';
import { applyAdmissionDefaults } from './admission-defaults.js';
import { syntheticUid } from './hashing.js';
import { mergeMatchLabelKeys } from './match-label-keys.js';
import { resolvePriority } from './priority-resolution.js';

export interface PodIdentity {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  owner?: V1OwnerReference;
}

/** The spec as validated: the submitted pod spec with matchLabelKeys merged for these labels. */
export function specWithMergedLabelKeys(spec: JsonObject, labels: Readonly<Record<string, string>>): JsonObject {
  if (spec.affinity === undefined) return spec;
  return { ...spec, affinity: mergeMatchLabelKeys(spec.affinity as V1PodSpec['affinity'], labels) };
}

/** The spec of a created pod with these labels: stripped, matchLabelKeys merged, priority resolved, defaults applied. */
export function buildPodSpec(spec: JsonObject, labels: Readonly<Record<string, string>>, priorityClasses: readonly V1PriorityClass[]): V1PodSpec {
  const merged = stripPodSpec(specWithMergedLabelKeys(spec, labels), new DroppedFields()) as unknown as V1PodSpec;
  const resolution = resolvePriority(merged.priorityClassName, priorityClasses);
  const priority = 'resolved' in resolution ? resolution.resolved : { priority: 0 };
  const withPriority: V1PodSpec = {
    ...merged,
    priority: priority.priority,
    ...(priority.priorityClassName !== undefined && { priorityClassName: priority.priorityClassName }),
    // The pod's own policy wins; else the class's; else the API default.
    preemptionPolicy: merged.preemptionPolicy ?? priority.preemptionPolicy ?? 'PreemptLowerPriority',
  };
  return applyAdmissionDefaults(withPriority);
}

/**
 * `podSpec` is buildPodSpec's result for the identity's labels; replicas
 * with equal labels share it (it is never modified: binding a pod copies
 * the spec), which lets the engine recognise them as identical at once.
 */
export function buildPod(podSpec: V1PodSpec, identity: PodIdentity): V1Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: identity.name,
      namespace: identity.namespace,
      uid: syntheticUid(`Pod/${identity.namespace}/${identity.name}`),
      labels: identity.labels,
      ...(identity.owner && { ownerReferences: [identity.owner] }),
    },
    spec: podSpec,
    status: { phase: 'Pending' },
  };
}
