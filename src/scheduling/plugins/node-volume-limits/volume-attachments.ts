/**
 * The volumes a node's VolumeAttachment objects attach, as NodeVolumeLimits
 * counts them (upstream nodevolumelimits/csi.go getNodeVolumeAttachmentInfo,
 * kubernetes PR 127757, in every release podplan emulates: v1.32 to v1.35,
 * no feature gate). An attachment outlives the pod that used its volume
 * until the volume is detached, so a node still detaching volumes has less
 * room than its pods say.
 *
 * Upstream's rules, kept: an attachment with no attacher, with no
 * spec.source.persistentVolumeName (an inline volume's attachment), whose PV
 * is missing or whose PV is not a CSI volume is not counted; the rest count
 * as `<attacher>/<PV's csi.volumeHandle>` under the attacher's name.
 * status.attached is not read: an attachment still being made or detached
 * counts the same.
 */
import type { StorageCatalog } from '../../model/storage-catalog.js';

/** Unique name `<attacher>/<volumeHandle>` → attacher, for the node's attachments; `reads` gets the PV names looked up. */
export function nodeVolumeAttachments(nodeName: string, storage: StorageCatalog, reads?: Set<string>): Map<string, string> {
  const attached = new Map<string, string>();
  for (const attachment of storage.volumeAttachments.get(nodeName) ?? []) {
    const attacher = attachment.spec?.attacher ?? '';
    if (attacher === '') continue;
    const pvName = attachment.spec?.source?.persistentVolumeName;
    if (pvName === undefined || pvName === null) continue;
    reads?.add(pvName);
    const csi = storage.persistentVolumes.get(pvName)?.spec?.csi;
    if (csi === undefined || csi === null) continue;
    attached.set(`${attacher}/${csi.volumeHandle ?? ''}`, attacher);
  }
  return attached;
}

/** How many attachments the node has: each adds at most one volume to a driver's count (attachment-bound.ts). */
export function volumeAttachmentCount(nodeName: string, storage: StorageCatalog): number {
  return storage.volumeAttachments.get(nodeName)?.length ?? 0;
}

/**
 * Volumes per driver: the pods' attached volumes plus the attachments of
 * volumes no pod on the node uses (Filter's attachedVolumeCount; an
 * attachment of a volume a pod uses is counted once).
 */
export function countWithAttachments(podVolumes: ReadonlyMap<string, string>, attachments: ReadonlyMap<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const driver of podVolumes.values()) counts.set(driver, (counts.get(driver) ?? 0) + 1);
  for (const [name, driver] of attachments) if (!podVolumes.has(name)) counts.set(driver, (counts.get(driver) ?? 0) + 1);
  return counts;
}
