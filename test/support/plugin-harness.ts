/**
 * Runs one plugin the way the framework would, for plugin-level tables:
 * PreFilter then Filter on every node; PreScore, Score and NormalizeScore
 * over the feasible nodes given.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { CycleState } from '../../src/scheduling/framework/cycle-state.js';
import {
  isFilterPlugin,
  isPreFilterPlugin,
  isPreScorePlugin,
  isScorePlugin,
  type Plugin,
} from '../../src/scheduling/framework/interfaces.js';
import type { Status } from '../../src/scheduling/framework/status.js';
import type { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { buildPodInfo } from '../../src/scheduling/model/pod-info.js';
import { DEFAULT_POD_REQUEST_OPTIONS, type PodRequestOptions } from '../../src/scheduling/model/pod-requests.js';

export interface FilterRun {
  /** The PreFilter status (null on success). */
  preFilter: Status | null;
  /** Per node: null when it passes, else the Filter status (or the PreFilter rejection / node-name restriction). */
  nodes: Record<string, Status | null>;
}

/**
 * `podRequests`: how the emulated release counts pod-level resources (the
 * pod's and, on a fork, the bound pods'); default: the newest release's way.
 */
export function runFilterPlugin(plugin: Plugin, pod: V1Pod, clusterState: ClusterState, podRequests: PodRequestOptions = DEFAULT_POD_REQUEST_OPTIONS): FilterRun {
  const state = new CycleState();
  const podInfo = buildPodInfo(pod, podRequests);
  const cluster = clusterState.fork();
  cluster.recountPodLevelRequests(podRequests);
  const nodes: Record<string, Status | null> = {};
  let preFilter: Status | null = null;
  let allowed: ReadonlySet<string> | undefined;
  if (isPreFilterPlugin(plugin)) {
    const result = plugin.preFilter(state, podInfo, cluster);
    preFilter = result.status;
    allowed = result.nodeNames;
    if (preFilter?.isSkip) {
      for (const node of cluster.nodes) nodes[node.name] = null;
      return { preFilter, nodes };
    }
    if (preFilter && preFilter.isRejected) {
      for (const node of cluster.nodes) nodes[node.name] = preFilter;
      return { preFilter, nodes };
    }
  }
  for (const node of cluster.nodes) {
    if (allowed && !allowed.has(node.name)) {
      nodes[node.name] = preFilter;
      continue;
    }
    nodes[node.name] = isFilterPlugin(plugin) ? plugin.filter(state, podInfo, node) : null;
  }
  return { preFilter, nodes };
}

export interface ScoreRun {
  /** PreScore status; Skip means the plugin does not score this pod. */
  preScore: Status | null;
  raw: Record<string, number>;
  normalized: Record<string, number>;
}

/** Scores `nodeNames` (default: every node) as the feasible set. */
export function runScorePlugin(
  plugin: Plugin,
  pod: V1Pod,
  clusterState: ClusterState,
  nodeNames?: string[],
  podRequests: PodRequestOptions = DEFAULT_POD_REQUEST_OPTIONS,
): ScoreRun {
  if (!isScorePlugin(plugin)) throw new Error(`${plugin.name} is not a score plugin`);
  const state = new CycleState();
  const podInfo = buildPodInfo(pod, podRequests);
  const cluster = clusterState.fork();
  cluster.recountPodLevelRequests(podRequests);
  const feasible = nodeNames ? nodeNames.map((name) => cluster.node(name)!) : [...cluster.nodes];
  let preScore: Status | null = null;
  if (isPreScorePlugin(plugin)) {
    preScore = plugin.preScore(state, podInfo, feasible, cluster);
    if (preScore?.isSkip) return { preScore, raw: {}, normalized: {} };
  }
  const scores = new Float64Array(feasible.length);
  feasible.forEach((node, index) => (scores[index] = plugin.score(state, podInfo, node)));
  const raw = Object.fromEntries(feasible.map((node, index) => [node.name, scores[index]]));
  plugin.normalizeScore?.(state, podInfo, scores, feasible);
  const normalized = Object.fromEntries(feasible.map((node, index) => [node.name, scores[index]]));
  return { preScore, raw, normalized };
}
