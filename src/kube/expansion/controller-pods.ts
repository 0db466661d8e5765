/**
 * Pod names, labels and owners as each controller makes them:
 * - ReplicaSet (and a Deployment's ReplicaSet): `<rs>-<5 chars>` from the
 *   API server's name generator (base cut to 58 characters, as
 *   names.SimpleNameGenerator), derived here from the ReplicaSet name and the
 *   replica index instead of drawn at random;
 * - StatefulSet: `<sts>-<ordinal>` with the pod-name, pod-index and
 *   controller-revision-hash labels (pkg/controller/statefulset/stateful_set_utils.go).
 */
import type { V1OwnerReference } from '@kubernetes/client-node';
import { nameSuffix } from './hashing.js';

/** names.SimpleNameGenerator: 63 characters at most, 5 of them random. */
const MAX_GENERATED_BASE_LENGTH = 58;

export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';
export const STATEFULSET_POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const STATEFULSET_POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const CONTROLLER_REVISION_HASH_LABEL = 'controller-revision-hash';

export function controllerReference(kind: string, name: string, uid: string): V1OwnerReference {
  return { apiVersion: 'apps/v1', kind, name, uid, controller: true };
}

/**
 * Generated name for replica `index` of ReplicaSet `replicaSetName`,
 * skipping names in `taken` ("namespace/name"), which it extends.
 */
export function generatedPodName(replicaSetName: string, namespace: string, index: number, taken: Set<string>): string {
  const base = `${replicaSetName}-`.slice(0, MAX_GENERATED_BASE_LENGTH);
  for (let attempt = 0; ; attempt += 1) {
    const name = base + nameSuffix(`${replicaSetName}/${index}/${attempt}`);
    const key = `${namespace}/${name}`;
    if (!taken.has(key)) {
      taken.add(key);
      return name;
    }
  }
}

export function statefulSetPodLabels(templateLabels: Readonly<Record<string, string>>, podName: string, ordinal: number, revision: string): Record<string, string> {
  return {
    ...templateLabels,
    [STATEFULSET_POD_NAME_LABEL]: podName,
    [STATEFULSET_POD_INDEX_LABEL]: String(ordinal),
    [CONTROLLER_REVISION_HASH_LABEL]: revision,
  };
}
