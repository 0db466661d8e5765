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
 * - Feasible nodes sit in score buckets (score-buckets.ts): NormalizeScore
 *   runs over one representative per bucket and the best node is found among
 *   the buckets' heads; where a score cannot be bucketed, every feasible node
 *   is scored per replica instead (score-columns.ts keeps the columns).
 *
 * A replica no node fits is left to scheduleOne (PostFilter, preemption), as
 * is a profile with a plugin the run does not know.
 */
import { CycleState } from '../framework/cycle-state.js';
import type { Framework, PreFilterOutcome } from '../framework/framework.js';
import type { FilterPlugin, FilterRunner } from '../framework/interfaces.js';
import { isLabelKeyedFilter, isReplicaScoring, type LabelKeyedFilter } from '../framework/replica-run-support.js';
import { PluginError, type Status } from '../framework/status.js';
import type { ClusterState } from '../model/cluster-state.js';
import type { NodeInfo } from '../model/node-info.js';
import type { PodInfo } from '../model/pod-info.js';
import type { PodDecision, ScoredNode } from '../planner/decision.js';
import { DirtyGroups } from './dirty-groups.js';
import { LabelGroups } from './label-groups.js';
import { RejectionTally } from './rejection-tally.js';
import { ScoreBuckets } from './score-buckets.js';
import { ScoreColumns, type ScoreColumn, type ScoringEntry } from './score-columns.js';
import { rankFeasible } from './rank-feasible.js';
import { TopRanking } from '../planner/top-ranking.js';

export interface ReplicaRunOptions {
  /** How many best candidates a decision keeps. */
  readonly topCandidates: number;
  /** false: score every feasible node per replica even where score buckets would do (to check they agree). */
  readonly buckets?: boolean;
}

/** A replica's best nodes and how many nodes fit it. */
interface Ranking {
  readonly feasibleCount: number;
  readonly candidates: ScoredNode[];
  readonly tied: number;
}

export class ReplicaRun {
  private readonly state: CycleState;
  private readonly nodeCount: number;
  /** First failing node-local filter per node (null: passes them all). */
  private readonly localVerdict: (Status | null)[];
  /** 1 where the node fails a node-local filter (localVerdict, as bytes for the per-replica pass). */
  private readonly localFails: Uint8Array;
  private readonly localRejections = new RejectionTally();
  /** Per reason: nodes passing the node-local filters whose group a topology filter rejects. */
  private readonly topologyRejections = new RejectionTally();
  private rejectionsVersions = '';
  private lastRejections: PodDecision['rejections'] = [];
  /** Per label group: nodes passing the node-local filters. */
  private readonly localPasses: Int32Array;
  private readonly groups: LabelGroups;
  private readonly groupVerdict: (Status | null)[];
  private readonly groupFails: Uint8Array;
  private readonly dirtyGroups: DirtyGroups;
  private epoch = '';
  private readonly scores: ScoreColumns;
  private readonly nameRank: Int32Array;
  private readonly feasible: Int32Array;
  private readonly totals: Float64Array;
  /** Feasible nodes by score bucket; undefined when a score cannot be bucketed (every node is then scored per replica). */
  private readonly buckets: ScoreBuckets | undefined;
  private bucketsFiled = false;
  private readonly bucketScratch: { representatives: Int32Array; sizes: Int32Array; bucketIds: Int32Array; bonus: Float64Array };
  private readonly topScratch: number[] = [];
  private readonly bucketOrder: number[] = [];
  /** The bucket merge's candidates, by node index: their total, and the bucket (position) each came from. */
  private readonly mergedTotal: Float64Array;
  private readonly mergedFrom: Int32Array;
  /** Nodes that took pods since the last replica, to be filed into their new buckets. */
  private readonly toFile: number[] = [];
  private readonly topCandidates: number;
  /** The PreFilter plugins' AddPod extensions (those whose PreFilter did not Skip). */
  private readonly addPodExtensions: FilterRunner;
  /** The decision for the last replica no node fitted, while nothing has changed since. */
  private unplaced: PodDecision | undefined;

  private constructor(
    private readonly framework: Framework,
    private readonly cluster: ClusterState,
    private readonly pod: PodInfo,
    private readonly preFilter: PreFilterOutcome,
    private readonly localFilters: readonly FilterPlugin[],
    private readonly keyedFilters: readonly LabelKeyedFilter[],
    scoring: readonly ScoringEntry[],
    state: CycleState,
    options: ReplicaRunOptions,
  ) {
    this.topCandidates = options.topCandidates;
    this.addPodExtensions = framework.filterRunner(preFilter);
    this.state = state;
    const nodes = cluster.nodes;
    this.nodeCount = nodes.length;
    const keys = new Set<string>();
    for (const plugin of keyedFilters) for (const key of plugin.filterLabelKeys(state, pod)) keys.add(key);
    for (const { kernel } of scoring) for (const key of kernel?.labelKeys ?? []) keys.add(key);
    const changing = new Set<string>();
    for (const plugin of keyedFilters) for (const key of plugin.filterKeysChangedByReplicas?.(state, pod) ?? plugin.filterLabelKeys(state, pod)) changing.add(key);
    for (const { kernel } of scoring) for (const key of kernel?.keysChangedByReplicas ?? kernel?.labelKeys ?? []) changing.add(key);
    this.groups = new LabelGroups(nodes, [...keys].sort(), [...changing].sort());
    this.groupVerdict = new Array<Status | null>(this.groups.size).fill(null);
    this.groupFails = new Uint8Array(this.groups.size);
    this.dirtyGroups = new DirtyGroups(this.groups.size);
    this.localPasses = new Int32Array(this.groups.size);
    this.localVerdict = new Array<Status | null>(this.nodeCount);
    this.localFails = new Uint8Array(this.nodeCount);
    for (let index = 0; index < this.nodeCount; index++) this.setLocalVerdict(index, nodes[index], true);
    this.scores = new ScoreColumns(scoring, cluster, state, pod, this.groups.size);
    const byName = [...nodes.keys()].sort((a, b) => (nodes[a].name < nodes[b].name ? -1 : nodes[a].name > nodes[b].name ? 1 : 0));
    this.nameRank = new Int32Array(this.nodeCount);
    byName.forEach((index, rank) => (this.nameRank[index] = rank));
    this.feasible = new Int32Array(this.nodeCount);
    this.totals = new Float64Array(this.nodeCount);
    this.mergedTotal = new Float64Array(this.nodeCount);
    this.mergedFrom = new Int32Array(this.nodeCount);
    this.buckets = this.scores.bucketable && options.buckets !== false ? new ScoreBuckets(this.nodeCount, this.nameRank) : undefined;
    this.bucketScratch = {
      representatives: new Int32Array(this.nodeCount),
      sizes: new Int32Array(this.nodeCount),
      bucketIds: new Int32Array(this.nodeCount),
      bonus: new Float64Array(this.nodeCount),
    };
  }

  /**
   * A run for replicas of `pod` on `cluster` (which the caller keeps
   * updating through `podAdded`), or undefined when the profile or the pod
   * needs what only scheduleOne does: a PreFilter rejection or node-name
   * restriction, a plugin that is neither node-local nor run-aware, or a
   * topology filter ahead of a node-local one.
   */
  static open(framework: Framework, cluster: ClusterState, pod: PodInfo, options: ReplicaRunOptions): ReplicaRun | undefined {
    if (cluster.nodes.length === 0) return undefined;
    const state = new CycleState();
    const preFilter = framework.runPreFilter(state, pod, cluster);
    if (preFilter.status || preFilter.nodeNames) return undefined;
    const localFilters: FilterPlugin[] = [];
    const keyedFilters: LabelKeyedFilter[] = [];
    for (const plugin of framework.profile.filter) {
      if (preFilter.skipped.has(plugin.name)) continue;
      // A Filter that passes every node now may not after the run's replicas join the nodes (NodeVolumeLimits):
      // its pods are scheduled one by one, as they were when that filter, never node-local, refused the run.
      // A label-keyed filter (InterPodAffinity) runs in the run all the same: AddPod keeps its state for the
      // replicas that follow, and its verdicts are kept per label group.
      if (preFilter.passing.has(plugin.name) && !isLabelKeyedFilter(plugin)) return undefined;
      if (plugin.nodeLocal && keyedFilters.length === 0) localFilters.push(plugin);
      else if (!plugin.nodeLocal && isLabelKeyedFilter(plugin)) keyedFilters.push(plugin);
      else return undefined;
    }
    const scoring: ScoringEntry[] = [];
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
      if (plugin.scoreConstantWhenSkipped && preFilter.skipped.has(plugin.name)) {
        scoring.push({ plugin, weight, constantForPod: true });
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
    return new ReplicaRun(framework, cluster, pod, preFilter, localFilters, keyedFilters, scoring, state, options);
  }

  /**
   * The decision for the next replica (identical to the run's pod but for
   * its name), or undefined when no node fits it: scheduleOne then decides,
   * with PostFilter. `remember` that decision if it placed nothing.
   */
  schedule(replica: PodInfo): PodDecision | undefined {
    if (this.unplaced) return { ...this.unplaced, podKey: replica.key };
    this.refreshGroups();
    const ranked = this.buckets ? this.rankByBuckets() : this.rankAllFeasible();
    if (!ranked) return undefined;
    const [best] = ranked.candidates;
    return {
      podKey: replica.key,
      totalNodes: this.nodeCount,
      node: best.node,
      score: best.total,
      evaluatedNodes: this.nodeCount,
      feasibleNodes: ranked.feasibleCount,
      candidates: ranked.candidates,
      rejections: this.rejections(),
      ...(ranked.tied > 1 ? { tieBreak: { tiedNodes: ranked.tied, rule: 'lowest-name' as const } } : {}),
    };
  }

  /** Every feasible node scored one by one: for runs whose scores cannot be bucketed. */
  private rankAllFeasible(): Ranking | undefined {
    const nodes = this.cluster.nodes;
    const { feasible, localFails, groupFails } = this;
    const groupOf = this.groups.groupOf;
    let feasibleCount = 0;
    for (let index = 0; index < this.nodeCount; index++) {
      if ((localFails[index] | groupFails[groupOf[index]]) === 0) feasible[feasibleCount++] = index;
    }
    if (feasibleCount === 0) return undefined;
    this.scores.startReplica();
    const totals = this.totals.subarray(0, feasibleCount);
    this.fillSummedParts(totals, feasibleCount);
    const active = this.scores.active();
    for (const column of active) {
      if (column.kind === 'normalized' || column.kind === 'kernel') this.scoreColumn(column, feasibleCount, totals);
    }
    const { top, tied } = rankFeasible(totals, feasible, this.nameRank, Math.max(1, this.topCandidates) + 1);
    const candidates = top.slice(0, Math.max(1, this.topCandidates)).map((position) => ({
      node: nodes[feasible[position]].name,
      total: totals[position] + this.scores.constantPart,
      scores: this.scores.scoresAt(active, position, feasible[position]),
    }));
    return { feasibleCount, candidates, tied };
  }

  /**
   * The best nodes from the buckets: each bucket's normalised part is
   * computed once from its representative, then its best few nodes compete.
   */
  private rankByBuckets(): Ranking | undefined {
    const buckets = this.buckets!;
    if (!this.bucketsFiled) {
      for (let index = 0; index < this.nodeCount; index++) this.file(index);
      this.bucketsFiled = true;
    }
    for (const index of this.toFile) this.file(index);
    this.toFile.length = 0;
    const { representatives, sizes, bucketIds, bonus } = this.bucketScratch;
    let count = 0;
    let feasibleCount = 0;
    for (const bucket of buckets.buckets) {
      const size = bucket.heap.size;
      if (size === 0 || (bucket.group >= 0 && this.groupFails[bucket.group] === 1)) continue;
      representatives[count] = bucket.heap.peek();
      sizes[count] = size;
      bucketIds[count] = bucket.id;
      count++;
      feasibleCount += size;
    }
    if (count === 0) return undefined;
    this.scores.startReplica();
    const reps = representatives.subarray(0, count);
    const parts = bonus.subarray(0, count);
    parts.fill(0);
    const active = this.scores.active();
    for (const column of active) {
      if (column.kind !== 'normalized' && column.kind !== 'kernel') continue;
      const raw = column.raw!.subarray(0, count);
      if (column.kind === 'normalized') for (let position = 0; position < count; position++) raw[position] = this.scores.localRaw(column, reps[position]);
      else if (column.byGroup) for (let position = 0; position < count; position++) raw[position] = column.byGroup[this.groups.groupOf[reps[position]]];
      else {
        column.kernel!.prepare?.(reps, count, sizes.subarray(0, count));
        for (let position = 0; position < count; position++) raw[position] = column.kernel!.raw(reps[position], this.cluster.nodes[reps[position]]);
      }
      this.scores.normalizeInto(column, count, reps, parts);
    }
    // The best few of the buckets, merged (higher total, then lower node name). Buckets are visited best
    // root first; once a root cannot enter the list, neither can anything after it.
    const wanted = Math.max(1, this.topCandidates) + 1;
    const rootTotal = (position: number) => buckets.parts[reps[position]] + parts[position];
    const better = (totalA: number, nodeA: number, totalB: number, nodeB: number) =>
      totalA > totalB || (totalA === totalB && this.nameRank[nodeA] < this.nameRank[nodeB]);
    const order = this.bucketOrder;
    order.length = count;
    for (let position = 0; position < count; position++) order[position] = position;
    order.sort((a, b) => (better(rootTotal(a), reps[a], rootTotal(b), reps[b]) ? -1 : 1));
    // Candidates are node indexes; a node offered is scored `mergedTotal[index]` and came from bucket `mergedFrom[index]`.
    const { mergedTotal, mergedFrom } = this;
    const ranking = new TopRanking(wanted, (a, b) => better(mergedTotal[a], a, mergedTotal[b], b));
    const top = ranking.ranked;
    for (const position of order) {
      if (top.length === wanted && !better(rootTotal(position), reps[position], mergedTotal[top[wanted - 1]], top[wanted - 1])) break;
      buckets.buckets[bucketIds[position]].heap.top(wanted, this.topScratch);
      // A bucket's nodes come best first: once one cannot enter, neither can the rest.
      for (const index of this.topScratch) {
        mergedTotal[index] = buckets.parts[index] + parts[position];
        mergedFrom[index] = position;
        if (!ranking.offer(index)) break;
      }
    }
    const best = mergedTotal[top[0]];
    let tied = 0;
    for (let position = 0; position < count; position++) tied += buckets.buckets[bucketIds[position]].heap.countWithPart(best - parts[position]);
    const nodes = this.cluster.nodes;
    const candidates = top.slice(0, Math.max(1, this.topCandidates)).map((index) => ({
      node: nodes[index].name,
      total: mergedTotal[index] + this.scores.constantPart,
      scores: this.scores.scoresAt(active, mergedFrom[index], index),
    }));
    return { feasibleCount, candidates, tied };
  }

  /** Puts node `index` in the bucket its current inputs select, or in none when it is not feasible. */
  private file(index: number): void {
    const buckets = this.buckets!;
    const group = this.groups.groupOf[index];
    const few = this.groups.few;
    if (this.localFails[index] === 1 || (!few && this.groupFails[group] === 1)) {
      buckets.remove(index);
      return;
    }
    let key = few ? `g${group}` : '';
    for (const column of this.scores.all) {
      if (column.kind === 'normalized') key += `|${this.scores.localRaw(column, index)}`;
      else if (column.byGroup) key += few ? '' : `|${column.byGroup[group]}`;
      else if (column.kernel) key += `|${column.kernel.classOf!(index)}`;
    }
    buckets.file(index, key, few ? group : -1, this.scores.summedPart(index));
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
    this.addPodExtensions.addPod(this.state, this.pod, pod, node, this.cluster);
    for (const plugin of this.keyedFilters) plugin.afterAddPod?.(this.state);
    for (const column of this.scores.all) column.kernel?.podAdded(pod, node, index);
    this.scores.nodeChanged(index);
    this.setLocalVerdict(index, node, false);
    // Filed again at the next replica, once its group's verdict is known (it may have just become infeasible).
    if (this.bucketsFiled) this.toFile.push(index);
    this.groups.markAffected(node.labels, this.dirtyGroups);
  }

  private setLocalVerdict(index: number, node: NodeInfo, initial: boolean): void {
    const group = this.groups.groupOf[index];
    const groupVerdict = this.groupVerdict[group];
    if (!initial) {
      const previous = this.localVerdict[index];
      if (previous) this.localRejections.add(previous, -1);
      else {
        this.localPasses[group]--;
        if (groupVerdict) this.topologyRejections.add(groupVerdict, -1);
      }
    }
    const verdict = this.framework.runFilters(this.state, this.pod, node, this.localFilters);
    this.localVerdict[index] = verdict;
    this.localFails[index] = verdict ? 1 : 0;
    if (verdict) this.localRejections.add(verdict, 1);
    else {
      this.localPasses[group]++;
      if (groupVerdict) this.topologyRejections.add(groupVerdict, 1);
    }
  }

  /** Re-evaluates the topology filters and label-keyed scores of the groups the last placements may have changed. */
  private refreshGroups(): void {
    if (this.keyedFilters.length > 0) {
      const epoch = this.keyedFilters.length === 1 ? this.keyedFilters[0].filterEpoch(this.state) : this.keyedFilters.map((plugin) => plugin.filterEpoch(this.state)).join('|');
      if (epoch !== this.epoch) {
        this.epoch = epoch;
        this.dirtyGroups.markAll();
      }
    }
    this.dirtyGroups.drain((group) => this.evaluateGroup(group));
  }

  /** A group's topology filter verdict and label-keyed raw scores, from its representative node. */
  private evaluateGroup(group: number): void {
    const groups = this.groups;
    const node = this.cluster.nodes[groups.representative[group]];
    let verdict: Status | null = null;
    for (const plugin of this.keyedFilters) {
      const status = plugin.filter(this.state, this.pod, node);
      if (status === null) continue;
      if (!status.isRejected) throw new PluginError(`running "${plugin.name}" filter plugin: ${status.message}`);
      verdict = status.withPlugin(plugin.name);
      break;
    }
    const previous = this.groupVerdict[group];
    const fails = verdict ? 1 : 0;
    let moved = fails !== this.groupFails[group];
    if (previous !== verdict) {
      // The group's nodes that pass the node-local filters move from the old reasons to the new ones.
      const passing = this.localPasses[group];
      if (previous) this.topologyRejections.add(previous, -passing);
      if (verdict) this.topologyRejections.add(verdict, passing);
    }
    this.groupVerdict[group] = verdict;
    this.groupFails[group] = fails;
    for (const column of this.scores.all) {
      if (!column.byGroup) continue;
      const raw = column.kernel!.raw(groups.representative[group], node);
      moved ||= raw !== column.byGroup[group];
      column.byGroup[group] = raw;
    }
    // Nodes of a group that is not a bucket dimension carry its answers themselves.
    if (moved && this.bucketsFiled && !groups.few) {
      for (let member = groups.memberStart[group]; member < groups.memberStart[group + 1]; member++) this.file(groups.members[member]);
    }
  }

  /** The summed columns' weighted parts of each feasible node, as the starting totals. */
  private fillSummedParts(totals: Float64Array, feasibleCount: number): void {
    for (let position = 0; position < feasibleCount; position++) totals[position] = this.scores.summedPart(this.feasible[position]);
  }

  /** Raw and normalized scores of one plugin over the feasible nodes, weighted into `totals`. */
  private scoreColumn(column: ScoreColumn, feasibleCount: number, totals: Float64Array): void {
    const nodes = this.cluster.nodes;
    const feasible = this.feasible.subarray(0, feasibleCount);
    const raw = column.raw!.subarray(0, feasibleCount);
    const { kernel, byGroup } = column;
    if (!kernel) {
      for (let position = 0; position < feasibleCount; position++) raw[position] = this.scores.localRaw(column, feasible[position]);
    } else if (byGroup) {
      const groupOf = this.groups.groupOf;
      for (let position = 0; position < feasibleCount; position++) raw[position] = byGroup[groupOf[feasible[position]]];
    } else {
      kernel.prepare?.(feasible, feasibleCount);
      for (let position = 0; position < feasibleCount; position++) raw[position] = kernel.raw(feasible[position], nodes[feasible[position]]);
    }
    this.scores.normalizeInto(column, feasibleCount, feasible, totals);
  }

  /** The node-local rejections, plus each group's topology rejection times its nodes that passed the node-local filters. */
  private rejections(): PodDecision['rejections'] {
    const versions = `${this.localRejections.version}/${this.topologyRejections.version}`;
    if (versions !== this.rejectionsVersions) {
      this.rejectionsVersions = versions;
      this.lastRejections = this.localRejections.sortedWith(this.topologyRejections);
    }
    // Decisions never modify their rejections, so consecutive replicas may share one list.
    return this.lastRejections;
  }
}
