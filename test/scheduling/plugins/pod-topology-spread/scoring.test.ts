import type { V1LabelSelector, V1Pod, V1ReplicaSet, V1Service } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../../src/scheduling/framework/cycle-state.js';
import type { PreScorePlugin, ScorePlugin } from '../../../../src/scheduling/framework/interfaces.js';
import { Code } from '../../../../src/scheduling/framework/status.js';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { podTopologySpread } from '../../../../src/scheduling/plugins/pod-topology-spread/index.js';
import { PRE_SCORE_STATE_KEY, type PreScoreState } from '../../../../src/scheduling/plugins/pod-topology-spread/scoring.js';
import { clusterOf, makeNode, makePod, type NodeBuilder, type PodBuilder } from '../../../support/builders.js';
import { runScorePlugin } from '../../../support/plugin-harness.js';
import {
  barSelector,
  constraintView,
  expectedConstraint,
  fooSelector,
  hostNode,
  podOn,
  scoreByPosition,
  terminating,
  UNSCHEDULABLE_TAINT_KEY,
  type ConstraintView,
} from './support.js';

const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';

/** st.MakeNode().Name(name).Label(v1.LabelHostname, name), optionally with a "zone" label. */
function hostnameNode(name: string, zone?: string): NodeBuilder {
  const node = makeNode(name);
  if (zone !== undefined) node.label('zone', zone);
  return node.label(HOSTNAME, name);
}

const replicaSet = (name: string, selector: V1LabelSelector): V1ReplicaSet => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'default' },
  spec: { selector },
});
const service = (selector: Record<string, string>): V1Service => ({ metadata: { name: 'svc', namespace: 'default' }, spec: { selector } });
const taint = (node: NodeBuilder) => node.taint(UNSCHEDULABLE_TAINT_KEY, '', 'NoSchedule');
const ignoreAffinity = { nodeAffinityPolicy: 'Ignore' } as const;
const honorTaints = { nodeTaintsPolicy: 'Honor' } as const;
const listArgs = (defaultConstraints: unknown[] = []) => ({ defaultingType: 'List', defaultConstraints });
const systemArgs = { defaultingType: 'System' };

interface PreScoreCase {
  name: string;
  pod: PodBuilder;
  nodes: NodeBuilder[];
  replicaSets?: V1ReplicaSet[];
  args: Record<string, unknown>;
}

function runPreScore(testCase: PreScoreCase): { status: ReturnType<PreScorePlugin['preScore']>; state?: PreScoreState } {
  const cluster = clusterOf(
    testCase.nodes.map((node) => node.obj()),
    [],
    { replicaSets: testCase.replicaSets ?? [] },
  );
  const plugin = podTopologySpread(testCase.args) as unknown as PreScorePlugin;
  const cycleState = new CycleState();
  const status = plugin.preScore(cycleState, buildPodInfo(testCase.pod.obj()), cluster.nodes, cluster);
  return { status, state: cycleState.readOptional<PreScoreState>(PRE_SCORE_STATE_KEY) };
}

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go, TestPreScoreSkip.
const preScoreSkipCases: PreScoreCase[] = [
  {
    name: "the pod doesn't have soft topology spread Constraints",
    pod: makePod('p'),
    args: listArgs(),
    nodes: [hostnameNode('node-a'), hostnameNode('node-b')],
  },
  {
    name: "default constraints and a replicaset that doesn't match",
    pod: makePod('p').labels({ foo: 'bar', baz: 'sup' }).owner('ReplicaSet', 'rs2'),
    args: listArgs([{ maxSkew: 2, topologyKey: 'planet', whenUnsatisfiable: 'ScheduleAnyway' }]),
    nodes: [makeNode('node-a').label('planet', 'mars')],
    replicaSets: [replicaSet('rs1', { matchExpressions: [{ key: 'tar', operator: 'Exists' }] })],
  },
];

interface PreScoreStateView {
  constraints: ConstraintView[];
  ignoredNodes: string[];
  topologyValueToPodCounts: Record<string, number>[];
  topologyNormalizingWeight: number[];
}

/** upstream topologyNormalizingWeight(size) */
const weight = (size: number) => Math.log(size + 2);

function preScoreStateView(state: PreScoreState): PreScoreStateView {
  return {
    constraints: state.constraints.map(constraintView),
    ignoredNodes: [...state.ignoredNodes].sort(),
    topologyValueToPodCounts: state.topologyValueToPodCounts.map((counts) => Object.fromEntries(counts)),
    topologyNormalizingWeight: [...state.topologyNormalizingWeight],
  };
}

const threeZonedHosts = (third: NodeBuilder = hostnameNode('node-x', 'zone2')) => [
  hostnameNode('node-a', 'zone1'),
  hostnameNode('node-b', 'zone1'),
  third,
];
const fooNodes = (nodeX: NodeBuilder = hostnameNode('node-x', 'zone2')) => [
  hostnameNode('node-a', 'zone1').label('foo', ''),
  hostnameNode('node-b', 'zone1').label('foo', ''),
  nodeX,
];
const twoZones = { zone1: 0, zone2: 0 };

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go, TestPreScoreStateEmptyNodes.
const preScoreStateCases: (PreScoreCase & { want: PreScoreStateView })[] = [
  {
    name: 'normal case',
    pod: makePod('p')
      .label('foo', '')
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector),
    nodes: threeZonedHosts(),
    args: listArgs(),
    want: {
      constraints: [expectedConstraint(1, 'zone', fooSelector), expectedConstraint(1, HOSTNAME, fooSelector)],
      ignoredNodes: [],
      topologyValueToPodCounts: [twoZones, {}],
      topologyNormalizingWeight: [weight(2), weight(3)],
    },
  },
  {
    name: 'null selector',
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'ScheduleAnyway', undefined),
    nodes: threeZonedHosts(),
    args: listArgs(),
    want: {
      constraints: [expectedConstraint(1, 'zone', undefined)],
      ignoredNodes: [],
      topologyValueToPodCounts: [twoZones],
      topologyNormalizingWeight: [weight(2)],
    },
  },
  {
    name: "node-x doesn't have label zone",
    pod: makePod('p')
      .label('foo', '')
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', barSelector),
    nodes: threeZonedHosts(hostnameNode('node-x')),
    args: listArgs(),
    want: {
      constraints: [expectedConstraint(1, 'zone', fooSelector), expectedConstraint(1, HOSTNAME, barSelector)],
      ignoredNodes: ['node-x'],
      topologyValueToPodCounts: [{ zone1: 0 }, {}],
      topologyNormalizingWeight: [weight(1), weight(2)],
    },
  },
  {
    name: 'system default constraints and a replicaset',
    pod: makePod('p').labels({ foo: 'tar', baz: 'sup' }).owner('ReplicaSet', 'rs1'),
    args: systemArgs,
    nodes: [
      makeNode('node-a').label(HOSTNAME, 'node-a').label(ZONE, 'mars'),
      makeNode('node-b').label(HOSTNAME, 'node-b').label(ZONE, 'mars'),
      // Nodes with no zone are not excluded. They are considered a separate zone.
      makeNode('node-c').label(HOSTNAME, 'node-c'),
      makeNode('node-d').label(HOSTNAME, 'node-d'),
    ],
    replicaSets: [replicaSet('rs1', fooSelector)],
    want: {
      constraints: [expectedConstraint(3, HOSTNAME, fooSelector), expectedConstraint(5, ZONE, fooSelector)],
      ignoredNodes: [],
      topologyValueToPodCounts: [{}, { mars: 0, '': 0 }],
      topologyNormalizingWeight: [weight(4), weight(2)],
    },
  },
  {
    name: 'default constraints and a replicaset',
    pod: makePod('p').labels({ foo: 'tar', baz: 'sup' }).owner('ReplicaSet', 'rs1'),
    args: listArgs([
      { maxSkew: 1, topologyKey: HOSTNAME, whenUnsatisfiable: 'ScheduleAnyway' },
      { maxSkew: 2, topologyKey: 'rack', whenUnsatisfiable: 'DoNotSchedule' },
      { maxSkew: 2, topologyKey: 'planet', whenUnsatisfiable: 'ScheduleAnyway' },
    ]),
    nodes: [makeNode('node-a').label('rack', 'rack1').label(HOSTNAME, 'node-a').label('planet', 'mars')],
    replicaSets: [replicaSet('rs1', fooSelector)],
    want: {
      constraints: [expectedConstraint(1, HOSTNAME, fooSelector), expectedConstraint(2, 'planet', fooSelector)],
      ignoredNodes: [],
      topologyValueToPodCounts: [{}, { mars: 0 }],
      topologyNormalizingWeight: [weight(1), weight(1)],
    },
  },
  {
    name: 'default constraints and a replicaset, but pod has constraints',
    pod: makePod('p')
      .labels({ foo: 'bar', baz: 'sup' })
      .owner('ReplicaSet', 'rs1')
      .spreadConstraint(1, 'zone', 'DoNotSchedule', barSelector)
      .spreadConstraint(2, 'planet', 'ScheduleAnyway', { matchLabels: { baz: 'sup' } }),
    args: listArgs([{ maxSkew: 2, topologyKey: 'galaxy', whenUnsatisfiable: 'ScheduleAnyway' }]),
    nodes: [makeNode('node-a').label('planet', 'mars').label('galaxy', 'andromeda')],
    replicaSets: [replicaSet('rs1', fooSelector)],
    want: {
      constraints: [expectedConstraint(2, 'planet', { matchLabels: { baz: 'sup' } })],
      ignoredNodes: [],
      topologyValueToPodCounts: [{ mars: 0 }],
      topologyNormalizingWeight: [weight(1)],
    },
  },
  ...(
    [
      ['NodeAffinityPolicy honored with labelSelectors', makePod('p').label('foo', '').nodeSelector({ foo: '' }), {}],
      ['NodeAffinityPolicy ignored with labelSelectors', makePod('p').label('foo', '').nodeSelector({ foo: '' }), ignoreAffinity],
      ['NodeAffinityPolicy honored with nodeAffinity', makePod('p').label('foo', '').nodeAffinityIn('foo', ['']), {}],
      ['NodeAffinityPolicy ignored with nodeAffinity', makePod('p').label('foo', '').nodeAffinityIn('foo', ['']), ignoreAffinity],
    ] as const
  ).map(([name, pod, policy]) => ({
    name,
    pod: pod.spreadConstraint(1, 'zone', 'ScheduleAnyway', barSelector, policy),
    nodes: fooNodes(),
    args: listArgs(),
    want: {
      constraints: [expectedConstraint(1, 'zone', barSelector, policy)],
      ignoredNodes: [],
      topologyValueToPodCounts: [twoZones],
      topologyNormalizingWeight: [weight(2)],
    },
  })),
  ...(
    [
      ['NodeTaintsPolicy honored', honorTaints],
      ['NodeTaintsPolicy ignored', {}],
    ] as const
  ).map(([name, policy]) => ({
    name,
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'ScheduleAnyway', barSelector, policy),
    nodes: fooNodes(taint(hostnameNode('node-x', 'zone2'))),
    args: listArgs(),
    want: {
      constraints: [expectedConstraint(1, 'zone', barSelector, policy)],
      ignoredNodes: [],
      topologyValueToPodCounts: [twoZones],
      topologyNormalizingWeight: [weight(2)],
    },
  })),
];

describe('PodTopologySpread PreScore Skip (upstream TestPreScoreSkip)', () => {
  it.each(preScoreSkipCases)('$name', (testCase) => {
    const { status, state } = runPreScore(testCase);
    expect(status?.code).toBe(Code.Skip);
    expect(state).toBeUndefined();
  });

  it('skips an empty cluster, as upstream does before looking at constraints', () => {
    const { status } = runPreScore({
      name: 'no nodes',
      pod: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector),
      nodes: [],
      args: listArgs(),
    });
    expect(status?.code).toBe(Code.Skip);
  });
});

describe('PodTopologySpread PreScore state (upstream TestPreScoreStateEmptyNodes)', () => {
  it.each(preScoreStateCases)('$name', (testCase) => {
    const { status, state } = runPreScore(testCase);
    expect(status).toBeNull();
    expect(preScoreStateView(state!)).toEqual(testCase.want);
  });
});

interface ScoreCase {
  name: string;
  pod: PodBuilder;
  existingPods?: (PodBuilder | V1Pod)[];
  /** The feasible nodes, scored. */
  nodes: NodeBuilder[];
  /** Nodes that failed filtering: in the snapshot, not scored. */
  failedNodes?: NodeBuilder[];
  services?: V1Service[];
  want: Record<string, number>;
}

const onNodes = (spread: Record<string, number>, labels: Record<string, string> = { foo: '' }) =>
  Object.entries(spread).flatMap(([node, count]) =>
    Array.from({ length: count }, (_, index) => podOn(`p-${node.slice(-1)}${index + 1}`, node, labels)),
  );
const hostnames = (...names: string[]) => names.map((name) => hostnameNode(name));
const nodeLabelled = (...names: string[]) => names.map((name) => makeNode(name).label('node', name));
const hostnameSpread = (maxSkew: number, selector = fooSelector) =>
  makePod('p').label('foo', '').spreadConstraint(maxSkew, HOSTNAME, 'ScheduleAnyway', selector);
const withLabels = (pods: [string, string, Record<string, string>][]) => pods.map(([name, node, labels]) => podOn(name, node, labels));
const fourThreeTwoOne = () => onNodes({ 'node-a': 4, 'node-b': 3, 'node-c': 2, 'node-d': 1 });
const twoOneZeroThree = () => onNodes({ 'node-a': 2, 'node-b': 1, 'node-d': 3 });
const fourTwoOneThree = () => onNodes({ 'node-a': 4, 'node-b': 2, 'node-x': 1, 'node-y': 3 });
const inclusionPods = () => onNodes({ 'node-a': 2, 'node-b': 1, 'node-c': 1 });
const fooLabelledNodes = (nodeC: NodeBuilder = makeNode('node-c').label('node', 'node-c')) => [
  makeNode('node-a').label('node', 'node-a').label('foo', ''),
  makeNode('node-b').label('node', 'node-b').label('foo', ''),
  nodeC,
];
const zoneAndHostnameNodes = (...spec: [string, string][]) => spec.map(([name, zone]) => hostnameNode(name, zone));
const differentSelectors = () =>
  makePod('p')
    .labels({ foo: '', bar: '' })
    .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
    .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', barSelector);

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go, TestPodTopologySpreadScore.
// The plugin runs with DefaultingType System, as there; scores are after NormalizeScore.
// Legend (upstream's): X/Y — matching pods on candidate nodes; X/~Y~ — the second node is not a candidate;
// X/?Y? — a candidate missing a topology key.
const scoreCases: ScoreCase[] = [
  {
    name: 'one constraint on node, no existing pods',
    pod: hostnameSpread(1),
    nodes: hostnames('node-a', 'node-b'),
    want: { 'node-a': 100, 'node-b': 100 },
  },
  {
    // if there is only one candidate node, it should be scored to 100
    name: 'one constraint on node, only one node is candidate',
    pod: hostnameSpread(1),
    existingPods: onNodes({ 'node-a': 2, 'node-b': 1 }),
    nodes: hostnames('node-a'),
    failedNodes: hostnames('node-b'),
    want: { 'node-a': 100 },
  },
  {
    name: 'one constraint on node, all nodes have the same number of matching pods',
    pod: hostnameSpread(1),
    existingPods: onNodes({ 'node-a': 1, 'node-b': 1 }),
    nodes: hostnames('node-a', 'node-b'),
    want: { 'node-a': 100, 'node-b': 100 },
  },
  {
    // matching pods spread as 2/1/0/3.
    name: 'one constraint on node, all 4 nodes are candidates',
    pod: hostnameSpread(1),
    existingPods: twoOneZeroThree(),
    nodes: hostnames('node-a', 'node-b', 'node-c', 'node-d'),
    want: { 'node-a': 20, 'node-b': 60, 'node-c': 100, 'node-d': 0 },
  },
  {
    name: 'one constraint on node, null selector',
    pod: makePod('p').label('foo', '').spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', undefined),
    existingPods: twoOneZeroThree(),
    nodes: hostnames('node-a', 'node-b', 'node-c', 'node-d'),
    want: { 'node-a': 100, 'node-b': 100, 'node-c': 100, 'node-d': 100 },
  },
  {
    name: 'one constraint on node, all 4 nodes are candidates, maxSkew=2',
    pod: hostnameSpread(2),
    existingPods: twoOneZeroThree(),
    nodes: hostnames('node-a', 'node-b', 'node-c', 'node-d'),
    want: { 'node-a': 33, 'node-b': 66, 'node-c': 100, 'node-d': 16 },
  },
  {
    name: 'one constraint on node, all 4 nodes are candidates, maxSkew=3',
    pod: hostnameSpread(3),
    existingPods: fourThreeTwoOne(),
    nodes: hostnames('node-a', 'node-b', 'node-c', 'node-d'),
    want: { 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 },
  },
  {
    name: "system defaulting, nodes don't have zone, pods match service",
    pod: makePod('p').label('foo', ''),
    existingPods: fourThreeTwoOne(),
    nodes: hostnames('node-a', 'node-b', 'node-c', 'node-d'),
    services: [service({ foo: '' })],
    // Same scores as if we were using one spreading constraint.
    want: { 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 },
  },
  {
    // matching pods spread as 4/2/1/~3~ (node4 is not a candidate)
    name: 'one constraint on node, 3 out of 4 nodes are candidates',
    pod: hostnameSpread(1),
    existingPods: fourTwoOneThree(),
    nodes: hostnames('node-a', 'node-b', 'node-x'),
    failedNodes: hostnames('node-y'),
    want: { 'node-a': 33, 'node-b': 83, 'node-x': 100 },
  },
  {
    // matching pods spread as 4/?2?/1/~3~, total = 4+?+1 = 5 (as node2 is problematic)
    name: "one constraint on node, 3 out of 4 nodes are candidates, one node doesn't match topology key",
    pod: hostnameSpread(1),
    existingPods: fourTwoOneThree(),
    nodes: [hostnameNode('node-a'), makeNode('node-b').label('n', 'node-b'), hostnameNode('node-x')],
    failedNodes: hostnames('node-y'),
    want: { 'node-a': 16, 'node-b': 0, 'node-x': 100 },
  },
  {
    // matching pods spread as 4/2/1/~3~
    name: 'one constraint on zone, 3 out of 4 nodes are candidates',
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector),
    existingPods: fourTwoOneThree(),
    nodes: zoneAndHostnameNodes(['node-a', 'zone1'], ['node-b', 'zone1'], ['node-x', 'zone2']),
    failedNodes: zoneAndHostnameNodes(['node-y', 'zone2']),
    want: { 'node-a': 75, 'node-b': 75, 'node-x': 100 },
  },
  {
    // matching pods spread as 2/~1~/2/~4~.
    name: 'two Constraints on zone and node, 2 out of 4 nodes are candidates',
    pod: makePod('p')
      .label('foo', '')
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector),
    existingPods: onNodes({ 'node-a': 2, 'node-b': 1, 'node-x': 2, 'node-y': 4 }),
    nodes: zoneAndHostnameNodes(['node-a', 'zone1'], ['node-x', 'zone2']),
    failedNodes: zoneAndHostnameNodes(['node-b', 'zone1'], ['node-y', 'zone2']),
    want: { 'node-a': 100, 'node-x': 63 },
  },
  {
    name: 'two Constraints on zone, 2 out of 4 nodes are candidates',
    pod: makePod('p')
      .labels({ foo: '', bar: '' })
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', barSelector),
    existingPods: withLabels([
      ['p-a1', 'node-a', { foo: '', bar: '' }],
      ['p-a2', 'node-a', { foo: '' }],
      ['p-b1', 'node-b', { foo: '', bar: '' }],
      ['p-y1', 'node-y', { foo: '' }],
      ['p-y2', 'node-y', { foo: '', bar: '' }],
      ['p-y3', 'node-y', { foo: '' }],
    ]),
    nodes: [makeNode('node-a').label('zone', 'zone1'), makeNode('node-x').label('zone', 'zone2')],
    failedNodes: [makeNode('node-b').label('zone', 'zone1'), makeNode('node-y').label('zone', 'zone2')],
    want: { 'node-a': 85, 'node-x': 100 },
  },
  {
    // For the first constraint (zone): the matching pods spread as 2/2/1/1
    // For the second constraint (node): the matching pods spread as 0/1/0/1
    name: 'two Constraints on zone and node, with different labelSelectors',
    pod: differentSelectors(),
    existingPods: withLabels([
      ['p-a1', 'node-a', { foo: '' }],
      ['p-b1', 'node-b', { foo: '', bar: '' }],
      ['p-y1', 'node-y', { foo: '' }],
      ['p-y2', 'node-y', { bar: '' }],
    ]),
    nodes: zoneAndHostnameNodes(['node-a', 'zone1'], ['node-b', 'zone1'], ['node-x', 'zone2'], ['node-y', 'zone2']),
    want: { 'node-a': 60, 'node-b': 20, 'node-x': 100, 'node-y': 60 },
  },
  {
    // For the first constraint (zone): the matching pods spread as 0/0/2/2
    // For the second constraint (node): the matching pods spread as 0/1/0/1
    name: 'two Constraints on zone and node, with different labelSelectors, some nodes have 0 pods',
    pod: differentSelectors(),
    existingPods: withLabels([
      ['p-b1', 'node-b', { bar: '' }],
      ['p-x1', 'node-x', { foo: '' }],
      ['p-y1', 'node-y', { foo: '', bar: '' }],
    ]),
    nodes: zoneAndHostnameNodes(['node-a', 'zone1'], ['node-b', 'zone1'], ['node-x', 'zone2'], ['node-y', 'zone2']),
    want: { 'node-a': 100, 'node-b': 60, 'node-x': 40, 'node-y': 0 },
  },
  {
    // For the first constraint (zone): the matching pods spread as 2/2/1/~1~
    // For the second constraint (node): the matching pods spread as 0/1/0/~1~
    name: 'two Constraints on zone and node, with different labelSelectors, 3 out of 4 nodes are candidates',
    pod: differentSelectors(),
    existingPods: withLabels([
      ['p-a1', 'node-a', { foo: '' }],
      ['p-b1', 'node-b', { foo: '', bar: '' }],
      ['p-y1', 'node-y', { foo: '' }],
      ['p-y2', 'node-y', { bar: '' }],
    ]),
    nodes: zoneAndHostnameNodes(['node-a', 'zone1'], ['node-b', 'zone1'], ['node-x', 'zone2']),
    failedNodes: zoneAndHostnameNodes(['node-y', 'zone2']),
    want: { 'node-a': 50, 'node-b': 25, 'node-x': 100 },
  },
  {
    name: 'existing pods in a different namespace do not count',
    pod: hostnameSpread(1),
    existingPods: [podOn('p-a1', 'node-a').namespace('ns1'), podOn('p-a2', 'node-a'), podOn('p-b1', 'node-b'), podOn('p-b2', 'node-b')],
    nodes: hostnames('node-a', 'node-b'),
    want: { 'node-a': 100, 'node-b': 33 },
  },
  {
    name: 'terminating Pods should be excluded',
    pod: hostnameSpread(1),
    existingPods: [terminating(podOn('p-a', 'node-a')), podOn('p-b', 'node-b')],
    nodes: hostnames('node-a', 'node-b'),
    want: { 'node-a': 100, 'node-b': 0 },
  },
  {
    // This test is artificial. In the real world, API Server would fail a pod's creation
    // when non-default minDomains is specified along with SchedulingAnyway.
    name: 'minDomains has no effect when ScheduleAnyway',
    pod: makePod('p').label('foo', '').spreadConstraint(2, 'node', 'ScheduleAnyway', fooSelector, { minDomains: 10 }),
    existingPods: onNodes({ 'node-a': 2, 'node-b': 2, 'node-c': 1 }),
    nodes: nodeLabelled('node-a', 'node-b', 'node-c'),
    want: { 'node-a': 75, 'node-b': 75, 'node-c': 100 },
  },
  {
    name: 'NodeAffinityPolicy honoed with labelSelectors',
    pod: makePod('p').label('foo', '').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector),
    existingPods: inclusionPods(),
    nodes: fooLabelledNodes(),
    want: { 'node-a': 0, 'node-b': 33, 'node-c': 100 },
  },
  {
    name: 'NodeAffinityPolicy ignored with labelSelectors',
    pod: makePod('p').label('foo', '').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector, ignoreAffinity),
    existingPods: inclusionPods(),
    nodes: fooLabelledNodes(),
    want: { 'node-a': 66, 'node-b': 100, 'node-c': 100 },
  },
  {
    name: 'NodeAffinityPolicy honoed with nodeAffinity',
    pod: makePod('p').label('foo', '').nodeAffinityIn('foo', ['']).spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector),
    existingPods: inclusionPods(),
    nodes: fooLabelledNodes(),
    want: { 'node-a': 0, 'node-b': 33, 'node-c': 100 },
  },
  {
    name: 'NodeAffinityPolicy ignored with nodeAffinity',
    pod: makePod('p').label('foo', '').nodeAffinityIn('foo', ['']).spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector, ignoreAffinity),
    existingPods: inclusionPods(),
    nodes: fooLabelledNodes(),
    want: { 'node-a': 66, 'node-b': 100, 'node-c': 100 },
  },
  {
    name: 'NodeTaintsPolicy honored',
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector, honorTaints),
    existingPods: inclusionPods(),
    nodes: [...nodeLabelled('node-a', 'node-b'), taint(makeNode('node-c').label('node', 'node-c'))],
    want: { 'node-a': 0, 'node-b': 33, 'node-c': 100 },
  },
  {
    name: 'NodeTaintsPolicy ignored',
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector),
    existingPods: inclusionPods(),
    nodes: [...nodeLabelled('node-a', 'node-b'), taint(makeNode('node-c').label('node', 'node-c'))],
    want: { 'node-a': 66, 'node-b': 100, 'node-c': 100 },
  },
  {
    name: 'matchLabelKeys ANDed with LabelSelector when LabelSelector is empty',
    pod: makePod('p')
      .labels({ foo: '', bar: '' })
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', {}, { matchLabelKeys: ['foo'] })
      .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', {}, { matchLabelKeys: ['bar'] }),
    existingPods: withLabels([
      ['p-a1', 'node-a', { foo: '' }],
      ['p-b1', 'node-b', { foo: '', bar: '' }],
      ['p-y1', 'node-c', { foo: '' }],
      ['p-y2', 'node-c', { bar: '' }],
    ]),
    nodes: zoneAndHostnameNodes(['node-a', 'zone1'], ['node-b', 'zone1'], ['node-c', 'zone2'], ['node-d', 'zone2']),
    want: { 'node-a': 60, 'node-b': 20, 'node-c': 60, 'node-d': 100 },
  },
  {
    name: "matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty",
    pod: makePod('p')
      .labels({ foo: '', bar: '', baz: '' })
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', barSelector, { matchLabelKeys: ['baz'] }),
    existingPods: withLabels([
      ['p-a1', 'node-a', { foo: '' }],
      ['p-b1', 'node-b', { foo: '', bar: '', baz: '' }],
      ['p-c1', 'node-c', { foo: '' }],
      ['p-c2', 'node-c', { bar: '' }],
      ['p-d3', 'node-c', { bar: '', baz: '' }],
    ]),
    nodes: zoneAndHostnameNodes(['node-a', 'zone1'], ['node-b', 'zone1'], ['node-c', 'zone2'], ['node-d', 'zone2']),
    want: { 'node-a': 60, 'node-b': 20, 'node-c': 60, 'node-d': 100 },
  },
];

describe('PodTopologySpread Score and NormalizeScore (upstream TestPodTopologySpreadScore)', () => {
  it.each(scoreCases)('$name', (testCase) => {
    const feasible = testCase.nodes.map((node) => node.obj());
    const cluster = clusterOf(
      [...feasible, ...(testCase.failedNodes ?? []).map((node) => node.obj())],
      (testCase.existingPods ?? []).map((pod) => ('obj' in pod ? pod.obj() : pod)),
      { services: testCase.services ?? [] },
    );
    const run = runScorePlugin(podTopologySpread(systemArgs), testCase.pod.obj(), cluster, feasible.map((node) => node.metadata!.name!));
    expect(run.preScore).toBeNull();
    expect(run.normalized).toEqual(testCase.want);
    // The plan scores every node at once by position (scoring-by-position.ts): the same numbers, in any node order,
    // with the label index's counts or counted node by node.
    const names = feasible.map((node) => node.metadata!.name!);
    const rotated = [...names.slice(1), ...names.slice(0, 1)];
    const plugin = podTopologySpread(systemArgs) as unknown as PreScorePlugin & ScorePlugin;
    for (const order of [names, rotated]) {
      for (const labelIndex of [true, false]) {
        expect(scoreByPosition(plugin, testCase.pod.obj(), cluster, order, { labelIndex })).toEqual({ raw: run.raw, normalized: run.normalized });
      }
    }
  });
});
