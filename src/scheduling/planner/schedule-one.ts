/**
 * One scheduling cycle for one pod (upstream schedule_one.go schedulePod):
 * PreFilter, Filter over the nodes (all of them in exhaustive mode; from a
 * rotating start until enough are feasible in faithful mode), Score, and the
 * choice of a host, recording everything an explanation needs.
 */
import { CycleState } from '../framework/cycle-state.js';
import { scoresOf, type Framework, type PreFilterOutcome, type ScoreTable } from '../framework/framework.js';
import type { NodeResultMemo } from '../framework/node-result-memo.js';
import type { NodeStaticResults } from '../framework/node-static-results.js';
import { Code, PluginError, Status } from '../framework/status.js';
import type { ClusterState } from '../model/cluster-state.js';
import type { NodeInfo } from '../model/node-info.js';
import type { PodInfo } from '../model/pod-info.js';
import { CYCLE_RANDOM_KEY } from '../preemption/cycle-random.js';
import { isPreemptionResult } from '../preemption/default-preemption.js';
import { runPostFilterPlugins } from '../preemption/run-post-filter.js';
import type {
  ExplainLevel,
  FilterFailure,
  NodeExplanation,
  PodDecision,
  PreemptionRecord,
  ScoredNode,
  TieBreak,
} from './decision.js';
import { failedSchedulingMessage, type FailureDiagnosis } from './failure-message.js';
import { RejectionHistogram } from './rejection-histogram.js';
import type { SeededRandom } from './seeded-random.js';
import { rankTop, rankTopByNameRank } from './top-ranking.js';

/** Upstream minFeasibleNodesToFind / minFeasibleNodesPercentageToFind. */
const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

export interface CycleOptions {
  readonly explain: ExplainLevel;
  /** How many best candidates to keep in summary form. */
  readonly topCandidates: number;
  /** Node-local plugin results shared by identical pods of one plan (see framework/node-result-memo.ts). */
  readonly memo?: NodeResultMemo;
  /** Node-static filter verdicts and scores by pod signature, for the plan (see framework/node-static-results.ts). */
  readonly nodeStatic?: NodeStaticResults;
  /** Faithful mode: the shared rotating start index and random source; absent in exhaustive mode. */
  readonly faithful?: FaithfulState;
}

/** Faithful mode's state for one plan: upstream's rotating start index, the random source and the node tree order. */
export interface FaithfulState {
  readonly random: SeededRandom;
  nextStartNodeIndex: number;
  readonly nodeOrder: readonly NodeInfo[];
  /** nodeOrder as positions in `cluster.nodes`, while that cluster's node set is at `version` (see nodeOrderPositions). */
  orderPositions?: { readonly cluster: ClusterState; readonly version: number; readonly positions: readonly number[] };
}

/**
 * The node tree order as positions in `cluster.nodes`. A fork replaces a
 * NodeInfo when it first writes to it, so each cycle reads the current
 * objects at these positions; the positions themselves move only when nodes
 * are added, removed or replaced (nodeObjectsVersion), so they are looked up
 * by name once per node set rather than for every node of every pod.
 */
function nodeOrderPositions(faithful: FaithfulState, cluster: ClusterState): readonly number[] {
  const cached = faithful.orderPositions;
  if (cached && cached.cluster === cluster && cached.version === cluster.nodeObjectsVersion) return cached.positions;
  const positions = faithful.nodeOrder.map((node) => cluster.indexOf(node.name)!);
  faithful.orderPositions = { cluster, version: cluster.nodeObjectsVersion, positions };
  return positions;
}

/** What this cycle knows from an earlier one (upstream pod.status.nominatedNodeName), and whether PostFilter may run. */
export interface CycleHints {
  /** Tried first; taken without looking at other nodes when it passes the filters (upstream evaluateNominatedNode). */
  readonly nominatedNode?: string;
  /** false: do not run PostFilter plugins even when no node fits. */
  readonly postFilter?: boolean;
}

interface PostFilterVerdict {
  /** The PostFilter status message for FitError's PostFilterMsg ("" when it succeeded). */
  readonly message: string;
  readonly preemption?: Omit<PreemptionRecord, 'failureMessage'>;
}

/** Upstream numFeasibleNodesToFind. */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number | undefined, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore ?? 0;
  if (percentage === 0) {
    percentage = Math.max(50 - Math.trunc(numAllNodes / 125), MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : numNodes;
}

function failuresOf(status: Status): FilterFailure[] {
  return status.reasons.map((reason) => ({
    plugin: status.plugin,
    reason,
    code: status.code,
    ...(status.details.length > 0 ? { details: status.details } : {}),
  }));
}

/** Feasible node indices ordered best first: total desc, then node name (the exhaustive tie rule). */
/** Better first: higher total, then lower node name (the exhaustive tie rule). */
function better(table: ScoreTable, a: number, b: number): boolean {
  const difference = table.totals[a] - table.totals[b];
  return difference > 0 || (difference === 0 && table.nodes[a].name < table.nodes[b].name);
}

/**
 * The `count` best scored nodes, best first, and how many share the best
 * total (top-ranking.ts); with `collectTied` (faithful mode, which draws
 * among them) also those nodes. With `byPosition` (each scored node's cluster
 * position and the cluster's name ranks) names are compared through their
 * ranks: the same order, as node names are unique.
 */
function rankByScore(
  table: ScoreTable,
  count: number,
  collectTied: boolean,
  byPosition?: { positions: Int32Array; nameRanks: Int32Array },
): { top: number[]; tiedCount: number; tied?: number[] } {
  const tied: number[] | undefined = collectTied ? [] : undefined;
  const { top, tiedCount } = byPosition
    ? rankTopByNameRank(table.totals, count, byPosition.positions, byPosition.nameRanks, tied)
    : rankTop(table.totals, count, (a, b) => better(table, a, b), tied);
  return { top, tiedCount, tied };
}

/**
 * Upstream schedulingCycle on a FitError: run the PostFilter plugins
 * (DefaultPreemption) with every node's status; a successful preemption
 * nominates a node and names its victims.
 */
function runPostFilter(
  framework: Framework,
  state: CycleState,
  pod: PodInfo,
  cluster: ClusterState,
  preFilter: PreFilterOutcome,
  failures: ReadonlyMap<string, Status>,
  hints: CycleHints,
): PostFilterVerdict | undefined {
  const plugins = framework.profile.postFilter ?? [];
  if (plugins.length === 0 || hints.postFilter === false) return undefined;
  const outcome = runPostFilterPlugins(plugins, state, pod, cluster, failures, framework.filterRunner(preFilter));
  const result = outcome.result;
  if (outcome.status.code !== Code.Success || !result?.nominatedNode || !isPreemptionResult(result) || !result.candidate) {
    return { message: outcome.status.message };
  }
  const candidate = result.candidate;
  return {
    message: outcome.status.message,
    preemption: {
      nominatedNode: result.nominatedNode,
      pdbViolations: candidate.numPdbViolations,
      victims: candidate.victims.map(({ pod: victim, violatesPdb }) => ({
        podKey: victim.key,
        namespace: victim.namespace,
        name: victim.name,
        node: candidate.node,
        priority: victim.priority,
        violatesPdb,
      })),
    },
  };
}

/** The decision's failure text and preemption record, given the cycle's diagnosis. */
function withPostFilter(diagnosis: FailureDiagnosis, verdict: PostFilterVerdict | undefined): Pick<PodDecision, 'failureMessage' | 'preemption'> {
  const failureMessage = failedSchedulingMessage({ ...diagnosis, ...(verdict?.message ? { postFilterMessage: verdict.message } : {}) });
  if (!verdict?.preemption) return { failureMessage };
  return { failureMessage, preemption: { ...verdict.preemption, failureMessage } };
}

export function scheduleOne(
  framework: Framework,
  cluster: ClusterState,
  pod: PodInfo,
  options: CycleOptions,
  hints: CycleHints = {},
): PodDecision {
  const allNodes = cluster.nodes;
  const totalNodes = allNodes.length;
  const base = { podKey: pod.key, totalNodes };
  const results = options.memo?.forPod(pod, totalNodes, framework.profile.score.length);
  results?.sync(cluster);
  if (totalNodes === 0) {
    return {
      ...base,
      node: null,
      score: null,
      evaluatedNodes: 0,
      feasibleNodes: 0,
      failureMessage: failedSchedulingMessage({ totalNodes: 0, reasonCounts: new Map() }),
      candidates: [],
      rejections: [],
      ...(options.explain === 'full' ? { nodes: [] } : {}),
    };
  }

  const state = new CycleState();
  if (options.faithful) state.write(CYCLE_RANDOM_KEY, options.faithful.random);
  const preFilter = framework.runPreFilter(state, pod, cluster);
  results?.useFilterHead(preFilter.localFilters);
  if (preFilter.status) {
    const status = preFilter.status;
    const [first] = failuresOf(status);
    const histogram = new RejectionHistogram();
    histogram.add(status, totalNodes);
    // As upstream: every node carries the PreFilter status, so an Unschedulable one leaves all nodes to preemption.
    const failures = new Map(allNodes.map((node) => [node.name, status]));
    const verdict = runPostFilter(framework, state, pod, cluster, preFilter, failures, hints);
    return {
      ...base,
      node: null,
      score: null,
      evaluatedNodes: 0,
      feasibleNodes: 0,
      ...withPostFilter({ totalNodes, preFilterMessage: status.message, reasonCounts: new Map() }, verdict),
      preFilterRejection: first,
      candidates: [],
      rejections: histogram.sorted(),
      ...(options.explain === 'full'
        ? { nodes: allNodes.map((node) => ({ node: node.name, feasible: false, filters: failuresOf(status) })) }
        : {}),
    };
  }

  const histogram = new RejectionHistogram();
  // Each rejected node's first failing status by cluster position, the feasible nodes and their positions: the
  // framework's scratch buffers (filter-scratch.ts), valid until the next cycle. The map by name that PostFilter
  // reads is made only when no node fits (failedByName).
  const scratch = framework.filterScratch;
  scratch.prepare(totalNodes);
  const failedAt = scratch.failedAt;
  const feasibleFound = scratch.feasible;
  const foundIndexes = scratch.feasibleIndexes;
  let feasibleCount = 0;
  let failedCount = 0;
  // The node tree order is fixed per plan, but a fork replaces a NodeInfo when it first writes to it: read the current ones.
  // Each candidate's position in cluster.nodes (the node-static results' index); undefined: candidate i is node i.
  let candidateIndexes: readonly number[] | undefined;
  let candidatesToCheck: readonly NodeInfo[] = allNodes;
  if (options.faithful) {
    candidateIndexes = nodeOrderPositions(options.faithful, cluster);
    candidatesToCheck = candidateIndexes.map((index) => allNodes[index]);
  }
  let absent: Status | undefined;
  if (preFilter.nodeNames) {
    const allowed = preFilter.nodeNames;
    absent = Status.unresolvable(`node(s) didn't satisfy plugin(s) [${preFilter.pluginsWithNodes.join(' ')}]`).withPlugin(
      preFilter.pluginsWithNodes.join(','),
    );
    const kept: NodeInfo[] = [];
    const keptIndexes: number[] = [];
    for (let position = 0; position < candidatesToCheck.length; position++) {
      const node = candidatesToCheck[position];
      if (allowed.has(node.name)) {
        kept.push(node);
        keptIndexes.push(candidateIndexes ? candidateIndexes[position] : position);
      } else {
        scratch.reject(candidateIndexes ? candidateIndexes[position] : position, absent);
        failedCount++;
      }
    }
    if (failedCount > 0) histogram.add(absent, failedCount);
    candidatesToCheck = kept;
    candidateIndexes = keptIndexes;
  }

  const statics = options.nodeStatic;
  statics?.sync(cluster);
  const verdicts = statics && preFilter.staticFilters.length > 0 ? statics.filterVerdicts(framework.staticFilterSignature(pod, preFilter)) : undefined;
  const filterAt = (node: NodeInfo, nodeIndex: number): Status | null =>
    verdicts
      ? framework.runFiltersWithStatic(state, pod, node, nodeIndex, preFilter, verdicts, results)
      : results
        ? framework.runFiltersMemoized(state, pod, node, nodeIndex, preFilter, results)
        : framework.runFilters(state, pod, node, preFilter.filters);
  const failedByName = (): Map<string, Status> => {
    const byName = new Map<string, Status>();
    for (let position = 0; position < totalNodes; position++) {
      const status = failedAt[position];
      if (status !== undefined) byName.set(allNodes[position].name, status);
    }
    return byName;
  };

  const count = candidatesToCheck.length;
  let evaluated = 0;
  const nominated = hints.nominatedNode ? cluster.node(hints.nominatedNode) : undefined;
  const nominatedFits =
    nominated !== undefined &&
    (!preFilter.nodeNames || preFilter.nodeNames.has(nominated.name)) &&
    framework.runFilters(state, pod, nominated, preFilter.filters) === null;
  if (nominatedFits) {
    // upstream evaluateNominatedNode: the node preemption made room on is taken without looking further.
    feasibleFound[0] = nominated;
    foundIndexes[0] = cluster.indexOf(nominated.name)!;
    feasibleCount = 1;
    evaluated = 1;
  } else if (options.faithful && count > 0) {
    // As upstream findNodesThatPassFilters: start where the previous cycle stopped, stop once enough nodes fit.
    const wanted = framework.hasScorePlugins ? numFeasibleNodesToFind(framework.profile.percentageOfNodesToScore, count) : 1;
    const start = options.faithful.nextStartNodeIndex % count;
    for (let offset = 0; offset < count && feasibleCount < wanted; offset++) {
      const position = (start + offset) % count;
      const node = candidatesToCheck[position];
      const nodeIndex = candidateIndexes![position];
      evaluated++;
      const status = filterAt(node, nodeIndex);
      if (status === null) {
        foundIndexes[feasibleCount] = nodeIndex;
        feasibleFound[feasibleCount++] = node;
      } else {
        scratch.reject(nodeIndex, status);
        histogram.add(status, 1);
      }
    }
    options.faithful.nextStartNodeIndex = (options.faithful.nextStartNodeIndex + evaluated) % totalNodes;
  } else {
    // The exhaustive loop, with the filter path chosen once rather than per node (filterAt).
    for (let position = 0; position < count; position++) {
      const node = candidatesToCheck[position];
      const nodeIndex = candidateIndexes ? candidateIndexes[position] : position;
      const status = verdicts
        ? framework.runFiltersWithStatic(state, pod, node, nodeIndex, preFilter, verdicts, results)
        : results
          ? framework.runFiltersMemoized(state, pod, node, nodeIndex, preFilter, results)
          : framework.runFilters(state, pod, node, preFilter.filters);
      if (status === null) {
        foundIndexes[feasibleCount] = nodeIndex;
        feasibleFound[feasibleCount++] = node;
      } else {
        scratch.reject(nodeIndex, status);
        histogram.add(status, 1);
      }
    }
    evaluated = count;
  }
  // Scoring reads the feasible nodes after the loop; a copy, so nothing it keeps aliases the scratch buffer. When every
  // node fits in cluster order (most distinct pods), the list is the cluster's own.
  const feasible: readonly NodeInfo[] =
    feasibleCount === totalNodes && candidatesToCheck === allNodes && !nominatedFits ? allNodes : feasibleFound.slice(0, feasibleCount);
  // Positions in cluster.nodes of the feasible nodes, for node-static scores: a view of the scratch buffer, read only
  // within this cycle.
  const feasibleIndexes = foundIndexes.length === feasibleCount ? foundIndexes : foundIndexes.subarray(0, feasibleCount);

  const rejections = histogram.sorted();
  const fullNodes = (table?: ScoreTable): NodeExplanation[] => {
    const scored = new Map<string, number>();
    table?.nodes.forEach((node, index) => scored.set(node.name, index));
    return allNodes.map((node, position): NodeExplanation => {
      const index = scored.get(node.name);
      if (index !== undefined && table) {
        return { node: node.name, feasible: true, scores: scoresOf(table, index), total: table.totals[index] };
      }
      const first = failedAt[position];
      if (!first) return { node: node.name, feasible: true };
      // Every failing filter, not just the first one upstream stops at.
      const all = first === absent ? [first] : framework.runAllFilters(state, pod, node, preFilter.filters);
      return { node: node.name, feasible: false, filters: all.flatMap(failuresOf) };
    });
  };

  if (feasible.length === 0) {
    const verdict = runPostFilter(framework, state, pod, cluster, preFilter, failedByName(), hints);
    return {
      ...base,
      node: null,
      score: null,
      evaluatedNodes: evaluated,
      feasibleNodes: 0,
      ...withPostFilter({ totalNodes, reasonCounts: histogram.reasonCounts() }, verdict),
      candidates: [],
      rejections,
      ...(options.explain === 'full' ? { nodes: fullNodes() } : {}),
    };
  }

  let table: ScoreTable;
  try {
    const reuse = results || statics ? { ...(results ? { results } : {}), ...(statics ? { statics } : {}), nodeIndexes: feasibleIndexes } : undefined;
    table = framework.runScoring(state, pod, feasible, cluster, reuse);
  } catch (error) {
    // upstream schedulePod takes a lone feasible node without PreScore/Score, so their errors never surface then.
    if (!(error instanceof PluginError) || feasible.length !== 1) throw error;
    const node = feasible[0];
    return {
      ...base,
      node: node.name,
      score: 0,
      evaluatedNodes: evaluated,
      feasibleNodes: 1,
      candidates: [{ node: node.name, total: 0, scores: {} }],
      rejections,
      ...(options.explain === 'full' ? { nodes: fullNodes() } : {}),
    };
  }
  // Positions come with reuse, as for scoring; without it (the reference) names are compared as strings.
  const { top, tiedCount, tied } = rankByScore(
    table,
    Math.max(1, options.topCandidates) + 1,
    options.faithful !== undefined,
    results || statics ? { positions: feasibleIndexes, nameRanks: cluster.nodeNameRanks() } : undefined,
  );
  let chosenIndex = top[0];
  let tieBreak: TieBreak | undefined;
  if (tiedCount > 1) {
    if (options.faithful && tied) {
      chosenIndex = tied[options.faithful.random.intn(tiedCount)];
      tieBreak = { tiedNodes: tiedCount, rule: 'seeded-random' };
    } else {
      tieBreak = { tiedNodes: tiedCount, rule: 'lowest-name' };
    }
  }
  const candidateOrder = [chosenIndex, ...top.filter((index) => index !== chosenIndex)].slice(0, Math.max(1, options.topCandidates));
  const candidates: ScoredNode[] = candidateOrder.map((index) => ({
    node: table.nodes[index].name,
    total: table.totals[index],
    scores: scoresOf(table, index),
  }));
  return {
    ...base,
    node: table.nodes[chosenIndex].name,
    score: table.totals[chosenIndex],
    evaluatedNodes: evaluated,
    feasibleNodes: feasible.length,
    candidates,
    rejections,
    ...(tieBreak ? { tieBreak } : {}),
    ...(options.explain === 'full' ? { nodes: fullNodes(table) } : {}),
  };
}
