import type { V1Taint, V1Toleration } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { MAX_NODE_SCORE } from '../../../../src/scheduling/framework/interfaces.js';
import { taintToleration } from '../../../../src/scheduling/plugins/taint-toleration/index.js';
import { defaultEmulation } from '../../../../src/scheduling/release/emulation.js';
import { compareReleases, SUPPORTED_RELEASES, type KubernetesRelease } from '../../../../src/scheduling/release/kubernetes-release.js';
import { clusterOf } from '../../../support/builders.js';
import { runFilterPlugin, runScorePlugin } from '../../../support/plugin-harness.js';
import { expectStatus, unresolvable, type ExpectedStatus } from '../node-affinity/status-expectation.js';

const nodeWithTaints = (name: string, taints: V1Taint[]) => ({ metadata: { name }, spec: { taints } });
const podWithTolerations = (tolerations: V1Toleration[]) => ({ metadata: { name: 'pod1' }, spec: { containers: [], tolerations } });

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go, TestTaintTolerationScore.
const scoreCases: { name: string; tolerations: V1Toleration[]; nodes: [string, V1Taint[]][]; expected: Record<string, number> }[] = [
  {
    name: 'node with taints tolerated by the pod, gets a higher score than those node with intolerable taints',
    tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
    nodes: [
      ['nodeA', [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }]],
      ['nodeB', [{ key: 'foo', value: 'blah', effect: 'PreferNoSchedule' }]],
    ],
    expected: { nodeA: MAX_NODE_SCORE, nodeB: 0 },
  },
  {
    name: 'the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many tolerable taints a node has',
    tolerations: [
      { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'PreferNoSchedule' },
      { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'PreferNoSchedule' },
    ],
    nodes: [
      ['nodeA', []],
      ['nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]],
      [
        'nodeC',
        [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ],
      ],
    ],
    expected: { nodeA: MAX_NODE_SCORE, nodeB: MAX_NODE_SCORE, nodeC: MAX_NODE_SCORE },
  },
  {
    name: 'the more intolerable taints a node has, the lower score it gets.',
    tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
    nodes: [
      ['nodeA', []],
      ['nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]],
      [
        'nodeC',
        [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ],
      ],
    ],
    expected: { nodeA: MAX_NODE_SCORE, nodeB: 50, nodeC: 0 },
  },
  {
    name: 'only taints and tolerations that have effect PreferNoSchedule are checked by taints-tolerations priority function',
    tolerations: [
      { key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' },
      { key: 'disk-type', operator: 'Equal', value: 'ssd', effect: 'NoSchedule' },
    ],
    nodes: [
      ['nodeA', []],
      ['nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }]],
      [
        'nodeC',
        [
          { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
          { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
        ],
      ],
    ],
    expected: { nodeA: MAX_NODE_SCORE, nodeB: MAX_NODE_SCORE, nodeC: 0 },
  },
  {
    name: 'Default behaviour No taints and tolerations, lands on node with no taints',
    tolerations: [],
    nodes: [
      ['nodeA', []],
      ['nodeB', [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }]],
    ],
    expected: { nodeA: MAX_NODE_SCORE, nodeB: 0 },
  },
];

describe('TaintToleration Score (upstream TestTaintTolerationScore)', () => {
  it.each(scoreCases)('$name', ({ tolerations, nodes, expected }) => {
    const cluster = clusterOf(nodes.map(([name, taints]) => nodeWithTaints(name, taints)));
    const run = runScorePlugin(taintToleration(undefined), podWithTolerations(tolerations), cluster);
    expect(run.preScore).toBeNull();
    expect(run.normalized).toEqual(expected);
  });
});

/**
 * Upstream's reason for an untolerated taint in each release: release-1.33's
 * TestTaintTolerationFilter expects `node(s) had untolerated taint {k: v}`,
 * release-1.34 (since PR 135023) and 1.35 (PR 134740) `node(s) had untolerated taint(s)`.
 */
const untolerated =
  (taint: string) =>
  (release: KubernetesRelease): ExpectedStatus =>
    unresolvable(compareReleases(release, 'v1.34') < 0 ? `node(s) had untolerated taint ${taint}` : 'node(s) had untolerated taint(s)');
const fits = (): ExpectedStatus => null;

// Ported from the same file, TestTaintTolerationFilter.
const filterCases: { name: string; tolerations: V1Toleration[]; taints: V1Taint[]; wantStatus: (release: KubernetesRelease) => ExpectedStatus }[] = [
  {
    name: "A pod having no tolerations can't be scheduled onto a node with nonempty taints",
    tolerations: [],
    taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
    wantStatus: untolerated('{dedicated: user1}'),
  },
  {
    name: 'A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule',
    tolerations: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
    taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
    wantStatus: fits,
  },
  {
    name: "A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
    taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
    wantStatus: untolerated('{dedicated: user1}'),
  },
  {
    name: 'A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node',
    tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
    taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
    wantStatus: fits,
  },
  {
    name: 'A pod has multiple tolerations, node has multiple taints, all the taints are tolerated, pod can be scheduled onto the node',
    tolerations: [
      { key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' },
      { key: 'foo', operator: 'Exists', effect: 'NoSchedule' },
    ],
    taints: [
      { key: 'dedicated', value: 'user2', effect: 'NoSchedule' },
      { key: 'foo', value: 'bar', effect: 'NoSchedule' },
    ],
    wantStatus: fits,
  },
  {
    name:
      "A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn't match, " +
      "can't be scheduled onto the node",
    tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
    taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
    wantStatus: untolerated('{foo: bar}'),
  },
  {
    name:
      'The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, ' +
      'and the effect of taint is NoSchedule. Pod can be scheduled onto the node',
    tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar' }],
    taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
    wantStatus: fits,
  },
  {
    name:
      "The pod has a toleration that key and value don't match the taint on the node, " +
      'but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node',
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
    taints: [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }],
    wantStatus: fits,
  },
  {
    name: 'The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node',
    tolerations: [],
    taints: [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }],
    wantStatus: fits,
  },
];

describe.each(SUPPORTED_RELEASES)('TaintToleration Filter in %s (upstream TestTaintTolerationFilter)', (release) => {
  const plugin = () => taintToleration(undefined, defaultEmulation(release).features);

  it.each(filterCases)('$name', ({ tolerations, taints, wantStatus }) => {
    const run = runFilterPlugin(plugin(), podWithTolerations(tolerations), clusterOf([nodeWithTaints('nodeA', taints)]));
    expectStatus(run.nodes.nodeA, wantStatus(release));
  });

  it('keeps the untolerated taint in the details, whatever the reason says', () => {
    const run = runFilterPlugin(plugin(), podWithTolerations([]), clusterOf([nodeWithTaints('nodeA', [{ key: 'gpu', effect: 'NoExecute' }])]));
    expect(run.nodes.nodeA?.reasons).toEqual([release === 'v1.32' || release === 'v1.33' ? 'node(s) had untolerated taint {gpu: }' : 'node(s) had untolerated taint(s)']);
    expect(run.nodes.nodeA?.details).toEqual([{ taint: { key: 'gpu', value: '', effect: 'NoExecute' } }]);
  });
});

it('defaults to the newest release\'s wording', () => {
  const run = runFilterPlugin(taintToleration(undefined), podWithTolerations([]), clusterOf([nodeWithTaints('nodeA', [{ key: 'gpu', effect: 'NoExecute' }])]));
  expect(run.nodes.nodeA?.reasons).toEqual(['node(s) had untolerated taint(s)']);
});
