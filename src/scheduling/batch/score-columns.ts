/**
 * The score plugins of a replica run, each kept in the cheapest form its
 * results allow, and the per-node parts that change only where a replica
 * lands. NormalizeScore runs over whatever the run ranks — every feasible
 * node, or one representative per score bucket — through `normalizeInto`.
 */
import type { CycleState } from '../framework/cycle-state.js';
import type { PluginScore } from '../framework/framework.js';
import { MAX_NODE_SCORE, MIN_NODE_SCORE, type ScorePlugin } from '../framework/interfaces.js';
import type { ReplicaScoreKernel } from '../framework/replica-run-support.js';
import { PluginError } from '../framework/status.js';
import type { ClusterState } from '../model/cluster-state.js';
import type { NodeInfo } from '../model/node-info.js';
import type { PodInfo } from '../model/pod-info.js';

/**
 * One score plugin of the run and how its part is kept:
 * - constant: a static score equal on every node normalises to one value
 *   whatever the feasible nodes, so it moves no ranking and is added once;
 * - summed: a node-local score without NormalizeScore is its own normalised
 *   value and changes only on the node that took a replica, so it is kept in
 *   the per-node sum of such parts;
 * - normalized: node-local with NormalizeScore, normalised per replica;
 * - kernel: PodTopologySpread and InterPodAffinity, through their kernels.
 */
export interface ScoreColumn {
  readonly plugin: ScorePlugin;
  readonly weight: number;
  readonly kind: 'constant' | 'summed' | 'normalized' | 'kernel';
  /** constant: the raw and normalised value of every node. */
  readonly constant?: { readonly raw: number; readonly normalized: number };
  /** summed and normalized: raw score per node, NaN until computed (and again after the node changes). */
  readonly local?: Float64Array;
  readonly kernel?: ReplicaScoreKernel;
  /** Kernels scoring by labels: raw score per label group (written by the run as it evaluates groups). */
  readonly byGroup?: Float64Array;
  /** normalized and kernel: this replica's raw and normalised values, by ranked position. */
  readonly raw?: Float64Array;
  readonly normalized?: Float64Array;
}

export interface ScoringEntry {
  readonly plugin: ScorePlugin;
  readonly weight: number;
  readonly kernel?: ReplicaScoreKernel;
  /** The plugin says it scores every node alike for this pod (scoreConstantWhenSkipped); checked like a static score. */
  readonly constantForPod?: boolean;
}

export class ScoreColumns {
  /** In profile order. */
  readonly all: readonly ScoreColumn[];
  /** The weighted parts of the constant columns, the same on every node. */
  readonly constantPart: number;
  /** Per node: the weighted parts of the summed columns, NaN until computed. */
  private readonly summedParts: Float64Array;
  private readonly rankedNodes: NodeInfo[] = [];
  private readonly nodeCount: number;

  constructor(
    scoring: readonly ScoringEntry[],
    private readonly cluster: ClusterState,
    private readonly state: CycleState,
    private readonly pod: PodInfo,
    groupCount: number,
  ) {
    this.nodeCount = cluster.nodes.length;
    this.summedParts = new Float64Array(this.nodeCount).fill(Number.NaN);
    this.all = scoring.map(({ plugin, weight, kernel, constantForPod }) => this.column(plugin, weight, kernel, groupCount, constantForPod === true));
    this.constantPart = this.all.reduce((sum, column) => sum + (column.constant ? column.constant.normalized * column.weight : 0), 0);
  }

  private column(plugin: ScorePlugin, weight: number, kernel: ReplicaScoreKernel | undefined, groupCount: number, constantForPod: boolean): ScoreColumn {
    const perReplica = () => ({ raw: new Float64Array(this.nodeCount), normalized: new Float64Array(this.nodeCount) });
    if (kernel) {
      return { plugin, weight, kind: 'kernel', kernel, ...(kernel.labelKeys ? { byGroup: new Float64Array(groupCount) } : {}), ...perReplica() };
    }
    const nodes = this.cluster.nodes;
    if (plugin.staticScore || constantForPod) {
      const first = plugin.score(this.state, this.pod, nodes[0]);
      let equal = true;
      for (let index = 1; index < this.nodeCount && equal; index++) equal = plugin.score(this.state, this.pod, nodes[index]) === first;
      if (equal) {
        // Any set of equal raw scores normalises to the same values as a single one.
        const normalized = Float64Array.of(first);
        plugin.normalizeScore?.(this.state, this.pod, normalized, [nodes[0]]);
        return { plugin, weight, kind: 'constant', constant: { raw: first, normalized: normalized[0] } };
      }
    }
    const local = new Float64Array(this.nodeCount).fill(Number.NaN);
    if (!plugin.normalizeScore) return { plugin, weight, kind: 'summed', local };
    return { plugin, weight, kind: 'normalized', local, ...perReplica() };
  }

  /** Whether nodes can be bucketed: every non-constant part is per node (summed), static, or a function of a class. */
  get bucketable(): boolean {
    return this.all.every(
      (column) =>
        column.kind === 'constant' ||
        column.kind === 'summed' ||
        (column.kind === 'normalized' && column.plugin.staticScore === true) ||
        column.byGroup !== undefined ||
        column.kernel?.classOf !== undefined,
    );
  }

  /** The columns the next replica is scored by (a kernel's PreScore may Skip). */
  active(): ScoreColumn[] {
    return this.all.filter((column) => !column.kernel?.skipped);
  }

  /** The node at `index` took a pod: its node-local results are stale. */
  nodeChanged(index: number): void {
    for (const column of this.all) if (column.local) column.local[index] = Number.NaN;
    this.summedParts[index] = Number.NaN;
  }

  /** Forgets the nodes handed to NormalizeScore for the previous replica. */
  startReplica(): void {
    this.rankedNodes.length = 0;
  }

  summedPart(index: number): number {
    let part = this.summedParts[index];
    if (part !== part) {
      part = 0;
      for (const column of this.all) if (column.kind === 'summed') part += this.localRaw(column, index) * column.weight;
      this.summedParts[index] = part;
    }
    return part;
  }

  localRaw(column: ScoreColumn, index: number): number {
    const local = column.local!;
    let value = local[index];
    if (value !== value) value = local[index] = column.plugin.score(this.state, this.pod, this.cluster.nodes[index]);
    return value;
  }

  /** Normalises `column.raw` over `count` entries (the nodes at `indices`) and adds the weighted values to `totals`. */
  normalizeInto(column: ScoreColumn, count: number, indices: Int32Array, totals: Float64Array): void {
    const normalized = column.normalized!.subarray(0, count);
    normalized.set(column.raw!.subarray(0, count));
    if (column.kernel) column.kernel.normalize(normalized, indices.subarray(0, count), this.nodesOf(indices, count));
    else column.plugin.normalizeScore!(this.state, this.pod, normalized, this.nodesOf(indices, count));
    const weight = column.weight;
    for (let position = 0; position < count; position++) {
      const value = normalized[position];
      if (value > MAX_NODE_SCORE || value < MIN_NODE_SCORE) {
        throw new PluginError(
          `plugin "${column.plugin.name}" returns an invalid score ${value}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`,
        );
      }
      totals[position] += value * weight;
    }
  }

  /** One node's parts, keyed by plugin: `position` is where normalizeInto put it, `index` its place in the cluster. */
  scoresAt(active: readonly ScoreColumn[], position: number, index: number): Record<string, PluginScore> {
    const parts: Record<string, PluginScore> = {};
    for (const column of active) {
      let raw: number;
      let normalized: number;
      if (column.constant) ({ raw, normalized } = column.constant);
      else if (column.kind === 'summed') raw = normalized = this.localRaw(column, index);
      else {
        raw = column.raw![position];
        normalized = column.normalized![position];
      }
      parts[column.plugin.name] = { raw, normalized, weighted: normalized * column.weight };
    }
    return parts;
  }

  /** The nodes at `indices`, built once per replica and only if a NormalizeScore asks for them. */
  private nodesOf(indices: Int32Array, count: number): readonly NodeInfo[] {
    if (this.rankedNodes.length !== count) {
      const nodes = this.cluster.nodes;
      this.rankedNodes.length = count;
      for (let position = 0; position < count; position++) this.rankedNodes[position] = nodes[indices[position]];
    }
    return this.rankedNodes;
  }
}
