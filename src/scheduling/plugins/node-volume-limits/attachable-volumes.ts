/**
 * Which attachable CSI volumes a pod uses on a node, as upstream
 * nodevolumelimits/csi.go (v1.34) filterAttachableVolumes, getCSIDriverInfo
 * and getCSIDriverInfoFromSC: claims (persistent and generic ephemeral)
 * resolve through their PV, or through their StorageClass's provisioner
 * while unbound; in-tree volumes count under their CSI driver where CSI
 * migration is on (../helper/csi-translation.ts).
 */
import type { V1PersistentVolumeClaim, V1Pod, V1Volume } from '@kubernetes/client-node';
import { Status } from '../../framework/status.js';
import { claimNotForPod, podClaimReferences } from '../../model/pod-claims.js';
import type { PodInfo } from '../../model/pod-info.js';
import { claimKey, type StorageCatalog } from '../../model/storage-catalog.js';
import { claimClass } from '../volume-zone/volume-zone-plugin.js';
import {
  csiDriverOfInTreePlugin,
  inTreePluginOf,
  isCsiMigrationOn,
  isMigratable,
  isMigratableInTreePluginName,
  translateInlineVolume,
  translatePersistentVolume,
  type CsiVolume,
} from '../helper/csi-translation.js';

/**
 * Upstream prefixes the handle of an unbound claim with a random string made
 * when the plugin starts, so it never equals a real volume handle; podplan
 * needs the same plan for the same input, so its prefix is fixed and holds a
 * character no volume handle can.
 */
const UNBOUND_CLAIM_HANDLE_PREFIX = '\u0000unbound';

/** getVolumeUniqueName: `<driver>/<handle>`. */
export function volumeUniqueName(volume: CsiVolume): string {
  return `${volume.driver}/${volume.volumeHandle}`;
}

/** getCSIDriverInfoFromSC: an unbound claim counts under its class's provisioner, with a handle of its own. */
function volumeFromStorageClass(claim: V1PersistentVolumeClaim, namespace: string, hasCsiNode: boolean, storage: StorageCatalog): CsiVolume | undefined {
  // No class, or a missing one: the claim must be Immediate and bound before scheduling, so it is not counted.
  const className = claimClass(claim);
  if (className === '') return undefined;
  const storageClass = storage.storageClasses.get(className);
  if (!storageClass) return undefined;
  const volumeHandle = `${UNBOUND_CLAIM_HANDLE_PREFIX}-${namespace}/${claim.metadata?.name ?? ''}`;
  const provisioner = storageClass.provisioner ?? '';
  if (isMigratableInTreePluginName(provisioner)) {
    if (!isCsiMigrationOn(hasCsiNode, provisioner)) return undefined;
    return { driver: csiDriverOfInTreePlugin(provisioner)!, volumeHandle };
  }
  return { driver: provisioner, volumeHandle };
}

/** getCSIDriverInfo: the bound PV's CSI driver and handle (translated when in-tree), else the class's. */
function volumeOfClaim(claim: V1PersistentVolumeClaim, namespace: string, hasCsiNode: boolean, storage: StorageCatalog): CsiVolume | undefined {
  const volumeName = claim.spec?.volumeName ?? '';
  if (volumeName === '') return volumeFromStorageClass(claim, namespace, hasCsiNode, storage);
  const persistentVolume = storage.persistentVolumes.get(volumeName);
  // A PV deleted, or named before it exists: counted through the class.
  if (!persistentVolume) return volumeFromStorageClass(claim, namespace, hasCsiNode, storage);
  const csi = persistentVolume.spec?.csi;
  if (csi) return { driver: csi.driver ?? '', volumeHandle: csi.volumeHandle ?? '' };
  const spec = persistentVolume.spec ?? {};
  if (!isMigratable(spec) || !isCsiMigrationOn(hasCsiNode, inTreePluginOf(spec))) return undefined;
  const translation = translatePersistentVolume(persistentVolume);
  // A PV the translator refuses is not counted (upstream logs and moves on).
  if (translation === undefined || 'error' in translation) return undefined;
  return translation;
}

/** checkAttachableInlineVolume: an in-tree inline volume counts under its CSI driver where migration is on. */
function inlineVolume(volume: V1Volume, hasCsiNode: boolean): CsiVolume | Status | undefined {
  if (!isMigratable(volume) || !isCsiMigrationOn(hasCsiNode, inTreePluginOf(volume))) return undefined;
  const translation = translateInlineVolume(volume);
  if (translation === undefined) return undefined;
  if ('error' in translation) return Status.error(`converting volume(${volume.name}) from inline to csi: ${translation.error}`);
  return translation;
}

/**
 * filterAttachableVolumes: adds the pod's attachable volumes to `result`
 * (unique name → driver). For the pod being scheduled (`newPod`), a missing
 * claim stops it; for a pod already on the node it is skipped. Returns the
 * status that stops the pod, or null.
 */
export function collectAttachableVolumes(pod: PodInfo, hasCsiNode: boolean, newPod: boolean, storage: StorageCatalog, result: Map<string, string>): Status | null {
  const claims = podClaimReferences(pod);
  let nextClaim = 0;
  for (const volume of pod.pod.spec?.volumes ?? []) {
    if (!volume.persistentVolumeClaim && !volume.ephemeral) {
      const inline = inlineVolume(volume, hasCsiNode);
      if (inline instanceof Status) return inline;
      if (inline !== undefined) result.set(volumeUniqueName(inline), inline.driver);
      continue;
    }
    // podClaimReferences lists the claim and ephemeral volumes in volume order.
    const reference = claims[nextClaim++]!;
    if (reference.claimName === '') return Status.error('PersistentVolumeClaim had no name');
    const claim = storage.persistentVolumeClaims.get(claimKey(pod.namespace, reference.claimName));
    if (!claim) {
      // The informer lister's NotFound (singular resource); upstream's unit tests' fake lister says "persistentvolumeclaims".
      if (newPod) return Status.unresolvable(`looking up PVC ${pod.namespace}/${reference.claimName}: persistentvolumeclaim "${reference.claimName}" not found`);
      continue;
    }
    if (reference.ephemeral) {
      const notForPod = claimNotForPod(claim, pod);
      if (notForPod !== undefined) return Status.error(notForPod);
    }
    const csiVolume = volumeOfClaim(claim, pod.namespace, hasCsiNode, storage);
    if (csiVolume === undefined || csiVolume.driver === '' || csiVolume.volumeHandle === '') continue;
    result.set(volumeUniqueName(csiVolume), csiVolume.driver);
  }
  return null;
}

/** PreFilter's test: a claim, an ephemeral volume or an in-tree volume csi-translation-lib can translate. */
export function mayUseAttachableVolume(pod: V1Pod): boolean {
  return (pod.spec?.volumes ?? []).some((volume) => volume.persistentVolumeClaim != null || volume.ephemeral != null || isMigratable(volume));
}
