/**
 * The PersistentVolumeClaims the controllers create for planned pods:
 * - StatefulSet `volumeClaimTemplates` (pkg/controller/statefulset
 *   stateful_set_utils.go getPersistentVolumeClaims / updateStorage): one claim
 *   per template and ordinal, `<template>-<statefulset>-<ordinal>`, labelled
 *   with the set's selector, and a pod volume of the template's name naming it
 *   (replacing a template volume of that name);
 * - generic ephemeral volumes (pkg/controller/volume/ephemeral, and
 *   component-helpers storage/ephemeral VolumeClaimName): `<pod>-<volume>`,
 *   owned by the pod.
 * A claim of that name already in the cluster is used instead (what pins a
 * StatefulSet replica to its disk); only missing ones are created (see
 * src/simulation/planned-claims.ts).
 */
import type { V1OwnerReference, V1PersistentVolumeClaim, V1Pod, V1PodSpec, V1Volume } from '@kubernetes/client-node';
import { DroppedFields } from '../dropped-fields.js';
import { isJsonObject, type JsonObject } from '../json-object.js';
import { stripClaimSpec } from '../storage-stripping.js';
import { syntheticUid } from './hashing.js';

/** A claim template as the apps/v1 StatefulSet spec carries it. */
export interface ClaimTemplate {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  readonly spec: JsonObject;
}

function stringMap(value: unknown): Record<string, string> {
  if (!isJsonObject(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** `spec.volumeClaimTemplates` of a submitted StatefulSet (validated before). */
export function claimTemplatesOf(statefulSet: JsonObject): ClaimTemplate[] {
  const spec = isJsonObject(statefulSet.spec) ? statefulSet.spec : {};
  const templates = Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : [];
  return templates.filter(isJsonObject).map((template, index) => {
    const metadata = isJsonObject(template.metadata) ? template.metadata : {};
    return {
      name: typeof metadata.name === 'string' ? metadata.name : '',
      labels: stringMap(metadata.labels),
      annotations: stringMap(metadata.annotations),
      spec: stripClaimSpec(template.spec, new DroppedFields(), `spec.volumeClaimTemplates[${index}].spec`),
    };
  });
}

/** stateful_set_utils.go getPersistentVolumeClaimName. */
export function statefulSetClaimName(template: string, statefulSet: string, ordinal: number): string {
  return `${template}-${statefulSet}-${ordinal}`;
}

/** storage/ephemeral VolumeClaimName. */
export function ephemeralClaimName(podName: string, volumeName: string): string {
  return `${podName}-${volumeName}`;
}

function claimFrom(
  name: string,
  namespace: string,
  template: { labels: Readonly<Record<string, string>>; annotations: Readonly<Record<string, string>>; spec: JsonObject },
  owner?: V1OwnerReference,
): V1PersistentVolumeClaim {
  const annotations = { ...template.annotations };
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name,
      namespace,
      uid: syntheticUid(`PersistentVolumeClaim/${namespace}/${name}`),
      labels: { ...template.labels },
      ...(Object.keys(annotations).length > 0 && { annotations }),
      ...(owner && { ownerReferences: [owner] }),
    },
    spec: structuredClone(template.spec),
    status: { phase: 'Pending' },
  } as V1PersistentVolumeClaim;
}

export interface PodClaims {
  /** The pod's volumes with the claim templates' volumes in place (updateStorage). */
  readonly volumes: V1Volume[] | undefined;
  /** The claims the controllers would create for the pod, if missing. */
  readonly claims: V1PersistentVolumeClaim[];
}

/**
 * The claims of replica `ordinal` of a StatefulSet and its pod's volumes:
 * template volumes first, in template order, then the pod's other volumes
 * (upstream iterates a map, so its order is unspecified). Claims carry the
 * template's labels merged with the set's selector matchLabels.
 */
export function statefulSetPodClaims(
  spec: V1PodSpec,
  templates: readonly ClaimTemplate[],
  statefulSet: { name: string; namespace: string; selectorLabels: Readonly<Record<string, string>> },
  ordinal: number,
): PodClaims {
  if (templates.length === 0) return { volumes: spec.volumes, claims: [] };
  const claims = templates.map((template) =>
    claimFrom(statefulSetClaimName(template.name, statefulSet.name, ordinal), statefulSet.namespace, {
      ...template,
      labels: { ...template.labels, ...statefulSet.selectorLabels },
    }),
  );
  const templateNames = new Set(templates.map((template) => template.name));
  const volumes: V1Volume[] = [
    ...templates.map((template, index) => ({ name: template.name, persistentVolumeClaim: { claimName: claims[index].metadata!.name!, readOnly: false } })),
    ...(spec.volumes ?? []).filter((volume) => !templateNames.has(volume.name)),
  ];
  return { volumes, claims };
}

/** The claims the ephemeral volume controller creates for a pod's generic ephemeral volumes, owned by the pod. */
export function ephemeralPodClaims(pod: V1Pod): V1PersistentVolumeClaim[] {
  const podName = pod.metadata?.name ?? '';
  const namespace = pod.metadata?.namespace ?? 'default';
  const owner: V1OwnerReference = { apiVersion: 'v1', kind: 'Pod', name: podName, uid: pod.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true };
  const claims: V1PersistentVolumeClaim[] = [];
  for (const volume of pod.spec?.volumes ?? []) {
    const template = volume.ephemeral?.volumeClaimTemplate;
    if (!template) continue;
    claims.push(
      claimFrom(ephemeralClaimName(podName, volume.name), namespace, {
        labels: template.metadata?.labels ?? {},
        annotations: template.metadata?.annotations ?? {},
        spec: (template.spec ?? {}) as unknown as JsonObject,
      }, owner),
    );
  }
  return claims;
}
