/**
 * A pod's claims sorted the way VolumeBinding's PreFilter sorts them
 * (volume_binding.go podHasPVCs, binder.go GetPodVolumeClaims, v1.34):
 * bound claims, unbound WaitForFirstConsumer claims (with the PVs of their
 * classes), and unbound claims that should already be bound (Immediate, or
 * pre-bound to a volume the PV controller has not bound yet).
 */
import type { V1PersistentVolume, V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { BIND_COMPLETED_ANNOTATION } from '../../../kube/storage-stripping.js';
import { claimNotForPod, podClaimReferences } from '../../model/pod-claims.js';
import type { PodInfo } from '../../model/pod-info.js';
import { claimKey, type StorageCatalog } from '../../model/storage-catalog.js';
import { choosableVolumes } from './choosable-volumes.js';
import { claimClass } from './pv-matching.js';

export interface PodVolumeClaims {
  readonly bound: readonly V1PersistentVolumeClaim[];
  readonly unboundDelayBinding: readonly V1PersistentVolumeClaim[];
  readonly unboundImmediate: readonly V1PersistentVolumeClaim[];
  /**
   * unboundVolumesDelayBinding: the PVs of each unbound claim's class
   * (pvCache.ListPVs), less those bound to claims other than the pod's,
   * which FindMatchingVolume skips first thing (./choosable-volumes.ts).
   */
  readonly volumesByClass: ReadonlyMap<string, readonly V1PersistentVolume[]>;
}

/**
 * isPVCFullyBound: a volume name and the PV controller's bind-completed
 * annotation. podplan also takes status.phase Bound, and a claim with a
 * volume name and no status at all (a hand-written manifest: the PV
 * controller binds it before long), as bound; a captured claim still Pending
 * with a volume name is pre-bound, as upstream treats it.
 */
export function isClaimBound(claim: V1PersistentVolumeClaim): boolean {
  if (!claim.spec?.volumeName) return false;
  if (claim.metadata?.annotations?.[BIND_COMPLETED_ANNOTATION] !== undefined) return true;
  const phase = claim.status?.phase;
  return phase === undefined || phase === 'Bound';
}

/**
 * podHasPVCs's checks, then GetPodVolumeClaims: undefined when the pod
 * names no claim (PreFilter skips), a string when upstream returns an error
 * (the pod is UnschedulableAndUnresolvable with that message).
 */
export function podVolumeClaims(pod: PodInfo, storage: StorageCatalog): PodVolumeClaims | string | undefined {
  const references = podClaimReferences(pod);
  if (references.length === 0) return undefined;
  const claims: V1PersistentVolumeClaim[] = [];
  for (const reference of references) {
    const claim = storage.persistentVolumeClaims.get(claimKey(pod.namespace, reference.claimName));
    if (!claim) {
      return reference.ephemeral
        ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${reference.claimName}"`
        : `persistentvolumeclaim "${reference.claimName}" not found`;
    }
    if (claim.status?.phase === 'Lost') return `persistentvolumeclaim "${claim.metadata?.name}" bound to non-existent persistentvolume "${claim.spec?.volumeName ?? ''}"`;
    if (claim.metadata?.deletionTimestamp) return `persistentvolumeclaim "${claim.metadata?.name}" is being deleted`;
    if (reference.ephemeral) {
      const notOwned = claimNotForPod(claim, pod);
      if (notOwned) return notOwned;
    }
    claims.push(claim);
  }
  const bound: V1PersistentVolumeClaim[] = [];
  const unboundDelayBinding: V1PersistentVolumeClaim[] = [];
  const unboundImmediate: V1PersistentVolumeClaim[] = [];
  for (const claim of claims) {
    if (isClaimBound(claim)) {
      bound.push(claim);
      continue;
    }
    const delay = isDelayBindingMode(claim, storage);
    if (typeof delay === 'string') return delay;
    // Pre-bound claims are treated as unbound immediate ones.
    if (delay && !claim.spec?.volumeName) unboundDelayBinding.push(claim);
    else unboundImmediate.push(claim);
  }
  const claimsByClass = new Map<string, string[]>();
  for (const claim of unboundDelayBinding) {
    const className = claimClass(claim);
    const keys = claimsByClass.get(className) ?? [];
    keys.push(claimKey(claim.metadata?.namespace || 'default', claim.metadata?.name ?? ''));
    claimsByClass.set(className, keys);
  }
  const volumesByClass = new Map<string, V1PersistentVolume[]>();
  for (const [className, keys] of claimsByClass) volumesByClass.set(className, choosableVolumes(storage.persistentVolumes, className, keys));
  return { bound, unboundDelayBinding, unboundImmediate, volumesByClass };
}

/** storage/volume IsDelayBindingMode: no class is not delayed; a missing class or unset mode is an error. */
function isDelayBindingMode(claim: V1PersistentVolumeClaim, storage: StorageCatalog): boolean | string {
  const className = claimClass(claim);
  if (className === '') return false;
  const storageClass = storage.storageClasses.get(className);
  if (!storageClass) return `storageclass.storage.k8s.io "${className}" not found`;
  if (!storageClass.volumeBindingMode) return `VolumeBindingMode not set for StorageClass "${className}"`;
  return storageClass.volumeBindingMode === 'WaitForFirstConsumer';
}
