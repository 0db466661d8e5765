import { describe, expect, it } from 'vitest';
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { CycleState } from '../../../../src/scheduling/framework/cycle-state.js';
import { Code } from '../../../../src/scheduling/framework/status.js';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { InterPodAffinityPlugin } from '../../../../src/scheduling/plugins/inter-pod-affinity/inter-pod-affinity-plugin.js';
import {
  InterPodAffinityPreFilterState,
  PRE_FILTER_STATE_KEY,
} from '../../../../src/scheduling/plugins/inter-pod-affinity/prefilter-state.js';
import { TopologyPairCounts } from '../../../../src/scheduling/plugins/inter-pod-affinity/topology-pair-counts.js';
import { clusterOf } from '../../../support/builders.js';
import { affinity, exists, inValues, node, notIn, pod, term } from './fixtures.js';
import { snapshotOf, tally } from './state-snapshot.js';

const plugin = new InterPodAffinityPlugin({ hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false });

describe('InterPodAffinity Filter without PreFilter (upstream TestPreFilterDisabled)', () => {
  it('returns an Error status naming the missing state', () => {
    const status = plugin.filter(new CycleState(), buildPodInfo(pod('p')), clusterOf([node('n')]).nodes[0]);
    expect(status?.code).toBe(Code.Error);
    expect(status?.message).toBe('error reading "PreFilterInterPodAffinity" from cycleState: not found');
  });
});

describe('InterPodAffinity AddPod/RemovePod (upstream TestPreFilterStateAddRemovePod)', () => {
  const selector1 = { foo: 'bar' };
  const antiAffinityFooBar = affinity({ antiRequired: [term('region', [inValues('foo', 'bar')])] }).podAntiAffinity!;
  const complexTerms = [term('region', [inValues('foo', 'bar', 'buzz')]), term('zone', [notIn('service', 'bar', 'security', 'test')])];
  const antiAffinityComplex = affinity({ antiRequired: complexTerms }).podAntiAffinity!;
  const affinityComplex = affinity({ required: complexTerms }).podAffinity!;
  const nodes: V1Node[] = [
    node('nodeA', { region: 'r1', zone: 'z11' }),
    node('nodeB', { region: 'r1', zone: 'z12' }),
    node('nodeC', { region: 'r2', zone: 'z21' }),
  ];

  interface Case {
    readonly name: string;
    readonly pendingPod: V1Pod;
    readonly addedPod: V1Pod;
    readonly existingPods: V1Pod[];
    readonly expectedAntiAffinity: Record<string, number>;
    readonly expectedAffinity: Record<string, number>;
  }

  // Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go
  // TestPreFilterStateAddRemovePod (every case; upstream repeats the first case name).
  const cases: Case[] = [
    {
      name: 'preFilterState anti-affinity terms are updated correctly after adding and removing a pod',
      pendingPod: pod('pending', { labels: selector1, affinity: { podAntiAffinity: antiAffinityFooBar } }),
      existingPods: [
        pod('p1', { labels: selector1, node: 'nodeA' }),
        pod('p2', { node: 'nodeC', affinity: { podAntiAffinity: antiAffinityFooBar } }),
      ],
      addedPod: pod('addedPod', { labels: selector1, node: 'nodeB', affinity: { podAntiAffinity: antiAffinityFooBar } }),
      expectedAntiAffinity: { 'region=r1': 2 },
      expectedAffinity: {},
    },
    {
      name: 'preFilterState anti-affinity terms are updated correctly after adding and removing a pod',
      pendingPod: pod('pending', { labels: selector1, affinity: { podAntiAffinity: antiAffinityComplex } }),
      existingPods: [
        pod('p1', { labels: selector1, node: 'nodeA' }),
        pod('p2', { node: 'nodeC', affinity: { podAntiAffinity: antiAffinityFooBar } }),
      ],
      addedPod: pod('addedPod', { labels: selector1, node: 'nodeA', affinity: { podAntiAffinity: antiAffinityComplex } }),
      expectedAntiAffinity: { 'region=r1': 2, 'zone=z11': 2, 'zone=z21': 1 },
      expectedAffinity: {},
    },
    {
      name: 'preFilterState matching pod affinity and anti-affinity are updated correctly after adding and removing a pod',
      pendingPod: pod('pending', { labels: selector1, affinity: { podAffinity: affinityComplex } }),
      existingPods: [
        pod('p1', { labels: selector1, node: 'nodeA' }),
        pod('p2', { node: 'nodeC', affinity: { podAntiAffinity: antiAffinityFooBar, podAffinity: affinityComplex } }),
      ],
      addedPod: pod('addedPod', { labels: selector1, node: 'nodeA', affinity: { podAntiAffinity: antiAffinityComplex } }),
      expectedAntiAffinity: {},
      expectedAffinity: { 'region=r1': 2, 'zone=z11': 2 },
    },
  ];

  const preFiltered = (pending: V1Pod, pods: V1Pod[]) => {
    const cluster = clusterOf(nodes, pods);
    const cycle = new CycleState();
    const result = plugin.preFilter(cycle, buildPodInfo(pending), cluster);
    expect(result.status).toBeNull();
    return { cycle, cluster, state: cycle.read<InterPodAffinityPreFilterState>(PRE_FILTER_STATE_KEY) };
  };

  it.each(cases)('$name', (testCase) => {
    const allPods = preFiltered(testCase.pendingPod, [...testCase.existingPods, testCase.addedPod]).state;
    const { cycle, cluster, state } = preFiltered(testCase.pendingPod, testCase.existingPods);
    const original = snapshotOf(state.clone());
    const pending = buildPodInfo(testCase.pendingPod);
    const added = buildPodInfo(testCase.addedPod);
    const addedNode = cluster.node(testCase.addedPod.spec!.nodeName!)!;

    plugin.addPod(cycle, pending, added, addedNode);
    expect(tally(state.antiAffinityCounts)).toEqual(testCase.expectedAntiAffinity);
    expect(tally(state.affinityCounts)).toEqual(testCase.expectedAffinity);
    expect(snapshotOf(state)).toEqual(snapshotOf(allPods));

    plugin.removePod(cycle, pending, added, addedNode);
    expect(snapshotOf(state)).toEqual(original);
  });
});

describe('InterPodAffinity PreFilter state clone (upstream TestPreFilterStateClone)', () => {
  it('copies every tally, and the copy evolves independently', () => {
    const counts = (pairs: Record<string, number>): TopologyPairCounts => {
      const result = new TopologyPairCounts();
      for (const [value, count] of Object.entries(pairs)) result.update('name', value, count);
      return result;
    };
    const source = new InterPodAffinityPreFilterState(
      buildPodInfo(pod('pending')),
      [],
      [],
      undefined,
      counts({ node1: 1, node2: 1 }),
      counts({ nodeA: 1, nodeC: 2 }),
      counts({ nodeN: 3, nodeM: 1 }),
    );
    const clone = source.clone();
    expect(clone).not.toBe(source);
    expect(snapshotOf(clone)).toEqual(snapshotOf(source));

    clone.affinityCounts.update('name', 'nodeA', -1);
    expect(tally(source.affinityCounts)).toEqual({ 'name=nodeA': 1, 'name=nodeC': 2 });
    expect(tally(clone.affinityCounts)).toEqual({ 'name=nodeC': 2 });
  });
});

describe('InterPodAffinity incoming pod tallies (upstream TestGetTPMapMatchingIncomingAffinityAntiAffinity)', () => {
  const normal = (...labels: string[]): V1Pod =>
    pod('normal', { node: 'nodeA', labels: Object.fromEntries(labels.map((label) => [label, ''])) });
  const nodeA = node('nodeA', { hostname: 'nodeA' });

  interface Case {
    readonly name: string;
    readonly existingPods: V1Pod[];
    readonly pod: V1Pod;
    readonly wantAffinity: Record<string, number>;
    readonly wantAntiAffinity: Record<string, number>;
  }

  const terms = (...keys: string[]) => keys.map((key) => term('hostname', [exists(key)]));
  // Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go
  // TestGetTPMapMatchingIncomingAffinityAntiAffinity (every case).
  const cases: Case[] = [
    { name: 'nil test', existingPods: [], pod: pod('aaa-normal'), wantAffinity: {}, wantAntiAffinity: {} },
    {
      name: 'incoming pod without affinity/anti-affinity causes a no-op',
      existingPods: [normal('aaa')],
      pod: pod('aaa-normal'),
      wantAffinity: {},
      wantAntiAffinity: {},
    },
    {
      name: "no pod has label that violates incoming pod's affinity and anti-affinity",
      existingPods: [normal('bbb')],
      pod: pod('aaa-anti', { affinity: affinity({ required: terms('aaa'), antiRequired: terms('aaa') }) }),
      wantAffinity: {},
      wantAntiAffinity: {},
    },
    {
      name: "existing pod matches incoming pod's affinity and anti-affinity - single term case",
      existingPods: [normal('aaa')],
      pod: pod('affi-antiaffi', { affinity: affinity({ required: terms('aaa'), antiRequired: terms('aaa') }) }),
      wantAffinity: { 'hostname=nodeA': 1 },
      wantAntiAffinity: { 'hostname=nodeA': 1 },
    },
    {
      name: "existing pod matches incoming pod's affinity and anti-affinity - multiple terms case",
      existingPods: [normal('aaa', 'bbb')],
      pod: pod('affi-antiaffi', { affinity: affinity({ required: terms('aaa', 'bbb'), antiRequired: terms('aaa') }) }),
      // One per term.
      wantAffinity: { 'hostname=nodeA': 2 },
      wantAntiAffinity: { 'hostname=nodeA': 1 },
    },
    {
      name: "existing pod not match incoming pod's affinity but matches anti-affinity",
      existingPods: [normal('aaa')],
      pod: pod('affi-antiaffi', { affinity: affinity({ required: terms('aaa', 'bbb'), antiRequired: terms('aaa', 'bbb') }) }),
      wantAffinity: {},
      wantAntiAffinity: { 'hostname=nodeA': 1 },
    },
    {
      name: "incoming pod's anti-affinity has more than one term - existing pod violates partial term - case 1",
      existingPods: [normal('aaa', 'bbb')],
      pod: pod('anaffi-antiaffiti', { affinity: affinity({ required: terms('aaa', 'ccc'), antiRequired: terms('aaa', 'ccc') }) }),
      wantAffinity: {},
      wantAntiAffinity: { 'hostname=nodeA': 1 },
    },
    {
      name: "incoming pod's anti-affinity has more than one term - existing pod violates partial term - case 2",
      existingPods: [normal('bbb')],
      pod: pod('affi-antiaffi', { affinity: affinity({ required: terms('aaa', 'bbb'), antiRequired: terms('aaa', 'bbb') }) }),
      wantAffinity: {},
      wantAntiAffinity: { 'hostname=nodeA': 1 },
    },
  ];

  it.each(cases)('$name', (testCase) => {
    const state = InterPodAffinityPreFilterState.compute(buildPodInfo(testCase.pod), clusterOf([nodeA], testCase.existingPods));
    expect(tally(state.affinityCounts)).toEqual(testCase.wantAffinity);
    expect(tally(state.antiAffinityCounts)).toEqual(testCase.wantAntiAffinity);
  });
});

describe('InterPodAffinity state in a cloned cycle (how preemption dry runs use it)', () => {
  it('removing a blocking pod in the clone lifts the rejection there only', () => {
    const nodes = [node('a1', { zone: 'a' }), node('b1', { zone: 'b' })];
    const blocker = pod('blocker', { node: 'a1', affinity: affinity({ antiRequired: [term('zone', [inValues('app', 'web')])] }) });
    const cluster = clusterOf(nodes, [blocker]);
    const incoming = buildPodInfo(pod('incoming', { labels: { app: 'web' } }));
    const cycle = new CycleState();
    expect(plugin.preFilter(cycle, incoming, cluster).status).toBeNull();
    const a1 = cluster.node('a1')!;
    expect(plugin.filter(cycle, incoming, a1)?.code).toBe(Code.Unschedulable);

    const dryRun = cycle.clone();
    plugin.removePod(dryRun, incoming, buildPodInfo(blocker), a1);
    expect(plugin.filter(dryRun, incoming, a1)).toBeNull();
    expect(plugin.filter(cycle, incoming, a1)?.code).toBe(Code.Unschedulable);
  });
});
