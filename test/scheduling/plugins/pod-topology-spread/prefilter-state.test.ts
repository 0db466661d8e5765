import type { V1Pod, V1Service } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { Code } from '../../../../src/scheduling/framework/status.js';
import { clusterOf, makeNode, makePod, type NodeBuilder, type PodBuilder } from '../../../support/builders.js';
import {
  barSelector,
  expectedConstraint,
  fooSelector,
  listArgs,
  NO_DOMAIN_PATHS,
  nodeAffinityNotIn,
  normalizedStateView,
  podOn,
  runPreFilter,
  stateView,
  tolerating,
  twoZonesFourNodes,
  UNSCHEDULABLE_TAINT_KEY,
  zonedNode,
  type StateView,
} from './support.js';

interface PreFilterStateCase {
  name: string;
  pod: PodBuilder;
  nodes?: NodeBuilder[];
  existingPods?: PodBuilder[];
  services?: V1Service[];
  defaultConstraints?: unknown[];
  want?: StateView;
  wantSkip?: true;
}

const service = (selector: Record<string, string>): V1Service => ({ metadata: { name: 'svc', namespace: 'default' }, spec: { selector } });
const taintedNode = (builder: NodeBuilder) => builder.taint(UNSCHEDULABLE_TAINT_KEY, '', 'NoSchedule');
const ignore = { nodeAffinityPolicy: 'Ignore' } as const;
const honorTaints = { nodeTaintsPolicy: 'Honor' } as const;
const spreadPods = (names: [string, string][], labels: Record<string, string> = { foo: '' }) =>
  names.map(([name, node]) => podOn(name, node, labels));
const threeTwoPods = () =>
  spreadPods([
    ['p-a1', 'node-a'],
    ['p-a2', 'node-a'],
    ['p-b1', 'node-b'],
    ['p-y1', 'node-y'],
    ['p-y2', 'node-y'],
  ]);
const threeFourPods = () =>
  spreadPods([
    ['p-a1', 'node-a'],
    ['p-a2', 'node-a'],
    ['p-b1', 'node-b'],
    ['p-y1', 'node-y'],
    ['p-y2', 'node-y'],
    ['p-y3', 'node-y'],
    ['p-y4', 'node-y'],
  ]);
const inclusionNodes = (third: NodeBuilder = makeNode('node-c').label('node', 'node-c').label('bar', '')) => [
  makeNode('node-a').label('node', 'node-a').label('foo', ''),
  makeNode('node-b').label('node', 'node-b').label('foo', ''),
  third,
];
const inclusionPods = () => [
  podOn('p-a', 'node-a', { bar: '' }),
  podOn('p-b', 'node-b', { bar: '' }),
  podOn('p-c', 'node-b', { bar: '' }),
  makePod('p-d').node('node-c'),
];
const matchLabelKeyPods = () =>
  spreadPods(
    [
      ['p-a1', 'node-a'],
      ['p-a2', 'node-a'],
      ['p-b1', 'node-b'],
      ['p-y1', 'node-y'],
      ['p-y2', 'node-y'],
    ],
    { foo: 'a' },
  );

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go, TestPreFilterState.
// The plugin runs with DefaultingType List, as there. Upstream runs most cases with the NodeInclusionPolicy and
// MatchLabelKeys gates off; we emulate only the default (on) gates, and every case below expects the same state
// either way, except "matchLabelKeys ignored when feature gate disabled", which is not ported (see the report).
const cases: PreFilterStateCase[] = [
  {
    name: 'clean cluster with one spreadConstraint',
    pod: makePod('p').label('foo', '').spreadConstraint(5, 'zone', 'DoNotSchedule', { matchLabels: { foo: 'bar' } }),
    nodes: twoZonesFourNodes(),
    want: {
      constraints: [expectedConstraint(5, 'zone', { matchLabels: { foo: 'bar' } })],
      criticalPaths: [[['zone1', 0], ['zone2', 0]]],
      tpValueToMatchNum: [{ zone1: 0, zone2: 0 }],
    },
  },
  {
    name: 'normal case with one spreadConstraint',
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
    nodes: twoZonesFourNodes(),
    existingPods: threeTwoPods(),
    want: {
      constraints: [expectedConstraint(1, 'zone', fooSelector)],
      criticalPaths: [[['zone2', 2], ['zone1', 3]]],
      tpValueToMatchNum: [{ zone1: 3, zone2: 2 }],
    },
  },
  {
    name: 'normal case with null label selector',
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', undefined),
    nodes: twoZonesFourNodes(),
    existingPods: threeTwoPods(),
    want: {
      constraints: [expectedConstraint(1, 'zone', undefined)],
      criticalPaths: [[['zone2', 0], ['zone1', 0]]],
      tpValueToMatchNum: [{ zone1: 0, zone2: 0 }],
    },
  },
  {
    name: 'normal case with one spreadConstraint, on a 3-zone cluster',
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
    nodes: [...twoZonesFourNodes(), zonedNode('node-o', 'zone3'), zonedNode('node-p', 'zone3')],
    existingPods: threeTwoPods(),
    want: {
      constraints: [expectedConstraint(1, 'zone', fooSelector)],
      criticalPaths: [[['zone3', 0], ['zone2', 2]]],
      tpValueToMatchNum: [{ zone1: 3, zone2: 2, zone3: 0 }],
    },
  },
  {
    name: "namespace mismatch doesn't count",
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector),
    nodes: twoZonesFourNodes(),
    existingPods: [
      podOn('p-a1', 'node-a'),
      podOn('p-a2', 'node-a').namespace('ns1'),
      podOn('p-b1', 'node-b'),
      podOn('p-y1', 'node-y').namespace('ns2'),
      podOn('p-y2', 'node-y'),
    ],
    want: {
      constraints: [expectedConstraint(1, 'zone', fooSelector)],
      criticalPaths: [[['zone2', 1], ['zone1', 2]]],
      tpValueToMatchNum: [{ zone1: 2, zone2: 1 }],
    },
  },
  {
    name: 'normal case with two spreadConstraints',
    pod: makePod('p')
      .label('foo', '')
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    nodes: twoZonesFourNodes(),
    existingPods: threeFourPods(),
    want: {
      constraints: [expectedConstraint(1, 'zone', fooSelector), expectedConstraint(1, 'node', fooSelector)],
      criticalPaths: [
        [['zone1', 3], ['zone2', 4]],
        [['node-x', 0], ['node-b', 1]],
      ],
      tpValueToMatchNum: [
        { zone1: 3, zone2: 4 },
        { 'node-a': 2, 'node-b': 1, 'node-x': 0, 'node-y': 4 },
      ],
    },
  },
  {
    name: 'soft spreadConstraints should be bypassed',
    pod: makePod('p')
      .label('foo', '')
      .spreadConstraint(1, 'zone', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'ScheduleAnyway', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-b', 'zone1'), zonedNode('node-y', 'zone2')],
    existingPods: threeFourPods(),
    want: {
      constraints: [expectedConstraint(1, 'zone', fooSelector), expectedConstraint(1, 'node', fooSelector)],
      criticalPaths: [
        [['zone1', 3], ['zone2', 4]],
        [['node-b', 1], ['node-a', 2]],
      ],
      tpValueToMatchNum: [
        { zone1: 3, zone2: 4 },
        { 'node-a': 2, 'node-b': 1, 'node-y': 4 },
      ],
    },
  },
  {
    name: 'different labelSelectors - simple version',
    pod: makePod('p')
      .labels({ foo: '', bar: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector),
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-b', 'zone1'), zonedNode('node-y', 'zone2')],
    existingPods: [podOn('p-a', 'node-a', { foo: '' }), podOn('p-b', 'node-b', { bar: '' })],
    want: {
      constraints: [expectedConstraint(1, 'zone', fooSelector), expectedConstraint(1, 'node', barSelector)],
      criticalPaths: [
        [['zone2', 0], ['zone1', 1]],
        [['node-a', 0], ['node-y', 0]],
      ],
      tpValueToMatchNum: [
        { zone1: 1, zone2: 0 },
        { 'node-a': 0, 'node-b': 1, 'node-y': 0 },
      ],
    },
  },
  {
    name: 'different labelSelectors - complex pods',
    pod: makePod('p')
      .labels({ foo: '', bar: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector),
    nodes: [zonedNode('node-a', 'zone1'), zonedNode('node-b', 'zone1'), zonedNode('node-y', 'zone2')],
    existingPods: [
      podOn('p-a1', 'node-a'),
      podOn('p-a2', 'node-a', { foo: '', bar: '' }),
      podOn('p-b1', 'node-b'),
      podOn('p-y1', 'node-y'),
      podOn('p-y2', 'node-y', { foo: '', bar: '' }),
      podOn('p-y3', 'node-y'),
      podOn('p-y4', 'node-y', { foo: '', bar: '' }),
    ],
    want: {
      constraints: [expectedConstraint(1, 'zone', fooSelector), expectedConstraint(1, 'node', barSelector)],
      criticalPaths: [
        [['zone1', 3], ['zone2', 4]],
        [['node-b', 0], ['node-a', 1]],
      ],
      tpValueToMatchNum: [
        { zone1: 3, zone2: 4 },
        { 'node-a': 1, 'node-b': 0, 'node-y': 2 },
      ],
    },
  },
  {
    name: 'two spreadConstraints, and with podAffinity',
    pod: nodeAffinityNotIn(makePod('p').label('foo', ''), 'node', ['node-x'])
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    nodes: twoZonesFourNodes(),
    existingPods: threeFourPods(),
    want: {
      constraints: [expectedConstraint(1, 'zone', fooSelector), expectedConstraint(1, 'node', fooSelector)],
      criticalPaths: [
        [['zone1', 3], ['zone2', 4]],
        [['node-b', 1], ['node-a', 2]],
      ],
      tpValueToMatchNum: [
        { zone1: 3, zone2: 4 },
        { 'node-a': 2, 'node-b': 1, 'node-y': 4 },
      ],
    },
  },
  {
    name: 'default constraints and a service',
    pod: makePod('p').labels({ foo: 'bar', baz: 'kar' }),
    defaultConstraints: [
      { maxSkew: 3, topologyKey: 'node', whenUnsatisfiable: 'DoNotSchedule' },
      { maxSkew: 2, topologyKey: 'node', whenUnsatisfiable: 'ScheduleAnyway' },
      { maxSkew: 5, topologyKey: 'rack', whenUnsatisfiable: 'DoNotSchedule' },
    ],
    services: [service({ foo: 'bar' })],
    want: {
      constraints: [
        expectedConstraint(3, 'node', { matchLabels: { foo: 'bar' } }),
        expectedConstraint(5, 'rack', { matchLabels: { foo: 'bar' } }),
      ],
      criticalPaths: [NO_DOMAIN_PATHS, NO_DOMAIN_PATHS],
      tpValueToMatchNum: [{}, {}],
    },
  },
  {
    name: "default constraints and a service that doesn't match",
    pod: makePod('p').label('foo', 'bar'),
    defaultConstraints: [{ maxSkew: 3, topologyKey: 'node', whenUnsatisfiable: 'DoNotSchedule' }],
    services: [service({ baz: 'kep' })],
    wantSkip: true,
  },
  {
    name: 'default constraints and a service, but pod has constraints',
    pod: makePod('p')
      .labels({ foo: 'bar', baz: 'tar' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', { matchLabels: { baz: 'tar' } })
      .spreadConstraint(2, 'planet', 'ScheduleAnyway', { matchLabels: { fot: 'rok' } }),
    defaultConstraints: [{ maxSkew: 2, topologyKey: 'node', whenUnsatisfiable: 'DoNotSchedule' }],
    services: [service({ foo: 'bar' })],
    want: {
      constraints: [expectedConstraint(1, 'zone', { matchLabels: { baz: 'tar' } })],
      criticalPaths: [NO_DOMAIN_PATHS],
      tpValueToMatchNum: [{}],
    },
  },
  {
    name: 'default soft constraints and a service',
    pod: makePod('p').label('foo', 'bar'),
    defaultConstraints: [{ maxSkew: 2, topologyKey: 'node', whenUnsatisfiable: 'ScheduleAnyway' }],
    services: [service({ foo: 'bar' })],
    wantSkip: true,
  },
  {
    name: 'TpKeyToDomainsNum is calculated when MinDomains is enabled',
    pod: makePod('p')
      .label('foo', '')
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    nodes: twoZonesFourNodes(),
    existingPods: threeFourPods(),
    want: {
      constraints: [expectedConstraint(1, 'zone', fooSelector), expectedConstraint(1, 'node', fooSelector)],
      criticalPaths: [
        [['zone1', 3], ['zone2', 4]],
        [['node-x', 0], ['node-b', 1]],
      ],
      tpValueToMatchNum: [
        { zone1: 3, zone2: 4 },
        { 'node-a': 2, 'node-b': 1, 'node-x': 0, 'node-y': 4 },
      ],
    },
  },
  {
    name: 'feature gate disabled with NodeAffinityPolicy',
    pod: makePod('p').label('foo', '').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector),
    nodes: inclusionNodes(),
    existingPods: inclusionPods(),
    want: {
      constraints: [expectedConstraint(1, 'node', barSelector)],
      criticalPaths: [[['node-a', 1], ['node-b', 2]]],
      tpValueToMatchNum: [{ 'node-a': 1, 'node-b': 2 }],
    },
  },
  {
    name: 'NodeAffinityPolicy honored with labelSelectors',
    pod: makePod('p').label('foo', '').nodeSelector({ foo: '' }).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector),
    nodes: inclusionNodes(),
    existingPods: inclusionPods(),
    want: {
      constraints: [expectedConstraint(1, 'node', barSelector)],
      criticalPaths: [[['node-a', 1], ['node-b', 2]]],
      tpValueToMatchNum: [{ 'node-a': 1, 'node-b': 2 }],
    },
  },
  {
    name: 'NodeAffinityPolicy ignored with labelSelectors',
    pod: makePod('p')
      .label('foo', '')
      .nodeSelector({ foo: '' })
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector, { nodeAffinityPolicy: 'Ignore' }),
    nodes: inclusionNodes(),
    existingPods: inclusionPods(),
    want: {
      constraints: [expectedConstraint(1, 'node', barSelector, ignore)],
      criticalPaths: [[['node-c', 0], ['node-a', 1]]],
      tpValueToMatchNum: [{ 'node-a': 1, 'node-b': 2, 'node-c': 0 }],
    },
  },
  {
    name: 'NodeAffinityPolicy honored with nodeAffinity',
    pod: makePod('p').label('foo', '').nodeAffinityIn('foo', ['']).spreadConstraint(1, 'node', 'DoNotSchedule', barSelector),
    nodes: inclusionNodes(),
    existingPods: [
      podOn('p-a', 'node-a', { bar: '' }),
      podOn('p-c', 'node-b', { bar: '' }),
      podOn('p-d', 'node-b', { bar: '' }),
      makePod('p-e').node('node-c'),
    ],
    want: {
      constraints: [expectedConstraint(1, 'node', barSelector)],
      criticalPaths: [[['node-a', 1], ['node-b', 2]]],
      tpValueToMatchNum: [{ 'node-a': 1, 'node-b': 2 }],
    },
  },
  {
    name: 'NodeAffinityPolicy ignored with nodeAffinity',
    pod: makePod('p')
      .label('foo', '')
      .nodeAffinityIn('foo', [''])
      .spreadConstraint(1, 'node', 'DoNotSchedule', barSelector, { nodeAffinityPolicy: 'Ignore' }),
    nodes: inclusionNodes(),
    existingPods: inclusionPods(),
    want: {
      constraints: [expectedConstraint(1, 'node', barSelector, ignore)],
      criticalPaths: [[['node-c', 0], ['node-a', 1]]],
      tpValueToMatchNum: [{ 'node-a': 1, 'node-b': 2, 'node-c': 0 }],
    },
  },
  ...(['feature gate disabled with NodeTaintsPolicy', 'NodeTaintsPolicy ignored'] as const).map(
    (name): PreFilterStateCase => ({
      name,
      pod: makePod('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', barSelector),
      nodes: [
        makeNode('node-a').label('node', 'node-a'),
        makeNode('node-b').label('node', 'node-b'),
        taintedNode(makeNode('node-c').label('node', 'node-c').label('bar', '')),
      ],
      existingPods: inclusionPods(),
      want: {
        constraints: [expectedConstraint(1, 'node', barSelector)],
        criticalPaths: [[['node-c', 0], ['node-a', 1]]],
        tpValueToMatchNum: [{ 'node-a': 1, 'node-b': 2, 'node-c': 0 }],
      },
    }),
  ),
  {
    name: 'NodeTaintsPolicy honored',
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'node', 'DoNotSchedule', barSelector, honorTaints),
    nodes: [
      makeNode('node-a').label('node', 'node-a'),
      makeNode('node-b').label('node', 'node-b'),
      taintedNode(makeNode('node-c').label('node', 'node-c').label('bar', '')),
    ],
    existingPods: inclusionPods(),
    want: {
      constraints: [expectedConstraint(1, 'node', barSelector, honorTaints)],
      criticalPaths: [[['node-a', 1], ['node-b', 2]]],
      tpValueToMatchNum: [{ 'node-a': 1, 'node-b': 2 }],
    },
  },
  {
    name: 'NodeTaintsPolicy honored with tolerated taints',
    pod: tolerating(makePod('p').label('foo', ''), UNSCHEDULABLE_TAINT_KEY).spreadConstraint(
      1,
      'node',
      'DoNotSchedule',
      barSelector,
      honorTaints,
    ),
    nodes: [
      makeNode('node-a').label('node', 'node-a'),
      makeNode('node-b').label('node', 'node-b'),
      taintedNode(makeNode('node-c').label('node', 'node-c').label('bar', '')),
    ],
    existingPods: inclusionPods(),
    want: {
      constraints: [expectedConstraint(1, 'node', barSelector, honorTaints)],
      criticalPaths: [[['node-c', 0], ['node-a', 1]]],
      tpValueToMatchNum: [{ 'node-a': 1, 'node-b': 2, 'node-c': 0 }],
    },
  },
  {
    name: 'two node inclusion Constraints, zone: honor/ignore, node: ignore/ignore',
    pod: makePod('p')
      .label('foo', '')
      .nodeSelector({ foo: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, { nodeAffinityPolicy: 'Ignore' }),
    nodes: [zonedNode('node-a', 'zone1').label('foo', ''), zonedNode('node-b', 'zone1'), zonedNode('node-x', 'zone2').label('foo', '')],
    existingPods: [podOn('p-b1', 'node-b'), podOn('p-b2', 'node-b'), podOn('p-x1', 'node-x')],
    want: {
      constraints: [expectedConstraint(1, 'zone', fooSelector), expectedConstraint(1, 'node', fooSelector, ignore)],
      criticalPaths: [
        [['zone1', 0], ['zone2', 1]],
        [['node-a', 0], ['node-x', 1]],
      ],
      tpValueToMatchNum: [
        { zone1: 0, zone2: 1 },
        { 'node-a': 0, 'node-b': 2, 'node-x': 1 },
      ],
    },
  },
  {
    name: 'two node inclusion Constraints, zone: honor/honor, node: honor/ignore',
    pod: makePod('p')
      .label('foo', '')
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, honorTaints)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    nodes: [
      zonedNode('node-a', 'zone1').label('foo', ''),
      taintedNode(zonedNode('node-b', 'zone1')),
      zonedNode('node-x', 'zone2').label('foo', ''),
    ],
    existingPods: [podOn('p-b1', 'node-b'), podOn('p-b2', 'node-b'), podOn('p-x1', 'node-x')],
    want: {
      constraints: [expectedConstraint(1, 'zone', fooSelector, honorTaints), expectedConstraint(1, 'node', fooSelector)],
      criticalPaths: [
        [['zone1', 0], ['zone2', 1]],
        [['node-a', 0], ['node-x', 1]],
      ],
      tpValueToMatchNum: [
        { zone1: 0, zone2: 1 },
        { 'node-a': 0, 'node-b': 2, 'node-x': 1 },
      ],
    },
  },
  {
    name: 'two node inclusion Constraints, zone: honor/ignore, node: honor/ignore',
    pod: makePod('p')
      .label('foo', '')
      .nodeSelector({ foo: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector),
    nodes: [
      zonedNode('node-a', 'zone1'),
      taintedNode(zonedNode('node-b', 'zone1').label('foo', '')),
      zonedNode('node-x', 'zone2').label('foo', ''),
      zonedNode('node-y', 'zone2'),
    ],
    existingPods: [podOn('p-a1', 'node-a'), podOn('p-a2', 'node-a'), podOn('p-x1', 'node-x'), podOn('p-y1', 'node-y')],
    want: {
      constraints: [expectedConstraint(1, 'zone', fooSelector), expectedConstraint(1, 'node', fooSelector)],
      criticalPaths: [
        [['zone1', 0], ['zone2', 1]],
        [['node-b', 0], ['node-x', 1]],
      ],
      tpValueToMatchNum: [
        { zone1: 0, zone2: 1 },
        { 'node-b': 0, 'node-x': 1 },
      ],
    },
  },
  {
    name: 'two node inclusion Constraints, zone: ignore/ignore, node: honor/honor',
    pod: makePod('p')
      .label('foo', '')
      .nodeSelector({ foo: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, { nodeAffinityPolicy: 'Ignore' })
      .spreadConstraint(1, 'node', 'DoNotSchedule', fooSelector, honorTaints),
    nodes: [
      zonedNode('node-a', 'zone1'),
      taintedNode(zonedNode('node-b', 'zone1').label('foo', '')),
      zonedNode('node-x', 'zone2').label('foo', ''),
      zonedNode('node-y', 'zone2').label('foo', ''),
    ],
    existingPods: [
      podOn('p-a1', 'node-a'),
      podOn('p-a2', 'node-a'),
      podOn('p-x1', 'node-x'),
      podOn('p-x2', 'node-x'),
      podOn('p-y1', 'node-y'),
    ],
    want: {
      constraints: [expectedConstraint(1, 'zone', fooSelector, ignore), expectedConstraint(1, 'node', fooSelector, honorTaints)],
      criticalPaths: [
        [['zone1', 2], ['zone2', 3]],
        [['node-y', 1], ['node-x', 2]],
      ],
      tpValueToMatchNum: [
        { zone1: 2, zone2: 3 },
        { 'node-x': 2, 'node-y': 1 },
      ],
    },
  },
  {
    name: "matchLabelKeys ANDed with LabelSelector when LabelSelector isn't empty",
    pod: makePod('p')
      .labels({ foo: '', bar: 'a' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, { matchLabelKeys: ['bar'] }),
    nodes: twoZonesFourNodes(),
    existingPods: [
      podOn('p-a1', 'node-a'),
      podOn('p-a2', 'node-a', { foo: '', bar: 'a' }),
      podOn('p-b1', 'node-b'),
      podOn('p-y1', 'node-y', { foo: '', bar: 'a' }),
      podOn('p-y2', 'node-y', { bar: '' }),
    ],
    want: {
      constraints: [expectedConstraint(1, 'zone', { ...fooSelector, matchLabels: { bar: 'a' } })],
      criticalPaths: [[['zone2', 1], ['zone1', 1]]],
      tpValueToMatchNum: [{ zone1: 1, zone2: 1 }],
    },
  },
  {
    name: 'matchLabelKeys ANDed with LabelSelector when LabelSelector is empty',
    pod: makePod('p').label('foo', 'a').spreadConstraint(1, 'zone', 'DoNotSchedule', {}, { matchLabelKeys: ['foo'] }),
    nodes: twoZonesFourNodes(),
    existingPods: matchLabelKeyPods(),
    want: {
      constraints: [expectedConstraint(1, 'zone', { matchLabels: { foo: 'a' } })],
      criticalPaths: [[['zone2', 2], ['zone1', 3]]],
      tpValueToMatchNum: [{ zone1: 3, zone2: 2 }],
    },
  },
  ...([
    'key in matchLabelKeys is ignored when LabelSelector is nil when feature gate enabled',
    'no pod is matched when LabelSelector is nil when feature gate disabled',
  ] as const).map(
    (name): PreFilterStateCase => ({
      name,
      pod: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', undefined, { matchLabelKeys: ['bar'] }),
      nodes: twoZonesFourNodes(),
      existingPods: matchLabelKeyPods(),
      want: {
        constraints: [expectedConstraint(1, 'zone', undefined)],
        criticalPaths: [[['zone2', 0], ['zone1', 0]]],
        tpValueToMatchNum: [{ zone1: 0, zone2: 0 }],
      },
    }),
  ),
  {
    name: "key in matchLabelKeys is ignored when it isn't exist in pod.labels",
    pod: makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector, { matchLabelKeys: ['bar'] }),
    nodes: twoZonesFourNodes(),
    existingPods: matchLabelKeyPods(),
    want: {
      constraints: [expectedConstraint(1, 'zone', fooSelector)],
      criticalPaths: [[['zone2', 2], ['zone1', 3]]],
      tpValueToMatchNum: [{ zone1: 3, zone2: 2 }],
    },
  },
  {
    name: 'two spreadConstraints with the same topologyKey',
    pod: makePod('p')
      .labels({ foo: '', bar: '' })
      .spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector)
      .spreadConstraint(1, 'zone', 'DoNotSchedule', barSelector),
    nodes: twoZonesFourNodes(),
    existingPods: [
      podOn('p-a1', 'node-a', { foo: '', bar: '' }),
      podOn('p-b1', 'node-b'),
      podOn('p-x1', 'node-x', { bar: '' }),
      podOn('p-y1', 'node-y', { foo: '', bar: '' }),
      podOn('p-y2', 'node-y', { bar: '' }),
    ],
    want: {
      constraints: [expectedConstraint(1, 'zone', fooSelector), expectedConstraint(1, 'zone', barSelector)],
      criticalPaths: [
        [['zone2', 1], ['zone1', 2]],
        [['zone1', 1], ['zone2', 3]],
      ],
      tpValueToMatchNum: [
        { zone1: 2, zone2: 1 },
        { zone1: 1, zone2: 3 },
      ],
    },
  },
  {
    name: 'skip if not specified',
    pod: makePod('p').label('foo', ''),
    nodes: [zonedNode('node-a', 'zone1')],
    wantSkip: true,
  },
];

describe('PodTopologySpread PreFilter state (upstream TestPreFilterState)', () => {
  it.each(cases)('$name', (testCase) => {
    const cluster = clusterOf(
      (testCase.nodes ?? []).map((node) => node.obj()),
      (testCase.existingPods ?? []).map((pod): V1Pod => pod.obj()),
      { services: testCase.services ?? [] },
    );
    const run = runPreFilter(testCase.pod.obj(), cluster, listArgs(testCase.defaultConstraints));
    if (testCase.wantSkip) {
      expect(run.status?.code).toBe(Code.Skip);
      expect(run.state).toBeUndefined();
      return;
    }
    expect(run.status).toBeNull();
    expect(stateView(run.state!)).toEqual(normalizedStateView(testCase.want!));
  });
});
