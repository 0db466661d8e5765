/**
 * The summary stored with each revision, so lists and reads never load the
 * objects. (Warnings about pods bound to nodes missing from the dump come
 * from the importer, src/kube/cluster-import.ts, with their input paths.)
 */
import { clusterRelease } from '../../scheduling/release/cluster-release.js';
import type { ClusterObjects } from '../../kube/cluster-objects.js';
import { describeNodeUsage } from './node-usage.js';
import { podBinding } from './pod-binding.js';
import { addToTotals, emptyResourceTotals } from './resource-totals.js';
import type { TopologySummary } from './topology.types.js';

function countNamespaces(objects: ClusterObjects): number {
  const names = new Set<string>();
  for (const namespace of objects.namespaces) names.add(namespace.metadata?.name ?? '');
  const namespaced = [
    objects.pods,
    objects.services,
    objects.replicaSets,
    objects.statefulSets,
    objects.deployments,
    objects.replicationControllers,
    objects.podDisruptionBudgets,
    objects.persistentVolumeClaims ?? [],
    objects.resourceClaims ?? [],
    objects.resourceClaimTemplates ?? [],
  ];
  for (const list of namespaced) {
    for (const object of list) names.add(object.metadata?.namespace || 'default');
  }
  names.delete('');
  return names.size;
}

export function summarizeTopology(objects: ClusterObjects): TopologySummary {
  const nodes = describeNodeUsage(objects);
  const nodeNames = new Set(nodes.map((node) => node.name));
  const allocatable = emptyResourceTotals();
  const requested = emptyResourceTotals();
  for (const node of nodes) {
    addToTotals(allocatable, node.allocatable);
    addToTotals(requested, node.requested);
  }
  let pendingPods = 0;
  let ignoredPods = 0;
  for (const pod of objects.pods) {
    const binding = podBinding(pod, nodeNames);
    if (binding.kind === 'pending') pendingPods += 1;
    if (binding.kind === 'terminated' || binding.kind === 'orphaned') ignoredPods += 1;
  }
  const zones = [...new Set(nodes.map((node) => node.zone).filter((zone): zone is string => zone !== null))].sort();
  return {
    nodes: nodes.length,
    pods: requested.pods,
    pendingPods,
    ignoredPods,
    namespaces: countNamespaces(objects),
    zones,
    allocatable,
    requested,
    persistentVolumes: objects.persistentVolumes?.length ?? 0,
    persistentVolumeClaims: objects.persistentVolumeClaims?.length ?? 0,
    storageClasses: objects.storageClasses?.length ?? 0,
    volumeAttachments: objects.volumeAttachments?.length ?? 0,
    resourceSlices: objects.resourceSlices?.length ?? 0,
    deviceClasses: objects.deviceClasses?.length ?? 0,
    resourceClaims: objects.resourceClaims?.length ?? 0,
    resourceClaimTemplates: objects.resourceClaimTemplates?.length ?? 0,
    kubernetesVersion: clusterRelease(objects.clusterVersion).release,
    reportedVersion: objects.clusterVersion?.gitVersion ?? null,
    reportedVersionSource: objects.clusterVersion?.source ?? null,
  };
}
