/**
 * The volumes already attached to a node by the pods on it, and the node's
 * per-driver attach limits, as upstream nodevolumelimits/csi.go (v1.34)
 * Filter counts them (its attachedVolumes map and getVolumeLimits). Each
 * pod's share is computed once per storage catalog: a plan asks for the
 * same pods on every Filter call.
 */
import type { V1CSINode } from '@kubernetes/client-node';
import type { Status } from '../../framework/status.js';
import type { PodInfo } from '../../model/pod-info.js';
import type { StorageCatalog } from '../../model/storage-catalog.js';
import { collectAttachableVolumes } from './attachable-volumes.js';

/** A pod's attachable volumes (unique name → driver), or the error that stops the Filter. */
export type PodAttachments = ReadonlyMap<string, string> | Status;

/** Index 0: the node has no CSINode (no migration); 1: it has one. */
type PerCsiNodePresence = [PodAttachments | undefined, PodAttachments | undefined];

const attachmentsByCatalog = new WeakMap<StorageCatalog, WeakMap<PodInfo, PerCsiNodePresence>>();

/** filterAttachableVolumes for a pod already on the node (a missing claim is not counted). */
export function existingPodAttachments(pod: PodInfo, hasCsiNode: boolean, storage: StorageCatalog): PodAttachments {
  let byPod = attachmentsByCatalog.get(storage);
  if (!byPod) attachmentsByCatalog.set(storage, (byPod = new WeakMap()));
  let entry = byPod.get(pod);
  if (!entry) byPod.set(pod, (entry = [undefined, undefined]));
  const slot = hasCsiNode ? 1 : 0;
  let attachments = entry[slot];
  if (attachments === undefined) {
    const result = new Map<string, string>();
    attachments = collectAttachableVolumes(pod, hasCsiNode, false, storage, result) ?? result;
    entry[slot] = attachments;
  }
  return attachments;
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

/** getVolumeLimits: CSINode spec.drivers[].allocatable.count by driver name (drivers without a count have no limit). */
export function csiNodeVolumeLimits(csiNode: V1CSINode | undefined): Map<string, number> {
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
