/**
 * What a plugin offers so that a run of identical replicas can be scheduled
 * without re-running it on every node for every replica (batch/replica-run.ts).
 * Node-local plugins need nothing: their results change only on the node
 * that took the last replica. The two plugins that read other nodes' pods
 * (PodTopologySpread, InterPodAffinity) describe what their per-node answers
 * depend on.
 */
import type { ClusterState } from '../model/cluster-state.js';
import type { NodeInfo } from '../model/node-info.js';
import type { PodInfo } from '../model/pod-info.js';
import type { CycleState } from './cycle-state.js';
import type { FilterPlugin } from './interfaces.js';

/**
 * A Filter whose verdict on a node is a function of the PreFilter state and
 * the node's values for a few label keys only, so nodes agreeing on those
 * values share one verdict; and whose state AddPod keeps as a fresh PreFilter
 * would compute it (after `afterAddPod`).
 */
export interface LabelKeyedFilter extends FilterPlugin {
  /** Every label key Filter may read for this pod, including keys replicas of the pod add to the state. */
  filterLabelKeys(state: CycleState, pod: PodInfo): readonly string[];
  /**
   * The keys whose tallies placing a replica of `pod` changes (default: all
   * of filterLabelKeys): only nodes sharing the placement's value for one of
   * them can get another verdict.
   */
  filterKeysChangedByReplicas?(state: CycleState, pod: PodInfo): readonly string[];
  /**
   * Changes whenever Filter may change on nodes sharing no topology pair
   * with the node a pod was added to (a global minimum, an empty tally).
   */
  filterEpoch(state: CycleState): string;
  /** Brings the state from what AddPod leaves to what a fresh PreFilter computes. */
  afterAddPod?(state: CycleState): void;
}

export function isLabelKeyedFilter(plugin: FilterPlugin): plugin is LabelKeyedFilter {
  return typeof (plugin as LabelKeyedFilter).filterLabelKeys === 'function';
}

/** A score plugin's PreScore/Score/NormalizeScore maintained across a run of identical replicas. */
export interface ReplicaScoreKernel {
  /** PreScore's Skip for the next replica. */
  readonly skipped: boolean;
  /** Label keys Score reads when `byLabels` (nodes agreeing on them score the same raw value). */
  readonly labelKeys?: readonly string[];
  /** Of labelKeys, those whose sums a placed replica changes (default: all). */
  readonly keysChangedByReplicas?: readonly string[];
  /** A pod was bound to `node` (at `index` in the cluster's nodes). */
  podAdded(pod: PodInfo, node: NodeInfo, index: number): void;
  /**
   * Called once per replica with the feasible node indices, before `raw`;
   * with `multiplicity`, each index stands for that many feasible nodes of
   * its class.
   */
  prepare?(feasible: Int32Array, feasibleCount: number, multiplicity?: Int32Array): void;
  /**
   * For kernels scoring per node: a key equal for nodes whose raw Score is
   * equal at every replica while neither takes a pod. Without it (and
   * without labelKeys), a run scores every feasible node per replica.
   */
  classOf?(index: number): string;
  /** Raw Score of the node at `index`. */
  raw(index: number, node: NodeInfo): number;
  /** NormalizeScore over the feasible nodes, `scores[position]` belonging to `feasible[position]`. */
  normalize(scores: Float64Array, feasible: Int32Array, nodes: readonly NodeInfo[]): void;
}

/** A score plugin that can keep its scoring state across a run of identical replicas. */
export interface ReplicaScoring {
  /** undefined: the plugin cannot (the run falls back to scheduling each replica in full). */
  openScoreKernel(state: CycleState, pod: PodInfo, cluster: ClusterState): ReplicaScoreKernel | undefined;
}

export function isReplicaScoring(plugin: object): plugin is ReplicaScoring {
  return typeof (plugin as ReplicaScoring).openScoreKernel === 'function';
}

/** The kernel of a plugin whose PreScore Skips for every replica of the pod. */
export const SKIPPED_SCORE_KERNEL: ReplicaScoreKernel = { skipped: true, podAdded: () => {}, raw: () => 0, normalize: () => {}, classOf: () => '' };
