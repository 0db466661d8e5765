import { describe, expect, it } from 'vitest';
import type { V1Affinity, V1Node, V1Pod } from '@kubernetes/client-node';
import { MAX_NODE_SCORE } from '../../../../src/scheduling/framework/interfaces.js';
import { interPodAffinity } from '../../../../src/scheduling/plugins/inter-pod-affinity/index.js';
import { clusterOf } from '../../../support/builders.js';
import { runScorePlugin } from '../../../support/plugin-harness.js';
import {
  affinity,
  doesNotExist,
  exists,
  inValues,
  node,
  notIn,
  pod,
  shapeOf,
  skip,
  teamNamespaces,
  term,
  weighted,
  type StatusShape,
} from './fixtures.js';

const labelRgChina = { region: 'China' };
const labelRgIndia = { region: 'India' };
const labelAzAz1 = { az: 'az1' };
const labelAzAz2 = { az: 'az2' };
const labelRgChinaAzAz1 = { region: 'China', az: 'az1' };
const podLabelSecurityS1 = { security: 'S1' };
const podLabelSecurityS2 = { security: 'S2' };

const stayWithS1InRegion = affinity({ preferred: [weighted(5, term('region', [inValues('security', 'S1')]))] });
const stayWithS2InRegion = affinity({ preferred: [weighted(6, term('region', [inValues('security', 'S2')]))] });
const affinity3 = affinity({
  preferred: [
    weighted(8, term('region', [notIn('security', 'S1'), inValues('security', 'S2')])),
    weighted(2, term('region', [exists('security'), doesNotExist('wrongkey')])),
  ],
});
const hardAffinity = affinity({
  required: [
    term('region', [inValues('security', 'S1', 'value2')]),
    term('region', [exists('security'), doesNotExist('wrongkey')]),
  ],
});
const awayFromS1InAz = affinity({ antiPreferred: [weighted(5, term('az', [inValues('security', 'S1')]))] });
const awayFromS2InAz = affinity({ antiPreferred: [weighted(5, term('az', [inValues('security', 'S2')]))] });
const stayWithS1InRegionAwayFromS2InAz = affinity({
  preferred: [weighted(8, term('region', [inValues('security', 'S1')]))],
  antiPreferred: [weighted(5, term('az', [inValues('security', 'S2')]))],
});
const team1Selector = { matchExpressions: [inValues('team', 'team1')] };
const affinityNamespaceSelector = affinity({
  preferred: [
    weighted(5, term('region', [inValues('security', 'S1')], { namespaces: ['subteam2.team2'], namespaceSelector: team1Selector })),
  ],
});
const antiAffinityNamespaceSelector = affinity({
  antiPreferred: [
    weighted(5, term('region', [inValues('security', 'S1')], { namespaces: ['subteam2.team2'], namespaceSelector: team1Selector })),
  ],
});

interface Case {
  readonly name: string;
  readonly pod: V1Pod;
  readonly pods?: V1Pod[];
  readonly nodes: V1Node[];
  readonly ignorePreferredTermsOfExistingPods?: boolean;
  readonly wantPreScore?: StatusShape;
  /** Normalized scores, per node in `nodes` order. */
  readonly want?: number[];
}

let podCount = 0;
/** Upstream's pods here are anonymous; ours need distinct names. */
const existing = (nodeName: string, labels: Record<string, string> = {}, podAffinity?: V1Affinity, namespace?: string): V1Pod =>
  pod(`existing-${podCount++}`, { node: nodeName, labels, affinity: podAffinity, namespace });
const incoming = (labels: Record<string, string>, podAffinity?: V1Affinity, namespace?: string): V1Pod =>
  pod('incoming', { labels, affinity: podAffinity, namespace });

const MAX = MAX_NODE_SCORE;

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/interpodaffinity/scoring_test.go
// TestPreferredAffinity (upstream runs it with hardPodAffinityWeight 1). Not ported: "invalid Affinity
// fails PreScore" and "invalid AntiAffinity fails PreScore" (label value syntax is validated where pods
// enter podplan, not by the engine's PodInfo).
const cases: Case[] = [
  {
    name: 'all nodes are same priority as Affinity is nil',
    pod: incoming(podLabelSecurityS1),
    nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
    wantPreScore: skip,
  },
  {
    name:
      'Affinity: pod that matches topology key & pods in nodes will get high score comparing to others' +
      "which doesn't match either pods in nodes or in topology key",
    pod: incoming(podLabelSecurityS1, stayWithS1InRegion),
    pods: [existing('node1', podLabelSecurityS1), existing('node2', podLabelSecurityS2), existing('node3', podLabelSecurityS1)],
    nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
    want: [MAX, 0, 0],
  },
  {
    name: 'All the nodes that have the same topology key & label value with one of them has an existing pod that match the affinity rules, have the same score',
    pod: incoming({}, stayWithS1InRegion),
    pods: [existing('node1', podLabelSecurityS1)],
    nodes: [node('node1', labelRgChina), node('node2', labelRgChinaAzAz1), node('node3', labelRgIndia)],
    want: [MAX, MAX, 0],
  },
  {
    name: 'Affinity: nodes in one region has more matching pods comparing to other region, so the region which has more matches will get high score',
    pod: incoming(podLabelSecurityS1, stayWithS2InRegion),
    pods: [
      existing('node1', podLabelSecurityS2),
      existing('node1', podLabelSecurityS2),
      existing('node2', podLabelSecurityS2),
      existing('node3', podLabelSecurityS2),
      existing('node4', podLabelSecurityS2),
      existing('node5', podLabelSecurityS2),
    ],
    nodes: [
      node('node1', labelRgChina),
      node('node2', labelRgIndia),
      node('node3', labelRgChina),
      node('node4', labelRgChina),
      node('node5', labelRgIndia),
    ],
    want: [MAX, 0, MAX, MAX, 0],
  },
  {
    name: 'Affinity: different Label operators and values for pod affinity scheduling preference, including some match failures ',
    pod: incoming(podLabelSecurityS1, affinity3),
    pods: [existing('node1', podLabelSecurityS1), existing('node2', podLabelSecurityS2), existing('node3', podLabelSecurityS1)],
    nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
    want: [20, MAX, 0],
  },
  {
    name: 'Affinity symmetry: considered only the preferredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry',
    pod: incoming(podLabelSecurityS2),
    pods: [existing('node1', podLabelSecurityS1, stayWithS1InRegion), existing('node2', podLabelSecurityS2, stayWithS2InRegion)],
    nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
    want: [0, MAX, 0],
  },
  {
    name: 'Affinity symmetry with namespace selector',
    pod: incoming(podLabelSecurityS1, undefined, 'subteam1.team1'),
    pods: [
      existing('node1', podLabelSecurityS1, affinityNamespaceSelector),
      existing('node2', podLabelSecurityS2, stayWithS2InRegion),
    ],
    nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
    want: [MAX, 0, 0],
  },
  {
    name: 'AntiAffinity symmetry with namespace selector',
    pod: incoming(podLabelSecurityS1, undefined, 'subteam1.team1'),
    pods: [
      existing('node1', podLabelSecurityS1, antiAffinityNamespaceSelector),
      existing('node2', podLabelSecurityS2, stayWithS2InRegion),
    ],
    nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
    want: [0, MAX, MAX],
  },
  {
    name: 'Affinity symmetry: considered RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry',
    pod: incoming(podLabelSecurityS1),
    pods: [existing('node1', podLabelSecurityS1, hardAffinity), existing('node2', podLabelSecurityS2, hardAffinity)],
    nodes: [node('node1', labelRgChina), node('node2', labelRgIndia), node('node3', labelAzAz1)],
    want: [MAX, MAX, 0],
  },
  {
    name: 'Anti Affinity: pod that does not match existing pods in node will get high score ',
    pod: incoming(podLabelSecurityS1, awayFromS1InAz),
    pods: [existing('node1', podLabelSecurityS1), existing('node2', podLabelSecurityS2)],
    nodes: [node('node1', labelAzAz1), node('node2', labelRgChina)],
    want: [0, MAX],
  },
  {
    name: 'Anti Affinity: pod that does not match topology key & match the pods in nodes will get higher score comparing to others ',
    pod: incoming(podLabelSecurityS1, awayFromS1InAz),
    pods: [existing('node1', podLabelSecurityS1), existing('node2', podLabelSecurityS1)],
    nodes: [node('node1', labelAzAz1), node('node2', labelRgChina)],
    want: [0, MAX],
  },
  {
    name: 'Anti Affinity: one node has more matching pods comparing to other node, so the node which has more unmatches will get high score',
    pod: incoming(podLabelSecurityS1, awayFromS1InAz),
    pods: [existing('node1', podLabelSecurityS1), existing('node1', podLabelSecurityS1), existing('node2', podLabelSecurityS2)],
    nodes: [node('node1', labelAzAz1), node('node2', labelRgIndia)],
    want: [0, MAX],
  },
  {
    name: 'Anti Affinity symmetry: the existing pods in node which has anti affinity match will get high score',
    pod: incoming(podLabelSecurityS2),
    pods: [existing('node1', podLabelSecurityS1, awayFromS2InAz), existing('node2', podLabelSecurityS2, awayFromS1InAz)],
    nodes: [node('node1', labelAzAz1), node('node2', labelAzAz2)],
    want: [0, MAX],
  },
  {
    name: 'Affinity and Anti Affinity: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity',
    pod: incoming(podLabelSecurityS1, stayWithS1InRegionAwayFromS2InAz),
    pods: [existing('node1', podLabelSecurityS1), existing('node2', podLabelSecurityS1)],
    nodes: [node('node1', labelRgChina), node('node2', labelAzAz1)],
    want: [MAX, 0],
  },
  {
    name: 'Affinity and Anti Affinity: considering both affinity and anti-affinity, the pod to schedule and existing pods have the same labels',
    pod: incoming(podLabelSecurityS1, stayWithS1InRegionAwayFromS2InAz),
    pods: [
      existing('node1', podLabelSecurityS1),
      existing('node1', podLabelSecurityS1),
      existing('node2', podLabelSecurityS1),
      existing('node3', podLabelSecurityS1),
      existing('node3', podLabelSecurityS1),
      existing('node4', podLabelSecurityS1),
      existing('node5', podLabelSecurityS1),
    ],
    nodes: [
      node('node1', labelRgChinaAzAz1),
      node('node2', labelRgIndia),
      node('node3', labelRgChina),
      node('node4', labelRgChina),
      node('node5', labelRgIndia),
    ],
    want: [MAX, 0, MAX, MAX, 0],
  },
  {
    name: 'Affinity and Anti Affinity and symmetry: considered only preferredDuringSchedulingIgnoredDuringExecution in both pod affinity & anti affinity & symmetry',
    pod: incoming(podLabelSecurityS1, stayWithS1InRegionAwayFromS2InAz),
    pods: [
      existing('node1', podLabelSecurityS1),
      existing('node2', podLabelSecurityS2),
      existing('node3', {}, stayWithS1InRegionAwayFromS2InAz),
      existing('node4', {}, awayFromS1InAz),
    ],
    nodes: [node('node1', labelRgChina), node('node2', labelAzAz1), node('node3', labelRgIndia), node('node4', labelAzAz2)],
    want: [MAX, 0, MAX, 0],
  },
  {
    name: "Avoid panic when partial nodes in a topology don't have pods with affinity",
    pod: incoming(podLabelSecurityS1),
    pods: [existing('node1', podLabelSecurityS1), existing('node2', {}, stayWithS1InRegionAwayFromS2InAz)],
    nodes: [node('node1', labelRgChina), node('node2', labelRgChina)],
    want: [0, 0],
  },
  {
    name: 'Affinity with pods matching NamespaceSelector',
    pod: incoming(podLabelSecurityS1, affinityNamespaceSelector, 'subteam1.team1'),
    pods: [
      existing('node1', podLabelSecurityS1, undefined, 'subteam1.team1'),
      existing('node1', podLabelSecurityS1, undefined, 'subteam1.team1'),
      existing('node1', podLabelSecurityS1, undefined, 'subteam1.team2'),
      existing('node2', podLabelSecurityS1, undefined, 'subteam2.team1'),
    ],
    nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
    want: [MAX, 0],
  },
  {
    name: 'Affinity with pods matching both NamespaceSelector and Namespaces fields',
    pod: incoming(podLabelSecurityS1, affinityNamespaceSelector, 'subteam1.team1'),
    pods: [
      existing('node1', podLabelSecurityS1, undefined, 'subteam1.team1'),
      existing('node1', podLabelSecurityS1, undefined, 'subteam1.team1'),
      existing('node1', podLabelSecurityS1, undefined, 'subteam2.team2'),
      existing('node2', podLabelSecurityS1, undefined, 'subteam2.team1'),
    ],
    nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
    want: [MAX, 0],
  },
  {
    name: 'Affinity with pods matching NamespaceSelector',
    pod: incoming(podLabelSecurityS1, antiAffinityNamespaceSelector, 'subteam1.team1'),
    pods: [
      existing('node1', podLabelSecurityS1, undefined, 'subteam1.team1'),
      existing('node1', podLabelSecurityS1, undefined, 'subteam1.team1'),
      existing('node1', podLabelSecurityS1, undefined, 'subteam1.team2'),
      existing('node2', podLabelSecurityS1, undefined, 'subteam2.team1'),
    ],
    nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
    want: [0, MAX],
  },
  {
    name: 'Affinity with pods matching both NamespaceSelector and Namespaces fields',
    pod: incoming(podLabelSecurityS1, antiAffinityNamespaceSelector, 'subteam1.team1'),
    pods: [
      existing('node1', podLabelSecurityS1, undefined, 'subteam1.team1'),
      existing('node1', podLabelSecurityS1, undefined, 'subteam1.team1'),
      existing('node1', podLabelSecurityS1, undefined, 'subteam2.team2'),
      existing('node2', podLabelSecurityS1, undefined, 'subteam2.team1'),
    ],
    nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
    want: [0, MAX],
  },
  {
    name: 'Ignore preferred terms of existing pods',
    pod: incoming(podLabelSecurityS2),
    pods: [
      existing('node1', podLabelSecurityS1, stayWithS1InRegionAwayFromS2InAz),
      existing('node2', podLabelSecurityS2, stayWithS2InRegion),
    ],
    nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
    ignorePreferredTermsOfExistingPods: true,
    wantPreScore: skip,
  },
  {
    name: 'Do not ignore preferred terms of existing pods',
    pod: incoming(podLabelSecurityS2),
    pods: [
      existing('node1', podLabelSecurityS1, stayWithS1InRegionAwayFromS2InAz),
      existing('node2', podLabelSecurityS2, stayWithS2InRegion),
    ],
    nodes: [node('node1', labelRgChina), node('node2', labelRgIndia)],
    ignorePreferredTermsOfExistingPods: false,
    want: [0, MAX],
  },
  {
    name: 'No nodes to score',
    pod: incoming(podLabelSecurityS2),
    pods: [],
    nodes: [],
    wantPreScore: skip,
  },
];

describe('InterPodAffinity preferred (anti-)affinity scoring (upstream TestPreferredAffinity)', () => {
  it.each(cases)('$name', (testCase) => {
    const cluster = clusterOf(testCase.nodes, testCase.pods ?? [], { namespaces: teamNamespaces });
    const plugin = interPodAffinity({
      hardPodAffinityWeight: 1,
      ignorePreferredTermsOfExistingPods: testCase.ignorePreferredTermsOfExistingPods ?? false,
    });
    const run = runScorePlugin(plugin, testCase.pod, cluster);
    expect(shapeOf(run.preScore)).toEqual(testCase.wantPreScore ?? null);
    if (testCase.wantPreScore) return;
    expect(testCase.nodes.map((candidate) => run.normalized[candidate.metadata!.name!])).toEqual(testCase.want);
  });
});
