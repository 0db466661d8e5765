/**
 * Requested over allocatable per node after a plan, and how unevenly the
 * load sits: what separates LeastAllocated (spread) from MostAllocated
 * (bin-pack) on the same input.
 */
import type { ClusterState } from '../scheduling/model/cluster-state.js';
import { CPU, MEMORY } from '../scheduling/model/resources.js';

export interface NodeUtilisation {
  readonly node: string;
  /** Fractions 0–1 (above 1 only if the input was overcommitted). */
  readonly cpu: number;
  readonly memory: number;
  readonly pods: number;
}

export interface UtilisationStats {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
  /** Population standard deviation: the imbalance figure. */
  readonly stddev: number;
}

export interface ClusterUtilisation {
  readonly cpu: UtilisationStats;
  readonly memory: UtilisationStats;
  /** Nodes with at least one pod. */
  readonly nodesInUse: number;
  readonly nodes: readonly NodeUtilisation[];
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;

function stats(values: readonly number[]): UtilisationStats {
  if (values.length === 0) return { mean: 0, min: 0, max: 0, stddev: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
  return { mean: round(mean), min: round(Math.min(...values)), max: round(Math.max(...values)), stddev: round(Math.sqrt(variance)) };
}

function fraction(requested: number | undefined, allocatable: number | undefined): number {
  return allocatable ? round((requested ?? 0) / allocatable) : 0;
}

/** Utilisation of every node; `nodeNames` limits the per-node list (the statistics always cover every node). */
export function clusterUtilisation(cluster: ClusterState, nodeNames?: ReadonlySet<string>): ClusterUtilisation {
  const nodes = cluster.nodes.map((info) => ({
    node: info.name,
    cpu: fraction(info.requested[CPU], info.allocatable[CPU]),
    memory: fraction(info.requested[MEMORY], info.allocatable[MEMORY]),
    pods: info.pods.length,
  }));
  return {
    cpu: stats(nodes.map((node) => node.cpu)),
    memory: stats(nodes.map((node) => node.memory)),
    nodesInUse: nodes.filter((node) => node.pods > 0).length,
    nodes: nodeNames ? nodes.filter((node) => nodeNames.has(node.node)) : nodes,
  };
}
