/**
 * The storage objects the volume plugins look up, indexed once per plan the
 * way their listers are (upstream's PV, PVC, StorageClass, CSINode and
 * CSIDriver informers): PVs, StorageClasses, CSINodes and CSIDrivers by name,
 * claims by namespace/name. Pure data, shared by every fork (never mutated
 * in place): the claims a plan creates and the bindings it assumes make a
 * new catalog (withClaims, withPersistentVolumes) over the same maps.
 */
import type { V1CSIDriver, V1CSINode, V1PersistentVolume, V1PersistentVolumeClaim, V1StorageClass } from '@kubernetes/client-node';
import type { ClusterObjects } from '../../kube/cluster-objects.js';
import { OverlayMap } from './overlay-map.js';

export interface StorageCatalog {
  readonly persistentVolumes: ReadonlyMap<string, V1PersistentVolume>;
  /** Keyed `namespace/name`. */
  readonly persistentVolumeClaims: ReadonlyMap<string, V1PersistentVolumeClaim>;
  readonly storageClasses: ReadonlyMap<string, V1StorageClass>;
  /** Keyed by node name: a CSINode is named after its node. */
  readonly csiNodes: ReadonlyMap<string, V1CSINode>;
  readonly csiDrivers: ReadonlyMap<string, V1CSIDriver>;
}

export function claimKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function byName<T extends { metadata?: { name?: string } }>(objects: readonly T[] | undefined): Map<string, T> {
  return new Map((objects ?? []).map((object) => [object.metadata?.name ?? '', object]));
}

export function buildStorageCatalog(objects: Pick<ClusterObjects, 'persistentVolumes' | 'persistentVolumeClaims' | 'storageClasses' | 'csiNodes' | 'csiDrivers'>): StorageCatalog {
  return {
    persistentVolumes: byName(objects.persistentVolumes),
    persistentVolumeClaims: new Map(
      (objects.persistentVolumeClaims ?? []).map((claim) => [claimKey(claim.metadata?.namespace || 'default', claim.metadata?.name ?? ''), claim]),
    ),
    storageClasses: byName(objects.storageClasses),
    csiNodes: byName(objects.csiNodes),
    csiDrivers: byName(objects.csiDrivers),
  };
}

/** The catalog with these claims added or replaced (keyed by their namespace/name). */
export function withClaims(storage: StorageCatalog, claims: Iterable<V1PersistentVolumeClaim>): StorageCatalog {
  const entries = [...claims].map((claim) => [claimKey(claim.metadata?.namespace || 'default', claim.metadata?.name ?? ''), claim] as const);
  if (entries.length === 0) return storage;
  return { ...storage, persistentVolumeClaims: OverlayMap.over(storage.persistentVolumeClaims).with(entries) };
}

/** The catalog with these PersistentVolumes added or replaced. */
export function withPersistentVolumes(storage: StorageCatalog, volumes: Iterable<V1PersistentVolume>): StorageCatalog {
  const entries = [...volumes].map((volume) => [volume.metadata?.name ?? '', volume] as const);
  if (entries.length === 0) return storage;
  return { ...storage, persistentVolumes: OverlayMap.over(storage.persistentVolumes).with(entries) };
}

/** The catalog with these CSINodes added or replaced (a node added from a template with its attach limits). */
export function withCsiNodes(storage: StorageCatalog, csiNodes: Iterable<V1CSINode>): StorageCatalog {
  const entries = [...csiNodes].map((csiNode) => [csiNode.metadata?.name ?? '', csiNode] as const);
  if (entries.length === 0) return storage;
  return { ...storage, csiNodes: OverlayMap.over(storage.csiNodes).with(entries) };
}

/** The catalog with these StorageClasses added or replaced (a class as a suggestion would change it). */
export function withStorageClasses(storage: StorageCatalog, classes: Iterable<V1StorageClass>): StorageCatalog {
  const entries = [...classes].map((storageClass) => [storageClass.metadata?.name ?? '', storageClass] as const);
  if (entries.length === 0) return storage;
  return { ...storage, storageClasses: OverlayMap.over(storage.storageClasses).with(entries) };
}
