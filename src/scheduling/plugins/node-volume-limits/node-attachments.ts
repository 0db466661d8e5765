/**
 * A node's per-driver attach limits (upstream nodevolumelimits/csi.go v1.34
 * getVolumeLimits) and its attached volumes per driver for node views.
 * What Filter keeps per node is in ./node-volume-state.ts, each pod's
 * share in ./pod-attachments.ts.
 */
import type { V1CSINode } from '@kubernetes/client-node';
import type { PodInfo } from '../../model/pod-info.js';
import type { StorageCatalog } from '../../model/storage-catalog.js';
import { existingPodAttachments } from './pod-attachments.js';
import { countWithAttachments, nodeVolumeAttachments } from './volume-attachments.js';

const limitsByCsiNode = new WeakMap<V1CSINode, ReadonlyMap<string, number>>();
const NO_LIMITS: ReadonlyMap<string, number> = new Map();
/** Distinct limit maps by content (a few per cluster: one per instance type and driver set). */
const limitsByContent = new Map<string, ReadonlyMap<string, number>>();

/** getVolumeLimits: CSINode spec.drivers[].allocatable.count by driver name (drivers without a count have no limit). */
export function csiNodeVolumeLimits(csiNode: V1CSINode | undefined): ReadonlyMap<string, number> {
  if (csiNode === undefined) return NO_LIMITS;
  let cached = limitsByCsiNode.get(csiNode);
  if (cached === undefined) {
    // Nodes of one instance type report the same limits: they share one map, which Filter then finds in cache.
    // The content key is read off the drivers as computeLimits would set them, so only a new content builds a map.
    const content = limitsContent(csiNode);
    cached = limitsByContent.get(content);
    if (cached === undefined) limitsByContent.set(content, (cached = computeLimits(csiNode)));
    limitsByCsiNode.set(csiNode, cached);
  }
  return cached;
}

/** computeLimits' entries as text (a later driver of one name overrides an earlier one there, so all are listed in order). */
function limitsContent(csiNode: V1CSINode): string {
  let content = '';
  for (const driver of csiNode.spec?.drivers ?? []) {
    const count = driver.allocatable?.count;
    if (count !== undefined && count !== null) content += `${JSON.stringify(driver.name)}:${count},`;
  }
  return content;
}

function computeLimits(csiNode: V1CSINode | undefined): Map<string, number> {
  const limits = new Map<string, number>();
  for (const driver of csiNode?.spec?.drivers ?? []) {
    const count = driver.allocatable?.count;
    if (count !== undefined && count !== null) limits.set(driver.name, count);
  }
  return limits;
}

/** One CSI driver's attach count on a node (or summed over a zone), with its CSINode limit. */
export interface DriverAttachments {
  readonly driver: string;
  /** Unique volumes of the driver the pods on the node use, plus its VolumeAttachments of other volumes, as NodeVolumeLimits counts them. */
  readonly attached: number;
  /** CSINode spec.drivers[].allocatable.count; null when the node reports none for the driver. */
  readonly limit: number | null;
}

/**
 * The node's attached volumes per driver beside its limits, for node views
 * and explanations: every driver with a limit or an attached volume, by
 * name. Volumes whose pods' claims do not resolve (or a pod's error) are
 * left out, as Filter would stop before counting them. The node's
 * VolumeAttachments of volumes no pod there uses count too
 * (volume-attachments.ts).
 */
export function nodeDriverAttachments(nodeName: string, pods: readonly PodInfo[], csiNode: V1CSINode | undefined, storage: StorageCatalog): DriverAttachments[] {
  const limits = csiNodeVolumeLimits(csiNode);
  const attached = new Map<string, string>();
  for (const pod of pods) {
    const attachments = existingPodAttachments(pod, csiNode !== undefined, storage);
    if (!(attachments instanceof Map)) continue;
    // A volume two pods share is one attachment.
    for (const [name, driver] of attachments) attached.set(name, driver);
  }
  const counts = countWithAttachments(attached, nodeVolumeAttachments(nodeName, storage));
  const drivers = new Set([...limits.keys(), ...counts.keys()]);
  return [...drivers].sort().map((driver) => ({ driver, attached: counts.get(driver) ?? 0, limit: limits.get(driver) ?? null }));
}
