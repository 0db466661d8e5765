import { describe, expect, it } from 'vitest';
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { interPodAffinity } from '../../../../src/scheduling/plugins/inter-pod-affinity/index.js';
import {
  ErrReasonAffinityRulesNotMatch,
  ErrReasonAntiAffinityRulesNotMatch,
  ErrReasonExistingAntiAffinityRulesNotMatch,
} from '../../../../src/scheduling/plugins/inter-pod-affinity/reasons.js';
import { clusterOf, makeNamespace } from '../../../support/builders.js';
import { runFilterPlugin } from '../../../support/plugin-harness.js';
import {
  affinity,
  exists,
  inValues,
  node,
  pod,
  shapeOf,
  skip,
  term,
  unresolvable,
  unschedulable,
  type StatusShape,
} from './fixtures.js';

const labelRgChina = { region: 'China' };
const labelRgChinaAzAz1 = { region: 'China', az: 'az1' };
const labelRgIndia = { region: 'India' };

const affinityNotMatch = unresolvable(ErrReasonAffinityRulesNotMatch);
const antiAffinityNotMatch = unschedulable(ErrReasonAntiAffinityRulesNotMatch);
const existingAntiAffinityNotMatch = unschedulable(ErrReasonExistingAntiAffinityRulesNotMatch);

const zonedNodes = (zoneB: string): V1Node[] => [
  node('nodeA', { region: 'r1', zone: 'z1', hostname: 'nodeA' }),
  node('nodeB', { region: 'r1', zone: zoneB, hostname: 'nodeB' }),
];

interface Case {
  readonly name: string;
  readonly pod: V1Pod;
  readonly pods: V1Pod[];
  readonly nodes: V1Node[];
  readonly wantPreFilter?: StatusShape;
  /** Per node, in `nodes` order. */
  readonly wantFilter: (StatusShape | null)[];
}

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go
// TestRequiredAffinityMultipleNodes (every case).
const cases: Case[] = [
  {
    name: 'A pod can be scheduled onto all the nodes that have the same topology key & label value with one of them has an existing pod that matches the affinity rules',
    pod: pod('incoming', { affinity: affinity({ required: [term('region', [inValues('foo', 'bar')])] }) }),
    pods: [pod('p1', { node: 'node1', labels: { foo: 'bar' } })],
    nodes: [node('node1', labelRgChina), node('node2', labelRgChinaAzAz1), node('node3', labelRgIndia)],
    wantFilter: [null, null, affinityNotMatch],
  },
  {
    name:
      'The affinity rule is to schedule all of the pods of this collection to the same zone. The first pod of the collection ' +
      "should not be blocked from being scheduled onto any node, even there's no existing pod that matches the rule anywhere.",
    pod: pod('incoming', {
      labels: { foo: 'bar', service: 'securityscan' },
      affinity: affinity({ required: [term('zone', [inValues('foo', 'bar')]), term('zone', [inValues('service', 'securityscan')])] }),
    }),
    pods: [pod('p1', { node: 'nodeA', labels: { foo: 'bar' } })],
    nodes: [node('nodeA', { zone: 'az1', hostname: 'h1' }), node('nodeB', { zone: 'az2', hostname: 'h2' })],
    wantFilter: [null, null],
  },
  {
    name: 'The first pod of the collection can only be scheduled on nodes labelled with the requested topology keys',
    pod: pod('incoming', {
      labels: { foo: 'bar', service: 'securityscan' },
      affinity: affinity({ required: [term('zone', [inValues('foo', 'bar')]), term('zone', [inValues('service', 'securityscan')])] }),
    }),
    pods: [pod('p1', { node: 'nodeA', labels: { foo: 'bar' } })],
    nodes: [node('nodeA', { zoneLabel: 'az1', hostname: 'h1' }), node('nodeB', { zoneLabel: 'az2', hostname: 'h2' })],
    wantFilter: [affinityNotMatch, affinityNotMatch],
  },
  {
    name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB.',
    pod: pod('incoming', { affinity: affinity({ antiRequired: [term('region', [inValues('foo', 'abc')])] }) }),
    pods: [pod('p1', { node: 'nodeA', labels: { foo: 'abc' } })],
    nodes: [node('nodeA', { region: 'r1', hostname: 'nodeA' }), node('nodeB', { region: 'r1', hostname: 'nodeB' })],
    wantFilter: [antiAffinityNotMatch, antiAffinityNotMatch],
  },
  {
    name: 'This test ensures that anti-affinity matches a pod when any term of the anti-affinity rule matches a pod.',
    pod: pod('incoming', {
      affinity: affinity({
        antiRequired: [term('region', [inValues('foo', 'abc')]), term('zone', [inValues('service', 'securityscan')])],
      }),
    }),
    pods: [pod('p1', { node: 'nodeA', labels: { foo: 'abc', service: 'securityscan' } })],
    nodes: [
      node('nodeA', { region: 'r1', zone: 'z1', hostname: 'nodeA' }),
      node('nodeB', { region: 'r1', zone: 'z2', hostname: 'nodeB' }),
    ],
    wantFilter: [antiAffinityNotMatch, antiAffinityNotMatch],
  },
  {
    name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA and nodeB but can be scheduled onto nodeC',
    pod: pod('incoming', { affinity: affinity({ antiRequired: [term('region', [inValues('foo', 'abc')])] }) }),
    pods: [pod('p1', { node: 'nodeA', labels: { foo: 'abc' } })],
    nodes: [node('nodeA', labelRgChina), node('nodeB', labelRgChinaAzAz1), node('nodeC', labelRgIndia)],
    wantFilter: [antiAffinityNotMatch, antiAffinityNotMatch, null],
  },
  {
    name: 'NodeA and nodeB have same topologyKey and label value. NodeA has an existing pod that matches the inter pod affinity rule. The pod can not be scheduled onto nodeA, nodeB, but can be scheduled onto nodeC (NodeC has an existing pod that match the inter pod affinity rule but in different namespace)',
    pod: pod('incoming', {
      namespace: 'NS1',
      labels: { foo: '123' },
      affinity: affinity({ antiRequired: [term('region', [inValues('foo', 'bar')])] }),
    }),
    pods: [
      pod('p1', { node: 'nodeA', namespace: 'NS1', labels: { foo: 'bar' } }),
      pod('p2', { node: 'nodeC', namespace: 'NS2', affinity: affinity({ antiRequired: [term('region', [inValues('foo', '123')])] }) }),
    ],
    nodes: [node('nodeA', labelRgChina), node('nodeB', labelRgChinaAzAz1), node('nodeC', labelRgIndia)],
    wantFilter: [antiAffinityNotMatch, antiAffinityNotMatch, null],
  },
  {
    name: "Test existing pod's anti-affinity: if an existing pod has a term with invalid topologyKey, labelSelector of the term is firstly checked, and then topologyKey of the term is also checked",
    pod: pod('incoming', { labels: { foo: '' } }),
    pods: [pod('p1', { node: 'nodeA', affinity: affinity({ antiRequired: [term('invalid-node-label', [exists('foo')])] }) })],
    nodes: [
      node('nodeA', { region: 'r1', zone: 'z1', hostname: 'nodeA' }),
      node('nodeB', { region: 'r1', zone: 'z1', hostname: 'nodeB' }),
    ],
    wantPreFilter: skip,
    wantFilter: [null, null],
  },
  {
    name: "Test incoming pod's anti-affinity: even if labelSelector matches, we still check if topologyKey matches",
    pod: pod('incoming', { node: 'nodeA', affinity: affinity({ antiRequired: [term('invalid-node-label', [exists('foo')])] }) }),
    pods: [pod('p1', { node: 'nodeA', labels: { foo: '' } })],
    nodes: [
      node('nodeA', { region: 'r1', zone: 'z1', hostname: 'nodeA' }),
      node('nodeB', { region: 'r1', zone: 'z1', hostname: 'nodeB' }),
    ],
    wantFilter: [null, null],
  },
  {
    name: "Test existing pod's anti-affinity: incoming pod wouldn't considered as a fit as it violates each existingPod's terms on all nodes",
    pod: pod('incoming', { labels: { foo: '', bar: '' } }),
    pods: [
      pod('p1', { node: 'nodeA', affinity: affinity({ antiRequired: [term('zone', [exists('foo')])] }) }),
      pod('p2', { node: 'nodeA', affinity: affinity({ antiRequired: [term('region', [exists('bar')])] }) }),
    ],
    nodes: zonedNodes('z2'),
    wantFilter: [existingAntiAffinityNotMatch, existingAntiAffinityNotMatch],
  },
  {
    name: "Test incoming pod's anti-affinity: incoming pod wouldn't considered as a fit as it at least violates one anti-affinity rule of existingPod",
    pod: pod('incoming', { affinity: affinity({ antiRequired: [term('zone', [exists('foo')]), term('region', [exists('bar')])] }) }),
    pods: [pod('p1', { node: 'nodeA', labels: { foo: '' } }), pod('p2', { node: 'nodeB', labels: { bar: '' } })],
    nodes: zonedNodes('z2'),
    wantFilter: [antiAffinityNotMatch, antiAffinityNotMatch],
  },
  {
    name: "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
    pod: pod('incoming', { labels: { foo: '', bar: '' } }),
    pods: [
      pod('p1', {
        node: 'nodeA',
        affinity: affinity({ antiRequired: [term('invalid-node-label', [exists('foo')]), term('zone', [exists('bar')])] }),
      }),
    ],
    nodes: zonedNodes('z2'),
    wantFilter: [existingAntiAffinityNotMatch, null],
  },
  {
    name: "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when one term has invalid topologyKey",
    pod: pod('incoming', {
      affinity: affinity({ antiRequired: [term('invalid-node-label', [exists('foo')]), term('zone', [exists('bar')])] }),
    }),
    pods: [pod('podA', { node: 'nodeA', labels: { foo: '', bar: '' } })],
    nodes: zonedNodes('z2'),
    wantFilter: [antiAffinityNotMatch, null],
  },
  {
    name: "Test existing pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
    pod: pod('incoming', { labels: { foo: '', bar: '' } }),
    pods: [
      pod('p1', { node: 'nodeA', affinity: affinity({ antiRequired: [term('region', [exists('foo')]), term('zone', [exists('bar')])] }) }),
    ],
    nodes: zonedNodes('z2'),
    wantFilter: [existingAntiAffinityNotMatch, existingAntiAffinityNotMatch],
  },
  {
    name: "Test incoming pod's anti-affinity: only when labelSelector and topologyKey both match, it's counted as a single term match - case when all terms have valid topologyKey",
    pod: pod('incoming', { affinity: affinity({ antiRequired: [term('region', [exists('foo')]), term('zone', [exists('bar')])] }) }),
    pods: [pod('p1', { node: 'nodeA', labels: { foo: '', bar: '' } })],
    nodes: zonedNodes('z2'),
    wantFilter: [antiAffinityNotMatch, antiAffinityNotMatch],
  },
  {
    name: "Test existing pod's anti-affinity: existingPod on nodeA and nodeB has at least one anti-affinity term matches incoming pod, so incoming pod can only be scheduled to nodeC",
    pod: pod('incoming', { labels: { foo: '', bar: '' } }),
    pods: [
      pod('p1', { node: 'nodeA', affinity: affinity({ antiRequired: [term('zone', [exists('foo')]), term('zone', [exists('labelA')])] }) }),
      pod('p2', { node: 'nodeB', affinity: affinity({ antiRequired: [term('zone', [exists('bar')]), term('zone', [exists('labelB')])] }) }),
    ],
    nodes: [...zonedNodes('z2'), node('nodeC', { region: 'r1', zone: 'z3', hostname: 'nodeC' })],
    wantFilter: [existingAntiAffinityNotMatch, existingAntiAffinityNotMatch, null],
  },
  {
    name: "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match",
    pod: pod('incoming', { affinity: affinity({ required: [term('region', [exists('foo')]), term('zone', [exists('bar')])] }) }),
    pods: [pod('pod1', { labels: { foo: '', bar: '' }, node: 'nodeA' })],
    nodes: zonedNodes('z1'),
    wantFilter: [null, null],
  },
  {
    name: "Test incoming pod's affinity: firstly check if all affinityTerms match, and then check if all topologyKeys match, and the match logic should be satisfied on the same pod",
    pod: pod('incoming', { affinity: affinity({ required: [term('region', [exists('foo')]), term('zone', [exists('bar')])] }) }),
    pods: [pod('pod1', { node: 'nodeA', labels: { foo: '' } }), pod('pod2', { node: 'nodeB', labels: { bar: '' } })],
    nodes: zonedNodes('z2'),
    wantFilter: [affinityNotMatch, affinityNotMatch],
  },
];

describe('InterPodAffinity required (anti-)affinity across nodes (upstream TestRequiredAffinityMultipleNodes)', () => {
  it.each(cases)('$name', (testCase) => {
    const cluster = clusterOf(testCase.nodes, testCase.pods, { namespaces: [makeNamespace('NS1')] });
    const run = runFilterPlugin(interPodAffinity({}), testCase.pod, cluster);
    expect(shapeOf(run.preFilter)).toEqual(testCase.wantPreFilter ?? null);
    if (testCase.wantPreFilter) return;
    expect(testCase.nodes.map((candidate) => shapeOf(run.nodes[candidate.metadata!.name!]))).toEqual(testCase.wantFilter);
  });
});
