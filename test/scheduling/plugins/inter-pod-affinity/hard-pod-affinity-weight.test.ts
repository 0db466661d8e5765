import { describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { MAX_NODE_SCORE } from '../../../../src/scheduling/framework/interfaces.js';
import { interPodAffinity } from '../../../../src/scheduling/plugins/inter-pod-affinity/index.js';
import { clusterOf } from '../../../support/builders.js';
import { runScorePlugin } from '../../../support/plugin-harness.js';
import { affinity, inValues, node, pod, shapeOf, skip, teamNamespaces, term, type StatusShape } from './fixtures.js';

/** v1.DefaultHardPodAffinitySymmetricWeight. */
const DEFAULT_HARD_POD_AFFINITY_WEIGHT = 1;
const podLabelServiceS1 = { service: 'S1' };
// Upstream lists namespace "" (its tests' default); ours is "default".
const hardPodAffinity = affinity({
  required: [
    term('region', [inValues('service', 'S1')], {
      namespaces: ['default', 'subteam2.team2'],
      namespaceSelector: { matchExpressions: [inValues('team', 'team1')] },
    }),
  ],
});
const nodes = [node('node1', { region: 'China' }), node('node2', { region: 'India' }), node('node3', { az: 'az1' })];
const pods = [pod('p1', { node: 'node1', affinity: hardPodAffinity }), pod('p2', { node: 'node2', affinity: hardPodAffinity })];

interface Case {
  readonly name: string;
  readonly pod: V1Pod;
  readonly hardPodAffinityWeight: number;
  readonly wantPreScore?: StatusShape;
  readonly want?: number[];
}

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/interpodaffinity/scoring_test.go
// TestPreferredAffinityWithHardPodAffinitySymmetricWeight (every case).
const cases: Case[] = [
  {
    name: 'with default weight',
    pod: pod('incoming', { labels: podLabelServiceS1 }),
    hardPodAffinityWeight: DEFAULT_HARD_POD_AFFINITY_WEIGHT,
    want: [MAX_NODE_SCORE, MAX_NODE_SCORE, 0],
  },
  {
    name: 'with zero weight',
    pod: pod('incoming', { labels: podLabelServiceS1 }),
    hardPodAffinityWeight: 0,
    wantPreScore: skip,
  },
  {
    name: 'with no matching namespace',
    pod: pod('incoming', { namespace: 'subteam1.team2', labels: podLabelServiceS1 }),
    hardPodAffinityWeight: DEFAULT_HARD_POD_AFFINITY_WEIGHT,
    wantPreScore: skip,
  },
  {
    name: 'with matching NamespaceSelector',
    pod: pod('incoming', { namespace: 'subteam1.team1', labels: podLabelServiceS1 }),
    hardPodAffinityWeight: DEFAULT_HARD_POD_AFFINITY_WEIGHT,
    want: [MAX_NODE_SCORE, MAX_NODE_SCORE, 0],
  },
  {
    name: 'with matching Namespaces',
    pod: pod('incoming', { namespace: 'subteam2.team2', labels: podLabelServiceS1 }),
    hardPodAffinityWeight: DEFAULT_HARD_POD_AFFINITY_WEIGHT,
    want: [MAX_NODE_SCORE, MAX_NODE_SCORE, 0],
  },
];

describe('InterPodAffinity scoring of existing pods\' required affinity (upstream TestPreferredAffinityWithHardPodAffinitySymmetricWeight)', () => {
  it.each(cases)('$name', (testCase) => {
    const cluster = clusterOf(nodes, pods, { namespaces: teamNamespaces });
    const run = runScorePlugin(interPodAffinity({ hardPodAffinityWeight: testCase.hardPodAffinityWeight }), testCase.pod, cluster);
    expect(shapeOf(run.preScore)).toEqual(testCase.wantPreScore ?? null);
    if (testCase.wantPreScore) return;
    expect(nodes.map((candidate) => run.normalized[candidate.metadata!.name!])).toEqual(testCase.want);
  });
});
