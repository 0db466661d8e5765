/**
 * The PersistentVolumeClaims a pod's volumes name, as the volume plugins
 * list them (volumebinding podHasPVCs / GetPodVolumeClaims,
 * nodevolumelimits, volumerestrictions): a `persistentVolumeClaim` volume
 * names its claim; a generic `ephemeral` volume uses the claim
 * `<pod>-<volume>` its controller creates (component-helpers
 * storage/ephemeral VolumeClaimName). Other volume sources name no claim.
 */
import type { V1PersistentVolumeClaim, V1Pod } from '@kubernetes/client-node';
import type { PodInfo } from './pod-info.js';

export interface PodClaimReference {
  /** The pod volume's name. */
  readonly volume: string;
  readonly claimName: string;
  /** A generic ephemeral volume: the claim must be owned by the pod. */
  readonly ephemeral: boolean;
}

const references = new WeakMap<PodInfo, readonly PodClaimReference[]>();

/** In the pod's volume order; computed once per PodInfo. */
export function podClaimReferences(pod: PodInfo): readonly PodClaimReference[] {
  let found = references.get(pod);
  if (found === undefined) references.set(pod, (found = claimReferencesOf(pod.pod)));
  return found;
}

export function claimReferencesOf(pod: V1Pod): PodClaimReference[] {
  const list: PodClaimReference[] = [];
  for (const volume of pod.spec?.volumes ?? []) {
    if (volume.persistentVolumeClaim) list.push({ volume: volume.name, claimName: volume.persistentVolumeClaim.claimName ?? '', ephemeral: false });
    else if (volume.ephemeral) list.push({ volume: volume.name, claimName: `${pod.metadata?.name ?? ''}-${volume.name}`, ephemeral: true });
  }
  return list;
}

/** storage/ephemeral VolumeIsForPod: an ephemeral volume's claim must be controlled by the pod; the error upstream gives otherwise. */
export function claimNotForPod(claim: V1PersistentVolumeClaim, pod: PodInfo): string | undefined {
  const controller = claim.metadata?.ownerReferences?.find((owner) => owner.controller === true);
  if (controller !== undefined && controller.uid === (pod.pod.metadata?.uid ?? '')) return undefined;
  return `PVC ${claim.metadata?.namespace ?? pod.namespace}/${claim.metadata?.name ?? ''} was not created for pod ${pod.namespace}/${pod.name} (pod is not owner)`;
}
