/**
 * NodeVolumeLimits, as upstream plugins/nodevolumelimits/csi.go CSILimits
 * (v1.32 to v1.35): PreFilter skips pods without a claim, an ephemeral
 * volume or an in-tree volume CSI migration can translate; Filter counts,
 * per CSI driver, the unique volumes the pods on the node already use, plus
 * the node's VolumeAttachments of volumes none of them uses
 * (volume-attachments.ts), plus the pod's new volumes (less those a pod on
 * the node uses already; an attachment alone does not make a volume old)
 * against the node's CSINode `spec.drivers[].allocatable.count`, and
 * rejects with "node(s) exceed max volume count". No PreFilterExtensions
 * upstream: Filter reads the node's pods itself, so preemption's dry runs
 * (which remove pods from a copy of the node) see the freed volumes.
 *
 * With VolumeLimitScaling (v1.35, alpha), Filter first rejects a node whose
 * CSINode lacks a driver of the pod's new volumes whose CSIDriver sets
 * preventPodSchedulingIfMissing ("<driver> CSI driver is not installed on
 * the node", checkCSIDriverOnNode). Upstream walks the new volumes in Go
 * map order, so with two such drivers missing it names either; podplan
 * names the first volume's.
 *
 * Not node-local: the claims and PVs Filter reads change as VolumeBinding's
 * Reserve binds a plan's claims (an unbound claim counts under its class's
 * provisioner, a bound one as its PV). A node whose pods have fewer claim
 * volumes than its limit leaves room for the pod's new volumes whatever those
 * claims resolve to, and passes without its attachments worked out
 * (attachment-bound.ts). For the others, the attached volumes are
 * kept while the node's pods are unchanged and the catalog steps since
 * touched none of their claims or PVs (node-volume-state.ts,
 * lineage-readers.ts); per pod, its new volumes are worked out once in
 * PreFilter, with the nodes that attach one of them already. When PreFilter
 * can tell from a summary of the nodes that Filter passes all of them (the
 * usual case: every node far below its limits), Filter is not called for
 * the pod at all (passesEveryNode).
 */
import type { V1CSINode } from '@kubernetes/client-node';
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin, PreFilterResult } from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { Code, Status } from '../../framework/status.js';
import type { ClusterState } from '../../model/cluster-state.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import { catalogVersion, type CatalogVersion, type StorageCatalog } from '../../model/storage-catalog.js';
import { collectAttachableVolumes, mayUseAttachableVolume } from './attachable-volumes.js';
import { nodeAttachmentBound, UNBOUNDED } from './attachment-bound.js';
import { LineageReaders } from './lineage-readers.js';
import { clusterAttachmentBounds } from './cluster-attachment-bounds.js';
import { attachedCount, cachedNodeAttachments, nodeVolumeState, type NodeVolumeState } from './node-volume-state.js';
import { volumeAttachmentCount } from './volume-attachments.js';

export const ErrReasonMaxVolumeCountExceeded = 'node(s) exceed max volume count';

/** csi.go Filter's reason when VolumeLimitScaling keeps a pod off a node without the driver. */
export function driverNotInstalledReason(driver: string): string {
  return `${driver} CSI driver is not installed on the node`;
}

const PRE_FILTER_STATE_KEY = `PreFilter${PluginNames.NodeVolumeLimits}`;

/**
 * The pod's new volumes as Filter walks them: unique names in the order
 * filterAttachableVolumes found them, each with the index of its driver in
 * `drivers`, the count per driver, plus scratch space for one node's count
 * per driver (so Filter allocates nothing per node).
 */
class NewVolumes {
  readonly names: string[] = [];
  readonly driverOf: number[] = [];
  readonly drivers: string[] = [];
  /** Per driver, in `drivers` order: the pod's new volumes (all of them new on a node that attaches none). */
  readonly totals: number[] = [];
  /** Per driver: new volumes not yet attached on the node being filtered. */
  readonly counts: Int32Array;
  /** Drivers in the order their first unattached volume comes (upstream's newVolumeCount map, iterated as podplan fills it). */
  readonly order: Int32Array;
  /** The registered nodes that attach one of the names already (LineageReaders.attachingNodes), and how many registrations that covers. */
  attaching: ReadonlySet<NodeVolumeState> | undefined;
  attachingCovers = 0;
  /** underEveryLimit's threshold for the limits map it was worked out for. */
  thresholdLimits: ReadonlyMap<string, number> | undefined;
  threshold = 0;

  constructor(volumes: ReadonlyMap<string, string>, readers: LineageReaders | undefined) {
    const driverIndex = new Map<string, number>();
    for (const [name, driver] of volumes) {
      let index = driverIndex.get(driver);
      if (index === undefined) {
        driverIndex.set(driver, (index = this.drivers.push(driver) - 1));
        this.totals.push(0);
      }
      this.names.push(name);
      this.driverOf.push(index);
      this.totals[index]!++;
    }
    this.counts = new Int32Array(this.drivers.length);
    this.order = new Int32Array(this.drivers.length);
    if (readers !== undefined) {
      this.attachingCovers = readers.registrations;
      this.attaching = readers.attachingNodes(this.names);
    }
  }
}

/** The pod's new volumes, worked out once per pod for nodes without and with a CSINode (migration needs one). */
class PodVolumes {
  private readonly byPresence: [NewVolumes | Status | undefined, NewVolumes | Status | undefined] = [undefined, undefined];
  readonly version: CatalogVersion | undefined;
  readonly readers: LineageReaders | undefined;

  constructor(
    readonly pod: PodInfo,
    readonly storage: StorageCatalog,
  ) {
    this.version = catalogVersion(storage);
    this.readers = LineageReaders.of(this.version);
  }

  newVolumes(hasCsiNode: boolean): NewVolumes | Status {
    const slot = hasCsiNode ? 1 : 0;
    let volumes = this.byPresence[slot];
    if (volumes === undefined) {
      const result = new Map<string, string>();
      const status = collectAttachableVolumes(this.pod, hasCsiNode, true, this.storage, result);
      volumes = status ?? new NewVolumes(result, this.readers);
      this.byPresence[slot] = volumes;
    }
    return volumes;
  }
}

/**
 * The rejection for the first driver over its limit, as upstream's loop over
 * newVolumeCount; null when none is. `count(driver)` is the pod's new
 * volumes of the driver not attached on the node.
 */
function overLimit(state: NodeVolumeState, driver: string, count: number): Status | null {
  const limit = state.limits.get(driver);
  if (limit === undefined) return null;
  const current = attachedCount(state, driver);
  if (current + count <= limit) return null;
  return Status.rejectedWithLazyDetails(Code.Unschedulable, ErrReasonMaxVolumeCountExceeded, () => [{ driver, attachLimit: limit, attachedVolumes: current, newVolumes: count }]);
}

/**
 * The node passes without its attachments worked out: even if every volume
 * of its pods were attached under each of the pod's drivers, the driver
 * would stay within its limit (attachment-bound.ts).
 */
function underEveryLimit(state: NodeVolumeState, node: NodeInfo, newVolumes: NewVolumes, storage: StorageCatalog): boolean {
  const bound = nodeAttachmentBound(node, state, volumeAttachmentCount(node.name, storage));
  if (bound === UNBOUNDED) return false;
  // Nodes of one instance type share their limits map (node-attachments.ts), so the threshold is worked out a few times per pod.
  if (newVolumes.thresholdLimits !== state.limits) {
    newVolumes.thresholdLimits = state.limits;
    newVolumes.threshold = largestPassingBound(state.limits, newVolumes);
  }
  return bound <= newVolumes.threshold;
}

/** The most volumes a node's pods may have for the pod to pass under `limits` whatever they are. */
function largestPassingBound(limits: ReadonlyMap<string, number>, newVolumes: NewVolumes): number {
  let threshold = Number.POSITIVE_INFINITY;
  const { drivers, totals } = newVolumes;
  for (let driver = 0; driver < drivers.length; driver++) {
    const limit = limits.get(drivers[driver]!);
    if (limit !== undefined) threshold = Math.min(threshold, limit - totals[driver]!);
  }
  return threshold;
}

/**
 * Filter passes every node, each by its first checks (the pod's volumes
 * resolve, the node has no limits, or underEveryLimit): answered from the
 * nodes' summary (cluster-attachment-bounds.ts). It also passes every copy
 * of a node with fewer pods (preemption's dry runs): removing pods never
 * raises a node's bound.
 */
function passesEveryNode(podVolumes: PodVolumes, cluster: ClusterState, volumeLimitScaling: boolean): boolean {
  if ((podVolumes.pod.pod.spec?.volumes ?? []).length === 0) return true;
  // A driver that must be installed: Filter checks every node's CSINode.
  if (volumeLimitScaling && anyDriverRequiredOnNodes(podVolumes.storage)) return false;
  const bounds = clusterAttachmentBounds(cluster, podVolumes.storage);
  if (bounds.withoutCsiNode > 0 && podVolumes.newVolumes(false) instanceof Status) return false;
  if (bounds.withCsiNode === 0) return true;
  const newVolumes = podVolumes.newVolumes(true);
  if (newVolumes instanceof Status) return false;
  if (newVolumes.names.length === 0) return true;
  for (const [limits, histogram] of bounds.byLimits) {
    if (histogram.unbounded > 0 || histogram.largest() > largestPassingBound(limits, newVolumes)) return false;
  }
  return true;
}

/** Some CSIDriver sets preventPodSchedulingIfMissing. */
function anyDriverRequiredOnNodes(storage: StorageCatalog): boolean {
  for (const driver of storage.csiDrivers.values()) if (driver.spec?.preventPodSchedulingIfMissing === true) return true;
  return false;
}

/**
 * checkCSIDriverOnNode: whether the node may take a volume of `driver`. A
 * driver without a CSIDriver object, or whose CSIDriver does not set
 * preventPodSchedulingIfMissing, may be no CSI driver at all: allowed.
 * Otherwise the node's CSINode must list it (no CSINode: not installed).
 */
function driverInstalled(driver: string, csiNode: V1CSINode | undefined, storage: StorageCatalog): boolean {
  if (storage.csiDrivers.get(driver)?.spec?.preventPodSchedulingIfMissing !== true) return true;
  return (csiNode?.spec?.drivers ?? []).some((installed) => installed.name === driver);
}

export class NodeVolumeLimits implements PreFilterPlugin, FilterPlugin {
  readonly name = PluginNames.NodeVolumeLimits;

  /** `volumeLimitScaling`: the VolumeLimitScaling gate (feature.Features EnableVolumeLimitScaling). */
  constructor(private readonly volumeLimitScaling = false) {}

  preFilter(state: CycleState, pod: PodInfo, cluster: ClusterState): PreFilterResult {
    if (!mayUseAttachableVolume(pod.pod)) return { status: Status.skip() };
    const podVolumes = new PodVolumes(pod, cluster.objects.storage);
    state.write(PRE_FILTER_STATE_KEY, podVolumes);
    return passesEveryNode(podVolumes, cluster, this.volumeLimitScaling) ? { status: null, passesEveryNode: true } : { status: null };
  }

  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null {
    if ((pod.pod.spec?.volumes ?? []).length === 0) return null;
    const podVolumes = state.read<PodVolumes>(PRE_FILTER_STATE_KEY);
    const storage = podVolumes.storage;
    const nodeState = nodeVolumeState(node, storage);
    const hasCsiNode = nodeState.csiNode !== undefined;
    const newVolumes = podVolumes.newVolumes(hasCsiNode);
    if (newVolumes instanceof Status) return newVolumes;
    if (newVolumes.names.length === 0) return null;
    if (this.volumeLimitScaling) {
      for (const driver of newVolumes.drivers) if (!driverInstalled(driver, nodeState.csiNode, storage)) return Status.unschedulable(driverNotInstalledReason(driver), { driver });
    }
    if (nodeState.limits.size === 0) return null;
    if (underEveryLimit(nodeState, node, newVolumes, storage)) return null;
    cachedNodeAttachments(node, nodeState, hasCsiNode, storage, podVolumes.version, podVolumes.readers);
    if (nodeState.error !== null) return nodeState.error;
    const { drivers } = newVolumes;
    // A node indexed before this pod's PreFilter and not among those attaching one of its volumes: every volume is new.
    // Only a catalog with a lineage has that index; any other (a scenario's or a template's copy) takes the full walk.
    const attaching = newVolumes.attaching;
    if (attaching !== undefined && nodeState.lineage === podVolumes.version?.lineage && nodeState.registration < newVolumes.attachingCovers && !attaching.has(nodeState)) {
      for (let driver = 0; driver < drivers.length; driver++) {
        const rejection = overLimit(nodeState, drivers[driver]!, newVolumes.totals[driver]!);
        if (rejection !== null) return rejection;
      }
      return null;
    }
    // A volume a pod on the node already uses is attached once, whoever else mounts it.
    const { names, driverOf, counts, order } = newVolumes;
    let driversSeen = 0;
    for (let index = 0; index < names.length; index++) {
      if (nodeState.attached.has(names[index]!)) continue;
      const driver = driverOf[index]!;
      if (counts[driver]++ === 0) order[driversSeen++] = driver;
    }
    let rejection: Status | null = null;
    for (let position = 0; position < driversSeen; position++) {
      const driver = order[position]!;
      const count = counts[driver]!;
      counts[driver] = 0;
      if (rejection === null) rejection = overLimit(nodeState, drivers[driver]!, count);
    }
    return rejection;
  }
}
