/**
 * Fixtures shared by the PodTopologySpread tables, in the spirit of the
 * helpers of upstream podtopologyspread/filtering_test.go: zoned nodes,
 * existing pods, and a comparable view of the PreFilter state (critical paths
 * compared as upstream's stateCmpOpts do: equal counts in alphabetical order).
 */
import type { V1LabelSelector, V1Pod } from '@kubernetes/client-node';
import { CycleState } from '../../../../src/scheduling/framework/cycle-state.js';
import type { PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../../../src/scheduling/framework/interfaces.js';
import type { Status } from '../../../../src/scheduling/framework/status.js';
import type { ClusterState } from '../../../../src/scheduling/model/cluster-state.js';
import { buildPodInfo, type PodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { CompiledSelector, compileLabelSelector } from '../../../../src/kube/label-selector.js';
import type { SpreadConstraint } from '../../../../src/scheduling/plugins/pod-topology-spread/constraint.js';
import { podTopologySpread } from '../../../../src/scheduling/plugins/pod-topology-spread/index.js';
import { PRE_FILTER_STATE_KEY, type PreFilterState } from '../../../../src/scheduling/plugins/pod-topology-spread/prefilter-state.js';
import { makeNode, makePod, type NodeBuilder, type PodBuilder } from '../../../support/builders.js';

export const fooSelector: V1LabelSelector = { matchExpressions: [{ key: 'foo', operator: 'Exists' }] };
export const barSelector: V1LabelSelector = { matchExpressions: [{ key: 'bar', operator: 'Exists' }] };

/** upstream's `taints`: the node.kubernetes.io/unschedulable:NoSchedule taint. */
export const UNSCHEDULABLE_TAINT_KEY = 'node.kubernetes.io/unschedulable';

/** st.MakeNode().Name(name).Label("zone", zone).Label("node", name) */
export function zonedNode(name: string, zone: string): NodeBuilder {
  return makeNode(name).label('zone', zone).label('node', name);
}

/** st.MakeNode().Name(name).Label("node", name) */
export function hostNode(name: string): NodeBuilder {
  return makeNode(name).label('node', name);
}

/** The four-node, two-zone cluster most upstream cases use. */
export function twoZonesFourNodes(): NodeBuilder[] {
  return [zonedNode('node-a', 'zone1'), zonedNode('node-b', 'zone1'), zonedNode('node-x', 'zone2'), zonedNode('node-y', 'zone2')];
}

/** st.MakePod().Name(name).Node(node).Label(...) — default labels {foo: ""}. */
export function podOn(name: string, node: string, labels: Record<string, string> = { foo: '' }): PodBuilder {
  return makePod(name).node(node).labels(labels);
}

/** st.PodWrapper.Terminating(): a deletion timestamp is set. */
export function terminating(builder: PodBuilder): V1Pod {
  const pod = builder.obj();
  pod.metadata!.deletionTimestamp = new Date(0);
  return pod;
}

/** st.PodWrapper.NodeAffinityNotIn(key, values) */
export function nodeAffinityNotIn(builder: PodBuilder, key: string, values: string[]): PodBuilder {
  return builder.requiredNodeTerms([{ matchExpressions: [{ key, operator: 'NotIn', values }] }]);
}

/** st.PodWrapper.Toleration(key): Exists, NoSchedule. */
export function tolerating(builder: PodBuilder, key: string): PodBuilder {
  return builder.toleration({ key, operator: 'Exists', effect: 'NoSchedule' });
}

export const listArgs = (defaultConstraints: unknown[] = []) => ({ defaultingType: 'List', defaultConstraints });

/** A selector as sorted requirement strings, so equal selectors compare equal whatever their requirement order. */
export function selectorView(selector: CompiledSelector): string[] | 'nothing' {
  if (selector.matchesNothing) return 'nothing';
  return selector.requirements.map((r) => `${r.key} ${r.operator} ${[...r.values].sort().join(',')}`).sort();
}

export interface ConstraintView {
  maxSkew: number;
  topologyKey: string;
  selector: string[] | 'nothing';
  minDomains: number;
  nodeAffinityPolicy: string;
  nodeTaintsPolicy: string;
}

/** An expected internal constraint: defaults minDomains 1, Honor / Ignore, as upstream's expectations spell them. */
export function expectedConstraint(
  maxSkew: number,
  topologyKey: string,
  selector: V1LabelSelector | undefined,
  overrides: Partial<Pick<ConstraintView, 'minDomains' | 'nodeAffinityPolicy' | 'nodeTaintsPolicy'>> = {},
): ConstraintView {
  return {
    maxSkew,
    topologyKey,
    selector: selectorView(compileLabelSelector(selector)),
    minDomains: 1,
    nodeAffinityPolicy: 'Honor',
    nodeTaintsPolicy: 'Ignore',
    ...overrides,
  };
}

export function constraintView(constraint: SpreadConstraint): ConstraintView {
  return {
    maxSkew: constraint.maxSkew,
    topologyKey: constraint.topologyKey,
    selector: selectorView(constraint.selector),
    minDomains: constraint.minDomains,
    nodeAffinityPolicy: constraint.nodeAffinityPolicy,
    nodeTaintsPolicy: constraint.nodeTaintsPolicy,
  };
}

/** [[topologyValue, matchNum], [topologyValue, matchNum]] per constraint. */
export type PathsView = [[string, number], [string, number]];

/** math.MaxInt32 paths of a constraint with no domain (upstream newCriticalPaths()). */
export const NO_DOMAIN_PATHS: PathsView = [
  ['', 2147483647],
  ['', 2147483647],
];

/** upstream criticalPaths.sort(): equal counts list their topology values alphabetically. */
function sortedPaths(paths: PathsView): PathsView {
  const [[firstValue, firstNum], [secondValue, secondNum]] = paths;
  if (firstNum === secondNum && firstValue > secondValue) return [[secondValue, firstNum], [firstValue, secondNum]];
  return paths;
}

export interface StateView {
  constraints: ConstraintView[];
  criticalPaths: PathsView[];
  tpValueToMatchNum: Record<string, number>[];
}

export function stateView(state: PreFilterState): StateView {
  return {
    constraints: state.constraints.map(constraintView),
    criticalPaths: state.criticalPaths.map((paths) =>
      sortedPaths([
        [paths.first.topologyValue, paths.first.matchNum],
        [paths.second.topologyValue, paths.second.matchNum],
      ]),
    ),
    tpValueToMatchNum: state.tpValueToMatchNum.map((counts) => Object.fromEntries(counts)),
  };
}

export function normalizedStateView(want: StateView): StateView {
  return { ...want, criticalPaths: want.criticalPaths.map(sortedPaths) };
}

export interface PreFilterRun {
  status: Status | null;
  cycleState: CycleState;
  plugin: PreFilterPlugin;
  pod: PodInfo;
  state?: PreFilterState;
}

/** Builds the plugin with `args` and runs PreFilter for `pod` over `cluster`. */
export function runPreFilter(pod: V1Pod, cluster: ClusterState, args: Record<string, unknown> = listArgs()): PreFilterRun {
  const plugin = podTopologySpread(args) as unknown as PreFilterPlugin;
  const cycleState = new CycleState();
  const podInfo = buildPodInfo(pod);
  const { status } = plugin.preFilter(cycleState, podInfo, cluster);
  return { status, cycleState, plugin, pod: podInfo, state: cycleState.readOptional<PreFilterState>(PRE_FILTER_STATE_KEY) };
}

export interface PositionScoreRun {
  raw: Record<string, number>;
  normalized: Record<string, number>;
}

/**
 * PreScore, then Score for every feasible node at once through scoreNodes
 * with the nodes' cluster positions (the plan's path, scoring-by-position.ts),
 * then NormalizeScore; the nodes in the order given (faithful mode hands
 * them over rotated). Scored twice with the same plugin, so buffers it
 * reuses from pod to pod must come back clean. undefined when PreScore skips.
 */
export function scoreByPosition(
  plugin: PreScorePlugin & ScorePlugin,
  pod: V1Pod,
  clusterState: ClusterState,
  nodeNames: readonly string[],
  { labelIndex = true }: { labelIndex?: boolean } = {},
): PositionScoreRun | undefined {
  const cluster = clusterState.fork();
  if (!labelIndex) cluster.withoutPodLabelIndex();
  const podInfo = buildPodInfo(pod);
  const feasible = nodeNames.map((name) => cluster.node(name)!);
  const positions = Int32Array.from(feasible, (node) => cluster.indexOf(node.name)!);
  const runs: PositionScoreRun[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    const state = new CycleState();
    const status = plugin.preScore(state, podInfo, feasible, cluster);
    if (status?.isSkip) return undefined;
    if (status) throw new Error(status.message);
    const raw = new Float64Array(feasible.length);
    plugin.scoreNodes!(state, podInfo, feasible, raw, { cluster, positions });
    const normalized = Float64Array.from(raw);
    plugin.normalizeScore?.(state, podInfo, normalized, feasible);
    const byName = (scores: Float64Array) => Object.fromEntries(feasible.map((node, index) => [node.name, scores[index]]));
    runs.push({ raw: byName(raw), normalized: byName(normalized) });
  }
  if (JSON.stringify(runs[0]) !== JSON.stringify(runs[1])) throw new Error(`second scoring differs: ${JSON.stringify(runs)}`);
  return runs[0];
}
