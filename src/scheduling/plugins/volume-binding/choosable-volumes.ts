/**
 * The PersistentVolumes FindMatchingVolume (component-helpers storage/volume
 * pv_helpers.go, v1.34) can choose for a pod's unbound claims of one class.
 * Upstream lists every PV of the class (pvCache.ListPVs) and skips first of
 * all each PV whose claimRef names another claim; on a cluster with ten
 * thousand bound PVs that is ten thousand PVs per pod. podplan indexes a PV
 * map once, by class, apart by claimRef, and hands claimMatching the PVs no
 * claim holds plus those whose claimRef names one of the pod's claims:
 * everything claimMatching would not skip at once, and it still checks each
 * (claimRef uid included), so the match is the same.
 */
import type { V1PersistentVolume } from '@kubernetes/client-node';
import { OverlayMap } from '../../model/overlay-map.js';
import { claimKey } from '../../model/storage-catalog.js';
import { volumeClass } from './pv-matching.js';

interface VolumeIndex {
  /** Per class: the PVs without a claimRef. */
  readonly unclaimed: ReadonlyMap<string, readonly V1PersistentVolume[]>;
  /** Per claimRef `namespace/name` (as IsVolumeBoundToClaim compares them): the PVs that name it, of any class. */
  readonly claimed: ReadonlyMap<string, readonly V1PersistentVolume[]>;
}

const indexes = new WeakMap<ReadonlyMap<string, V1PersistentVolume>, VolumeIndex>();

/** The claim a PV's claimRef names, keyed as the claims are; undefined without a claimRef. */
function claimRefKey(volume: V1PersistentVolume): string | undefined {
  const ref = volume.spec?.claimRef;
  return ref ? claimKey(ref.namespace || 'default', ref.name ?? '') : undefined;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function indexOf(volumes: ReadonlyMap<string, V1PersistentVolume>): VolumeIndex {
  let index = indexes.get(volumes);
  if (index === undefined) {
    const unclaimed = new Map<string, V1PersistentVolume[]>();
    const claimed = new Map<string, V1PersistentVolume[]>();
    for (const volume of volumes.values()) {
      const ref = claimRefKey(volume);
      if (ref === undefined) push(unclaimed, volumeClass(volume), volume);
      else push(claimed, ref, volume);
    }
    indexes.set(volumes, (index = { unclaimed, claimed }));
  }
  return index;
}

/**
 * The PVs of `className` that have no claimRef or whose claimRef names one of
 * `claimKeys`, from the catalog's PV map. An OverlayMap (the PVs a plan's
 * replicas bound) is read as its base's index, less the PVs it replaced,
 * plus its own entries.
 */
export function choosableVolumes(volumes: ReadonlyMap<string, V1PersistentVolume>, className: string, claimKeys: readonly string[]): V1PersistentVolume[] {
  const base = volumes instanceof OverlayMap ? volumes.base : volumes;
  const changes: ReadonlyMap<string, V1PersistentVolume> | undefined = volumes instanceof OverlayMap ? volumes.changes : undefined;
  const current = (volume: V1PersistentVolume): boolean => changes === undefined || !changes.has(volume.metadata?.name ?? '');
  const index = indexOf(base);
  const result: V1PersistentVolume[] = [];
  for (const volume of index.unclaimed.get(className) ?? []) if (current(volume)) result.push(volume);
  for (const key of new Set(claimKeys)) {
    for (const volume of index.claimed.get(key) ?? []) if (volumeClass(volume) === className && current(volume)) result.push(volume);
  }
  if (changes !== undefined) {
    for (const volume of changes.values()) {
      if (volumeClass(volume) !== className) continue;
      const ref = claimRefKey(volume);
      if (ref === undefined || claimKeys.includes(ref)) result.push(volume);
    }
  }
  return result;
}
