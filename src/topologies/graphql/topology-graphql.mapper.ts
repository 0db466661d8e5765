/** Service views → GraphQL models. */
import type { V1Taint } from '@kubernetes/client-node';
import type { RevisionDiffView } from '../topologies.service.js';
import type { RevisionDiffModel } from './revision-diff.model.js';
import type { TaintModel } from './node.model.js';
import { DEFAULT_RELEASE } from '../../scheduling/release/kubernetes-release.js';
import type { NodeUsage, PodOnNode } from '../domain/node-usage.js';
import { totalsOf, utilisation } from '../domain/resource-totals.js';
import type { TopologyPage, TopologyRevisionView } from '../domain/topology.types.js';
import type { ZoneUsage } from '../domain/zone-usage.js';
import { encodeNodeCursor, type NodeUsagePage } from '../domain/node-page.js';
import { NodeConnectionModel, NodeModel, PodOnNodeModel, ZoneModel } from './node.model.js';
import { TopologyConnectionModel, TopologyModel } from './topology.model.js';
import { forwardPageInfo } from '../../common/pagination/page-info.js';

export function toTopologyModel(view: TopologyRevisionView): TopologyModel {
  return {
    id: view.id,
    name: view.name,
    revision: view.revision,
    latestRevision: view.latestRevision,
    revisions: view.revisions ?? view.latestRevision,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    revisionCreatedAt: view.revisionCreatedAt,
    summary: {
      ...view.summary,
      // Revisions stored before storage objects were imported kept none.
      persistentVolumes: view.summary.persistentVolumes ?? 0,
      persistentVolumeClaims: view.summary.persistentVolumeClaims ?? 0,
      storageClasses: view.summary.storageClasses ?? 0,
      volumeAttachments: view.summary.volumeAttachments ?? 0,
      // Revisions stored before DRA objects were imported kept none.
      resourceSlices: view.summary.resourceSlices ?? 0,
      deviceClasses: view.summary.deviceClasses ?? 0,
      resourceClaims: view.summary.resourceClaims ?? 0,
      resourceClaimTemplates: view.summary.resourceClaimTemplates ?? 0,
      kubernetesVersion: view.summary.kubernetesVersion ?? DEFAULT_RELEASE,
      reportedVersion: view.summary.reportedVersion ?? null,
      reportedVersionSource: view.summary.reportedVersionSource ?? null,
    },
    warnings: view.warnings,
    dropped: view.dropped,
  };
}

export function toTopologyConnection(page: TopologyPage, after: string | undefined, countTotal: () => Promise<number>): TopologyConnectionModel {
  const edges = page.items.map((item) => ({ cursor: item.cursor, node: toTopologyModel(item.view) }));
  return { edges, pageInfo: forwardPageInfo(edges.map((edge) => edge.cursor), { after, hasNextPage: page.nextCursor !== null }), countTotal };
}

function toPodModel(pod: PodOnNode): PodOnNodeModel {
  return { ...pod, requests: totalsOf({ ...pod.requests, pods: 1 }) };
}

export function toNodeModel(node: NodeUsage): NodeModel {
  const allocatable = totalsOf(node.allocatable);
  const requested = totalsOf(node.requested);
  return {
    name: node.name,
    zone: node.zone,
    labels: node.labels,
    taints: node.taints.map((taint) => ({ key: taint.key, value: taint.value ?? null, effect: taint.effect })),
    unschedulable: node.unschedulable,
    allocatable,
    requested,
    allocatableResources: node.allocatable,
    requestedResources: node.requested,
    utilisation: utilisation(requested, allocatable),
    podCount: node.pods.length,
    pods: node.pods.map(toPodModel),
    attachedVolumes: node.attachedVolumes.map((entry) => ({ ...entry })),
    devices: node.devices.map((entry) => ({ ...entry })),
  };
}

export function toNodeConnection(page: NodeUsagePage, after: string | undefined): NodeConnectionModel {
  const edges = page.items.map((node) => ({ cursor: encodeNodeCursor(node.name), node: toNodeModel(node) }));
  return { edges, pageInfo: forwardPageInfo(edges.map((edge) => edge.cursor), { after, hasNextPage: page.nextCursor !== null }), totalCount: page.totalCount };
}

export function toZoneModel(zone: ZoneUsage): ZoneModel {
  return { ...zone, utilisation: utilisation(zone.requested, zone.allocatable) };
}

function toTaintModels(taints: readonly V1Taint[]): TaintModel[] {
  return taints.map((taint) => ({ key: taint.key, value: taint.value ?? null, effect: taint.effect }));
}

export function toRevisionDiffModel(view: RevisionDiffView): RevisionDiffModel {
  return {
    ...view,
    nodes: {
      ...view.nodes,
      changed: view.nodes.changed.map((change) => ({
        ...change,
        taints: { added: toTaintModels(change.taints.added), removed: toTaintModels(change.taints.removed) },
        unschedulable: change.unschedulable ?? null,
      })),
    },
  };
}
