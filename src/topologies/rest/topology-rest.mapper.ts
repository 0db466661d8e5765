/** Service views → REST bodies. */
import type { ClusterObjects } from '../../kube/cluster-objects.js';
import { DEFAULT_RELEASE } from '../../scheduling/release/kubernetes-release.js';
import type { NodeUsagePage } from '../domain/node-page.js';
import type { NodeUsage } from '../domain/node-usage.js';
import { totalsOf, utilisation } from '../domain/resource-totals.js';
import type { ResourceTotals, TopologyPage, TopologyRevisionView, TopologySummary } from '../domain/topology.types.js';
import type { ZoneUsageList } from '../topologies.service.js';
import type {
  NodeDto,
  NodeListDto,
  ResourceTotalsDto,
  TopologyDto,
  TopologyItemDto,
  TopologyListDto,
  TopologySummaryDto,
  ZoneListDto,
} from './topology.dto.js';

/** Fields in the contract's order (the jsonb column stores keys sorted by length). */
function toSummaryDto(summary: TopologySummary): TopologySummaryDto {
  return {
    nodes: summary.nodes,
    pods: summary.pods,
    pendingPods: summary.pendingPods,
    ignoredPods: summary.ignoredPods,
    namespaces: summary.namespaces,
    zones: summary.zones,
    allocatable: toTotalsDto(summary.allocatable),
    requested: toTotalsDto(summary.requested),
    // Revisions stored before storage objects were imported kept none.
    persistentVolumes: summary.persistentVolumes ?? 0,
    persistentVolumeClaims: summary.persistentVolumeClaims ?? 0,
    storageClasses: summary.storageClasses ?? 0,
    volumeAttachments: summary.volumeAttachments ?? 0,
    // Revisions stored before DRA objects were imported kept none.
    resourceSlices: summary.resourceSlices ?? 0,
    deviceClasses: summary.deviceClasses ?? 0,
    resourceClaims: summary.resourceClaims ?? 0,
    resourceClaimTemplates: summary.resourceClaimTemplates ?? 0,
    // Revisions stored before releases were recorded: plans on them emulate the newest release.
    kubernetesVersion: summary.kubernetesVersion ?? DEFAULT_RELEASE,
    reportedVersion: summary.reportedVersion ?? null,
    reportedVersionSource: summary.reportedVersionSource ?? null,
  };
}

function toTotalsDto(totals: ResourceTotals): ResourceTotalsDto {
  return { cpuMillicores: totals.cpuMillicores, memoryBytes: totals.memoryBytes, pods: totals.pods };
}

export function toTopologyItemDto(view: TopologyRevisionView): TopologyItemDto {
  return { id: view.id, name: view.name, revision: view.revision, summary: toSummaryDto(view.summary) };
}

export function toTopologyDto(view: TopologyRevisionView, objects?: ClusterObjects): TopologyDto {
  return {
    ...toTopologyItemDto(view),
    latestRevision: view.latestRevision,
    revisions: view.revisions ?? view.latestRevision,
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
    revisionCreatedAt: view.revisionCreatedAt.toISOString(),
    warnings: view.warnings,
    dropped: view.dropped,
    ...(objects ? { objects: objects as unknown as Record<string, unknown[]> } : {}),
  };
}

export function toTopologyListDto(page: TopologyPage): TopologyListDto {
  return { items: page.items.map((item) => toTopologyItemDto(item.view)), nextCursor: page.nextCursor };
}

export function toNodeDto(node: NodeUsage): NodeDto {
  return {
    name: node.name,
    zone: node.zone,
    labels: node.labels,
    taints: node.taints.map((taint) => ({ key: taint.key, value: taint.value, effect: taint.effect })),
    unschedulable: node.unschedulable,
    allocatable: node.allocatable,
    requested: node.requested,
    utilisation: utilisation(totalsOf(node.requested), totalsOf(node.allocatable)),
    pods: node.pods.length,
    attachedVolumes: node.attachedVolumes.map((entry) => ({ ...entry })),
    devices: node.devices.map((entry) => ({ ...entry })),
  };
}

export function toNodeListDto(page: NodeUsagePage): NodeListDto {
  return {
    topologyId: page.topologyId,
    revision: page.revision,
    totalCount: page.totalCount,
    items: page.items.map(toNodeDto),
    nextCursor: page.nextCursor,
  };
}

export function toZoneListDto(list: ZoneUsageList): ZoneListDto {
  return {
    topologyId: list.topologyId,
    revision: list.revision,
    items: list.zones.map((zone) => ({ ...zone, utilisation: utilisation(zone.requested, zone.allocatable) })),
  };
}
