/**
 * Extension points, one small interface each, as upstream's
 * staging/src/k8s.io/kube-scheduler/framework/interface.go. A plugin
 * implements only the points it needs; the runner owns ordering,
 * normalisation checks, weights and sums.
 */
import type { ClusterState } from '../model/cluster-state.js';
import type { NodeInfo } from '../model/node-info.js';
import type { PodInfo } from '../model/pod-info.js';
import type { ReleaseFeatures } from '../release/emulation.js';
import type { CycleState } from './cycle-state.js';
import type { Status } from './status.js';

export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

export interface Plugin {
  readonly name: string;
  /**
   * True when Filter and Score read only the pod's spec, this node and facts
   * fixed for the whole plan (never other nodes' pods), so the framework may
   * reuse the results for identical pods while the node is unchanged. Never
   * the pod's volumes, pod (anti-)affinity or topology spread constraints:
   * pods that differ only in them count as identical (node-result-memo.ts
   * podSignature).
   */
  readonly nodeLocal?: boolean;
  /**
   * True when Score reads only the pod and the node object (labels, taints,
   * images), never the pods or resources on the node: a node's score cannot
   * change while a plan runs.
   */
  readonly staticScore?: boolean;
  /**
   * True when Score gives every node the same score for a pod whose PreFilter
   * this plugin skipped (DynamicResources for a pod without claims): replica
   * runs may then score it as a constant rather than refuse the pod.
   */
  readonly scoreConstantWhenSkipped?: boolean;
}

/**
 * Runs before a pod enters the active queue (upstream PreEnqueuePlugin): a
 * pod any of them rejects is never attempted, so it gets no FailedScheduling
 * and preemption never runs for it. null: the pod may be scheduled.
 */
export interface PreEnqueuePlugin extends Plugin {
  /** `cluster`: the objects the scheduler's listers hold when the pod would enter the queue (DynamicResources reads its claims). */
  preEnqueue(pod: PodInfo, cluster: ClusterState): Status | null;
}

export interface PreFilterResult {
  /** null: success. Skip: this plugin's Filter does not run. Rejected: the pod fits no node. */
  readonly status: Status | null;
  /** When set, only these nodes can pass (upstream PreFilterResult.NodeNames). */
  readonly nodeNames?: ReadonlySet<string>;
  /**
   * true: this plugin's Filter would pass every node of the cluster this
   * cycle, and every copy of one with fewer pods (preemption's dry runs), so
   * the framework does not call it for this pod. Not upstream's (its
   * PreFilter has no such answer): a shortcut that changes no decision, for
   * plugins whose PreFilter can tell from per-pod facts and a summary of the
   * nodes. Unlike Skip, the PreFilter extensions still run.
   */
  readonly passesEveryNode?: boolean;
}

export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: PodInfo, cluster: ClusterState): PreFilterResult;
  /** Incremental updates of this plugin's PreFilter state (upstream PreFilterExtensions), used by preemption dry runs. */
  addPod?(state: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo, cluster: ClusterState): void;
  removePod?(state: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo, cluster: ClusterState): void;
}

export interface FilterPlugin extends Plugin {
  /** null when the node passes. */
  filter(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null;
  /**
   * Present when Filter reads only the node object (labels, taints, cordon,
   * name) and the pod fields this text spells: pods with equal keys get equal
   * verdicts on a node, which the framework then computes once per plan
   * (node-static-results.ts).
   */
  staticFilterKey?(pod: PodInfo): string;
}

export interface PreScorePlugin extends Plugin {
  /** `nodes` are the feasible nodes. Returning Skip removes this plugin's Score for this pod. */
  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], cluster: ClusterState): Status | null;
}

export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: PodInfo, node: NodeInfo): number;
  /**
   * Rewrites `scores` (aligned with `nodes`) into [0, 100] in place. Plugins
   * whose Score is already in range omit it, as upstream's ScoreExtensions.
   */
  normalizeScore?(state: CycleState, pod: PodInfo, scores: Float64Array, nodes: readonly NodeInfo[]): void;
  /**
   * Present when Score reads only the node object, facts fixed for the plan
   * and the pod fields this text spells (a staticScore plugin): raw scores
   * are then computed once per plan for pods with equal keys.
   */
  staticScoreKey?(pod: PodInfo): string;
  /**
   * Score of every node of `nodes` into `raw` (aligned), exactly as `score`
   * node by node would give: for plugins with per-pod work worth hoisting
   * out of the per-node loop. `placement`, when given, holds each node's
   * position in the cluster (for tables kept by node position).
   */
  scoreNodes?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], raw: Float64Array, placement?: NodePlacement): void;
}

/**
 * Reserve (upstream ReservePlugin), run once a pod has its node: what the
 * plugin sets aside for it (VolumeBinding's assumed bindings) is written
 * into `cluster`, which every later pod of the plan sees. As podplan plans
 * no failed bindings, Unreserve never runs and the outcome of PreBind is
 * part of Reserve.
 */
export interface ReservePlugin extends Plugin {
  reserve(pod: PodInfo, node: NodeInfo, cluster: ClusterState): void;
}

export interface PostFilterResult {
  /**
   * The plugin's verdict; its message becomes FitError's PostFilterMsg, e.g.
   * "preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."
   */
  readonly status: Status;
  /** The node the pod is nominated to once its victims are gone (preemption succeeded). */
  readonly nominatedNode?: string;
}

/**
 * Runs when no node fits (upstream PostFilterPlugin, i.e. DefaultPreemption).
 * `failures` holds every node's Filter/PreFilter status for this pod.
 */
export interface PostFilterPlugin extends Plugin {
  postFilter(
    state: CycleState,
    pod: PodInfo,
    cluster: ClusterState,
    failures: ReadonlyMap<string, Status>,
    runner: FilterRunner,
  ): PostFilterResult;
}

/** What a PostFilter needs from the framework to re-run filters on hypothetical node states. */
export interface FilterRunner {
  /** Every enabled PreFilter extension's removePod, for dry runs that evict `removed` from `node`. */
  removePod(state: CycleState, pod: PodInfo, removed: PodInfo, node: NodeInfo, cluster: ClusterState): void;
  addPod(state: CycleState, pod: PodInfo, added: PodInfo, node: NodeInfo, cluster: ClusterState): void;
  /** The profile's filters (minus PreFilter Skips) on one node: null when it fits. */
  runFilters(state: CycleState, pod: PodInfo, node: NodeInfo): Status | null;
}

export function isPreEnqueuePlugin(plugin: Plugin): plugin is PreEnqueuePlugin {
  return typeof (plugin as PreEnqueuePlugin).preEnqueue === 'function';
}
export function isPreFilterPlugin(plugin: Plugin): plugin is PreFilterPlugin {
  return typeof (plugin as PreFilterPlugin).preFilter === 'function';
}
export function isFilterPlugin(plugin: Plugin): plugin is FilterPlugin {
  return typeof (plugin as FilterPlugin).filter === 'function';
}
export function isPreScorePlugin(plugin: Plugin): plugin is PreScorePlugin {
  return typeof (plugin as PreScorePlugin).preScore === 'function';
}
export function isReservePlugin(plugin: Plugin): plugin is ReservePlugin {
  return typeof (plugin as ReservePlugin).reserve === 'function';
}
export function isPostFilterPlugin(plugin: Plugin): plugin is PostFilterPlugin {
  return typeof (plugin as PostFilterPlugin).postFilter === 'function';
}
export function isScorePlugin(plugin: Plugin): plugin is ScorePlugin {
  return typeof (plugin as ScorePlugin).score === 'function';
}

/**
 * Builds a plugin from its (already defaulted) args and the emulated
 * release's features (upstream's PluginFactoryWithFts; omitted: the newest
 * release's defaults). Factories validate
 * their args and throw PluginArgsError with a path below `pluginConfig[i].args`.
 */
export type PluginFactory = (args: Record<string, unknown> | undefined, features?: ReleaseFeatures) => Plugin;

export class PluginArgsError extends Error {
  constructor(
    /** Relative to the plugin's `args` object, e.g. `scoringStrategy.type`. */
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/** Where scored nodes sit in their cluster: `positions[i]` is `nodes[i]`'s index in `cluster.nodes`. */
export interface NodePlacement {
  readonly cluster: ClusterState;
  readonly positions: Int32Array;
}
