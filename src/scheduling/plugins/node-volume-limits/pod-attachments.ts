/**
 * The volumes a pod already on a node attaches, as upstream
 * nodevolumelimits/csi.go (v1.34) Filter counts them for each pod of the
 * node (filterAttachableVolumes, a missing claim not counted), kept per
 * PodInfo with the catalog entries they were worked out from: a plan asks
 * for the same pods on every Filter call, and its Reserves change few of
 * their claims and PVs.
 */
import type { Status } from '../../framework/status.js';
import type { PodInfo } from '../../model/pod-info.js';
import type { StorageCatalog } from '../../model/storage-catalog.js';
import { collectAttachableVolumes } from './attachable-volumes.js';

/** A pod's attachable volumes (unique name → driver), or the error that stops the Filter. */
export type PodAttachments = ReadonlyMap<string, string> | Status;

/** A pod's attachments and the catalog entries they were worked out from (kind, key, the object found). */
export interface CachedAttachments {
  readonly attachments: PodAttachments;
  readonly reads: readonly (readonly [LookupKind, string, unknown])[];
}

type LookupKind = 'persistentVolumeClaims' | 'persistentVolumes' | 'storageClasses';

/** Index 0: the node has no CSINode (no migration); 1: it has one. */
type PerCsiNodePresence = [CachedAttachments | undefined, CachedAttachments | undefined];

/**
 * By PodInfo, whatever the catalog: a plan's assumed bindings make a new
 * catalog per placed replica (storage-catalog.ts withClaims /
 * withPersistentVolumes), yet leave almost every pod's claims and PVs as
 * they were. An entry is reused while the catalog still holds the very
 * objects it was worked out from.
 */
const attachmentsByPod = new WeakMap<PodInfo, PerCsiNodePresence>();

/** The catalog's lookups that collectAttachableVolumes makes, recorded. */
function recordingCatalog(storage: StorageCatalog, reads: (readonly [LookupKind, string, unknown])[]): StorageCatalog {
  const recorded = <V>(kind: LookupKind, map: ReadonlyMap<string, V>): ReadonlyMap<string, V> =>
    ({
      get(key: string): V | undefined {
        const value = map.get(key);
        reads.push([kind, key, value]);
        return value;
      },
    }) as ReadonlyMap<string, V>;
  return {
    ...storage,
    persistentVolumeClaims: recorded('persistentVolumeClaims', storage.persistentVolumeClaims),
    persistentVolumes: recorded('persistentVolumes', storage.persistentVolumes),
    storageClasses: recorded('storageClasses', storage.storageClasses),
  };
}

function stillValid(entry: CachedAttachments, storage: StorageCatalog): boolean {
  for (const [kind, key, value] of entry.reads) {
    if ((storage[kind] as ReadonlyMap<string, unknown>).get(key) !== value) return false;
  }
  return true;
}

/** filterAttachableVolumes for a pod already on the node (a missing claim is not counted). */
export function existingPodAttachments(pod: PodInfo, hasCsiNode: boolean, storage: StorageCatalog): PodAttachments {
  return podAttachmentsEntry(pod, hasCsiNode, storage).attachments;
}

/** existingPodAttachments with the catalog entries they were worked out from. */
export function podAttachmentsEntry(pod: PodInfo, hasCsiNode: boolean, storage: StorageCatalog): CachedAttachments {
  let entry = attachmentsByPod.get(pod);
  if (!entry) attachmentsByPod.set(pod, (entry = [undefined, undefined]));
  const slot = hasCsiNode ? 1 : 0;
  const cached = entry[slot];
  if (cached !== undefined && stillValid(cached, storage)) return cached;
  const reads: (readonly [LookupKind, string, unknown])[] = [];
  const result = new Map<string, string>();
  const attachments = collectAttachableVolumes(pod, hasCsiNode, false, recordingCatalog(storage, reads), result) ?? result;
  return (entry[slot] = { attachments, reads });
}
