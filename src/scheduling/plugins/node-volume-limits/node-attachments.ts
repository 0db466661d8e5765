/**
 * The volumes already attached to a node by the pods on it, and the node's
 * per-driver attach limits, as upstream nodevolumelimits/csi.go (v1.34)
 * Filter counts them (its attachedVolumes map and getVolumeLimits). Each
 * pod's share is computed once per storage catalog: a plan asks for the
 * same pods on every Filter call.
 */
import type { V1CSINode } from '@kubernetes/client-node';
import type { Status } from '../../framework/status.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import type { StorageCatalog } from '../../model/storage-catalog.js';
import { collectAttachableVolumes } from './attachable-volumes.js';

/** A pod's attachable volumes (unique name → driver), or the error that stops the Filter. */
export type PodAttachments = ReadonlyMap<string, string> | Status;

/** A pod's attachments and the catalog entries they were worked out from (kind, key, the object found). */
interface CachedAttachments {
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
  let entry = attachmentsByPod.get(pod);
  if (!entry) attachmentsByPod.set(pod, (entry = [undefined, undefined]));
  const slot = hasCsiNode ? 1 : 0;
  const cached = entry[slot];
  if (cached !== undefined && stillValid(cached, storage)) return cached.attachments;
  const reads: (readonly [LookupKind, string, unknown])[] = [];
  const result = new Map<string, string>();
  const attachments = collectAttachableVolumes(pod, hasCsiNode, false, recordingCatalog(storage, reads), result) ?? result;
  entry[slot] = { attachments, reads };
  return attachments;
}

/** A node's attached volumes and their count per driver, as of a node generation and a catalog. */
interface NodeAttachments {
  readonly generation: number;
  catalog: StorageCatalog;
  readonly hasCsiNode: boolean;
  readonly perPod: readonly PodAttachments[];
  readonly attached: Map<string, string> | Status;
  readonly counts: ReadonlyMap<string, number>;
}

const attachmentsByNode = new WeakMap<NodeInfo, NodeAttachments>();

/**
 * nodeAttachedVolumes with its per-driver counts, kept per NodeInfo while
 * the node's pods are unchanged (its generation) and each pod's share is
 * still what the catalog gives (checked without allocating when the catalog
 * changed, e.g. after a replica's assumed binding).
 */
export function cachedNodeAttachments(node: NodeInfo, hasCsiNode: boolean, storage: StorageCatalog): NodeAttachments {
  const cached = attachmentsByNode.get(node);
  if (cached !== undefined && cached.generation === node.generation && cached.hasCsiNode === hasCsiNode) {
    if (cached.catalog === storage) return cached;
    let same = true;
    for (let index = 0; index < node.pods.length && same; index++) same = existingPodAttachments(node.pods[index]!, hasCsiNode, storage) === cached.perPod[index];
    if (same) {
      cached.catalog = storage;
      return cached;
    }
  }
  const perPod = node.pods.map((pod) => existingPodAttachments(pod, hasCsiNode, storage));
  const attached = nodeAttachedVolumes(node.pods, hasCsiNode, storage);
  const counts = attached instanceof Map ? countByDriver(attached) : new Map<string, number>();
  const entry: NodeAttachments = { generation: node.generation, catalog: storage, hasCsiNode, perPod, attached, counts };
  attachmentsByNode.set(node, entry);
  return entry;
}

/**
 * The attached volumes of every pod on the node (unique name → driver), or
 * the first pod's error. `pods` is NodeInfo.pods.
 */
export function nodeAttachedVolumes(pods: readonly PodInfo[], hasCsiNode: boolean, storage: StorageCatalog): Map<string, string> | Status {
  const attached = new Map<string, string>();
  for (const pod of pods) {
    const attachments = existingPodAttachments(pod, hasCsiNode, storage);
    if (!(attachments instanceof Map)) return attachments as Status;
    for (const [name, driver] of attachments) attached.set(name, driver);
  }
  return attached;
}

const limitsByCsiNode = new WeakMap<V1CSINode, ReadonlyMap<string, number>>();
const NO_LIMITS: ReadonlyMap<string, number> = new Map();

/** getVolumeLimits: CSINode spec.drivers[].allocatable.count by driver name (drivers without a count have no limit). */
export function csiNodeVolumeLimits(csiNode: V1CSINode | undefined): ReadonlyMap<string, number> {
  if (csiNode === undefined) return NO_LIMITS;
  let cached = limitsByCsiNode.get(csiNode);
  if (cached === undefined) limitsByCsiNode.set(csiNode, (cached = computeLimits(csiNode)));
  return cached;
}

function computeLimits(csiNode: V1CSINode | undefined): Map<string, number> {
  const limits = new Map<string, number>();
  for (const driver of csiNode?.spec?.drivers ?? []) {
    const count = driver.allocatable?.count;
    if (count !== undefined && count !== null) limits.set(driver.name, count);
  }
  return limits;
}

/** Attached volumes per driver: the counts a node view shows beside the limits. */
export function countByDriver(attached: ReadonlyMap<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const driver of attached.values()) counts.set(driver, (counts.get(driver) ?? 0) + 1);
  return counts;
}

/** One CSI driver's attach count on a node (or summed over a zone), with its CSINode limit. */
export interface DriverAttachments {
  readonly driver: string;
  /** Unique volumes of the driver the pods on the node use, as NodeVolumeLimits counts them. */
  readonly attached: number;
  /** CSINode spec.drivers[].allocatable.count; null when the node reports none for the driver. */
  readonly limit: number | null;
}

/**
 * The node's attached volumes per driver beside its limits, for node views
 * and explanations: every driver with a limit or an attached volume, by
 * name. Volumes whose pods' claims do not resolve (or a pod's error) are
 * left out, as Filter would stop before counting them.
 */
export function nodeDriverAttachments(pods: readonly PodInfo[], csiNode: V1CSINode | undefined, storage: StorageCatalog): DriverAttachments[] {
  const limits = csiNodeVolumeLimits(csiNode);
  const attached = new Map<string, string>();
  for (const pod of pods) {
    const attachments = existingPodAttachments(pod, csiNode !== undefined, storage);
    if (!(attachments instanceof Map)) continue;
    // A volume two pods share is one attachment.
    for (const [name, driver] of attachments) attached.set(name, driver);
  }
  const counts = countByDriver(attached);
  const drivers = new Set([...limits.keys(), ...counts.keys()]);
  return [...drivers].sort().map((driver) => ({ driver, attached: counts.get(driver) ?? 0, limit: limits.get(driver) ?? null }));
}
