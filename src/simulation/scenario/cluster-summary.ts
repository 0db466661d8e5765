/** The few figures that tell an edited cluster from the original at a glance. */
import type { ClusterState } from '../../scheduling/model/cluster-state.js';
import { ZONE_LABEL } from './node-template.js';

export interface ClusterSummary {
  readonly nodes: number;
  readonly pods: number;
  readonly pendingPods: number;
  readonly unschedulableNodes: number;
  readonly zones: readonly string[];
}

/** A scenario's effect: the cluster before and after its edits. */
export interface ScenarioSummary {
  readonly original: ClusterSummary;
  readonly edited: ClusterSummary;
  readonly edits: number;
}

export function summarizeCluster(cluster: ClusterState): ClusterSummary {
  let pods = 0;
  let unschedulableNodes = 0;
  const zones = new Set<string>();
  for (const node of cluster.nodes) {
    pods += node.pods.length;
    if (node.unschedulable) unschedulableNodes++;
    const zone = node.labels[ZONE_LABEL];
    if (zone !== undefined) zones.add(zone);
  }
  return { nodes: cluster.nodes.length, pods, pendingPods: cluster.pendingPods.length, unschedulableNodes, zones: [...zones].sort() };
}
