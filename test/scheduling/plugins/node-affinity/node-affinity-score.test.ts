import type { V1Affinity, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../../src/scheduling/framework/cycle-state.js';
import { isScorePlugin, MAX_NODE_SCORE } from '../../../../src/scheduling/framework/interfaces.js';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { Code } from '../../../../src/scheduling/framework/status.js';
import { nodeAffinity } from '../../../../src/scheduling/plugins/node-affinity/index.js';
import { clusterOf, makeNode } from '../../../support/builders.js';
import { runScorePlugin } from '../../../support/plugin-harness.js';

const label1 = { foo: 'bar' };
const label2 = { key: 'value' };
const label3 = { az: 'az1' };
const label4 = { abc: 'az11', def: 'az22' };
const label5 = { foo: 'bar', key: 'value', az: 'az1' };

const affinity1: V1Affinity = {
  nodeAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 2, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] } },
    ],
  },
};
const affinity2: V1Affinity = {
  nodeAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 2, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] } },
      { weight: 4, preference: { matchExpressions: [{ key: 'key', operator: 'In', values: ['value'] }] } },
      {
        weight: 5,
        preference: {
          matchExpressions: [
            { key: 'foo', operator: 'In', values: ['bar'] },
            { key: 'key', operator: 'In', values: ['value'] },
            { key: 'az', operator: 'In', values: ['az1'] },
          ],
        },
      },
    ],
  },
};

const podWith = (affinity?: V1Affinity): V1Pod => ({ spec: { containers: [], ...(affinity ? { affinity } : {}) } });

interface ScoreCase {
  name: string;
  pod: V1Pod;
  nodes: [string, Record<string, string>][];
  args?: Record<string, unknown>;
  expected?: Record<string, number>;
  wantPreScore?: { code: Code; message: string };
}

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go, TestNodeAffinityPriority.
// Its cases that skip PreScore are in the next table.
const cases: ScoreCase[] = [
  {
    name: 'Skip is returned in PreScore when NodeAffinity is nil',
    pod: podWith(),
    nodes: [['node1', label1]],
    wantPreScore: { code: Code.Skip, message: '' },
  },
  {
    name: 'PreScore returns error when an incoming Pod has a broken affinity',
    pod: podWith({
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 2, preference: { matchExpressions: [{ key: 'invalid key', operator: 'In', values: ['bar'] }] } },
        ],
      },
    }),
    nodes: [['node1', label1]],
    wantPreScore: {
      code: Code.Error,
      message:
        `[0].matchExpressions[0].key: Invalid value: "invalid key": name part must consist of alphanumeric characters, '-', '_' or '.', ` +
        `and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', ` +
        `regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    },
  },
  {
    name: "no node matches preferred scheduling requirements in NodeAffinity of pod so all nodes' priority is zero",
    pod: podWith(affinity1),
    nodes: [['node1', label4], ['node2', label2], ['node3', label3]],
    expected: { node1: 0, node2: 0, node3: 0 },
  },
  {
    name: 'only node1 matches the preferred scheduling requirements of pod',
    pod: podWith(affinity1),
    nodes: [['node1', label1], ['node2', label2], ['node3', label3]],
    expected: { node1: MAX_NODE_SCORE, node2: 0, node3: 0 },
  },
  {
    name: 'all nodes matches the preferred scheduling requirements of pod but with different priorities ',
    pod: podWith(affinity2),
    nodes: [['node1', label1], ['node5', label5], ['node2', label2]],
    expected: { node1: 18, node5: MAX_NODE_SCORE, node2: 36 },
  },
  {
    name: 'added affinity',
    pod: podWith(),
    nodes: [['node1', label1], ['node2', label2]],
    args: { addedAffinity: affinity1.nodeAffinity },
    expected: { node1: MAX_NODE_SCORE, node2: 0 },
  },
  {
    name: 'added affinity and pod has default affinity',
    pod: podWith(affinity1),
    nodes: [['node1', label1], ['node2', label2], ['node3', label5]],
    args: {
      addedAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 3, preference: { matchExpressions: [{ key: 'key', operator: 'In', values: ['value'] }] } },
        ],
      },
    },
    expected: { node1: 40, node2: 60, node3: MAX_NODE_SCORE },
  },
];

describe('NodeAffinity PreScore, Score and NormalizeScore (upstream TestNodeAffinityPriority)', () => {
  it.each(cases)('$name', (testCase) => {
    const cluster = clusterOf(testCase.nodes.map(([name, labels]) => makeNode(name).labels(labels).obj()));
    const run = runScorePlugin(nodeAffinity(testCase.args), testCase.pod, cluster);
    if (testCase.wantPreScore) {
      expect(run.preScore?.code).toBe(testCase.wantPreScore.code);
      expect(run.preScore?.message).toBe(testCase.wantPreScore.message);
      return;
    }
    expect(run.preScore).toBeNull();
    expect(run.normalized).toEqual(testCase.expected);
  });

});

// The same file's cases that skip PreScore (runPreScore false): Score falls back to computing the pod's terms.
const withoutPreScore: { name: string; pod: V1Pod; nodes: [string, Record<string, string>][]; expected: number[] }[] = [
  {
    name: 'all nodes are same priority as NodeAffinity is nil',
    pod: podWith(),
    nodes: [['node1', label1], ['node2', label2], ['node3', label3]],
    expected: [0, 0, 0],
  },
  {
    name: 'calculate the priorities correctly even if PreScore is not called',
    pod: podWith(affinity2),
    nodes: [['node1', label1], ['node5', label5], ['node2', label2]],
    expected: [18, MAX_NODE_SCORE, 36],
  },
];

describe('NodeAffinity Score without PreScore (upstream TestNodeAffinityPriority)', () => {
  it.each(withoutPreScore)('$name', (testCase) => {
    const plugin = nodeAffinity(undefined);
    if (!isScorePlugin(plugin)) throw new Error('NodeAffinity must Score');
    const cluster = clusterOf(testCase.nodes.map(([name, labels]) => makeNode(name).labels(labels).obj()));
    const pod = buildPodInfo(testCase.pod);
    const state = new CycleState();
    const scores = Float64Array.from(cluster.nodes.map((node) => plugin.score(state, pod, node)));
    plugin.normalizeScore!(state, pod, scores, cluster.nodes);
    expect([...scores]).toEqual(testCase.expected);
  });
});
