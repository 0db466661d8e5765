/**
 * VolumeRestrictions, as upstream plugins/volumerestrictions/
 * volume_restrictions.go (v1.34).
 *
 * - PreFilter looks up every claim the pod names (a missing one stops the pod
 *   with the lister's NotFound), keeps those with the ReadWriteOncePod access
 *   mode, and counts how many of them a pod on some node already uses
 *   (upstream StorageInfos().IsPVCUsedByPods: pods bound or assumed, so
 *   replicas placed earlier in the plan count).
 * - Filter rejects a node where a pod already mounts one of the pod's GCE PD,
 *   AWS EBS, iSCSI or RBD disks in a conflicting way ("node(s) had no
 *   available disk"), then every node while a ReadWriteOncePod claim is in
 *   use; both Unschedulable, so preemption may free them.
 * - AddPod/RemovePod (PreFilterExtensions) move the in-use count by the
 *   references a pod holds to those claims (by claim name, as upstream), so
 *   preemption's dry run on the node of the pod holding the claim frees it.
 *
 * Upstream's PreFilter returns Skip when the pod has no such disk and no
 * ReadWriteOncePod claim in use. podplan also keeps the plugin for a pod with
 * a ReadWriteOncePod claim nobody uses yet (its Filter then passes every
 * node, as Skip would): identical replicas share their PreFilter in a replica
 * run, and the second replica of a shared claim must see the first.
 *
 * Not node-local: the in-use count follows pods placed on other nodes.
 */
import type { V1PersistentVolumeClaim } from '@kubernetes/client-node';
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin, PreFilterResult } from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { Status } from '../../framework/status.js';
import type { ClusterState } from '../../model/cluster-state.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import { claimKey } from '../../model/storage-catalog.js';
import { needsRestrictionsCheck, volumeConflict } from './disk-conflicts.js';

export const ErrReasonDiskConflict = 'node(s) had no available disk';
export const ErrReasonReadWriteOncePodConflict = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

const PRE_FILTER_STATE_KEY = `PreFilter${PluginNames.VolumeRestrictions}`;

/** upstream preFilterState: the pod's ReadWriteOncePod claims and how many references pods on nodes hold to them. */
class PreFilterState {
  constructor(
    readonly readWriteOncePodClaims: ReadonlySet<string>,
    public conflictingClaimRefCount: number,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(this.readWriteOncePodClaims, this.conflictingClaimRefCount);
  }

  /** upstream conflictingPVCRefCountForPod: the pod's claim volumes naming one of the claims. */
  refCountOf(pod: PodInfo): number {
    let count = 0;
    for (const volume of pod.pod.spec?.volumes ?? []) {
      if (volume.persistentVolumeClaim && this.readWriteOncePodClaims.has(volume.persistentVolumeClaim.claimName)) count++;
    }
    return count;
  }
}

const hasReadWriteOncePod = (claim: V1PersistentVolumeClaim): boolean => (claim.spec?.accessModes ?? []).includes('ReadWriteOncePod');

/** StorageInfos().IsPVCUsedByPods: a pod bound to some node names the claim in its namespace. */
function claimsInUse(claims: ReadonlySet<string>, namespace: string, cluster: ClusterState): number {
  let inUse = 0;
  const remaining = new Set(claims);
  for (const node of cluster.nodes) {
    for (const pod of node.pods) {
      if (pod.namespace !== namespace) continue;
      for (const volume of pod.pod.spec?.volumes ?? []) {
        const name = volume.persistentVolumeClaim?.claimName;
        if (name !== undefined && remaining.delete(name)) inUse++;
      }
    }
    if (remaining.size === 0) break;
  }
  return inUse;
}

export class VolumeRestrictions implements PreFilterPlugin, FilterPlugin {
  readonly name = PluginNames.VolumeRestrictions;

  preFilter(state: CycleState, pod: PodInfo, cluster: ClusterState): PreFilterResult {
    const volumes = pod.pod.spec?.volumes ?? [];
    const needsCheck = volumes.some(needsRestrictionsCheck);
    // upstream readWriteOncePodPVCsForPod
    const readWriteOncePodClaims = new Set<string>();
    for (const volume of volumes) {
      if (!volume.persistentVolumeClaim) continue;
      const claimName = volume.persistentVolumeClaim.claimName;
      const claim = cluster.objects.storage.persistentVolumeClaims.get(claimKey(pod.namespace, claimName));
      if (!claim) return { status: Status.unresolvable(`persistentvolumeclaim "${claimName}" not found`) };
      if (hasReadWriteOncePod(claim)) readWriteOncePodClaims.add(claim.metadata?.name ?? claimName);
    }
    if (!needsCheck && readWriteOncePodClaims.size === 0) return { status: Status.skip() };
    const inUse = readWriteOncePodClaims.size === 0 ? 0 : claimsInUse(readWriteOncePodClaims, pod.namespace, cluster);
    state.write(PRE_FILTER_STATE_KEY, new PreFilterState(readWriteOncePodClaims, inUse));
    return { status: null };
  }

  addPod(state: CycleState, _pod: PodInfo, added: PodInfo): void {
    const preFilterState = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
    preFilterState.conflictingClaimRefCount += preFilterState.refCountOf(added);
  }

  removePod(state: CycleState, _pod: PodInfo, removed: PodInfo): void {
    const preFilterState = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
    preFilterState.conflictingClaimRefCount -= preFilterState.refCountOf(removed);
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    // upstream satisfyVolumeConflicts
    for (const volume of pod.pod.spec?.volumes ?? []) {
      if (!needsRestrictionsCheck(volume)) continue;
      for (const existing of node.pods) {
        const conflict = volumeConflict(volume, existing.pod);
        if (conflict !== undefined) return Status.unschedulable(ErrReasonDiskConflict, { volume: conflict, mountedBy: existing.key });
      }
    }
    // upstream satisfyReadWriteOncePod
    const preFilterState = state.read<PreFilterState>(PRE_FILTER_STATE_KEY);
    if (preFilterState.conflictingClaimRefCount > 0) {
      return Status.unschedulable(ErrReasonReadWriteOncePodConflict, { readWriteOncePodClaims: [...preFilterState.readWriteOncePodClaims] });
    }
    return null;
  }
}
