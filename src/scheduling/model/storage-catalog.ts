/**
 * The storage objects the volume plugins look up, indexed once per plan the
 * way their listers are (upstream's PV, PVC, StorageClass, CSINode and
 * CSIDriver informers): PVs, StorageClasses, CSINodes and CSIDrivers by name,
 * claims by namespace/name, CSIStorageCapacities by storage class,
 * VolumeAttachments by node (the index NodeVolumeLimits' informer keeps). Pure data, shared by every fork (never mutated
 * in place): the claims a plan creates and the bindings it assumes make a
 * new catalog (withClaims, withPersistentVolumes) over the same maps.
 *
 * Each catalog also has a version (catalogVersion): catalogs derived one
 * from the other by withClaims / withPersistentVolumes share a lineage, whose
 * log says which claims and PVs each step changed. That is how a plugin's
 * per-node state, worked out from an older catalog, learns it is still good
 * without looking at every object it read (changedAnyOf).
 */
import type { V1CSIDriver, V1CSINode, V1CSIStorageCapacity, V1PersistentVolume, V1PersistentVolumeClaim, V1StorageClass, V1VolumeAttachment } from '@kubernetes/client-node';
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
  /** CSIStorageCapacity objects by storageClassName (the only field hasEnoughCapacity selects them by), in import order. */
  readonly csiStorageCapacities: ReadonlyMap<string, readonly V1CSIStorageCapacity[]>;
  /** VolumeAttachments by spec.nodeName, in import order. Plans never change them (the attach/detach controller makes them, not the scheduler). */
  readonly volumeAttachments: ReadonlyMap<string, readonly V1VolumeAttachment[]>;
}

export function claimKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/**
 * Catalogs derived from one built catalog, one step after the other: `log[i]`
 * holds the keys step i+1 changed (claim keys `namespace/name` and PV names;
 * a PV name has no `/`, so the two never collide). Only the newest catalog
 * extends the lineage; deriving from an older one (two forks of one cluster
 * binding different claims) starts a lineage of its own.
 */
export class Lineage {
  readonly log: (readonly string[])[] = [];
}

/** Where a catalog sits in its lineage. */
export interface CatalogVersion {
  readonly lineage: Lineage;
  readonly revision: number;
}

/** Kept beside the catalogs, not on them: a catalog spread into a new object with other maps must not pass for its original. */
const versions = new WeakMap<StorageCatalog, CatalogVersion>();

/** The catalog's version; undefined for a catalog made some other way (then nothing is known to be unchanged). */
export function catalogVersion(storage: StorageCatalog): CatalogVersion | undefined {
  return versions.get(storage);
}

/**
 * Whether a step from `from` to `to` changed one of `keys` (claim keys and PV
 * names); undefined when that is not known: `to` does not descend from
 * `from` (another lineage, an older revision) or descends by more than
 * `maxSteps` steps. StorageClasses, CSINodes and CSIDrivers never change
 * within a lineage. Allocates nothing: callers ask once per node.
 */
export function changedAnyOf(from: CatalogVersion | undefined, to: CatalogVersion | undefined, maxSteps: number, keys: ReadonlySet<string>): boolean | undefined {
  if (from === undefined || to === undefined || from.lineage !== to.lineage) return undefined;
  if (to.revision < from.revision || to.revision - from.revision > maxSteps) return undefined;
  if (keys.size === 0) return false;
  const log = from.lineage.log;
  for (let step = from.revision; step < to.revision; step++) {
    const changed = log[step]!;
    for (let index = 0; index < changed.length; index++) if (keys.has(changed[index]!)) return true;
  }
  return false;
}

function derived(parent: StorageCatalog, child: StorageCatalog, keys: readonly string[]): StorageCatalog {
  const version = versions.get(parent);
  if (version !== undefined && version.lineage.log.length === version.revision) {
    version.lineage.log.push(keys);
    versions.set(child, { lineage: version.lineage, revision: version.revision + 1 });
  } else {
    versions.set(child, { lineage: new Lineage(), revision: 0 });
  }
  return child;
}

function byName<T extends { metadata?: { name?: string } }>(objects: readonly T[] | undefined): Map<string, T> {
  return new Map((objects ?? []).map((object) => [object.metadata?.name ?? '', object]));
}

function byStorageClass(capacities: readonly V1CSIStorageCapacity[] | undefined): Map<string, V1CSIStorageCapacity[]> {
  const grouped = new Map<string, V1CSIStorageCapacity[]>();
  for (const capacity of capacities ?? []) {
    const list = grouped.get(capacity.storageClassName);
    if (list === undefined) grouped.set(capacity.storageClassName, [capacity]);
    else list.push(capacity);
  }
  return grouped;
}

function byNodeName(attachments: readonly V1VolumeAttachment[] | undefined): Map<string, V1VolumeAttachment[]> {
  const grouped = new Map<string, V1VolumeAttachment[]>();
  for (const attachment of attachments ?? []) {
    const nodeName = attachment.spec?.nodeName ?? '';
    const list = grouped.get(nodeName);
    if (list === undefined) grouped.set(nodeName, [attachment]);
    else list.push(attachment);
  }
  return grouped;
}

export function buildStorageCatalog(
  objects: Pick<ClusterObjects, 'persistentVolumes' | 'persistentVolumeClaims' | 'storageClasses' | 'csiNodes' | 'csiDrivers' | 'csiStorageCapacities' | 'volumeAttachments'>,
): StorageCatalog {
  const storage: StorageCatalog = {
    persistentVolumes: byName(objects.persistentVolumes),
    persistentVolumeClaims: new Map(
      (objects.persistentVolumeClaims ?? []).map((claim) => [claimKey(claim.metadata?.namespace || 'default', claim.metadata?.name ?? ''), claim]),
    ),
    storageClasses: byName(objects.storageClasses),
    csiNodes: byName(objects.csiNodes),
    csiDrivers: byName(objects.csiDrivers),
    csiStorageCapacities: byStorageClass(objects.csiStorageCapacities),
    volumeAttachments: byNodeName(objects.volumeAttachments),
  };
  versions.set(storage, { lineage: new Lineage(), revision: 0 });
  return storage;
}

/** The catalog with these claims added or replaced (keyed by their namespace/name). */
export function withClaims(storage: StorageCatalog, claims: Iterable<V1PersistentVolumeClaim>): StorageCatalog {
  const entries = [...claims].map((claim) => [claimKey(claim.metadata?.namespace || 'default', claim.metadata?.name ?? ''), claim] as const);
  if (entries.length === 0) return storage;
  const child = { ...storage, persistentVolumeClaims: OverlayMap.over(storage.persistentVolumeClaims).with(entries) };
  return derived(storage, child, entries.map(([key]) => key));
}

/** The catalog with these PersistentVolumes added or replaced. */
export function withPersistentVolumes(storage: StorageCatalog, volumes: Iterable<V1PersistentVolume>): StorageCatalog {
  const entries = [...volumes].map((volume) => [volume.metadata?.name ?? '', volume] as const);
  if (entries.length === 0) return storage;
  const child = { ...storage, persistentVolumes: OverlayMap.over(storage.persistentVolumes).with(entries) };
  return derived(storage, child, entries.map(([key]) => key));
}

/**
 * A catalog whose CSINodes or StorageClasses changed starts a lineage of its
 * own (those never change within one): nothing worked out from its parent
 * passes for it, and the claims and PVs later steps change are logged again.
 */
function rooted(storage: StorageCatalog): StorageCatalog {
  versions.set(storage, { lineage: new Lineage(), revision: 0 });
  return storage;
}

/** The catalog with these CSINodes added or replaced (a node added from a template with its attach limits). */
export function withCsiNodes(storage: StorageCatalog, csiNodes: Iterable<V1CSINode>): StorageCatalog {
  const entries = [...csiNodes].map((csiNode) => [csiNode.metadata?.name ?? '', csiNode] as const);
  if (entries.length === 0) return storage;
  return rooted({ ...storage, csiNodes: OverlayMap.over(storage.csiNodes).with(entries) });
}

/** The catalog with these StorageClasses added or replaced (a class as a suggestion would change it). */
export function withStorageClasses(storage: StorageCatalog, classes: Iterable<V1StorageClass>): StorageCatalog {
  const entries = [...classes].map((storageClass) => [storageClass.metadata?.name ?? '', storageClass] as const);
  if (entries.length === 0) return storage;
  return rooted({ ...storage, storageClasses: OverlayMap.over(storage.storageClasses).with(entries) });
}
