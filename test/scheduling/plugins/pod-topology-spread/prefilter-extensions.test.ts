import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { clusterOf, makePod, type NodeBuilder, type PodBuilder } from '../../../support/builders.js';
import {
  barSelector,
  expectedConstraint,
  fooSelector,
  nodeAffinityNotIn,
  normalizedStateView,
  podOn,
  runPreFilter,
  stateView,
  tolerating,
  UNSCHEDULABLE_TAINT_KEY,
  zonedNode,
  type StateView,
} from './support.js';

const nodeConstraint = expectedConstraint(1, 'node', fooSelector);
const zoneConstraint = expectedConstraint(1, 'zone', fooSelector);
const MAX_INT32 = 2147483647;

interface ExtensionCase {
  name: string;
  preemptor: PodBuilder;
  existingPods: PodBuilder[];
  /** The pod added to (or removed from) the PreFilter state. */
  pod: PodBuilder;
  /** Which node the pod is added to / removed from. */
  nodeIdx: number;
  nodes: NodeBuilder[];
  want: StateView;
}

/** Runs PreFilter on the snapshot, then AddPod / RemovePod with `node`'s NodeInfo, as the upstream tests do. */
function runExtension(testCase: ExtensionCase, extension: 'addPod' | 'removePod'): StateView {
  const cluster = clusterOf(
    testCase.nodes.map((node) => node.obj()),
    testCase.existingPods.map((pod): V1Pod => pod.obj()),
  );
  const run = runPreFilter(testCase.preemptor.obj(), cluster);
  expect(run.status).toBeNull();
  const node = cluster.node(testCase.nodes[testCase.nodeIdx].node.metadata!.name!)!;
  run.plugin[extension]!(run.cycleState, run.pod, buildPodInfo(testCase.pod.obj()), node, cluster);
  return stateView(run.state!);
}

const affinityNodes = () => [
  zonedNode('node-a', 'zone1').label('foo', 'bar'),
  zonedNode('node-b', 'zone2').label('foo', ''),
];
const taintedNodes = () => [
  zonedNode('node-a', 'zone1').taint(UNSCHEDULABLE_TAINT_KEY, '', 'NoSchedule'),
  zonedNode('node-b', 'zone2'),
];
const zonedPods = (pods: [string, string, string][], labels: Record<string, string> = { foo: '' }) =>
  pods.map(([name, node, zone]) => podOn(name, node, { ...labels, zone }));

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go, TestPreFilterStateAddPod.
// The "NodeInclusionPolicy disabled" cases expect the same state as with the (default-on) gate we emulate.
const addPodCases: ExtensionCase[] = [
  {
    name: 'node a and b both impact current min match',
    preemptor: makePod('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    pod: podOn('p-a1', 'node-a'),
    existingPods: [],
    nodeIdx: 0,
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-b', 'zone1')],
    want: { constraints: [nodeConstraint], criticalPaths: [[['node-b', 0], ['node-a', 1]]], tpValueToMatchNum: [{ 'node-a': 1, 'node-b': 0 }] },
  },
  {
    name: 'only node a impacts current min match',
    preemptor: makePod('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    pod: podOn('p-a1', 'node-a'),
    existingPods: [podOn('p-b1', 'node-b')],
    nodeIdx: 0,
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-b', 'zone1')],
    want: { constraints: [nodeConstraint], criticalPaths: [[['node-a', 1], ['node-b', 1]]], tpValueToMatchNum: [{ 'node-a': 1, 'node-b': 1 }] },
  },
  {
    name: "add a pod in a different namespace doesn't change topologyKeyToMinPodsMap",
    preemptor: makePod('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    pod: podOn('p-a1', 'node-a').namespace('ns1'),
    existingPods: [podOn('p-b1', 'node-b')],
    nodeIdx: 0,
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-b', 'zone1')],
    want: { constraints: [nodeConstraint], criticalPaths: [[['node-a', 0], ['node-b', 1]]], tpValueToMatchNum: [{ 'node-a': 0, 'node-b': 1 }] },
  },
  {
    name: "add pod on non-critical node won't trigger re-calculation",
    preemptor: makePod('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    pod: podOn('p-b2', 'node-b'),
    existingPods: [podOn('p-b1', 'node-b')],
    nodeIdx: 1,
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-b', 'zone1')],
    want: { constraints: [nodeConstraint], criticalPaths: [[['node-a', 0], ['node-b', 2]]], tpValueToMatchNum: [{ 'node-a': 0, 'node-b': 2 }] },
  },
  {
    name: 'node a and x both impact topologyKeyToMinPodsMap on zone and node',
    preemptor: makePod('p')
      .label('foo', '')
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    pod: podOn('p-a1', 'node-a'),
    existingPods: [],
    nodeIdx: 0,
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-x', 'zone2')],
    want: {
      constraints: [zoneConstraint, nodeConstraint],
      criticalPaths: [
        [['zone2', 0], ['zone1', 1]],
        [['node-x', 0], ['node-a', 1]],
      ],
      tpValueToMatchNum: [
        { zone1: 1, zone2: 0 },
        { 'node-a': 1, 'node-x': 0 },
      ],
    },
  },
  {
    name: 'only node a impacts topologyKeyToMinPodsMap on zone and node',
    preemptor: makePod('p')
      .label('foo', '')
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    pod: podOn('p-a1', 'node-a'),
    existingPods: [podOn('p-x1', 'node-x')],
    nodeIdx: 0,
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-x', 'zone2')],
    want: {
      constraints: [zoneConstraint, nodeConstraint],
      criticalPaths: [
        [['zone1', 1], ['zone2', 1]],
        [['node-a', 1], ['node-x', 1]],
      ],
      tpValueToMatchNum: [
        { zone1: 1, zone2: 1 },
        { 'node-a': 1, 'node-x': 1 },
      ],
    },
  },
  {
    name: 'node a impacts topologyKeyToMinPodsMap on node, node x impacts topologyKeyToMinPodsMap on zone',
    preemptor: makePod('p')
      .label('foo', '')
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    pod: podOn('p-a1', 'node-a'),
    existingPods: [podOn('p-b1', 'node-b'), podOn('p-b2', 'node-b'), podOn('p-x1', 'node-x')],
    nodeIdx: 0,
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-b', 'zone1'), zonedNode('node-x', 'zone2')],
    want: {
      constraints: [zoneConstraint, nodeConstraint],
      criticalPaths: [
        [['zone2', 1], ['zone1', 3]],
        [['node-a', 1], ['node-x', 1]],
      ],
      tpValueToMatchNum: [
        { zone1: 3, zone2: 1 },
        { 'node-a': 1, 'node-b': 2, 'node-x': 1 },
      ],
    },
  },
  {
    name: 'Constraints hold different labelSelectors, node a impacts topologyKeyToMinPodsMap on zone',
    preemptor: makePod('p')
      .labels({ foo: '', bar: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector),
    pod: podOn('p-a1', 'node-a'),
    existingPods: [podOn('p-b1', 'node-b', { foo: '', bar: '' }), podOn('p-x1', 'node-x', { foo: '', bar: '' }), podOn('p-x2', 'node-x', { bar: '' })],
    nodeIdx: 0,
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-b', 'zone1'), zonedNode('node-x', 'zone2')],
    want: {
      constraints: [zoneConstraint, expectedConstraint(1, 'node', barSelector)],
      criticalPaths: [
        [['zone2', 1], ['zone1', 2]],
        [['node-a', 0], ['node-b', 1]],
      ],
      tpValueToMatchNum: [
        { zone1: 2, zone2: 1 },
        { 'node-a': 0, 'node-b': 1, 'node-x': 2 },
      ],
    },
  },
  {
    name: 'Constraints hold different labelSelectors, node a impacts topologyKeyToMinPodsMap on both zone and node',
    preemptor: makePod('p')
      .labels({ foo: '', bar: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector),
    pod: podOn('p-a1', 'node-a', { foo: '', bar: '' }),
    existingPods: [podOn('p-b1', 'node-b', { bar: '' }), podOn('p-x1', 'node-x', { foo: '', bar: '' }), podOn('p-x2', 'node-x', { bar: '' })],
    nodeIdx: 0,
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-b', 'zone1'), zonedNode('node-x', 'zone2')],
    want: {
      constraints: [zoneConstraint, expectedConstraint(1, 'node', barSelector)],
      criticalPaths: [
        [['zone1', 1], ['zone2', 1]],
        [['node-a', 1], ['node-b', 1]],
      ],
      tpValueToMatchNum: [
        { zone1: 1, zone2: 1 },
        { 'node-a': 1, 'node-b': 1, 'node-x': 2 },
      ],
    },
  },
  ...(['disabled', 'enabled'] as const).map(
    (gate): ExtensionCase => ({
      name: `add a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy ${gate}`,
      preemptor: nodeAffinityNotIn(makePod('p').label('foo', ''), 'foo', ['bar']).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
      nodeIdx: 0,
      pod: podOn('p-a1', 'node-a', { foo: '', zone: 'zone1' }),
      existingPods: zonedPods([
        ['p-a2', 'node-a', 'zone1'],
        ['p-b1', 'node-b', 'zone2'],
      ]),
      nodes: affinityNodes(),
      want: { constraints: [zoneConstraint], criticalPaths: [[['zone2', 1], ['', MAX_INT32]]], tpValueToMatchNum: [{ zone2: 1 }] },
    }),
  ),
  ...(['disabled', 'enabled'] as const).map(
    (gate): ExtensionCase => ({
      name: `add a pod when scheduling node affinity matched pod with NodeInclusionPolicy ${gate}`,
      preemptor: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
      nodeIdx: 1,
      pod: podOn('p-b1', 'node-b', { foo: '', zone: 'zone2' }),
      existingPods: zonedPods([
        ['p-a1', 'node-a', 'zone1'],
        ['p-b2', 'node-b', 'zone2'],
      ]),
      nodes: affinityNodes(),
      want: { constraints: [zoneConstraint], criticalPaths: [[['zone1', 1], ['zone2', 2]]], tpValueToMatchNum: [{ zone1: 1, zone2: 2 }] },
    }),
  ),
  {
    name: 'add a label selector not matched pod when with NodeInclusionPolicy enabled',
    preemptor: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
    nodeIdx: 1,
    pod: podOn('p-b1', 'node-b', { zone: 'zone2' }),
    existingPods: zonedPods([
      ['p-a1', 'node-a', 'zone1'],
      ['p-b2', 'node-b', 'zone2'],
    ]),
    nodes: affinityNodes(),
    want: { constraints: [zoneConstraint], criticalPaths: [[['zone1', 1], ['zone2', 1]]], tpValueToMatchNum: [{ zone1: 1, zone2: 1 }] },
  },
  {
    name: 'add a pod when scheduling taint untolerated pod with NodeInclusionPolicy disabled',
    preemptor: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
    nodeIdx: 1,
    pod: podOn('p-b1', 'node-b', { foo: '', zone: 'zone2' }),
    existingPods: zonedPods([
      ['p-a1', 'node-a', 'zone1'],
      ['p-b2', 'node-b', 'zone2'],
    ]),
    nodes: taintedNodes(),
    want: { constraints: [zoneConstraint], criticalPaths: [[['zone1', 1], ['zone2', 2]]], tpValueToMatchNum: [{ zone2: 2, zone1: 1 }] },
  },
  {
    name: 'add a pod when scheduling taint tolerated pod with NodeInclusionPolicy enabled',
    preemptor: tolerating(makePod('p').label('foo', ''), UNSCHEDULABLE_TAINT_KEY).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
    nodeIdx: 1,
    pod: podOn('p-b1', 'node-b', { foo: '', zone: 'zone2' }),
    existingPods: zonedPods([
      ['p-a1', 'node-a', 'zone1'],
      ['p-b2', 'node-b', 'zone2'],
    ]),
    nodes: taintedNodes(),
    want: { constraints: [zoneConstraint], criticalPaths: [[['zone1', 1], ['zone2', 2]]], tpValueToMatchNum: [{ zone2: 2, zone1: 1 }] },
  },
];

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go, TestPreFilterStateRemovePod.
// Upstream removes existingPods[deletedPodIdx] whenever that index is in range, and deletedPodIdx defaults to 0: its
// NodeInclusionPolicy cases therefore remove existingPods[0] (with the node at nodeIdx), not `deletedPod`. `pod`
// below is the pod upstream actually removes.
const removePodCases: ExtensionCase[] = [
  {
    name: 'one spreadConstraint on zone, topologyKeyToMinPodsMap unchanged',
    preemptor: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-b', 'zone1'), zonedNode('node-x', 'zone2')],
    existingPods: [podOn('p-a1', 'node-a'), podOn('p-b1', 'node-b'), podOn('p-x1', 'node-x')],
    pod: podOn('p-a1', 'node-a'),
    nodeIdx: 0,
    want: { constraints: [zoneConstraint], criticalPaths: [[['zone1', 1], ['zone2', 1]]], tpValueToMatchNum: [{ zone1: 1, zone2: 1 }] },
  },
  {
    name: 'one spreadConstraint on node, topologyKeyToMinPodsMap changed',
    preemptor: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-b', 'zone1'), zonedNode('node-x', 'zone2'), zonedNode('node-y', 'zone2')],
    existingPods: [podOn('p-a1', 'node-a'), podOn('p-b1', 'node-b'), podOn('p-x1', 'node-x'), podOn('p-y1', 'node-y')],
    pod: podOn('p-a1', 'node-a'),
    nodeIdx: 0,
    want: { constraints: [zoneConstraint], criticalPaths: [[['zone1', 1], ['zone2', 2]]], tpValueToMatchNum: [{ zone1: 1, zone2: 2 }] },
  },
  {
    name: "delete an irrelevant pod won't help",
    preemptor: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-b', 'zone1'), zonedNode('node-x', 'zone2'), zonedNode('node-y', 'zone2')],
    existingPods: [
      podOn('p-a0', 'node-a', { bar: '' }),
      podOn('p-a1', 'node-a'),
      podOn('p-b1', 'node-b'),
      podOn('p-x1', 'node-x'),
      podOn('p-y1', 'node-y'),
    ],
    pod: podOn('p-a0', 'node-a', { bar: '' }),
    nodeIdx: 0,
    want: { constraints: [zoneConstraint], criticalPaths: [[['zone1', 2], ['zone2', 2]]], tpValueToMatchNum: [{ zone1: 2, zone2: 2 }] },
  },
  {
    name: "delete a non-existing pod won't help",
    preemptor: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-b', 'zone1'), zonedNode('node-x', 'zone2'), zonedNode('node-y', 'zone2')],
    existingPods: [podOn('p-a1', 'node-a'), podOn('p-b1', 'node-b'), podOn('p-x1', 'node-x'), podOn('p-y1', 'node-y')],
    pod: podOn('p-a0', 'node-a', { bar: '' }),
    nodeIdx: 0,
    want: { constraints: [zoneConstraint], criticalPaths: [[['zone1', 2], ['zone2', 2]]], tpValueToMatchNum: [{ zone1: 2, zone2: 2 }] },
  },
  {
    name: 'two spreadConstraints',
    preemptor: makePod('p')
      .label('foo', '')
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-b', 'zone1'), zonedNode('node-x', 'zone2')],
    existingPods: [
      podOn('p-a1', 'node-a'),
      podOn('p-a2', 'node-a'),
      podOn('p-b1', 'node-b'),
      podOn('p-x1', 'node-x'),
      podOn('p-x2', 'node-x'),
    ],
    pod: podOn('p-x1', 'node-x'),
    nodeIdx: 2,
    want: {
      constraints: [zoneConstraint, nodeConstraint],
      criticalPaths: [
        [['zone2', 1], ['zone1', 3]],
        [['node-b', 1], ['node-x', 1]],
      ],
      tpValueToMatchNum: [
        { zone1: 3, zone2: 1 },
        { 'node-a': 2, 'node-b': 1, 'node-x': 1 },
      ],
    },
  },
  ...(['disabled', 'enabled'] as const).map(
    (gate): ExtensionCase => ({
      name: `remove a pod when scheduling node affinity unmatched pod with NodeInclusionPolicy ${gate}`,
      preemptor: nodeAffinityNotIn(makePod('p').label('foo', ''), 'foo', ['bar']).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
      nodeIdx: 0,
      existingPods: zonedPods([
        ['p-a2', 'node-a', 'zone1'],
        ['p-b1', 'node-b', 'zone2'],
      ]),
      pod: podOn('p-a2', 'node-a', { foo: '', zone: 'zone1' }),
      nodes: affinityNodes(),
      want: { constraints: [zoneConstraint], criticalPaths: [[['zone2', 1], ['', MAX_INT32]]], tpValueToMatchNum: [{ zone2: 1 }] },
    }),
  ),
  ...(['disabled', 'enabled'] as const).map(
    (gate): ExtensionCase => ({
      name: `remove a pod when scheduling node affinity matched pod with NodeInclusionPolicy ${gate}`,
      preemptor: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
      nodeIdx: 1,
      existingPods: zonedPods([
        ['p-a1', 'node-a', 'zone1'],
        ['p-b2', 'node-b', 'zone2'],
      ]),
      pod: podOn('p-a1', 'node-a', { foo: '', zone: 'zone1' }),
      nodes: affinityNodes(),
      want: { constraints: [zoneConstraint], criticalPaths: [[['zone2', 0], ['zone1', 1]]], tpValueToMatchNum: [{ zone2: 0, zone1: 1 }] },
    }),
  ),
];

describe('PodTopologySpread AddPod (upstream TestPreFilterStateAddPod)', () => {
  it.each(addPodCases)('$name', (testCase) => {
    expect(runExtension(testCase, 'addPod')).toEqual(normalizedStateView(testCase.want));
  });
});

describe('PodTopologySpread RemovePod (upstream TestPreFilterStateRemovePod)', () => {
  it.each(removePodCases)('$name', (testCase) => {
    expect(runExtension(testCase, 'removePod')).toEqual(normalizedStateView(testCase.want));
  });
});

describe('PodTopologySpread PreFilter state clone', () => {
  it('gives preemption dry runs an independent copy of counts and critical paths', () => {
    const cluster = clusterOf(
      [zonedNode('node-a', 'zone1').obj(), zonedNode('node-b', 'zone2').obj()],
      [podOn('p-a1', 'node-a').obj()],
    );
    const run = runPreFilter(makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(), cluster);
    const copy = run.cycleState.clone();
    run.plugin.addPod!(copy, run.pod, buildPodInfo(podOn('p-b1', 'node-b').obj()), cluster.node('node-b')!, cluster);
    expect(stateView(run.state!).tpValueToMatchNum).toEqual([{ zone1: 1, zone2: 0 }]);
    expect(stateView(copy.read('PreFilterPodTopologySpread')).tpValueToMatchNum).toEqual([{ zone1: 1, zone2: 1 }]);
    expect(stateView(copy.read('PreFilterPodTopologySpread')).criticalPaths).toEqual([[['zone1', 1], ['zone2', 1]]]);
  });
});
