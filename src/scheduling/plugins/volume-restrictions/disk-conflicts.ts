/**
 * In-tree disk conflicts, as upstream volumerestrictions/volume_restrictions.go
 * (v1.34) needsRestrictionsCheck / isVolumeConflict / haveOverlap: the same
 * GCE PD, iSCSI IQN or Ceph RBD image mounted by two pods on one node
 * conflicts unless both mount it read-only; the same AWS EBS volume always
 * conflicts.
 */
import type { V1Pod, V1Volume } from '@kubernetes/client-node';

/** needsRestrictionsCheck: the volume is one of the four kinds checked. */
export function needsRestrictionsCheck(volume: V1Volume): boolean {
  return volume.gcePersistentDisk != null || volume.awsElasticBlockStore != null || volume.rbd != null || volume.iscsi != null;
}

/** core/v1 SetDefaults_RBDVolumeSource: an empty pool is `rbd` (pods podplan creates are not defaulted by an API server). */
const rbdPool = (pool: string | undefined): string => pool || 'rbd';

/** haveOverlap: the two monitor lists share an entry. */
function haveOverlap(first: readonly string[], second: readonly string[]): boolean {
  const seen = new Set(first);
  return second.some((entry) => seen.has(entry));
}

/** The conflict `volume` has with one of `pod`'s volumes, described for explanations; undefined when none. */
export function volumeConflict(volume: V1Volume, pod: V1Pod): string | undefined {
  for (const existing of pod.spec?.volumes ?? []) {
    // Same GCE disk mounted by multiple pods conflicts unless all pods mount it read-only.
    if (volume.gcePersistentDisk && existing.gcePersistentDisk) {
      const [disk, existingDisk] = [volume.gcePersistentDisk, existing.gcePersistentDisk];
      if (disk.pdName === existingDisk.pdName && !(disk.readOnly && existingDisk.readOnly)) return `gcePersistentDisk ${disk.pdName}`;
    }
    if (volume.awsElasticBlockStore && existing.awsElasticBlockStore) {
      if (volume.awsElasticBlockStore.volumeID === existing.awsElasticBlockStore.volumeID) return `awsElasticBlockStore ${volume.awsElasticBlockStore.volumeID}`;
    }
    // Two iSCSI volumes are the same if they share the IQN; only read-only mounts may share it.
    if (volume.iscsi && existing.iscsi) {
      if (volume.iscsi.iqn === existing.iscsi.iqn && !(volume.iscsi.readOnly && existing.iscsi.readOnly)) return `iscsi ${volume.iscsi.iqn}`;
    }
    // Two RBD images are the same if they share a monitor, the pool and the image name.
    if (volume.rbd && existing.rbd) {
      const [rbd, existingRbd] = [volume.rbd, existing.rbd];
      if (haveOverlap(rbd.monitors ?? [], existingRbd.monitors ?? []) && rbdPool(rbd.pool) === rbdPool(existingRbd.pool) && rbd.image === existingRbd.image && !(rbd.readOnly && existingRbd.readOnly)) {
        return `rbd ${rbdPool(rbd.pool)}/${rbd.image}`;
      }
    }
  }
  return undefined;
}
