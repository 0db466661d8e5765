import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../../src/scheduling/framework/cycle-state.js';
import type { FilterPlugin } from '../../../../src/scheduling/framework/interfaces.js';
import { Code, type Status } from '../../../../src/scheduling/framework/status.js';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { podTopologySpread } from '../../../../src/scheduling/plugins/pod-topology-spread/index.js';
import {
  ErrReasonConstraintsNotMatch,
  ErrReasonNodeLabelNotMatch,
} from '../../../../src/scheduling/plugins/pod-topology-spread/reasons.js';
import { clusterOf, makeNode, makePod, type NodeBuilder, type PodBuilder } from '../../../support/builders.js';
import {
  barSelector,
  fooSelector,
  hostNode,
  nodeAffinityNotIn,
  podOn,
  runPreFilter,
  terminating,
  twoZonesFourNodes,
  UNSCHEDULABLE_TAINT_KEY,
  zonedNode,
} from './support.js';

/** Expected Filter outcome per node: Success, Unschedulable, UnschedulableAndUnresolvable. */
type Outcome = 'Success' | 'Unschedulable' | 'UnschedulableAndUnresolvable';

interface FilterCase {
  name: string;
  pod: PodBuilder;
  nodes: NodeBuilder[];
  existingPods?: (PodBuilder | V1Pod)[];
  want: Record<string, Outcome>;
}

function outcomeOf(status: Status | null): { code: Outcome; reasons: readonly string[] } {
  if (status === null) return { code: 'Success', reasons: [] };
  return { code: status.code as Outcome, reasons: status.reasons };
}

const REASON: Record<Outcome, readonly string[]> = {
  Success: [],
  Unschedulable: [ErrReasonConstraintsNotMatch],
  UnschedulableAndUnresolvable: [ErrReasonNodeLabelNotMatch],
};

function runFilter(testCase: FilterCase): Record<string, { code: Outcome; reasons: readonly string[] }> {
  const cluster = clusterOf(
    testCase.nodes.map((node) => node.obj()),
    (testCase.existingPods ?? []).map((pod) => ('obj' in pod ? pod.obj() : pod)),
  );
  const run = runPreFilter(testCase.pod.obj(), cluster);
  expect(run.status).toBeNull();
  const plugin = run.plugin as unknown as FilterPlugin;
  return Object.fromEntries(cluster.nodes.map((node) => [node.name, outcomeOf(plugin.filter(run.cycleState, run.pod, node))]));
}

function expected(want: Record<string, Outcome>): Record<string, { code: Outcome; reasons: readonly string[] }> {
  return Object.fromEntries(Object.entries(want).map(([node, code]) => [node, { code, reasons: REASON[code] }]));
}

const all = (code: Outcome, nodes = ['node-a', 'node-b', 'node-x', 'node-y']): Record<string, Outcome> =>
  Object.fromEntries(nodes.map((node) => [node, code]));
const foo = (names: [string, string][]) => names.map(([name, node]) => podOn(name, node));
const twoOneZeroThree = () =>
  foo([
    ['p-a1', 'node-a'],
    ['p-a2', 'node-a'],
    ['p-b1', 'node-b'],
    ['p-y1', 'node-y'],
    ['p-y2', 'node-y'],
    ['p-y3', 'node-y'],
  ]);
const twoTwoOne = () =>
  foo([
    ['p-a1', 'node-a'],
    ['p-a2', 'node-a'],
    ['p-b1', 'node-b'],
    ['p-b2', 'node-b'],
    ['p-c1', 'node-c'],
  ]);
const threeHosts = () => [hostNode('node-a'), hostNode('node-b'), hostNode('node-c')];
const twoOneZones = () =>
  foo([
    ['p-b1', 'node-a'],
    ['p-b2', 'node-b'],
    ['p-y1', 'node-y'],
  ]);
const inclusionNodes = (nodeY: NodeBuilder = hostNode('node-y')) => [
  hostNode('node-a').label('foo', ''),
  hostNode('node-b').label('foo', ''),
  hostNode('node-x').label('foo', ''),
  nodeY,
];
const taintedHostY = () => hostNode('node-y').taint(UNSCHEDULABLE_TAINT_KEY, '', 'NoSchedule');
const ignoreAffinity = { nodeAffinityPolicy: 'Ignore' } as const;
const honorTaints = { nodeTaintsPolicy: 'Honor' } as const;

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go, TestSingleConstraint.
// As upstream, only this plugin runs: nodes other filters would reject can still pass here.
const singleConstraintCases: FilterCase[] = [
  {
    name: 'no existing pods',
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
    nodes: twoZonesFourNodes(),
    want: all('Success'),
  },
  {
    name: "no existing pods, incoming pod doesn't match itself",
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', barSelector),
    nodes: twoZonesFourNodes(),
    want: all('Success'),
  },
  {
    name: 'existing pods in a different namespace do not count',
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
    nodes: twoZonesFourNodes(),
    existingPods: [podOn('p-a1', 'node-a').namespace('ns1'), podOn('p-b1', 'node-a').namespace('ns2'), podOn('p-x1', 'node-x'), podOn('p-y1', 'node-y')],
    want: { 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Unschedulable', 'node-y': 'Unschedulable' },
  },
  {
    name: 'existing pods do not match null selector',
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', undefined),
    nodes: twoZonesFourNodes(),
    existingPods: [podOn('p-x1', 'node-x'), podOn('p-y1', 'node-y')],
    want: all('Success'),
  },
  {
    name: 'pods spread across zones as 3/3, all nodes fit',
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
    nodes: twoZonesFourNodes(),
    existingPods: twoOneZeroThree(),
    want: all('Success'),
  },
  {
    name: "pods spread across zones as 1/2 due to absence of label 'zone' on node-b",
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
    nodes: [
      zonedNode('node-a', 'zone1'),
      makeNode('node-b').label('zon', 'zone1').label('node', 'node-b'),
      zonedNode('node-x', 'zone2'),
      zonedNode('node-y', 'zone2'),
    ],
    existingPods: foo([
      ['p-a1', 'node-a'],
      ['p-b1', 'node-b'],
      ['p-x1', 'node-x'],
      ['p-y1', 'node-y'],
    ]),
    want: { 'node-a': 'Success', 'node-b': 'UnschedulableAndUnresolvable', 'node-x': 'Unschedulable', 'node-y': 'Unschedulable' },
  },
  {
    name: "pod cannot be scheduled as all nodes don't have label 'rack'",
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'rack', 'DoNotSchedule', fooSelector),
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-x', 'zone2')],
    want: all('UnschedulableAndUnresolvable', ['node-a', 'node-x']),
  },
  {
    name: 'pods spread across nodes as 2/1/0/3, only node-x fits',
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    nodes: twoZonesFourNodes(),
    existingPods: twoOneZeroThree(),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
  },
  {
    name: 'pods spread across nodes as 2/1/0/3, maxSkew is 2, node-b and node-x fit',
    pod: makePod('p').label('foo', '').spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector),
    nodes: twoZonesFourNodes(),
    existingPods: twoOneZeroThree(),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Unschedulable' },
  },
  {
    name: "pods spread across nodes as 2/1/0/3, but pod doesn't match itself",
    pod: makePod('p').label('bar', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    nodes: twoZonesFourNodes(),
    existingPods: twoOneZeroThree(),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Unschedulable' },
  },
  {
    name: 'incoming pod has nodeAffinity, pods spread as 2/~1~/~0~/3, hence node-a fits',
    pod: makePod('p').label('foo', '').nodeAffinityIn('node', ['node-a', 'node-y']).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    nodes: twoZonesFourNodes(),
    existingPods: twoOneZeroThree(),
    want: { 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Unschedulable' },
  },
  {
    name: 'terminating Pods should be excluded',
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    nodes: [hostNode('node-a'), hostNode('node-b')],
    existingPods: [terminating(podOn('p-a', 'node-a')), podOn('p-b', 'node-b')],
    want: { 'node-a': 'Success', 'node-b': 'Unschedulable' },
  },
  {
    name: 'incoming pod has nodeAffinity, pods spread as 0/~2~/0/1, hence node-a fits',
    pod: nodeAffinityNotIn(makePod('p').label('foo', ''), 'node', ['node-b']).spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
    nodes: twoZonesFourNodes(),
    existingPods: foo([
      ['p-b1', 'node-b'],
      ['p-b2', 'node-b'],
      ['p-y1', 'node-y'],
    ]),
    want: { 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Unschedulable', 'node-y': 'Unschedulable' },
  },
  {
    name: 'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains < minDomains, then the third node fits',
    pod: makePod('p').label('foo', '').spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector, { minDomains: 4 }),
    nodes: threeHosts(),
    existingPods: twoTwoOne(),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-c': 'Success' },
  },
  {
    name: 'pods spread across nodes as 2/2/1, maxSkew is 2, and the number of domains > minDomains, then the all nodes fit',
    pod: makePod('p').label('foo', '').spreadConstraint(2, 'node', 'DoNotSchedule', fooSelector, { minDomains: 2 }),
    nodes: threeHosts(),
    existingPods: twoTwoOne(),
    want: all('Success', ['node-a', 'node-b', 'node-c']),
  },
  {
    name: 'pods spread across zone as 2/1, maxSkew is 2 and the number of domains < minDomains, then the third and fourth nodes fit',
    pod: makePod('p').label('foo', '').spreadConstraint(2, 'zone', 'DoNotSchedule', fooSelector, { minDomains: 3 }),
    nodes: twoZonesFourNodes(),
    existingPods: twoOneZones(),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Success' },
  },
  {
    name: 'pods spread across zone as 2/1, maxSkew is 2 and the number of domains > minDomains, then the all nodes fit',
    pod: makePod('p').label('foo', '').spreadConstraint(2, 'zone', 'DoNotSchedule', fooSelector, { minDomains: 1 }),
    nodes: twoZonesFourNodes(),
    existingPods: twoOneZones(),
    want: all('Success'),
  },
  {
    name: 'NodeAffinityPolicy honored with labelSelectors',
    pod: makePod('p').label('foo', '').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    nodes: inclusionNodes(),
    existingPods: twoOneZones(),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Success' },
  },
  {
    name: 'NodeAffinityPolicy ignored with labelSelectors',
    pod: makePod('p').label('foo', '').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, ignoreAffinity),
    nodes: inclusionNodes(),
    existingPods: twoOneZones(),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
  },
  {
    name: 'NodeAffinityPolicy honored with nodeAffinity',
    pod: makePod('p').label('foo', '').nodeAffinityIn('foo', ['']).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    nodes: inclusionNodes(),
    existingPods: twoOneZones(),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Success' },
  },
  {
    // Upstream repeats the previous name for this nodeAffinity variant.
    name: 'NodeAffinityPolicy ignored with labelSelectors',
    pod: makePod('p').label('foo', '').nodeAffinityIn('foo', ['']).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, ignoreAffinity),
    nodes: inclusionNodes(),
    existingPods: twoOneZones(),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
  },
  {
    name: 'NodeTaintsPolicy honored',
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, honorTaints),
    nodes: inclusionNodes(taintedHostY()),
    existingPods: twoOneZones(),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Success' },
  },
  {
    name: 'NodeTaintsPolicy ignored',
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    nodes: inclusionNodes(taintedHostY()),
    existingPods: twoOneZones(),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
  },
];

const zoneAndNode = (pod: PodBuilder, zoneSelector = fooSelector, nodeSelector = fooSelector) =>
  pod.spreadConstraint(1, 'zone', 'DoNotSchedule', zoneSelector).spreadConstraint(1, 'node', 'DoNotSchedule', nodeSelector);
const withLabels = (pods: [string, string, Record<string, string>][]) => pods.map(([name, node, labels]) => podOn(name, node, labels));
const inclusionZoneNodes = (nodeB: NodeBuilder, nodeY: NodeBuilder) => [zonedNode('node-a', 'zone1').label('foo', ''), nodeB, zonedNode('node-x', 'zone2').label('foo', ''), nodeY];
const abyPods = () =>
  foo([
    ['p-a1', 'node-a'],
    ['p-b1', 'node-b'],
    ['p-y1', 'node-y'],
  ]);
const taint = (node: NodeBuilder) => node.taint(UNSCHEDULABLE_TAINT_KEY, '', 'NoSchedule');

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go, TestMultipleConstraints.
const multipleConstraintsCases: FilterCase[] = [
  {
    name: 'two Constraints on zone and node, spreads = [3/3, 2/1/0/3]',
    pod: zoneAndNode(makePod('p').label('foo', '')),
    nodes: twoZonesFourNodes(),
    existingPods: twoOneZeroThree(),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
  },
  {
    name: 'two Constraints on zone and node, spreads = [3/4, 2/1/0/4]',
    pod: zoneAndNode(makePod('p').label('foo', '')),
    nodes: twoZonesFourNodes(),
    existingPods: [...twoOneZeroThree(), podOn('p-y4', 'node-y')],
    want: all('Unschedulable'),
  },
  {
    name: 'Constraints hold different labelSelectors, spreads = [1/0, 1/0/0/1]',
    pod: zoneAndNode(makePod('p').labels({ foo: '', bar: '' }), fooSelector, barSelector),
    nodes: twoZonesFourNodes(),
    existingPods: withLabels([
      ['p-a1', 'node-a', { foo: '' }],
      ['p-y1', 'node-y', { bar: '' }],
    ]),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
  },
  {
    name: 'Constraints hold different labelSelectors, spreads = [1/0, 0/0/1/1]',
    pod: zoneAndNode(makePod('p').labels({ foo: '', bar: '' }), fooSelector, barSelector),
    nodes: twoZonesFourNodes(),
    existingPods: withLabels([
      ['p-a1', 'node-a', { foo: '' }],
      ['p-x1', 'node-x', { bar: '' }],
      ['p-y1', 'node-y', { bar: '' }],
    ]),
    want: all('Unschedulable'),
  },
  {
    name: 'Constraints hold different labelSelectors, spreads = [2/3, 1/0/0/1]',
    pod: zoneAndNode(makePod('p').labels({ foo: '', bar: '' }), fooSelector, barSelector),
    nodes: twoZonesFourNodes(),
    existingPods: withLabels([
      ['p-a1', 'node-a', { foo: '' }],
      ['p-a2', 'node-a', { foo: '', bar: '' }],
      ['p-y1', 'node-y', { foo: '' }],
      ['p-y2', 'node-y', { foo: '', bar: '' }],
      ['p-y3', 'node-y', { foo: '' }],
    ]),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Success', 'node-x': 'Unschedulable', 'node-y': 'Unschedulable' },
  },
  {
    name: "Constraints hold different labelSelectors but pod doesn't match itself on 'zone' constraint",
    pod: zoneAndNode(makePod('p').label('bar', ''), fooSelector, barSelector),
    nodes: twoZonesFourNodes(),
    existingPods: withLabels([
      ['p-a1', 'node-a', { foo: '' }],
      ['p-x1', 'node-x', { bar: '' }],
      ['p-y1', 'node-y', { bar: '' }],
    ]),
    want: { 'node-a': 'Success', 'node-b': 'Success', 'node-x': 'Unschedulable', 'node-y': 'Unschedulable' },
  },
  {
    name: "two Constraints on zone and node, absence of label 'node' on node-x, spreads = [1/1, 1/0/0/1]",
    pod: zoneAndNode(makePod('p').label('foo', '')),
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-b', 'zone1'), makeNode('node-x').label('zone', 'zone2'), zonedNode('node-y', 'zone2')],
    existingPods: foo([
      ['p-a1', 'node-a'],
      ['p-y3', 'node-y'],
    ]),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Success', 'node-x': 'UnschedulableAndUnresolvable', 'node-y': 'Unschedulable' },
  },
  {
    name: 'two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore',
    pod: makePod('p')
      .label('foo', '')
      .nodeSelector({ foo: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, ignoreAffinity),
    nodes: inclusionZoneNodes(zonedNode('node-b', 'zone1').label('foo', ''), zonedNode('node-y', 'zone2')),
    existingPods: abyPods(),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
  },
  {
    name: 'two node inclusion Constraints, zone: honor/honor, node: honor/ignore',
    pod: makePod('p')
      .label('foo', '')
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, honorTaints)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    nodes: inclusionZoneNodes(zonedNode('node-b', 'zone1').label('foo', ''), taint(zonedNode('node-y', 'zone2'))),
    existingPods: abyPods(),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
  },
  {
    name: 'two node inclusion Constraints, zone: honor/ignore, node: honor/ignore',
    pod: zoneAndNode(makePod('p').label('foo', '').nodeSelector({ foo: '' })),
    nodes: inclusionZoneNodes(zonedNode('node-b', 'zone1'), taint(zonedNode('node-y', 'zone2').label('foo', ''))),
    existingPods: abyPods(),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Success', 'node-x': 'Success', 'node-y': 'Unschedulable' },
  },
  {
    name: 'two node inclusion Constraints, zone: honor/honor, node: ignore/ignore',
    pod: makePod('p')
      .label('foo', '')
      .nodeSelector({ foo: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, honorTaints)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, ignoreAffinity),
    nodes: inclusionZoneNodes(zonedNode('node-b', 'zone1'), taint(zonedNode('node-y', 'zone2').label('foo', ''))),
    existingPods: abyPods(),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Unschedulable' },
  },
  {
    name: 'two Constraints on zone, spreads = [3/3, 2/1]',
    pod: makePod('p')
      .labels({ foo: '', bar: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', barSelector)
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
    nodes: twoZonesFourNodes(),
    existingPods: withLabels([
      ['p-a1', 'node-a', { foo: '', bar: '' }],
      ['p-a2', 'node-a', { foo: '' }],
      ['p-b1', 'node-b', { foo: '', bar: '' }],
      ['p-y1', 'node-y', { foo: '' }],
      ['p-y2', 'node-y', { foo: '', bar: '' }],
      ['p-y3', 'node-y', { foo: '' }],
    ]),
    want: { 'node-a': 'Unschedulable', 'node-b': 'Unschedulable', 'node-x': 'Success', 'node-y': 'Success' },
  },
  {
    name: 'two Constraints on zone, spreads = [3/4, 2/1]',
    pod: makePod('p')
      .labels({ foo: '', bar: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', barSelector)
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
    nodes: twoZonesFourNodes(),
    existingPods: withLabels([
      ['p-a1', 'node-a', { foo: '', bar: '' }],
      ['p-a2', 'node-a', { foo: '' }],
      ['p-b1', 'node-b', { foo: '', bar: '' }],
      ['p-y1', 'node-y', { foo: '' }],
      ['p-y2', 'node-y', { foo: '', bar: '' }],
      ['p-y3', 'node-y', { foo: '' }],
      ['p-y4', 'node-y', { foo: '' }],
    ]),
    want: all('Unschedulable'),
  },
];

describe('PodTopologySpread Filter, one constraint (upstream TestSingleConstraint)', () => {
  it.each(singleConstraintCases)('$name', (testCase) => {
    expect(runFilter(testCase)).toEqual(expected(testCase.want));
  });
});

describe('PodTopologySpread Filter, several constraints (upstream TestMultipleConstraints)', () => {
  it.each(multipleConstraintsCases)('$name', (testCase) => {
    expect(runFilter(testCase)).toEqual(expected(testCase.want));
  });
});

describe('PodTopologySpread Filter without PreFilter (upstream TestPreFilterDisabled)', () => {
  it('returns an Error status, not a pass', () => {
    const plugin = podTopologySpread({ defaultingType: 'List' }) as unknown as FilterPlugin;
    const node = clusterOf([makeNode('node').obj()]).nodes[0];
    const status = plugin.filter(new CycleState(), buildPodInfo(makePod('p').obj()), node);
    expect(status?.code).toBe(Code.Error);
    expect(status?.message).toBe('reading "PreFilterPodTopologySpread" from cycleState: not found');
  });
});

describe('PodTopologySpread Filter rejection details', () => {
  it('name the constraint, the node domain, its matching count, the global minimum and the skew', () => {
    const cluster = clusterOf(
      twoZonesFourNodes().map((node) => node.obj()),
      twoOneZeroThree().map((pod) => pod.obj()),
    );
    const pod = makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector).spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, { minDomains: 2 });
    const run = runPreFilter(pod.obj(), cluster);
    const status = (run.plugin as unknown as FilterPlugin).filter(run.cycleState, run.pod, cluster.node('node-a')!);
    expect(status?.code).toBe(Code.Unschedulable);
    expect(status?.details).toEqual([
      {
        constraintIndex: 1,
        origin: 'pod',
        topologyKey: 'node',
        maxSkew: 1,
        minDomains: 2,
        labelSelector: 'foo',
        domain: 'node-a',
        matchingPods: 2,
        selfMatch: 1,
        globalMinimum: 0,
        eligibleDomains: 4,
        skew: 3,
      },
    ]);
  });

  it('name the missing topology key', () => {
    const cluster = clusterOf([makeNode('node-a').label('zone', 'zone1').obj()]);
    const run = runPreFilter(makePod('p').label('foo', '').spreadConstraint(1, 'rack', 'DoNotSchedule', fooSelector).obj(), cluster);
    const status = (run.plugin as unknown as FilterPlugin).filter(run.cycleState, run.pod, cluster.nodes[0]);
    expect(status?.code).toBe(Code.UnschedulableAndUnresolvable);
    expect(status?.details).toEqual([{ constraintIndex: 0, origin: 'pod', topologyKey: 'rack' }]);
  });
});
