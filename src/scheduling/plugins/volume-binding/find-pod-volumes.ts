/**
 * FindPodVolumes for one node, as upstream binder.go (v1.34): bound claims'
 * PVs must admit the node, in-tree ones migrated there in their CSI form
 * (checkBoundClaims, tryTranslatePVToCSI); unbound WaitForFirstConsumer
 * claims need a matching available PV (findMatchingVolumes, FindMatchingVolume:
 * same class, big enough, access and volume modes, node affinity, the
 * smallest that fits) or dynamic provisioning whose StorageClass topology
 * admits the node and, for drivers tracking capacity, has room for it there
 * (checkVolumeProvisions, ./storage-capacity.ts). The node-independent part of the
 * matching is done once per pod (ClaimMatching); per node only node
 * affinities are evaluated, once per distinct affinity.
 */
import type { V1PersistentVolume, V1PersistentVolumeClaim, V1StorageClass } from '@kubernetes/client-node';
import { compileLabelSelector } from '../../../kube/label-selector.js';
import { compareQuantities } from '../../../kube/quantity.js';
import { SELECTED_NODE_ANNOTATION } from '../../../kube/storage-stripping.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { StorageCatalog } from '../../model/storage-catalog.js';
import type { NodeSelector } from '../node-affinity/node-selector.js';
import type { PodVolumeClaims } from './pod-volume-claims.js';
import { tryTranslatePVToCsi } from './migrated-volume.js';
import { hasEnoughCapacity } from './storage-capacity.js';
import { accessModesMatch, claimClass, isVolumeBoundToClaim, matchTopologySelectorTerms, nodeAffinityMatches, volumeModeMismatch, volumeNodeSelector } from './pv-matching.js';

/** ConflictReason values of binder.go. */
export const ErrReasonBindConflict = "node(s) didn't find available persistent volumes to bind";
export const ErrReasonNodeConflict = 'node(s) had volume node affinity conflict';
export const ErrReasonNotEnoughSpace = 'node(s) did not have enough free storage';
export const ErrReasonPVNotExist = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';

/** volume.NotSupportedProvisioner: a class that never provisions (local volumes). */
const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';

export interface StaticBinding {
  readonly claim: V1PersistentVolumeClaim;
  readonly volume: V1PersistentVolume;
}

export interface PodVolumes {
  readonly staticBindings: readonly StaticBinding[];
  readonly dynamicProvisions: readonly V1PersistentVolumeClaim[];
}

/** The structured facts behind a rejection: which claim, which PV. */
export type VolumeConflictDetail = {
  readonly claim: string;
  readonly persistentVolume?: string;
  readonly storageClass?: string;
  readonly reason: string;
};

export interface NodeVolumes {
  readonly reasons: readonly string[];
  readonly details: readonly VolumeConflictDetail[];
  readonly volumes: PodVolumes;
}

/** PVs of one node affinity (or none), smallest first. */
interface AffinityGroup {
  readonly selector: NodeSelector | null;
  readonly volumes: readonly V1PersistentVolume[];
}

/** An unbound delayed-binding claim with what FindMatchingVolume can decide without a node. */
export interface ClaimMatching {
  readonly claim: V1PersistentVolumeClaim;
  /** A PV whose claimRef already names the claim: the only one it can take. */
  readonly prebound?: V1PersistentVolume;
  readonly groups: readonly AffinityGroup[];
}

/** checkVolumeProvisions: the class names a provisioner, and not the one of local volumes that never provisions. */
export function provisions(storageClass: V1StorageClass): boolean {
  const provisioner = storageClass.provisioner ?? '';
  return provisioner !== '' && provisioner !== NOT_SUPPORTED_PROVISIONER;
}

function storageOf(volume: V1PersistentVolume): string {
  return String(volume.spec?.capacity?.storage ?? '0');
}

function requestOf(claim: V1PersistentVolumeClaim): string {
  return String(claim.spec?.resources?.requests?.storage ?? '0');
}

/** Smaller capacity first; equal ones by name (upstream takes whichever its cache lists first). */
function bySize(a: V1PersistentVolume, b: V1PersistentVolume): number {
  const name = (volume: V1PersistentVolume): string => volume.metadata?.name ?? '';
  return compareQuantities(storageOf(a), storageOf(b)) || (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0);
}

/**
 * FindMatchingVolume's node-independent checks, in its order: a PV bound to
 * another claim, too small, of the other volume mode, or being deleted is
 * skipped; one bound to this claim is the answer; others must be Available
 * (a PV without status counts as Available), match the claim's selector and
 * class, and offer its access modes.
 */
export function claimMatching(claim: V1PersistentVolumeClaim, volumes: readonly V1PersistentVolume[]): ClaimMatching {
  const request = requestOf(claim);
  const className = claimClass(claim);
  let selector: ReturnType<typeof compileLabelSelector> | undefined;
  try {
    selector = claim.spec?.selector ? compileLabelSelector(claim.spec.selector) : undefined;
  } catch {
    // Validated on import; a selector that does not compile matches nothing.
    selector = compileLabelSelector(null);
  }
  const prebound: V1PersistentVolume[] = [];
  const candidates: V1PersistentVolume[] = [];
  for (const volume of volumes) {
    if (volume.spec?.claimRef && !isVolumeBoundToClaim(volume, claim)) continue;
    if (compareQuantities(storageOf(volume), request) < 0) continue;
    if (volumeModeMismatch(claim, volume)) continue;
    if (volume.metadata?.deletionTimestamp) continue;
    if (isVolumeBoundToClaim(volume, claim)) {
      prebound.push(volume);
      continue;
    }
    if ((volume.status?.phase ?? 'Available') !== 'Available') continue;
    if (selector && !selector.matches(volume.metadata?.labels ?? {})) continue;
    if ((volume.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? volume.spec?.storageClassName ?? '') !== className) continue;
    if (!accessModesMatch(claim, volume)) continue;
    candidates.push(volume);
  }
  candidates.sort(bySize);
  const groups = new Map<string, { selector: NodeSelector | null; volumes: V1PersistentVolume[] }>();
  for (const volume of candidates) {
    const key = JSON.stringify(volume.spec?.nodeAffinity?.required ?? null);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { selector: volumeNodeSelector(volume), volumes: [] }));
    group.volumes.push(volume);
  }
  prebound.sort(bySize);
  return { claim, ...(prebound.length > 0 && { prebound: prebound[0] }), groups: [...groups.values()] };
}

/** byPVCSize: claims asking for less first (stable here; upstream's sort is not). */
export function claimsBySize(claims: readonly V1PersistentVolumeClaim[]): V1PersistentVolumeClaim[] {
  return [...claims].sort((a, b) => compareQuantities(requestOf(a), requestOf(b)));
}

/** FindMatchingVolume on one node, skipping PVs this pod already chose for other claims. */
function matchOnNode(matching: ClaimMatching, node: NodeInfo, chosen: ReadonlySet<string>): V1PersistentVolume | undefined {
  const prebound = matching.prebound;
  if (prebound && !chosen.has(prebound.metadata?.name ?? '')) {
    return nodeAffinityMatches(prebound, node.labels) ? prebound : undefined;
  }
  let best: V1PersistentVolume | undefined;
  for (const group of matching.groups) {
    if (group.selector !== null && !group.selector.matches({ name: '', labels: node.labels })) continue;
    const first = group.volumes.find((volume) => !chosen.has(volume.metadata?.name ?? ''));
    if (first && (!best || bySize(first, best) < 0)) best = first;
  }
  return best;
}

function claimName(claim: V1PersistentVolumeClaim): string {
  return claim.metadata?.name ?? '';
}

/**
 * FindPodVolumes. `matchings` holds claimMatching for each unbound
 * delayed-binding claim without a selected node, smallest request first.
 * Throws nothing: upstream's errors come back as `error`.
 */
export function findPodVolumes(
  claims: PodVolumeClaims,
  matchings: readonly ClaimMatching[],
  node: NodeInfo,
  storage: StorageCatalog,
): NodeVolumes | { readonly error: string } {
  let boundVolumesSatisfied = true;
  let boundVolumesFound = true;
  let unboundVolumesSatisfied = true;
  let sufficientStorage = true;
  const details: VolumeConflictDetail[] = [];
  const staticBindings: StaticBinding[] = [];
  const dynamicProvisions: V1PersistentVolumeClaim[] = [];
  const result = (): NodeVolumes => {
    const reasons: string[] = [];
    if (!boundVolumesSatisfied) reasons.push(ErrReasonNodeConflict);
    if (!unboundVolumesSatisfied) reasons.push(ErrReasonBindConflict);
    if (!sufficientStorage) reasons.push(ErrReasonNotEnoughSpace);
    if (!boundVolumesFound) reasons.push(ErrReasonPVNotExist);
    return { reasons, details, volumes: { staticBindings, dynamicProvisions } };
  };

  // checkBoundClaims: the first missing PV, untranslatable PV (an error) or
  // node affinity conflict ends the check. An in-tree PV migrated on the node
  // is checked in its CSI form (tryTranslatePVToCSI, ./migrated-volume.ts).
  for (const claim of claims.bound) {
    const volumeName = claim.spec?.volumeName ?? '';
    const found = storage.persistentVolumes.get(volumeName);
    if (!found) {
      boundVolumesFound = false;
      details.push({ claim: claimName(claim), persistentVolume: volumeName, reason: ErrReasonPVNotExist });
      break;
    }
    const volume = tryTranslatePVToCsi(found, storage.csiNodes.get(node.name));
    if ('error' in volume) return { error: volume.error };
    if (!nodeAffinityMatches(volume, node.labels)) {
      boundVolumesSatisfied = false;
      details.push({ claim: claimName(claim), persistentVolume: volumeName, reason: ErrReasonNodeConflict });
      break;
    }
  }
  if (claims.unboundDelayBinding.length === 0) return result();

  const toProvision: V1PersistentVolumeClaim[] = [];
  for (const claim of claims.unboundDelayBinding) {
    const selectedNode = claim.metadata?.annotations?.[SELECTED_NODE_ANNOTATION];
    if (selectedNode === undefined) continue;
    if (selectedNode !== node.name) {
      // Fast path: provisioning for this claim already started on another node.
      unboundVolumesSatisfied = false;
      details.push({ claim: claimName(claim), reason: ErrReasonBindConflict });
      return result();
    }
    toProvision.push(claim);
  }
  // findMatchingVolumes
  const chosen = new Set<string>();
  const unmatched: V1PersistentVolumeClaim[] = [];
  for (const matching of matchings) {
    const volume = matchOnNode(matching, node, chosen);
    if (!volume) {
      unboundVolumesSatisfied = false;
      unmatched.push(matching.claim);
      continue;
    }
    chosen.add(volume.metadata?.name ?? '');
    staticBindings.push({ claim: matching.claim, volume });
  }
  toProvision.push(...unmatched);
  if (toProvision.length === 0) return result();

  // checkVolumeProvisions overwrites the verdict of the matching (and only
  // that one: FindPodVolumes reports a bound claim's conflict beside it).
  unboundVolumesSatisfied = true;
  for (const claim of toProvision) {
    const className = claimClass(claim);
    const key = `${claim.metadata?.namespace || 'default'}/${claimName(claim)}`;
    if (className === '') return { error: `no class for claim "${key}"` };
    const storageClass = storage.storageClasses.get(className);
    if (!storageClass) return { error: `failed to find storage class "${className}"` };
    if (!provisions(storageClass) || !matchTopologySelectorTerms(storageClass.allowedTopologies, node.labels)) {
      unboundVolumesSatisfied = false;
      for (const claimWithout of unmatched) details.push({ claim: claimName(claimWithout), storageClass: className, reason: ErrReasonBindConflict });
      if (!unmatched.includes(claim)) details.push({ claim: claimName(claim), storageClass: className, reason: ErrReasonBindConflict });
      staticBindings.length = 0;
      return result();
    }
    if (!hasEnoughCapacity(claim, storageClass, node, storage)) {
      // checkVolumeProvisions stops at the first claim without room: provisioning is possible, storage is not.
      sufficientStorage = false;
      details.push({ claim: claimName(claim), storageClass: className, reason: ErrReasonNotEnoughSpace });
      staticBindings.length = 0;
      dynamicProvisions.length = 0;
      return result();
    }
    dynamicProvisions.push(claim);
  }
  return result();
}
