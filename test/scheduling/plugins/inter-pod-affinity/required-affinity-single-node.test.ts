import { describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { interPodAffinity } from '../../../../src/scheduling/plugins/inter-pod-affinity/index.js';
import {
  ErrReasonAffinityRulesNotMatch,
  ErrReasonAntiAffinityRulesNotMatch,
  ErrReasonExistingAntiAffinityRulesNotMatch,
} from '../../../../src/scheduling/plugins/inter-pod-affinity/reasons.js';
import { clusterOf } from '../../../support/builders.js';
import { runFilterPlugin } from '../../../support/plugin-harness.js';
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
  unresolvable,
  unschedulable,
  type StatusShape,
} from './fixtures.js';

const podLabel = { service: 'securityscan' };
const podLabel2 = { security: 'S1' };
const node1 = node('node1', { region: 'r1', zone: 'z11' });
const existing = pod('pod1', { labels: podLabel, node: 'node1' });

interface Case {
  readonly name: string;
  readonly pod: V1Pod;
  readonly pods?: V1Pod[];
  readonly wantPreFilter?: StatusShape;
  readonly wantFilter?: StatusShape;
}

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go
// TestRequiredAffinitySingleNode. Not ported: "PodAffinity fails PreFilter with an invalid affinity label
// syntax" and "PodAntiAffinity fails PreFilter with an invalid antiaffinity label syntax" (label value
// syntax is validated where pods enter podplan, not by the engine's PodInfo).
const cases: Case[] = [
  {
    name: 'A pod that has no required pod affinity scheduling rules can schedule onto a node with no existing pods',
    pod: pod('incoming'),
    wantPreFilter: skip,
  },
  {
    name: 'satisfies with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using In operator that matches the existing pod',
    pod: pod('incoming', {
      labels: podLabel2,
      affinity: affinity({ required: [term('region', [inValues('service', 'securityscan', 'value2')])] }),
    }),
    pods: [existing],
  },
  {
    name: 'satisfies the pod with requiredDuringSchedulingIgnoredDuringExecution in PodAffinity using not in operator in labelSelector that matches the existing pod',
    pod: pod('incoming', {
      labels: podLabel2,
      affinity: affinity({ required: [term('region', [notIn('service', 'securityscan3', 'value3')])] }),
    }),
    pods: [existing],
  },
  {
    name: 'Does not satisfy the PodAffinity with labelSelector because of diff Namespace',
    pod: pod('incoming', {
      labels: podLabel2,
      affinity: affinity({
        required: [term('', [inValues('service', 'securityscan', 'value2')], { namespaces: ['DiffNameSpace'] })],
        antiRequired: [],
      }),
    }),
    pods: [pod('pod1', { namespace: 'ns', labels: { service: 'securityscan' }, node: 'node1' })],
    wantFilter: unresolvable(ErrReasonAffinityRulesNotMatch),
  },
  {
    name: "Doesn't satisfy the PodAffinity because of unmatching labelSelector with the existing pod",
    pod: pod('incoming', {
      labels: podLabel,
      affinity: affinity({ required: [term('', [inValues('service', 'antivirusscan', 'value2')])] }),
    }),
    pods: [existing],
    wantFilter: unresolvable(ErrReasonAffinityRulesNotMatch),
  },
  {
    name: 'satisfies the PodAffinity with different label Operators in multiple RequiredDuringSchedulingIgnoredDuringExecution ',
    pod: pod('incoming', {
      labels: podLabel2,
      affinity: affinity({
        required: [
          term('region', [exists('service'), doesNotExist('wrongkey')]),
          term('region', [inValues('service', 'securityscan'), notIn('service', 'WrongValue')]),
        ],
        antiRequired: [],
      }),
    }),
    pods: [existing],
  },
  {
    name: "The labelSelector requirements(items of matchExpressions) are ANDed, the pod cannot schedule onto the node because one of the matchExpression item don't match.",
    pod: pod('incoming', {
      labels: podLabel2,
      affinity: affinity({
        required: [
          term('region', [exists('service'), doesNotExist('wrongkey')]),
          term('region', [inValues('service', 'securityscan2'), notIn('service', 'WrongValue')]),
        ],
        antiRequired: [],
      }),
    }),
    pods: [existing],
    wantFilter: unresolvable(ErrReasonAffinityRulesNotMatch),
  },
  {
    name: 'satisfies the PodAffinity and PodAntiAffinity with the existing pod',
    pod: pod('incoming', {
      labels: podLabel2,
      affinity: affinity({
        required: [term('region', [inValues('service', 'securityscan', 'value2')])],
        antiRequired: [term('node', [inValues('service', 'antivirusscan', 'value2')])],
      }),
    }),
    pods: [existing],
  },
  {
    name: 'satisfies the PodAffinity and PodAntiAffinity and PodAntiAffinity symmetry with the existing pod',
    pod: pod('incoming', {
      labels: podLabel2,
      affinity: affinity({
        required: [term('region', [inValues('service', 'securityscan', 'value2')])],
        antiRequired: [term('node', [inValues('service', 'antivirusscan', 'value2')])],
      }),
    }),
    pods: [
      pod('pod1', {
        labels: podLabel,
        node: 'node1',
        affinity: affinity({ antiRequired: [term('node', [inValues('service', 'antivirusscan', 'value2')])] }),
      }),
    ],
  },
  {
    name: "satisfies the PodAffinity but doesn't satisfy the PodAntiAffinity with the existing pod",
    pod: pod('incoming', {
      labels: podLabel2,
      affinity: affinity({
        required: [term('region', [inValues('service', 'securityscan', 'value2')])],
        antiRequired: [term('zone', [inValues('service', 'securityscan', 'value2')])],
      }),
    }),
    pods: [existing],
    wantFilter: unschedulable(ErrReasonAntiAffinityRulesNotMatch),
  },
  {
    name: "satisfies the PodAffinity and PodAntiAffinity but doesn't satisfy PodAntiAffinity symmetry with the existing pod",
    pod: pod('incoming', {
      labels: podLabel,
      affinity: affinity({
        required: [term('region', [inValues('service', 'securityscan', 'value2')])],
        antiRequired: [term('node', [inValues('service', 'antivirusscan', 'value2')])],
      }),
    }),
    pods: [
      pod('pod1', {
        labels: podLabel,
        node: 'node1',
        affinity: affinity({ antiRequired: [term('zone', [inValues('service', 'securityscan', 'value2')])] }),
      }),
    ],
    wantFilter: unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch),
  },
  {
    name: 'pod matches its own Label in PodAffinity and that matches the existing pod Labels',
    pod: pod('incoming', {
      labels: podLabel,
      affinity: affinity({ required: [term('region', [notIn('service', 'securityscan', 'value2')])] }),
    }),
    // Upstream binds this pod to "node2", which the snapshot lacks; such pods never reach our cluster state.
    pods: [pod('pod1', { labels: { service: 'securityscan' }, node: 'node2' })],
    wantFilter: unresolvable(ErrReasonAffinityRulesNotMatch),
  },
  {
    name: "verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. doesn't satisfy PodAntiAffinity symmetry with the existing pod",
    pod: pod('incoming', { labels: podLabel }),
    pods: [
      pod('pod1', {
        labels: podLabel,
        node: 'node1',
        affinity: affinity({ antiRequired: [term('zone', [inValues('service', 'securityscan', 'value2')])] }),
      }),
    ],
    wantFilter: unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch),
  },
  {
    name: 'verify that PodAntiAffinity from existing pod is respected when pod has no AntiAffinity constraints. satisfy PodAntiAffinity symmetry with the existing pod',
    pod: pod('incoming', { labels: podLabel }),
    pods: [
      pod('pod1', {
        labels: podLabel,
        node: 'node1',
        affinity: affinity({ antiRequired: [term('zone', [notIn('service', 'securityscan', 'value2')])] }),
      }),
    ],
    wantPreFilter: skip,
  },
  {
    name: "satisfies the PodAntiAffinity with existing pod but doesn't satisfy PodAntiAffinity symmetry with incoming pod",
    pod: pod('incoming', {
      labels: podLabel,
      affinity: affinity({ antiRequired: [term('region', [exists('service')]), term('region', [exists('security')])] }),
    }),
    pods: [pod('pod1', { labels: podLabel2, node: 'node1', affinity: affinity({ antiRequired: [term('zone', [exists('security')])] }) })],
    wantFilter: unschedulable(ErrReasonAntiAffinityRulesNotMatch),
  },
  {
    name: 'PodAntiAffinity symmetry check a1: incoming pod and existing pod partially match each other on AffinityTerms',
    pod: pod('incoming', {
      labels: podLabel,
      affinity: affinity({ antiRequired: [term('zone', [exists('service')]), term('zone', [exists('security')])] }),
    }),
    pods: [pod('pod1', { labels: podLabel2, node: 'node1', affinity: affinity({ antiRequired: [term('zone', [exists('security')])] }) })],
    wantFilter: unschedulable(ErrReasonAntiAffinityRulesNotMatch),
  },
  {
    name: 'PodAntiAffinity symmetry check a2: incoming pod and existing pod partially match each other on AffinityTerms',
    pod: pod('incoming', { labels: podLabel2, affinity: affinity({ antiRequired: [term('zone', [exists('security')])] }) }),
    pods: [
      pod('pod1', {
        labels: podLabel,
        node: 'node1',
        affinity: affinity({ antiRequired: [term('zone', [exists('service')]), term('zone', [exists('security')])] }),
      }),
    ],
    wantFilter: unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch),
  },
  {
    name: 'PodAntiAffinity symmetry check b1: incoming pod and existing pod partially match each other on AffinityTerms',
    pod: pod('incoming', {
      labels: { abc: '', xyz: '' },
      affinity: affinity({ antiRequired: [term('zone', [exists('abc')]), term('zone', [exists('def')])] }),
    }),
    pods: [
      pod('pod1', {
        labels: { def: '', xyz: '' },
        node: 'node1',
        affinity: affinity({ antiRequired: [term('zone', [exists('abc')]), term('zone', [exists('def')])] }),
      }),
    ],
    wantFilter: unschedulable(ErrReasonAntiAffinityRulesNotMatch),
  },
  {
    name: 'PodAntiAffinity symmetry check b2: incoming pod and existing pod partially match each other on AffinityTerms',
    pod: pod('incoming', {
      labels: { def: '', xyz: '' },
      affinity: affinity({ antiRequired: [term('zone', [exists('abc')]), term('zone', [exists('def')])] }),
    }),
    pods: [
      pod('pod1', {
        labels: { abc: '', xyz: '' },
        node: 'node1',
        affinity: affinity({ antiRequired: [term('zone', [exists('abc')]), term('zone', [exists('def')])] }),
      }),
    ],
    wantFilter: unschedulable(ErrReasonAntiAffinityRulesNotMatch),
  },
  {
    name: 'affinity with NamespaceSelector',
    pod: pod('incoming', {
      labels: podLabel2,
      affinity: affinity({
        required: [
          term('region', [inValues('service', 'securityscan', 'value2')], {
            namespaceSelector: { matchExpressions: [inValues('team', 'team1')] },
          }),
        ],
        antiRequired: [],
      }),
    }),
    pods: [pod('pod1', { namespace: 'subteam1.team1', labels: podLabel, node: 'node1' })],
  },
  {
    name: 'affinity with non-matching NamespaceSelector',
    pod: pod('incoming', {
      labels: podLabel2,
      affinity: affinity({
        required: [
          term('region', [inValues('service', 'securityscan', 'value2')], {
            namespaceSelector: { matchExpressions: [inValues('team', 'team1')] },
          }),
        ],
        antiRequired: [],
      }),
    }),
    pods: [pod('pod1', { namespace: 'subteam1.team2', labels: podLabel, node: 'node1' })],
    wantFilter: unresolvable(ErrReasonAffinityRulesNotMatch),
  },
  {
    name: 'anti-affinity with matching NamespaceSelector',
    pod: pod('incoming', {
      namespace: 'subteam1.team1',
      labels: podLabel2,
      affinity: affinity({
        required: [],
        antiRequired: [
          term('zone', [inValues('service', 'securityscan', 'value2')], {
            namespaceSelector: { matchExpressions: [inValues('team', 'team1')] },
          }),
        ],
      }),
    }),
    pods: [pod('pod1', { namespace: 'subteam2.team1', labels: podLabel, node: 'node1' })],
    wantFilter: unschedulable(ErrReasonAntiAffinityRulesNotMatch),
  },
  {
    name: 'anti-affinity with matching all NamespaceSelector',
    pod: pod('incoming', {
      namespace: 'subteam1.team1',
      labels: podLabel2,
      affinity: affinity({
        required: [],
        antiRequired: [term('zone', [inValues('service', 'securityscan', 'value2')], { namespaceSelector: {} })],
      }),
    }),
    pods: [pod('pod1', { namespace: 'subteam2.team1', labels: podLabel, node: 'node1' })],
    wantFilter: unschedulable(ErrReasonAntiAffinityRulesNotMatch),
  },
  {
    name: 'anti-affinity with non-matching NamespaceSelector',
    pod: pod('incoming', {
      namespace: 'subteam1.team1',
      labels: podLabel2,
      affinity: affinity({
        required: [],
        antiRequired: [
          term('zone', [inValues('service', 'securityscan', 'value2')], {
            namespaceSelector: { matchExpressions: [inValues('team', 'team1')] },
          }),
        ],
      }),
    }),
    pods: [pod('pod1', { namespace: 'subteam1.team2', labels: podLabel, node: 'node1' })],
  },
];

describe('InterPodAffinity required (anti-)affinity on a single node (upstream TestRequiredAffinitySingleNode)', () => {
  it.each(cases)('$name', (testCase) => {
    const cluster = clusterOf([node1], testCase.pods ?? [], { namespaces: teamNamespaces });
    const run = runFilterPlugin(interPodAffinity({}), testCase.pod, cluster);
    expect(shapeOf(run.preFilter)).toEqual(testCase.wantPreFilter ?? null);
    if (testCase.wantPreFilter) return;
    expect(shapeOf(run.nodes.node1)).toEqual(testCase.wantFilter ?? null);
  });
});
