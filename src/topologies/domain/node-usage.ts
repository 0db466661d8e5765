/**
 * Per-node occupancy of a topology revision: what each node offers
 * (`status.allocatable`) and what the pods bound to it request, in scheduler
 * units (cpu millicores, bytes, counts), as NodeInfo.Requested sums them
 * upstream (pkg/scheduler/framework/types.go).
 */
import type { V1Node, V1Pod, V1Taint } from '@kubernetes/client-node';
import type { ClusterObjects } from '../../kube/cluster-objects.js';
import { buildPodInfo, type PodInfo } from '../../scheduling/model/pod-info.js';
import { podRequests } from '../../scheduling/model/pod-requests.js';
import { buildStorageCatalog } from '../../scheduling/model/storage-catalog.js';
import { mayUseAttachableVolume } from '../../scheduling/plugins/node-volume-limits/attachable-volumes.js';
import { nodeDriverAttachments, type DriverAttachments } from '../../scheduling/plugins/node-volume-limits/node-attachments.js';
import { addInto, parseResourceList, PODS, type ResourceList } from '../../scheduling/model/resources.js';
import { countDevices, describeReachableDevices, type NodeDevices, type ReachableDevices } from './node-devices.js';
import { podBinding, podNamespace } from './pod-binding.js';
import { nodeZone } from './zone.js';

export interface PodOnNode {
  namespace: string;
  name: string;
  phase: string | null;
  /** The controlling owner (`ReplicaSet`, `DaemonSet`, …), when there is one. */
  ownerKind: string | null;
  ownerName: string | null;
  requests: ResourceList;
}

export interface NodeUsage {
  name: string;
  zone: string | null;
  labels: Record<string, string>;
  taints: V1Taint[];
  unschedulable: boolean;
  allocatable: ResourceList;
  /** Sum of the bound pods' effective requests; `pods` is the number of bound pods. */
  requested: ResourceList;
  pods: PodOnNode[];
  /**
   * CSI volumes attached per driver (unique volumes of the bound pods, as
   * NodeVolumeLimits counts them) beside the CSINode's attach limit.
   */
  attachedVolumes: DriverAttachments[];
  /** DRA devices the node can use per driver (its own slices and shared ones), and how many existing claims hold. */
  devices: NodeDevices[];
  /** The ids behind `devices`, for zone totals that count a shared device once; not shown. */
  reachableDevices: ReachableDevices[];
}

function describePod(pod: V1Pod): PodOnNode {
  const owner = pod.metadata?.ownerReferences?.find((reference) => reference.controller) ?? pod.metadata?.ownerReferences?.[0];
  return {
    namespace: podNamespace(pod),
    name: pod.metadata?.name ?? '',
    phase: pod.status?.phase ?? null,
    ownerKind: owner?.kind ?? null,
    ownerName: owner?.name ?? null,
    requests: podRequests(pod),
  };
}

function emptyUsage(node: V1Node): NodeUsage {
  return {
    name: node.metadata?.name ?? '',
    zone: nodeZone(node),
    labels: { ...(node.metadata?.labels ?? {}) },
    taints: node.spec?.taints ?? [],
    unschedulable: node.spec?.unschedulable === true,
    allocatable: parseResourceList(node.status?.allocatable as Record<string, string> | undefined),
    requested: { [PODS]: 0 },
    pods: [],
    attachedVolumes: [],
    devices: [],
    reachableDevices: [],
  };
}

/** Every node of the revision, in the order the dump listed them, with its bound pods. */
export function describeNodeUsage(objects: ClusterObjects): NodeUsage[] {
  const usageByName = new Map<string, NodeUsage>();
  for (const node of objects.nodes) {
    const usage = emptyUsage(node);
    usageByName.set(usage.name, usage);
  }
  const nodeNames = new Set(usageByName.keys());
  const podsWithVolumes = new Map<string, PodInfo[]>();
  for (const pod of objects.pods) {
    const binding = podBinding(pod, nodeNames);
    if (binding.kind !== 'bound') continue;
    const usage = usageByName.get(binding.nodeName)!;
    const described = describePod(pod);
    usage.pods.push(described);
    addInto(usage.requested, described.requests);
    usage.requested[PODS] += 1;
    if (mayUseAttachableVolume(pod)) {
      const list = podsWithVolumes.get(usage.name) ?? [];
      list.push(buildPodInfo(pod));
      podsWithVolumes.set(usage.name, list);
    }
  }
  const storage = buildStorageCatalog(objects);
  for (const usage of usageByName.values()) {
    const csiNode = storage.csiNodes.get(usage.name);
    if (csiNode === undefined && !podsWithVolumes.has(usage.name) && !storage.volumeAttachments.has(usage.name)) continue;
    usage.attachedVolumes = nodeDriverAttachments(usage.name, podsWithVolumes.get(usage.name) ?? [], csiNode, storage);
  }
  for (const [nodeName, reachable] of describeReachableDevices(objects)) {
    const usage = usageByName.get(nodeName);
    if (usage) {
      usage.devices = countDevices(reachable);
      usage.reachableDevices = reachable;
    }
  }
  return [...usageByName.values()];
}
