/**
 * Schedules a run of identical replicas (same namespace, labels and spec)
 * in exhaustive mode without repeating, for every replica, work whose answer
 * the previous placement cannot have changed. Each decision is the one
 * scheduleOne would make (test/scheduling/batch checks them against each
 * other), but per replica:
 *
 * - PreFilter runs once; each placement is applied to its state through the
 *   AddPod extensions, as upstream's preemption applies hypothetical pods.
 * - Node-local filters and scores are re-run only on the node that took the
 *   last replica.
 * - PodTopologySpread and InterPodAffinity filters are evaluated once per
 *   group of nodes sharing the label values they read, and only for groups
 *   sharing a topology pair with the last placement (or all of them when a
 *   global quantity such as spread's minimum moved).
 * - Their scores are kept by kernels (framework/replica-run-support.ts).
 *
 * What remains per replica is one pass over typed arrays: feasibility, the
 * raw columns of the feasible nodes, NormalizeScore, totals and the best
 * nodes. A replica no node fits is left to scheduleOne (PostFilter,
 * preemption), as is a profile with a plugin the run does not know.
 */
import { CycleState } from '../framework/cycle-state.js';
import type { Framework, PluginScore, PreFilterOutcome } from '../framework/framework.js';
import { MAX_NODE_SCORE, MIN_NODE_SCORE, type FilterPlugin, type ScorePlugin } from '../framework/interfaces.js';
import { isLabelKeyedFilter, isReplicaScoring, type LabelKeyedFilter, type ReplicaScoreKernel } from '../framework/replica-run-support.js';
import { PluginError, type Status } from '../framework/status.js';
import type { ClusterState } from '../model/cluster-state.js';
import type { NodeInfo } from '../model/node-info.js';
import type { PodInfo } from '../model/pod-info.js';
import type { PodDecision, ScoredNode } from '../planner/decision.js';
import { LabelGroups } from './label-groups.js';
import { RejectionTally } from './rejection-tally.js';
import { rankFeasible } from './rank-feasible.js';

/** One active score plugin of the run and where its raw values come from. */
interface ScoreColumn {
  readonly plugin: ScorePlugin;
  readonly weight: number;
  /** Node-local plugins: raw score per node, NaN until computed (and again after the node changes). */
  readonly local?: Float64Array;
  /** Other plugins: their kernel. */
  readonly kernel?: ReplicaScoreKernel;
  /** Kernels scoring by labels: raw score per label group. */
  readonly byGroup?: Float64Array;
  readonly raw: Float64Array;
  readonly normalized: Float64Array;
}

export class ReplicaRun {
  private readonly state: CycleState;
  private readonly nodeCount: number;
  /** First failing node-local filter per node (null: passes them all). */
  private readonly localVerdict: (Status | null)[];
  private readonly localRejections = new RejectionTally();
  /** Per label group: nodes passing the node-local filters. */
  private readonly localPasses: Int32Array;
  private readonly groups: LabelGroups;
  private readonly groupVerdict: (Status | null)[];
  private readonly dirtyGroups: Uint8Array;
  private epoch = '';
  private readonly columns: ScoreColumn[];
  private readonly nameRank: Int32Array;
  private readonly feasible: Int32Array;
  private readonly totals: Float64Array;
  private readonly feasibleNodes: NodeInfo[] = [];
  /** The decision for the last replica no node fitted, while nothing has changed since. */
  private unplaced: PodDecision | undefined;

  private constructor(
    private readonly framework: Framework,
    private readonly cluster: ClusterState,
    private readonly pod: PodInfo,
    private readonly preFilter: PreFilterOutcome,
    private readonly localFilters: readonly FilterPlugin[],
    private readonly keyedFilters: readonly LabelKeyedFilter[],
    scoring: readonly { plugin: ScorePlugin; weight: number; kernel?: ReplicaScoreKernel }[],
    state: CycleState,
    private readonly topCandidates: number,
  ) {
    this.state = state;
    const nodes = cluster.nodes;
    this.nodeCount = nodes.length;
    const keys = new Set<string>();
    for (const plugin of keyedFilters) for (const key of plugin.filterLabelKeys(state, pod)) keys.add(key);
    for (const { kernel } of scoring) for (const key of kernel?.labelKeys ?? []) keys.add(key);
    this.groups = new LabelGroups(nodes, [...keys].sort());
    this.groupVerdict = new Array<Status | null>(this.groups.size).fill(null);
    this.dirtyGroups = new Uint8Array(this.groups.size).fill(1);
    this.localPasses = new Int32Array(this.groups.size);
    this.localVerdict = new Array<Status | null>(this.nodeCount);
    for (let index = 0; index < this.nodeCount; index++) this.setLocalVerdict(index, nodes[index], true);
    this.columns = scoring.map(({ plugin, weight, kernel }) => ({
      plugin,
      weight,
      ...(kernel ? { kernel } : { local: new Float64Array(this.nodeCount).fill(Number.NaN) }),
      ...(kernel?.labelKeys ? { byGroup: new Float64Array(this.groups.size) } : {}),
      raw: new Float64Array(this.nodeCount),
      normalized: new Float64Array(this.nodeCount),
    }));
    const byName = [...nodes.keys()].sort((a, b) => (nodes[a].name < nodes[b].name ? -1 : nodes[a].name > nodes[b].name ? 1 : 0));
    this.nameRank = new Int32Array(this.nodeCount);
    byName.forEach((index, rank) => (this.nameRank[index] = rank));
    this.feasible = new Int32Array(this.nodeCount);
    this.totals = new Float64Array(this.nodeCount);
  }

  /**
   * A run for replicas of `pod` on `cluster` (which the caller keeps
   * updating through `podAdded`), or undefined when the profile or the pod
   * needs what only scheduleOne does: a PreFilter rejection or node-name
   * restriction, a plugin that is neither node-local nor run-aware, or a
   * topology filter ahead of a node-local one.
   */
  static open(framework: Framework, cluster: ClusterState, pod: PodInfo, topCandidates: number): ReplicaRun | undefined {
    if (cluster.nodes.length === 0) return undefined;
    const state = new CycleState();
    const preFilter = framework.runPreFilter(state, pod, cluster);
    if (preFilter.status || preFilter.nodeNames) return undefined;
    const localFilters: FilterPlugin[] = [];
    const keyedFilters: LabelKeyedFilter[] = [];
    for (const plugin of preFilter.filters) {
      if (plugin.nodeLocal && keyedFilters.length === 0) localFilters.push(plugin);
      else if (!plugin.nodeLocal && isLabelKeyedFilter(plugin)) keyedFilters.push(plugin);
      else return undefined;
    }
    const scoring: { plugin: ScorePlugin; weight: number; kernel?: ReplicaScoreKernel }[] = [];
    const skipped = new Set<string>();
    for (const plugin of framework.profile.preScore) {
      if (!plugin.nodeLocal) continue;
      // Node-local PreScore reads the pod and facts fixed for the plan, never the nodes passed to it.
      const status = plugin.preScore(state, pod, cluster.nodes, cluster);
      if (status?.isSkip) skipped.add(plugin.name);
      else if (status) return undefined;
    }
    for (const { plugin, weight } of framework.profile.score) {
      if (skipped.has(plugin.name)) continue;
      if (plugin.nodeLocal) {
        scoring.push({ plugin, weight });
        continue;
      }
      if (!isReplicaScoring(plugin)) return undefined;
      const kernel = plugin.openScoreKernel(state, pod, cluster);
      if (!kernel) return undefined;
      scoring.push({ plugin, weight, kernel });
    }
    // Every other PreScore must belong to a plugin scored through its kernel.
    for (const plugin of framework.profile.preScore) {
      if (!plugin.nodeLocal && !scoring.some((entry) => entry.kernel && entry.plugin.name === plugin.name)) return undefined;
    }
    return new ReplicaRun(framework, cluster, pod, preFilter, localFilters, keyedFilters, scoring, state, topCandidates);
  }

  /**
   * The decision for the next replica (identical to the run's pod but for
   * its name), or undefined when no node fits it: scheduleOne then decides,
   * with PostFilter. `remember` that decision if it placed nothing.
   */
  schedule(replica: PodInfo): PodDecision | undefined {
    if (this.unplaced) return { ...this.unplaced, podKey: replica.key };
    this.refreshGroups();
    const nodes = this.cluster.nodes;
    const { feasible, groups } = this;
    const groupOf = groups.groupOf;
    let feasibleCount = 0;
    for (let index = 0; index < this.nodeCount; index++) {
      if (this.localVerdict[index] === null && this.groupVerdict[groupOf[index]] === null) feasible[feasibleCount++] = index;
    }
    if (feasibleCount === 0) return undefined;
    const feasibleNodes = this.feasibleNodes;
    feasibleNodes.length = feasibleCount;
    for (let position = 0; position < feasibleCount; position++) feasibleNodes[position] = nodes[feasible[position]];

    const totals = this.totals.subarray(0, feasibleCount);
    totals.fill(0);
    const active: ScoreColumn[] = [];
    for (const column of this.columns) {
      if (column.kernel?.skipped) continue;
      active.push(column);
      this.scoreColumn(column, feasibleCount, totals);
    }
    const { top, tied } = rankFeasible(totals, feasible, this.nameRank, Math.max(1, this.topCandidates) + 1);
    const candidates: ScoredNode[] = top.slice(0, Math.max(1, this.topCandidates)).map((position) => ({
      node: nodes[feasible[position]].name,
      total: totals[position],
      scores: this.scoresAt(active, position),
    }));
    return {
      podKey: replica.key,
      totalNodes: this.nodeCount,
      node: candidates[0].node,
      score: candidates[0].total,
      evaluatedNodes: this.nodeCount,
      feasibleNodes: feasibleCount,
      candidates,
      rejections: this.rejections(),
      ...(tied > 1 ? { tieBreak: { tiedNodes: tied, rule: 'lowest-name' as const } } : {}),
    };
  }

  /** Keeps a decision that placed nothing: the next replica gets the same one until the cluster changes. */
  remember(decision: PodDecision): void {
    if (decision.node === null && !decision.preemption) this.unplaced = decision;
  }

  /** A pod was bound to `nodeName` in the run's cluster (by this run's decision or any other). */
  podAdded(pod: PodInfo, nodeName: string): void {
    this.unplaced = undefined;
    const index = this.cluster.indexOf(nodeName);
    if (index === undefined) throw new Error(`node ${nodeName} is not in the cluster`);
    const node = this.cluster.nodes[index];
    this.framework.filterRunner(this.preFilter).addPod(this.state, this.pod, pod, node, this.cluster);
    for (const plugin of this.keyedFilters) plugin.afterAddPod?.(this.state);
    for (const column of this.columns) {
      column.kernel?.podAdded(pod, node, index);
      column.local?.fill(Number.NaN, index, index + 1);
    }
    this.setLocalVerdict(index, node, false);
    this.groups.markAffected(node.labels, this.dirtyGroups);
  }

  private setLocalVerdict(index: number, node: NodeInfo, initial: boolean): void {
    const group = this.groups.groupOf[index];
    if (!initial) {
      const previous = this.localVerdict[index];
      if (previous) this.localRejections.add(previous, -1);
      else this.localPasses[group]--;
    }
    const verdict = this.framework.runFilters(this.state, this.pod, node, this.localFilters);
    this.localVerdict[index] = verdict;
    if (verdict) this.localRejections.add(verdict, 1);
    else this.localPasses[group]++;
  }

  /** Re-evaluates the topology filters and label-keyed scores of the groups the last placements may have changed. */
  private refreshGroups(): void {
    const epoch = this.keyedFilters.map((plugin) => plugin.filterEpoch(this.state)).join('|');
    if (epoch !== this.epoch) {
      this.epoch = epoch;
      this.dirtyGroups.fill(1);
    }
    const nodes = this.cluster.nodes;
    const { dirtyGroups, groups } = this;
    for (let group = 0; group < groups.size; group++) {
      if (dirtyGroups[group] === 0) continue;
      dirtyGroups[group] = 0;
      const node = nodes[groups.representative[group]];
      let verdict: Status | null = null;
      for (const plugin of this.keyedFilters) {
        const status = plugin.filter(this.state, this.pod, node);
        if (status === null) continue;
        if (!status.isRejected) throw new PluginError(`running Filter plugin "${plugin.name}": ${status.message}`);
        verdict = status.withPlugin(plugin.name);
        break;
      }
      this.groupVerdict[group] = verdict;
      for (const column of this.columns) {
        if (column.byGroup && !column.kernel!.skipped) column.byGroup[group] = column.kernel!.raw(groups.representative[group], node);
      }
    }
  }

  /** Raw, normalized and weighted scores of one plugin over the feasible nodes, added into `totals`. */
  private scoreColumn(column: ScoreColumn, feasibleCount: number, totals: Float64Array): void {
    const nodes = this.cluster.nodes;
    const { feasible } = this;
    const raw = column.raw.subarray(0, feasibleCount);
    const { local, kernel, byGroup } = column;
    if (local) {
      for (let position = 0; position < feasibleCount; position++) {
        const index = feasible[position];
        let value = local[index];
        if (value !== value) value = local[index] = column.plugin.score(this.state, this.pod, nodes[index]);
        raw[position] = value;
      }
    } else if (byGroup) {
      const groupOf = this.groups.groupOf;
      for (let position = 0; position < feasibleCount; position++) raw[position] = byGroup[groupOf[feasible[position]]];
    } else {
      kernel!.prepare?.(feasible, feasibleCount);
      for (let position = 0; position < feasibleCount; position++) raw[position] = kernel!.raw(feasible[position], nodes[feasible[position]]);
    }
    const normalized = column.normalized.subarray(0, feasibleCount);
    normalized.set(raw);
    if (kernel) kernel.normalize(normalized, feasible.subarray(0, feasibleCount), this.feasibleNodes);
    else column.plugin.normalizeScore?.(this.state, this.pod, normalized, this.feasibleNodes);
    const weight = column.weight;
    for (let position = 0; position < feasibleCount; position++) {
      const value = normalized[position];
      if (value > MAX_NODE_SCORE || value < MIN_NODE_SCORE) {
        throw new PluginError(
          `plugin "${column.plugin.name}" returns an invalid score ${value}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`,
        );
      }
      totals[position] += value * weight;
    }
  }

  private scoresAt(active: readonly ScoreColumn[], position: number): Record<string, PluginScore> {
    const parts: Record<string, PluginScore> = {};
    for (const column of active) {
      parts[column.plugin.name] = { raw: column.raw[position], normalized: column.normalized[position], weighted: column.normalized[position] * column.weight };
    }
    return parts;
  }

  /** The node-local rejections, plus each group's topology rejection times its nodes that passed the node-local filters. */
  private rejections(): PodDecision['rejections'] {
    const topology = new RejectionTally();
    for (let group = 0; group < this.groups.size; group++) {
      const verdict = this.groupVerdict[group];
      if (verdict && this.localPasses[group] > 0) topology.add(verdict, this.localPasses[group]);
    }
    return this.localRejections.sortedWith(topology);
  }
}
