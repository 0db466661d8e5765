/**
 * The summary stored with each revision (so lists and reads never load the
 * objects), and the warnings for pods that count nowhere because their node is
 * not in the dump.
 */
import type { ClusterObjects } from '../../kube/cluster-objects.js';
import type { FieldError } from '../../kube/field-error.js';
import { describeNodeUsage } from './node-usage.js';
import { podBinding, podNamespace } from './pod-binding.js';
import { addToTotals, emptyResourceTotals } from './resource-totals.js';
import type { TopologySummary } from './topology.types.js';

export interface SummaryResult {
  summary: TopologySummary;
  /** One per pod bound to a node the topology lacks, pointing at the pod in `objects`. */
  warnings: FieldError[];
}

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
  ];
  for (const list of namespaced) {
    for (const object of list) names.add(object.metadata?.namespace || 'default');
  }
  names.delete('');
  return names.size;
}

export function summarizeTopology(objects: ClusterObjects): SummaryResult {
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
  const warnings: FieldError[] = [];
  objects.pods.forEach((pod, index) => {
    const binding = podBinding(pod, nodeNames);
    if (binding.kind === 'pending') pendingPods += 1;
    if (binding.kind === 'terminated') ignoredPods += 1;
    if (binding.kind === 'orphaned') {
      ignoredPods += 1;
      warnings.push({
        path: `pods[${index}].spec.nodeName`,
        message: `pod ${podNamespace(pod)}/${pod.metadata?.name ?? ''} is bound to node "${binding.nodeName}", which is not in the topology; it is not counted`,
      });
    }
  });
  const zones = [...new Set(nodes.map((node) => node.zone).filter((zone): zone is string => zone !== null))].sort();
  return {
    summary: {
      nodes: nodes.length,
      pods: requested.pods,
      pendingPods,
      ignoredPods,
      namespaces: countNamespaces(objects),
      zones,
      allocatable,
      requested,
    },
    warnings,
  };
}
