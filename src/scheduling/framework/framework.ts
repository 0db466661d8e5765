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
  MAX_NODE_SCORE,
  MIN_NODE_SCORE,
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
import { resultFor, type NodeResults } from './node-result-memo.js';
import { Code, PluginError, Status } from './status.js';

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

export interface PreFilterOutcome {
  /** null: every PreFilter succeeded (or skipped). Otherwise the rejection, with its plugin. */
  readonly status: Status | null;
  /** Restriction to these nodes, merged over plugins (upstream PreFilterResult.Merge). */
  readonly nodeNames?: ReadonlySet<string>;
  /** Plugins that restricted node names (upstream's "unscheduledPlugins"). */
  readonly pluginsWithNodes: readonly string[];
  /** Filters to run for this pod: the profile's, minus those whose PreFilter returned Skip. */
  readonly filters: readonly FilterPlugin[];
  /** Plugins whose PreFilter returned Skip (their PreFilter extensions do not run either). */
  readonly skipped: ReadonlySet<string>;
  /** `filters` split where results may be memoised: the profile's leading node-local filters, then the rest. */
  readonly localFilters: readonly FilterPlugin[];
  readonly otherFilters: readonly FilterPlugin[];
}

/** One plugin's part of one node's score. */
export interface PluginScore {
  readonly raw: number;
  readonly normalized: number;
  readonly weighted: number;
}

/** Scores of the feasible nodes, column per plugin (aligned with `nodes`). */
export interface ScoreTable {
  readonly nodes: readonly NodeInfo[];
  readonly plugins: readonly { readonly name: string; readonly weight: number; readonly raw: Float64Array; readonly normalized: Float64Array }[];
  readonly totals: Float64Array;
}

function intersect(a: ReadonlySet<string> | undefined, b: ReadonlySet<string>): ReadonlySet<string> {
  if (!a) return b;
  return new Set([...a].filter((name) => b.has(name)));
}

export class Framework {
  constructor(readonly profile: Profile) {}

  /**
   * Upstream runPreEnqueuePlugins (the scheduling queue's gate): the first
   * plugin that does not answer Success keeps the pod out of the active
   * queue; null lets it be scheduled.
   */
  runPreEnqueue(pod: PodInfo): Status | null {
    for (const plugin of this.profile.preEnqueue ?? []) {
      const status = plugin.preEnqueue(pod);
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
    const skipped = new Set<string>();
    const pluginsWithNodes: string[] = [];
    let nodeNames: ReadonlySet<string> | undefined;
    let rejection: Status | null = null;
    const outcome = (status: Status | null): PreFilterOutcome => {
      const filters = this.profile.filter.filter((plugin) => !skipped.has(plugin.name));
      // Only the node-local filters at the head of the pod's filters (those its PreFilters did not skip) are
      // memoised: their verdict is then the first failure in upstream's order whatever the later
      // (shared-state) filters say. A skipped shared-state filter (VolumeRestrictions for most pods) runs
      // nowhere, so it does not end the head.
      const firstShared = filters.findIndex((plugin) => !plugin.nodeLocal);
      const localCount = firstShared === -1 ? filters.length : firstShared;
      return {
        status,
        nodeNames,
        pluginsWithNodes: [...pluginsWithNodes].sort(),
        filters,
        skipped,
        localFilters: filters.slice(0, localCount),
        otherFilters: filters.slice(localCount),
      };
    };
    for (const plugin of this.profile.preFilter) {
      const result = plugin.preFilter(state, pod, cluster);
      const status = result.status;
      if (status?.isSkip) {
        skipped.add(plugin.name);
        continue;
      }
      if (status && status.code !== Code.Success) {
        const attributed = status.withPlugin(plugin.name);
        if (status.code === Code.UnschedulableAndUnresolvable) return outcome(attributed);
        if (status.code === Code.Unschedulable) {
          // Upstream keeps running the remaining PreFilters so preemption sees their state (kubernetes#119770).
          rejection = attributed;
          continue;
        }
        throw new PluginError(`running PreFilter plugin "${plugin.name}": ${status.message}`);
      }
      if (result.nodeNames) {
        pluginsWithNodes.push(plugin.name);
        nodeNames = intersect(nodeNames, result.nodeNames);
        if (nodeNames.size === 0) {
          const names = [...pluginsWithNodes].sort();
          const message =
            names.length === 1
              ? `node(s) didn't satisfy plugin ${names[0]}`
              : `node(s) didn't satisfy plugin(s) [${names.join(' ')}] simultaneously`;
          return outcome(Status.unresolvable(message));
        }
      }
    }
    return outcome(rejection);
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
  runFiltersMemoized(state: CycleState, pod: PodInfo, node: NodeInfo, preFilter: PreFilterOutcome, results: NodeResults): Status | null {
    const entry = resultFor(results, node);
    if (entry.localFilter === undefined) entry.localFilter = this.runFilters(state, pod, node, preFilter.localFilters);
    if (entry.localFilter !== null) return entry.localFilter;
    return this.runFilters(state, pod, node, preFilter.otherFilters);
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

  /** Upstream RunPreScorePlugins then RunScorePlugins; a PreScore Skip drops that plugin's Score. */
  runScoring(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], cluster: ClusterState, results?: NodeResults): ScoreTable {
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
    const totals = new Float64Array(nodes.length);
    const plugins: ScoreTable['plugins'][number][] = [];
    const scorePlugins = this.profile.score;
    const active = scorePlugins.map(({ plugin }) => !skipped.has(plugin.name));
    const rawColumns = scorePlugins.map((_, position) => (active[position] ? new Float64Array(nodes.length) : undefined));
    if (results) this.fillNodeLocalScores(state, pod, nodes, results, active, rawColumns);
    for (let position = 0; position < scorePlugins.length; position++) {
      const { plugin, weight } = scorePlugins[position];
      const raw = rawColumns[position];
      if (!raw) continue;
      if (!(results && plugin.nodeLocal)) {
        for (let index = 0; index < nodes.length; index++) raw[index] = plugin.score(state, pod, nodes[index]);
      }
      const normalized = Float64Array.from(raw);
      plugin.normalizeScore?.(state, pod, normalized, nodes);
      for (let index = 0; index < nodes.length; index++) {
        const value = normalized[index];
        if (value > MAX_NODE_SCORE || value < MIN_NODE_SCORE) {
          throw new PluginError(
            `plugin "${plugin.name}" returns an invalid score ${value}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`,
          );
        }
        totals[index] += value * weight;
      }
      plugins.push({ name: plugin.name, weight, raw, normalized });
    }
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
   * Raw scores of the node-local score plugins, reused from an identical pod
   * where the node is unchanged: one memo lookup per node, not per plugin.
   */
  private fillNodeLocalScores(
    state: CycleState,
    pod: PodInfo,
    nodes: readonly NodeInfo[],
    results: NodeResults,
    active: readonly boolean[],
    rawColumns: readonly (Float64Array | undefined)[],
  ): void {
    const scorePlugins = this.profile.score;
    for (let index = 0; index < nodes.length; index++) {
      const entry = resultFor(results, nodes[index]);
      const cached = (entry.localScores ??= new Float64Array(scorePlugins.length).fill(Number.NaN));
      for (let position = 0; position < scorePlugins.length; position++) {
        const plugin = scorePlugins[position].plugin;
        if (!active[position] || !plugin.nodeLocal) continue;
        if (Number.isNaN(cached[position])) cached[position] = plugin.score(state, pod, nodes[index]);
        rawColumns[position]![index] = cached[position];
      }
    }
  }

  get hasScorePlugins(): boolean {
    return this.profile.score.length > 0;
  }

  get hasFilterPlugins(): boolean {
    return this.profile.filter.length > 0;
  }
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
