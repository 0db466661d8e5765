/**
 * Runs one profile's plugins over a pod, as upstream runtime/framework.go:
 * PreFilter (merging node-name restrictions, collecting Skips), Filter per
 * node in profile order, PreScore, Score, NormalizeScore, the [0, 100] range
 * check, weights, and the sum, keeping every plugin's part beside the total.
 */
import type { ClusterState } from '../model/cluster-state.js';
import type { NodeInfo } from '../model/node-info.js';
import type { PodInfo } from '../model/pod-info.js';
import type { CycleState } from './cycle-state.js';
import {
  type FilterPlugin,
  type FilterRunner,
  type PostFilterPlugin,
  type PreEnqueuePlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ReservePlugin,
  type ScorePlugin,
} from './interfaces.js';
import type { PodRequestOptions } from '../model/pod-requests.js';
import type { NodeResults } from './node-result-memo.js';
import type { NodeStaticResults, StaticVerdicts } from './node-static-results.js';
import { FilterListsByPattern, type FilterLists } from './filter-lists.js';
import { FilterScratch } from './filter-scratch.js';
import { ScoreColumns } from './score-columns.js';
import { Code, PluginError, Status } from './status.js';
import { WeightedTotals } from './weighted-totals.js';

export interface WeightedScorePlugin {
  readonly plugin: ScorePlugin;
  readonly weight: number;
}

/** The plugins of one profile, per extension point, in execution order. */
export interface Profile {
  /** PreEnqueue plugins (SchedulingGates): a pod one rejects is never scheduled. Omitted: none. */
  readonly preEnqueue?: readonly PreEnqueuePlugin[];
  readonly preFilter: readonly PreFilterPlugin[];
  readonly filter: readonly FilterPlugin[];
  readonly preScore: readonly PreScorePlugin[];
  readonly score: readonly WeightedScorePlugin[];
  /** PostFilter plugins (DefaultPreemption), run when no node fits. */
  readonly postFilter?: readonly PostFilterPlugin[];
  /** Reserve plugins (VolumeBinding), run for each pod given a node. Omitted: none. */
  readonly reserve?: readonly ReservePlugin[];
  /** undefined: upstream's adaptive percentage (used only in faithful mode). */
  readonly percentageOfNodesToScore?: number;
  /** The release the profile was built for (its plugins' behaviour); default: the newest supported. */
  readonly kubernetesVersion?: string;
  /** How that release counts pod-level resources; default: the newest release's way. */
  readonly podRequestOptions?: PodRequestOptions;
}

/** A pod's PreFilter results: its rejection or node restriction, and the filter lists for its pattern of Skips (filter-lists.ts). */
export interface PreFilterOutcome extends FilterLists {
  /** null: every PreFilter succeeded (or skipped). Otherwise the rejection, with its plugin. */
  readonly status: Status | null;
  /** Restriction to these nodes, merged over plugins (upstream PreFilterResult.Merge). */
  readonly nodeNames?: ReadonlySet<string>;
  /** Plugins that restricted node names (upstream's "unscheduledPlugins"). */
  readonly pluginsWithNodes: readonly string[];
}

/** One plugin's part of one node's score. */
export interface PluginScore {
  readonly raw: number;
  readonly normalized: number;
  readonly weighted: number;
}

/**
 * Scores of the feasible nodes, column per plugin (aligned with `nodes`).
 * The columns are views of the Framework's scratch buffers (ScoreColumns):
 * read them before the next runScoring on the same Framework.
 */
export interface ScoreTable {
  readonly nodes: readonly NodeInfo[];
  readonly plugins: readonly { readonly name: string; readonly weight: number; readonly raw: Float64Array; readonly normalized: Float64Array }[];
  readonly totals: Float64Array;
}

function intersect(a: ReadonlySet<string> | undefined, b: ReadonlySet<string>): ReadonlySet<string> {
  if (!a) return b;
  return new Set([...a].filter((name) => b.has(name)));
}

/**
 * Per score plugin position, how fillStaticScores filled its raw column:
 * undefined not at all, null node by node, a number when every scored node
 * has that raw score.
 */
type StaticFill = readonly (number | null | undefined)[];

const NONE_FILLED: StaticFill = [];
const NO_PLUGINS: readonly string[] = [];

/** Results kept for a plan that scoring may read, and the cluster position of each scored node. */
export interface ScoringReuse {
  readonly results?: NodeResults;
  readonly statics?: NodeStaticResults;
  readonly nodeIndexes: Int32Array;
}

export class Framework {
  /** Scratch columns of runScoring (scheduleOne reads a table before it scores again; JavaScript runs one cycle at a time). */
  private readonly scoreColumns = new ScoreColumns();
  /** runScoring's weighted sum, reused likewise. */
  private readonly weightedTotals = new WeightedTotals();
  /** Scratch buffers of scheduleOne's Filter loop (filter-scratch.ts). */
  readonly filterScratch = new FilterScratch();
  /** The PreFilter outcomes' filter lists, by pattern of skipped and passing plugins (filter-lists.ts). */
  private readonly filterLists: FilterListsByPattern;

  constructor(readonly profile: Profile) {
    this.filterLists = new FilterListsByPattern(profile.preFilter, profile.filter);
  }

  /**
   * Upstream runPreEnqueuePlugins (the scheduling queue's gate): the first
   * plugin that does not answer Success keeps the pod out of the active
   * queue; null lets it be scheduled.
   */
  runPreEnqueue(pod: PodInfo, cluster: ClusterState): Status | null {
    for (const plugin of this.profile.preEnqueue ?? []) {
      const status = plugin.preEnqueue(pod, cluster);
      if (status === null || status.code === Code.Success) continue;
      if (!status.isRejected) throw new PluginError(`running PreEnqueue plugin "${plugin.name}": ${status.message}`);
      return status.withPlugin(plugin.name);
    }
    return null;
  }

  /** Upstream RunReservePluginsReserve: each Reserve plugin records what the pod takes on its node. */
  runReserve(pod: PodInfo, nodeName: string, cluster: ClusterState): void {
    const reserve = this.profile.reserve;
    if (!reserve || reserve.length === 0) return;
    const node = cluster.node(nodeName);
    if (!node) return;
    for (const plugin of reserve) plugin.reserve(pod, node, cluster);
  }

  /** Upstream RunPreFilterPlugins, including its early return on UnschedulableAndUnresolvable. */
  runPreFilter(state: CycleState, pod: PodInfo, cluster: ClusterState): PreFilterOutcome {
    // Which plugins skipped or pass every node, as bits by PreFilter position: the filter lists are shared by pattern.
    let skippedBits = 0;
    let passingBits = 0;
    let pluginsWithNodes: string[] | undefined;
    let nodeNames: ReadonlySet<string> | undefined;
    let rejection: Status | null = null;
    const preFilters = this.profile.preFilter;
    for (let index = 0; index < preFilters.length; index++) {
      const plugin = preFilters[index];
      const result = plugin.preFilter(state, pod, cluster);
      const status = result.status;
      if (status?.isSkip) {
        skippedBits += 2 ** index;
        continue;
      }
      if (status && status.code !== Code.Success) {
        const attributed = status.withPlugin(plugin.name);
        if (status.code === Code.UnschedulableAndUnresolvable) return this.preFilterOutcome(attributed, nodeNames, pluginsWithNodes, skippedBits, passingBits);
        if (status.code === Code.Unschedulable) {
          // Upstream keeps running the remaining PreFilters so preemption sees their state (kubernetes#119770).
          rejection = attributed;
          continue;
        }
        throw new PluginError(`running PreFilter plugin "${plugin.name}": ${status.message}`);
      }
      if (result.passesEveryNode) passingBits += 2 ** index;
      if (result.nodeNames) {
        (pluginsWithNodes ??= []).push(plugin.name);
        nodeNames = intersect(nodeNames, result.nodeNames);
        if (nodeNames.size === 0) {
          const names = [...pluginsWithNodes].sort();
          const message =
            names.length === 1
              ? `node(s) didn't satisfy plugin ${names[0]}`
              : `node(s) didn't satisfy plugin(s) [${names.join(' ')}] simultaneously`;
          return this.preFilterOutcome(Status.unresolvable(message), nodeNames, pluginsWithNodes, skippedBits, passingBits);
        }
      }
    }
    return this.preFilterOutcome(rejection, nodeNames, pluginsWithNodes, skippedBits, passingBits);
  }

  private preFilterOutcome(
    status: Status | null,
    nodeNames: ReadonlySet<string> | undefined,
    pluginsWithNodes: string[] | undefined,
    skippedBits: number,
    passingBits: number,
  ): PreFilterOutcome {
    const lists = this.filterLists.lists(skippedBits, passingBits);
    return {
      status,
      nodeNames,
      pluginsWithNodes: pluginsWithNodes ? pluginsWithNodes.sort() : NO_PLUGINS,
      filters: lists.filters,
      skipped: lists.skipped,
      passing: lists.passing,
      localFilters: lists.localFilters,
      otherFilters: lists.otherFilters,
      staticFilters: lists.staticFilters,
      dynamicFilters: lists.dynamicFilters,
    };
  }

  /** Upstream RunFilterPlugins: the first failing filter decides; null when the node fits. */
  runFilters(state: CycleState, pod: PodInfo, node: NodeInfo, filters: readonly FilterPlugin[]): Status | null {
    for (let index = 0; index < filters.length; index++) {
      const plugin = filters[index];
      const status = plugin.filter(state, pod, node);
      if (status !== null) {
        if (!status.isRejected) throw new PluginError(`running "${plugin.name}" filter plugin: ${status.message}`);
        return status.withPlugin(plugin.name);
      }
    }
    return null;
  }

  /**
   * runFilters, reusing the node-local filters' verdict computed for an
   * identical pod while the node is unchanged (see node-result-memo.ts).
   */
  runFiltersMemoized(state: CycleState, pod: PodInfo, node: NodeInfo, nodeIndex: number, preFilter: PreFilterOutcome, results: NodeResults): Status | null {
    let local = results.localFilter[nodeIndex];
    if (local === undefined) local = results.localFilter[nodeIndex] = this.runFilters(state, pod, node, preFilter.localFilters);
    if (local !== null) return local;
    return this.runFilters(state, pod, node, preFilter.otherFilters);
  }

  /** The text that names a pod's node-static filter verdicts: equal text, equal verdict on every node. */
  staticFilterSignature(pod: PodInfo, preFilter: PreFilterOutcome): string {
    let signature = '';
    for (const plugin of preFilter.staticFilters) signature += `${plugin.name}\u0001${plugin.staticFilterKey!(pod)}\u0002`;
    return signature;
  }

  /**
   * runFilters (or runFiltersMemoized), with the static head's verdict on
   * node position `nodeIndex` read from `verdicts` (computed there on first use).
   */
  runFiltersWithStatic(
    state: CycleState,
    pod: PodInfo,
    node: NodeInfo,
    nodeIndex: number,
    preFilter: PreFilterOutcome,
    verdicts: StaticVerdicts,
    results: NodeResults | undefined,
  ): Status | null {
    let head = verdicts[nodeIndex];
    if (head === undefined) head = verdicts[nodeIndex] = this.runFilters(state, pod, node, preFilter.staticFilters);
    if (head !== null) return head;
    // The memo's node-local verdict repeats the static head, which passed, so it is the verdict of the rest.
    return results ? this.runFiltersMemoized(state, pod, node, nodeIndex, preFilter, results) : this.runFilters(state, pod, node, preFilter.dynamicFilters);
  }

  /** Every failing filter on a node, in profile order (for full explanations). */
  runAllFilters(state: CycleState, pod: PodInfo, node: NodeInfo, filters: readonly FilterPlugin[]): Status[] {
    const failures: Status[] = [];
    for (const plugin of filters) {
      const status = plugin.filter(state, pod, node);
      if (status === null) continue;
      if (!status.isRejected) throw new PluginError(`running "${plugin.name}" filter plugin: ${status.message}`);
      failures.push(status.withPlugin(plugin.name));
    }
    return failures;
  }

  /**
   * Upstream RunPreScorePlugins then RunScorePlugins; a PreScore Skip drops
   * that plugin's Score. `reuse`: results kept for the plan (the pod's
   * signature's node-local ones, node-static ones), with each scored node's
   * position in the cluster.
   */
  runScoring(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], cluster: ClusterState, reuse?: ScoringReuse): ScoreTable {
    const results = reuse?.results;
    const skipped = new Set<string>();
    for (const plugin of this.profile.preScore) {
      const status = plugin.preScore(state, pod, nodes, cluster);
      if (status === null) continue;
      if (status.isSkip) {
        skipped.add(plugin.name);
        continue;
      }
      throw new PluginError(`running PreScore plugin "${plugin.name}": ${status.message}`);
    }
    const scorePlugins = this.profile.score;
    const pluginCount = scorePlugins.length;
    const columns = this.scoreColumns;
    const count = nodes.length;
    // Slots: 0 totals, 1 + position raw, 1 + count + position normalised, 1 + 2 × count a one-entry scratch.
    const totals = columns.column(0, count);
    const plugins: ScoreTable['plugins'][number][] = [];
    const active = scorePlugins.map(({ plugin }) => !skipped.has(plugin.name));
    // Every way of filling a raw column below writes each entry, so the previous cycle's values never show.
    const rawColumns = scorePlugins.map((_, position) => (active[position] ? columns.column(1 + position, count) : undefined));
    const shared = reuse?.statics ? this.fillStaticScores(state, pod, nodes, cluster, reuse.statics, reuse.nodeIndexes, rawColumns) : NONE_FILLED;
    if (results) this.fillNodeLocalScores(state, pod, nodes, reuse.nodeIndexes, results, active, rawColumns, shared);
    const weighted = this.weightedTotals;
    weighted.start();
    try {
      for (let position = 0; position < scorePlugins.length; position++) {
        const { plugin, weight } = scorePlugins[position];
        const raw = rawColumns[position];
        if (!raw) continue;
        const uniform = shared[position];
        if (uniform === undefined && !(results && plugin.nodeLocal)) {
          // Node positions come with reuse (scheduleOne's plans); without it plugins score by name, as the reference does.
          if (plugin.scoreNodes) plugin.scoreNodes(state, pod, nodes, raw, reuse ? { cluster, positions: reuse.nodeIndexes } : undefined);
          else for (let index = 0; index < count; index++) raw[index] = plugin.score(state, pod, nodes[index]);
        }
        // Without NormalizeScore the normalised column is the raw one (neither is written to afterwards).
        let normalized = raw;
        if (typeof uniform === 'number') {
          // Every scored node has this raw score (fillStaticScores). A static score's NormalizeScore
          // (DefaultNormalizeScore or none) gives equal scores one value, whatever their number: one entry is normalised.
          let value = uniform;
          if (plugin.normalizeScore) {
            const single = columns.column(1 + 2 * pluginCount, 1);
            single[0] = uniform;
            plugin.normalizeScore(state, pod, single, nodes.slice(0, 1));
            value = single[0];
            normalized = columns.column(1 + pluginCount + position, count).fill(value);
          }
          weighted.addConstant(plugin.name, value, weight);
        } else {
          if (plugin.normalizeScore) {
            normalized = columns.column(1 + pluginCount + position, count);
            normalized.set(raw);
            plugin.normalizeScore(state, pod, normalized, nodes);
          }
          weighted.addColumn(plugin.name, normalized, weight);
        }
        plugins.push({ name: plugin.name, weight, raw, normalized });
      }
    } catch (error) {
      // An earlier plugin's invalid score is reported first, as when each plugin was checked after its NormalizeScore.
      weighted.throwFirstInvalid();
      throw error;
    }
    weighted.sumInto(totals, count);
    return { nodes, plugins, totals };
  }

  /** The hooks a PostFilter uses for its dry runs, bound to this pod's filters. */
  filterRunner(preFilter: PreFilterOutcome): FilterRunner {
    // as upstream RunPreFilterExtensionRemovePod/AddPod: plugins whose PreFilter was skipped are not called.
    const extensions = this.profile.preFilter.filter((plugin) => !preFilter.skipped.has(plugin.name));
    return {
      removePod: (state, pod, removed, node, cluster) => {
        for (const plugin of extensions) plugin.removePod?.(state, pod, removed, node, cluster);
      },
      addPod: (state, pod, added, node, cluster) => {
        for (const plugin of extensions) plugin.addPod?.(state, pod, added, node, cluster);
      },
      runFilters: (state, pod, node) => this.runFilters(state, pod, node, preFilter.filters),
    };
  }

  /**
   * Raw scores of the static score plugins from the plan's node-static
   * results (node-static-results.ts), by node position. A signature's kept
   * scores are computed on every node of the cluster on first use (a static
   * Score reads only the node object and the pod, so any node can be
   * scored), and whether they are all equal is recorded with them: a column
   * of equal scores is then filled without reading per node.
   */
  private fillStaticScores(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    cluster: ClusterState,
    statics: NodeStaticResults,
    nodeIndexes: Int32Array,
    rawColumns: readonly (Float64Array | undefined)[],
  ): StaticFill {
    const scorePlugins = this.profile.score;
    const filled = new Array<number | null | undefined>(scorePlugins.length).fill(undefined);
    for (let position = 0; position < scorePlugins.length; position++) {
      const plugin = scorePlugins[position].plugin;
      const raw = rawColumns[position];
      if (!raw || plugin.staticScoreKey === undefined) continue;
      const signature = `${plugin.name}\u0001${plugin.staticScoreKey(pod)}`;
      const kept = statics.rawScores(signature);
      if (!kept) continue;
      let uniform = statics.uniformScore(signature);
      if (uniform === undefined) {
        const all = cluster.nodes;
        for (let at = 0; at < kept.length; at++) if (Number.isNaN(kept[at])) kept[at] = plugin.score(state, pod, all[at]);
        // Only a staticScore plugin's NormalizeScore is known to give equal raw scores one value (runScoring).
        uniform = plugin.staticScore === true ? uniformValue(kept) : null;
        statics.recordUniformScore(signature, uniform);
      }
      if (uniform === null) {
        for (let index = 0; index < nodes.length; index++) raw[index] = kept[nodeIndexes[index]];
      } else {
        raw.fill(uniform);
      }
      filled[position] = uniform;
    }
    return filled;
  }

  /**
   * Raw scores of the node-local score plugins, reused from an identical pod
   * where the node is unchanged: one memo lookup per node, not per plugin.
   */
  private fillNodeLocalScores(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    nodeIndexes: Int32Array,
    results: NodeResults,
    active: readonly boolean[],
    rawColumns: readonly (Float64Array | undefined)[],
    filled: StaticFill,
  ): void {
    const scorePlugins = this.profile.score;
    // The columns to fill, found once rather than asked per node.
    const positions: number[] = [];
    for (let position = 0; position < scorePlugins.length; position++) {
      if (active[position] && scorePlugins[position].plugin.nodeLocal && filled[position] === undefined) positions.push(position);
    }
    if (positions.length === 0) return;
    const plugins = positions.map((position) => scorePlugins[position].plugin);
    const columns = positions.map((position) => rawColumns[position]!);
    const cached = results.localScores;
    const nodeCount = results.nodeCount;
    let complete = true;
    for (const position of positions) if (results.missingScores[position] !== 0) complete = false;
    // Column by column, what is known; the nodes with a NaN in some column are flagged (a scored node is rarely
    // one the signature has not scored yet: only nodes changed since, or never feasible before).
    const flags = complete ? undefined : this.missingFlags(nodes.length);
    let first = nodes.length;
    let last = -1;
    for (let column = 0; column < positions.length; column++) {
      const out = columns[column];
      const base = positions[column] * nodeCount;
      if (flags === undefined) {
        for (let index = 0; index < nodes.length; index++) out[index] = cached[base + nodeIndexes[index]];
        continue;
      }
      for (let index = 0; index < nodes.length; index++) {
        const value = cached[base + nodeIndexes[index]];
        out[index] = value;
        if (value !== value) {
          flags[index] = 1;
          if (index < first) first = index;
          if (index > last) last = index;
        }
      }
    }
    if (flags === undefined) return;
    // The flagged nodes in node order, plugin by plugin, as a node-by-node loop would: the same Score calls in the
    // same order, so the first Score to throw is the same one.
    try {
      for (let index = first; index <= last; index++) {
        if (flags[index] === 0) continue;
        flags[index] = 0;
        const at = nodeIndexes[index];
        const node = nodes[index];
        for (let column = 0; column < positions.length; column++) {
          if (!Number.isNaN(columns[column][index])) continue;
          const value = plugins[column].score(state, pod, node);
          results.recordScore(positions[column], at, value);
          columns[column][index] = value;
        }
      }
    } finally {
      if (last >= first) flags.fill(0, first, last + 1);
    }
  }

  /** fillNodeLocalScores' per-node flags, all 0 between calls; reused from pod to pod. */
  private missingFlagsBuffer = new Uint8Array(0);

  private missingFlags(count: number): Uint8Array {
    if (this.missingFlagsBuffer.length < count) this.missingFlagsBuffer = new Uint8Array(count);
    return this.missingFlagsBuffer;
  }

  get hasScorePlugins(): boolean {
    return this.profile.score.length > 0;
  }

  get hasFilterPlugins(): boolean {
    return this.profile.filter.length > 0;
  }
}

/** The value every entry of `scores` has, or null when two differ (or one is NaN). */
function uniformValue(scores: Float64Array): number | null {
  if (scores.length === 0) return null;
  const first = scores[0];
  for (let index = 1; index < scores.length; index++) if (scores[index] !== first) return null;
  return first;
}

/** One node's score parts from a table, keyed by plugin. */
export function scoresOf(table: ScoreTable, index: number): Record<string, PluginScore> {
  const parts: Record<string, PluginScore> = {};
  for (const column of table.plugins) {
    parts[column.name] = {
      raw: column.raw[index],
      normalized: column.normalized[index],
      weighted: column.normalized[index] * column.weight,
    };
  }
  return parts;
}
