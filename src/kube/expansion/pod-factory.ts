/**
 * Builds one pod as the API server would store it after create: the
 * template's spec stripped like imported pods, matchLabelKeys merged,
 * priority resolved, defaults and default tolerations applied.
 */
import type { V1Affinity, V1OwnerReference, V1Pod, V1PodSpec, V1PriorityClass } from '@kubernetes/client-node';
import { DroppedFields } from '../dropped-fields.js';
import type { JsonObject } from '../json-object.js';
import { stripPodSpec } from '../object-stripping.js';
import { applyAdmissionDefaults } from './admission-defaults.js';
import { syntheticUid } from './hashing.js';
import { mergeMatchLabelKeys } from './match-label-keys.js';
import { resolvePriority } from './priority-resolution.js';

/**
 * The feature gates that change what the API server stores for a created pod
 * (pkg/api/pod/util.go dropDisabledFields and the matchLabelKeys merge in
 * pkg/registry/core/pod/strategy.go). Structurally the emulated release's
 * features (src/scheduling/release/emulation.ts); omitted: all on.
 */
export interface ApiServerGates {
  readonly enableMatchLabelKeysInPodAffinity: boolean;
  readonly enablePodLevelResources: boolean;
  readonly enableSidecarContainers: boolean;
}

const ALL_GATES_ON: ApiServerGates = { enableMatchLabelKeysInPodAffinity: true, enablePodLevelResources: true, enableSidecarContainers: true };

type AffinityTerm = { matchLabelKeys?: string[]; mismatchLabelKeys?: string[] };

/** Pod (anti-)affinity terms without matchLabelKeys / mismatchLabelKeys (dropDisabledMatchLabelKeysFieldInPodAffinity). */
function withoutLabelKeys(affinity: V1Affinity): V1Affinity {
  const strip = <T extends AffinityTerm>(term: T): T => {
    const { matchLabelKeys: _match, mismatchLabelKeys: _mismatch, ...rest } = term;
    return rest as T;
  };
  const stripRules = <R extends { requiredDuringSchedulingIgnoredDuringExecution?: AffinityTerm[]; preferredDuringSchedulingIgnoredDuringExecution?: { podAffinityTerm: AffinityTerm }[] }>(
    rules: R | undefined,
  ): R | undefined =>
    rules && {
      ...rules,
      ...(rules.requiredDuringSchedulingIgnoredDuringExecution && { requiredDuringSchedulingIgnoredDuringExecution: rules.requiredDuringSchedulingIgnoredDuringExecution.map(strip) }),
      ...(rules.preferredDuringSchedulingIgnoredDuringExecution && {
        preferredDuringSchedulingIgnoredDuringExecution: rules.preferredDuringSchedulingIgnoredDuringExecution.map((weighted) => ({ ...weighted, podAffinityTerm: strip(weighted.podAffinityTerm) })),
      }),
    };
  return { ...affinity, podAffinity: stripRules(affinity.podAffinity), podAntiAffinity: stripRules(affinity.podAntiAffinity) } as V1Affinity;
}

/** Fields the API server drops when their gate is off (dropDisabledFields, for a pod that did not use them before). */
function dropDisabledFields(spec: JsonObject, gates: ApiServerGates): JsonObject {
  let dropped = spec;
  if (!gates.enablePodLevelResources && dropped.resources !== undefined) {
    const { resources: _resources, ...rest } = dropped;
    dropped = rest;
  }
  if (!gates.enableSidecarContainers && Array.isArray(dropped.initContainers)) {
    dropped = {
      ...dropped,
      initContainers: (dropped.initContainers as JsonObject[]).map((container) => {
        const { restartPolicy: _restartPolicy, ...rest } = container;
        return rest;
      }),
    };
  }
  return dropped;
}

export interface PodIdentity {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  owner?: V1OwnerReference;
}

/**
 * The spec as validated: the submitted pod spec without the fields the
 * release's API server drops, with matchLabelKeys merged for these labels
 * (MatchLabelKeysInPodAffinity; off: the keys are dropped instead).
 */
export function specWithMergedLabelKeys(spec: JsonObject, labels: Readonly<Record<string, string>>, gates: ApiServerGates = ALL_GATES_ON): JsonObject {
  const kept = dropDisabledFields(spec, gates);
  if (kept.affinity === undefined) return kept;
  const affinity = kept.affinity as V1Affinity;
  return { ...kept, affinity: gates.enableMatchLabelKeysInPodAffinity ? mergeMatchLabelKeys(affinity, labels) : withoutLabelKeys(affinity) };
}

/** The spec of a created pod with these labels: stripped, matchLabelKeys merged, priority resolved, defaults applied. */
export function buildPodSpec(
  spec: JsonObject,
  labels: Readonly<Record<string, string>>,
  priorityClasses: readonly V1PriorityClass[],
  gates: ApiServerGates = ALL_GATES_ON,
): V1PodSpec {
  const merged = stripPodSpec(specWithMergedLabelKeys(spec, labels, gates), new DroppedFields()) as unknown as V1PodSpec;
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
