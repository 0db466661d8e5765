/**
 * NodeResourcesFit PreScore/Score with each scoring strategy, ported from
 * upstream pkg/scheduler/framework/plugins/noderesources: least_allocated_test.go,
 * most_allocated_test.go, requested_to_capacity_ratio_test.go and fit_test.go
 * TestFitScore. Capacities like "cpu": "4000" are cores, as upstream writes them.
 */
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../../src/scheduling/framework/cycle-state.js';
import { PluginArgsError, type ScorePlugin } from '../../../../src/scheduling/framework/interfaces.js';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { nodeResourcesFit } from '../../../../src/scheduling/plugins/node-resources/index.js';
import { clusterOf, makeNode, makePod } from '../../../support/builders.js';
import { runScorePlugin } from '../../../support/plugin-harness.js';
import { defaultResources, extendedRes, extendedResourceSet, nodeWith, podOn, podRequesting } from './scoring-support.js';

interface ScoreCase {
  name: string;
  pod: V1Pod;
  nodes: V1Node[];
  existing?: V1Pod[];
  resources?: { name: string; weight: number }[];
  expected: Record<string, number>;
}

function scoreWith(strategy: Record<string, unknown>, test: ScoreCase): Record<string, number> {
  const plugin = nodeResourcesFit({ scoringStrategy: { ...strategy, resources: test.resources ?? defaultResources } });
  return runScorePlugin(plugin, test.pod, clusterOf(test.nodes, test.existing ?? [])).raw;
}

function expectArgsError(args: Record<string, unknown>, path: string): void {
  let error: unknown;
  try {
    nodeResourcesFit(args);
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(PluginArgsError);
  expect((error as PluginArgsError).path).toBe(path);
}

const small = (name: string) => nodeWith(name, { cpu: '4000', memory: '10000' });
const twoReqs = () => podRequesting({ cpu: '1000', memory: '2000' }, { cpu: '2000', memory: '3000' });

// upstream least_allocated_test.go TestLeastAllocatedScoringStrategy
const leastAllocatedCases: ScoreCase[] = [
  { name: 'nothing scheduled, nothing requested', pod: podRequesting(), nodes: [small('node1'), small('node2')], expected: { node1: 100, node2: 100 } },
  {
    name: 'nothing scheduled, resources requested, differently sized nodes',
    pod: twoReqs(),
    nodes: [small('node1'), nodeWith('node2', { cpu: '6000', memory: '10000' })],
    expected: { node1: 37, node2: 50 },
  },
  {
    name: 'no resources requested, pods scheduled',
    pod: podRequesting(),
    nodes: [small('node1'), small('node2')],
    existing: [podOn('node1'), podOn('node1'), podOn('node2'), podOn('node2')],
    expected: { node1: 100, node2: 100 },
  },
  {
    name: 'no resources requested, pods scheduled with resources',
    pod: podRequesting(),
    nodes: [nodeWith('node1', { cpu: '10000', memory: '20000' }), nodeWith('node2', { cpu: '10000', memory: '20000' })],
    existing: [
      podOn('node1', { cpu: '3000', memory: '0' }),
      podOn('node1', { cpu: '3000', memory: '0' }),
      podOn('node2', { cpu: '3000', memory: '0' }),
      podOn('node2', { cpu: '3000', memory: '5000' }),
    ],
    expected: { node1: 70, node2: 57 },
  },
  {
    name: 'resources requested, pods scheduled with resources',
    pod: twoReqs(),
    nodes: [nodeWith('node1', { cpu: '10000', memory: '20000' }), nodeWith('node2', { cpu: '10000', memory: '20000' })],
    existing: [podOn('node1', { cpu: '3000', memory: '0' }), podOn('node2', { cpu: '3000', memory: '5000' })],
    expected: { node1: 57, node2: 45 },
  },
  {
    name: 'resources requested, pods scheduled with resources, differently sized nodes',
    pod: twoReqs(),
    nodes: [nodeWith('node1', { cpu: '10000', memory: '20000' }), nodeWith('node2', { cpu: '10000', memory: '50000' })],
    existing: [podOn('node1', { cpu: '3000', memory: '0' }), podOn('node2', { cpu: '3000', memory: '5000' })],
    expected: { node1: 57, node2: 60 },
  },
  {
    name: 'requested resources exceed node capacity',
    pod: podRequesting({ cpu: '3000', memory: '0' }),
    nodes: [small('node1'), small('node2')],
    existing: [podOn('node1', { cpu: '3000', memory: '0' }), podOn('node2', { cpu: '3000', memory: '5000' })],
    expected: { node1: 50, node2: 25 },
  },
  {
    name: 'zero node resources, pods scheduled with resources',
    pod: podRequesting(),
    nodes: [makeNode('node1').obj(), makeNode('node2').obj()],
    existing: [podOn('node1', { cpu: '3000', memory: '0' }), podOn('node2', { cpu: '3000', memory: '5000' })],
    expected: { node1: 0, node2: 0 },
  },
  {
    name: 'nothing scheduled, resources requested with different weight on CPU and memory, differently sized nodes',
    pod: twoReqs(),
    nodes: [small('node1'), nodeWith('node2', { cpu: '6000', memory: '10000' })],
    resources: [
      { name: 'memory', weight: 2 },
      { name: 'cpu', weight: 1 },
    ],
    expected: { node1: 41, node2: 50 },
  },
  {
    name: 'bypass extended resource if the pod does not request',
    pod: twoReqs(),
    nodes: [nodeWith('node1', { cpu: '6000', memory: '10000' }), nodeWith('node2', { cpu: '6000', memory: '10000', [extendedRes]: '4' })],
    resources: extendedResourceSet,
    expected: { node1: 50, node2: 50 },
  },
  {
    name: 'honor extended resource if the pod requests',
    pod: podRequesting({ cpu: '3000', memory: '5000', [extendedRes]: '2' }),
    nodes: [
      nodeWith('node1', { cpu: '6000', memory: '10000', [extendedRes]: '4' }),
      nodeWith('node2', { cpu: '6000', memory: '10000', [extendedRes]: '10' }),
    ],
    resources: extendedResourceSet,
    expected: { node1: 50, node2: 60 },
  },
  {
    name: "if the node doesn't have a resource",
    pod: podRequesting({ cpu: '3000', memory: '4000' }),
    nodes: [nodeWith('node1', { cpu: '6000', memory: '10000' }), nodeWith('node2', { cpu: '6000', memory: '10000', [extendedRes]: '4' })],
    resources: [
      { name: extendedRes, weight: 2 },
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
    ],
    expected: { node1: 55, node2: 55 },
  },
];

// upstream most_allocated_test.go TestMostAllocatedScoringStrategy
const mostAllocatedCases: ScoreCase[] = [
  { name: 'nothing scheduled, nothing requested', pod: podRequesting(), nodes: [small('node1'), small('node2')], expected: { node1: 0, node2: 0 } },
  {
    name: 'nothing scheduled, resources requested, differently sized nodes',
    pod: twoReqs(),
    nodes: [small('node1'), nodeWith('node2', { cpu: '6000', memory: '10000' })],
    expected: { node1: 62, node2: 50 },
  },
  {
    name: 'no resources requested, pods scheduled with resources',
    pod: podRequesting(),
    nodes: [nodeWith('node1', { cpu: '10000', memory: '20000' }), nodeWith('node2', { cpu: '10000', memory: '20000' })],
    existing: [
      podOn('node1', { cpu: '3000', memory: '0' }),
      podOn('node1', { cpu: '3000', memory: '0' }),
      podOn('node2', { cpu: '3000', memory: '0' }),
      podOn('node2', { cpu: '3000', memory: '5000' }),
    ],
    expected: { node1: 30, node2: 42 },
  },
  {
    name: 'resources requested, pods scheduled with resources',
    pod: twoReqs(),
    nodes: [nodeWith('node1', { cpu: '10000', memory: '20000' }), nodeWith('node2', { cpu: '10000', memory: '20000' })],
    existing: [podOn('node1', { cpu: '3000', memory: '0' }), podOn('node2', { cpu: '3000', memory: '5000' })],
    expected: { node1: 42, node2: 55 },
  },
  {
    name: 'resources requested equal node capacity',
    pod: podRequesting({ cpu: '2000', memory: '4000' }, { cpu: '3000', memory: '5000' }),
    nodes: [nodeWith('node1', { cpu: '5000', memory: '10000' }), nodeWith('node2', { cpu: '10000', memory: '9000' })],
    expected: { node1: 95, node2: 75 },
  },
  {
    name: 'nothing scheduled, resources requested, differently sized nodes (memory weight 2)',
    pod: twoReqs(),
    nodes: [small('node1'), nodeWith('node2', { cpu: '6000', memory: '10000' })],
    resources: [
      { name: 'memory', weight: 2 },
      { name: 'cpu', weight: 1 },
    ],
    expected: { node1: 58, node2: 50 },
  },
  {
    name: 'no resources requested, pods scheduled, nonzero request for resource',
    pod: makePod('p').container().obj(),
    nodes: [nodeWith('node1', { cpu: '250m', memory: '1000Mi' }), nodeWith('node2', { cpu: '250m', memory: '1000Mi' })],
    existing: [makePod('e1').node('node1').container().obj(), makePod('e2').node('node1').container().obj()],
    expected: { node1: 80, node2: 30 },
  },
  {
    name: 'bypass extended resource if the pod does not request',
    pod: twoReqs(),
    nodes: [nodeWith('node1', { cpu: '6000', memory: '10000' }), nodeWith('node2', { cpu: '6000', memory: '10000', [extendedRes]: '4' })],
    resources: extendedResourceSet,
    expected: { node1: 50, node2: 50 },
  },
  {
    name: 'honor extended resource if the pod request',
    pod: podRequesting({ cpu: '3000', memory: '5000', [extendedRes]: '2' }),
    nodes: [
      nodeWith('node1', { cpu: '6000', memory: '10000', [extendedRes]: '4' }),
      nodeWith('node2', { cpu: '6000', memory: '10000', [extendedRes]: '10' }),
    ],
    resources: extendedResourceSet,
    expected: { node1: 50, node2: 40 },
  },
  {
    name: "if the node doesn't have a resource",
    pod: podRequesting({ cpu: '3000', memory: '4000' }),
    nodes: [nodeWith('node1', { cpu: '6000', memory: '10000' }), nodeWith('node2', { cpu: '6000', memory: '10000', [extendedRes]: '4' })],
    resources: [
      { name: extendedRes, weight: 2 },
      { name: 'cpu', weight: 1 },
      { name: 'memory', weight: 1 },
    ],
    expected: { node1: 45, node2: 45 },
  },
];

const decreasingShape = [
  { utilization: 0, score: 10 },
  { utilization: 100, score: 0 },
];

// upstream requested_to_capacity_ratio_test.go TestRequestedToCapacityRatioScoringStrategy
const requestedToCapacityRatioCases: ScoreCase[] = [
  {
    name: 'nothing scheduled, nothing requested (default - least requested nodes have priority)',
    pod: podRequesting(),
    nodes: [small('node1'), small('node2')],
    existing: [podOn('node1'), podOn('node1')],
    expected: { node1: 100, node2: 100 },
  },
  {
    name: 'nothing scheduled, resources requested, differently sized nodes (default - least requested nodes have priority)',
    pod: twoReqs(),
    nodes: [small('node1'), nodeWith('node2', { cpu: '6000', memory: '10000' })],
    existing: [podOn('node1'), podOn('node1')],
    expected: { node1: 38, node2: 50 },
  },
  {
    name: 'no resources requested, pods scheduled with resources (default - least requested nodes have priority)',
    pod: podRequesting(),
    nodes: [small('node1'), nodeWith('node2', { cpu: '6000', memory: '10000' })],
    existing: [podOn('node1', { cpu: '3000', memory: '5000' }), podOn('node2', { cpu: '3000', memory: '5000' })],
    expected: { node1: 38, node2: 50 },
  },
];

describe('NodeResourcesFit Score: TestLeastAllocatedScoringStrategy', () => {
  it.each(leastAllocatedCases)('$name', (test) => {
    expect(scoreWith({ type: 'LeastAllocated' }, test)).toEqual(test.expected);
  });
  it.each([
    { name: 'resource with negative weight', resources: [{ name: 'memory', weight: -1 }, { name: 'cpu', weight: 1 }], path: 'scoringStrategy.resources[0].weight' },
    { name: 'resource weight larger than MaxNodeScore', resources: [{ name: 'memory', weight: 1 }, { name: 'cpu', weight: 101 }], path: 'scoringStrategy.resources[1].weight' },
  ])('$name', ({ resources, path }) => expectArgsError({ scoringStrategy: { type: 'LeastAllocated', resources } }, path));
});

describe('NodeResourcesFit Score: TestMostAllocatedScoringStrategy', () => {
  it.each(mostAllocatedCases)('$name', (test) => {
    expect(scoreWith({ type: 'MostAllocated' }, test)).toEqual(test.expected);
  });
  it.each([
    { name: 'resource with negative weight', resources: [{ name: 'memory', weight: -1 }, { name: 'cpu', weight: 1 }], path: 'scoringStrategy.resources[0].weight' },
    { name: 'resource weight larger than MaxNodeScore', resources: [{ name: 'memory', weight: 101 }], path: 'scoringStrategy.resources[0].weight' },
  ])('$name', ({ resources, path }) => expectArgsError({ scoringStrategy: { type: 'MostAllocated', resources } }, path));
});

describe('NodeResourcesFit Score: TestRequestedToCapacityRatioScoringStrategy', () => {
  it.each(requestedToCapacityRatioCases)('$name', (test) => {
    expect(scoreWith({ type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: decreasingShape } }, test)).toEqual(test.expected);
  });
});

// upstream requested_to_capacity_ratio_test.go TestResourceBinPackingSingleExtended (shape 0→0, 100→1; intel.com/foo only).
describe('NodeResourcesFit Score: TestResourceBinPackingSingleExtended', () => {
  const node = (name: string, foo: string) => nodeWith(name, { cpu: '4', memory: `${10000 * 1024 * 1024}`, 'intel.com/foo': foo, pods: '100' });
  const strategy = {
    type: 'RequestedToCapacityRatio',
    resources: [{ name: 'intel.com/foo', weight: 1 }],
    requestedToCapacityRatio: { shape: [{ utilization: 0, score: 0 }, { utilization: 100, score: 1 }] },
  };
  it.each([
    { name: 'nothing scheduled, nothing requested', pod: podRequesting(), existing: [] as V1Pod[], expected: { node1: 0, node2: 0 } },
    {
      name: 'resources requested, pods scheduled with less resources',
      pod: podRequesting({ 'intel.com/foo': '2' }),
      existing: [podRequesting()],
      expected: { node1: 2, node2: 5 },
    },
    {
      name: 'resources requested, pods scheduled with resources, on node with existing pod running ',
      pod: podRequesting({ 'intel.com/foo': '2' }),
      existing: [podOn('node2', { 'intel.com/foo': '2' })],
      expected: { node1: 2, node2: 10 },
    },
    {
      name: 'resources requested, pods scheduled with more resources',
      pod: podRequesting({ 'intel.com/foo': '4' }),
      existing: [podRequesting()],
      expected: { node1: 5, node2: 10 },
    },
  ])('$name', ({ pod, existing, expected }) => {
    const cluster = clusterOf([node('node1', '8'), node('node2', '4')], existing);
    expect(runScorePlugin(nodeResourcesFit({ scoringStrategy: strategy }), pod, cluster).raw).toEqual(expected);
  });
});

// upstream fit_test.go TestFitScore (with and without PreScore having run).
describe('NodeResourcesFit Score: TestFitScore', () => {
  const nodes = () => [small('node1'), nodeWith('node2', { cpu: '6000', memory: '10000' })];
  const existing = () => [podOn('node1', { cpu: '2000', memory: '4000' }), podOn('node2', { cpu: '1000', memory: '2000' })];
  const cases = [
    {
      name: 'test case for ScoringStrategy RequestedToCapacityRatio case1',
      pod: podRequesting({ cpu: '3000', memory: '5000' }),
      strategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: decreasingShape } },
      expected: { node1: 10, node2: 32 },
    },
    {
      name: 'test case for ScoringStrategy RequestedToCapacityRatio case2',
      pod: podRequesting({ cpu: '3000', memory: '5000' }),
      strategy: { type: 'RequestedToCapacityRatio', requestedToCapacityRatio: { shape: [{ utilization: 0, score: 0 }, { utilization: 100, score: 10 }] } },
      expected: { node1: 95, node2: 68 },
    },
    { name: 'test case for ScoringStrategy MostAllocated', pod: podRequesting({ cpu: '1000', memory: '2000' }), strategy: { type: 'MostAllocated' }, expected: { node1: 67, node2: 36 } },
    { name: 'test case for ScoringStrategy LeastAllocated', pod: podRequesting({ cpu: '1000', memory: '2000' }), strategy: { type: 'LeastAllocated' }, expected: { node1: 32, node2: 63 } },
  ];
  it.each(cases)('$name', ({ pod, strategy, expected }) => {
    const plugin = nodeResourcesFit({ scoringStrategy: { ...strategy, resources: defaultResources } });
    expect(runScorePlugin(plugin, pod, clusterOf(nodes(), existing())).raw).toEqual(expected);
  });
  it.each(cases.filter((test) => !test.name.endsWith('case2')))('$name if PreScore is not called', ({ pod, strategy, expected }) => {
    const plugin = nodeResourcesFit({ scoringStrategy: { ...strategy, resources: defaultResources } }) as unknown as ScorePlugin;
    const cluster = clusterOf(nodes(), existing());
    const podInfo = buildPodInfo(pod);
    const state = new CycleState();
    expect(Object.fromEntries(cluster.nodes.map((node) => [node.name, plugin.score(state, podInfo, node)]))).toEqual(expected);
  });
});

// upstream fit_test.go TestFitScore, the sidecar cases: node1's pod runs a restartable init container (st.SidecarReq).
describe('NodeResourcesFit Score: TestFitScore with sidecar container', () => {
  const withSidecar = (pod: V1Pod, requests: Record<string, string>): V1Pod => {
    pod.spec!.initContainers = [{ name: 'sidecar', image: 'registry.example/sidecar:1', restartPolicy: 'Always', resources: { requests } }];
    return pod;
  };
  const nodes = () => [small('node1'), small('node2')];
  const existing = () => [
    withSidecar(podOn('node1', { cpu: '1000', memory: '2000' }), { cpu: '1000', memory: '2000' }),
    podOn('node2', { cpu: '1000', memory: '2000' }),
  ];
  it.each([
    { name: 'test case for ScoringStrategy MostAllocated with sidecar container', strategy: { type: 'MostAllocated' }, expected: { node1: 67, node2: 45 } },
    { name: 'test case for ScoringStrategy LeastAllocated with sidecar container', strategy: { type: 'LeastAllocated' }, expected: { node1: 32, node2: 55 } },
  ])('$name', ({ strategy, expected }) => {
    const plugin = nodeResourcesFit({ scoringStrategy: { ...strategy, resources: defaultResources } });
    expect(runScorePlugin(plugin, podRequesting({ cpu: '1000', memory: '2000' }), clusterOf(nodes(), existing())).raw).toEqual(expected);
  });
});

describe('NodeResourcesFit args: v1 defaulting', () => {
  // Upstream's "Resources not set, pods scheduled with error" and "resource with zero weight" feed the internal
  // API straight to NewFit; through v1 (SetDefaults_NodeResourcesFitArgs) an empty list becomes cpu+memory and a
  // zero weight becomes 1, so those configurations score normally.
  it('fills empty resources with cpu and memory, weight 1', () => {
    const plugin = nodeResourcesFit({ scoringStrategy: { type: 'LeastAllocated', resources: [] } });
    const cluster = clusterOf([small('node1'), nodeWith('node2', { cpu: '6000', memory: '10000' })]);
    expect(runScorePlugin(plugin, twoReqs(), cluster).raw).toEqual({ node1: 37, node2: 50 });
  });
  it('turns a zero weight into 1', () => {
    const plugin = nodeResourcesFit({ scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'memory', weight: 1 }, { name: 'cpu', weight: 0 }] } });
    const cluster = clusterOf([small('node1'), nodeWith('node2', { cpu: '6000', memory: '10000' })]);
    expect(runScorePlugin(plugin, twoReqs(), cluster).raw).toEqual({ node1: 62, node2: 50 });
  });
  it('uses LeastAllocated over cpu and memory when no scoringStrategy is given', () => {
    const cluster = clusterOf([small('node1'), nodeWith('node2', { cpu: '6000', memory: '10000' })]);
    expect(runScorePlugin(nodeResourcesFit(undefined), twoReqs(), cluster).raw).toEqual({ node1: 37, node2: 50 });
  });
});
