/**
 * NodeVolumeLimits, as upstream plugins/nodevolumelimits/csi.go CSILimits
 * (v1.34): PreFilter skips pods without a claim, an ephemeral volume or an
 * in-tree volume CSI migration can translate; Filter counts, per CSI driver,
 * the unique volumes the pods on the node already use plus the pod's new
 * ones against the node's CSINode `spec.drivers[].allocatable.count`, and
 * rejects with "node(s) exceed max volume count". No PreFilterExtensions
 * upstream: Filter reads the node's pods itself, so preemption's dry runs
 * (which remove pods from a copy of the node) see the freed volumes.
 *
 * Not simulated: VolumeAttachment objects (upstream also counts attachments
 * of volumes no pod on the node uses, e.g. still detaching); podplan does
 * not import them, so a snapshot counts only the volumes of its pods.
 *
 * Node-local: Filter reads the node's pods and CSINode and the storage
 * catalog, which is fixed for a plan.
 */
import type { V1CSINode } from '@kubernetes/client-node';
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin, PreFilterResult } from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { Code, Status } from '../../framework/status.js';
import type { ClusterState } from '../../model/cluster-state.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import type { StorageCatalog } from '../../model/storage-catalog.js';
import { collectAttachableVolumes, mayUseAttachableVolume } from './attachable-volumes.js';
import { cachedNodeAttachments, csiNodeVolumeLimits } from './node-attachments.js';

export const ErrReasonMaxVolumeCountExceeded = 'node(s) exceed max volume count';

const PRE_FILTER_STATE_KEY = `PreFilter${PluginNames.NodeVolumeLimits}`;

/** The pod's new volumes, worked out once per pod for nodes without and with a CSINode (migration needs one). */
class PodVolumes {
  private readonly byPresence: [Map<string, string> | Status | undefined, Map<string, string> | Status | undefined] = [undefined, undefined];

  constructor(
    private readonly pod: PodInfo,
    readonly storage: StorageCatalog,
  ) {}

  newVolumes(hasCsiNode: boolean): Map<string, string> | Status {
    const slot = hasCsiNode ? 1 : 0;
    let volumes = this.byPresence[slot];
    if (volumes === undefined) {
      const result = new Map<string, string>();
      volumes = collectAttachableVolumes(this.pod, hasCsiNode, true, this.storage, result) ?? result;
      this.byPresence[slot] = volumes;
    }
    return volumes;
  }
}

export class NodeVolumeLimits implements PreFilterPlugin, FilterPlugin {
  readonly name = PluginNames.NodeVolumeLimits;
  readonly nodeLocal = true;

  preFilter(state: CycleState, pod: PodInfo, cluster: ClusterState): PreFilterResult {
    if (!mayUseAttachableVolume(pod.pod)) return { status: Status.skip() };
    state.write(PRE_FILTER_STATE_KEY, new PodVolumes(pod, cluster.objects.storage));
    return { status: null };
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    if ((pod.pod.spec?.volumes ?? []).length === 0) return null;
    const podVolumes = state.read<PodVolumes>(PRE_FILTER_STATE_KEY);
    const storage = podVolumes.storage;
    const csiNode: V1CSINode | undefined = storage.csiNodes.get(node.name);
    const hasCsiNode = csiNode !== undefined;
    const newVolumes = podVolumes.newVolumes(hasCsiNode);
    if (newVolumes instanceof Status) return newVolumes;
    if (newVolumes.size === 0) return null;
    const limits = csiNodeVolumeLimits(csiNode);
    if (limits.size === 0) return null;
    const nodeAttachments = cachedNodeAttachments(node, hasCsiNode, storage);
    const attached = nodeAttachments.attached;
    if (attached instanceof Status) return attached;
    // A volume a pod on the node already uses is attached once, whoever else mounts it.
    const attachedCount = nodeAttachments.counts;
    const newCount = new Map<string, number>();
    for (const [name, driver] of newVolumes) {
      if (!attached.has(name)) newCount.set(driver, (newCount.get(driver) ?? 0) + 1);
    }
    for (const [driver, count] of newCount) {
      const limit = limits.get(driver);
      if (limit === undefined) continue;
      const current = attachedCount.get(driver) ?? 0;
      if (current + count > limit) {
        return Status.rejectedWithLazyDetails(Code.Unschedulable, ErrReasonMaxVolumeCountExceeded, () => [
          { driver, attachLimit: limit, attachedVolumes: current, newVolumes: count },
        ]);
      }
    }
    return null;
  }
}
