/**
 * InterPodAffinity's PreFilter says its Filter passes every node
 * (PreFilterResult.passesEveryNode, a podplan shortcut, not upstream's) only
 * when Filter would: no required affinity terms of the pod's own and every
 * anti-affinity tally empty. Each case checks the answer against Filter on
 * every node, on the cluster and on preemption's dry runs (a pod removed in
 * a cloned cycle), and names the nodes Filter rejects otherwise, with
 * upstream's reasons.
 */
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../../src/scheduling/framework/cycle-state.js';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { InterPodAffinityPlugin } from '../../../../src/scheduling/plugins/inter-pod-affinity/inter-pod-affinity-plugin.js';
import {
  ErrReasonAffinityRulesNotMatch,
  ErrReasonAntiAffinityRulesNotMatch,
  ErrReasonExistingAntiAffinityRulesNotMatch,
} from '../../../../src/scheduling/plugins/inter-pod-affinity/reasons.js';
import { TopologyPairCounts } from '../../../../src/scheduling/plugins/inter-pod-affinity/topology-pair-counts.js';
import { clusterOf, makeNamespace } from '../../../support/builders.js';
import { affinity, inValues, node, pod, term } from './fixtures.js';

const plugin = new InterPodAffinityPlugin({ hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false });

const HOSTNAME = 'kubernetes.io/hostname';
const nodes: V1Node[] = [
  node('a1', { [HOSTNAME]: 'a1', zone: 'a' }),
  node('a2', { [HOSTNAME]: 'a2', zone: 'a' }),
  node('b1', { [HOSTNAME]: 'b1', zone: 'b' }),
  // No zone label: zone terms have no domain here.
  node('bare', { [HOSTNAME]: 'bare' }),
];
const namespaces = [makeNamespace('default', { team: 'one' }), makeNamespace('other', { team: 'two' })];

const selfAntiHost = affinity({ antiRequired: [term(HOSTNAME, [inValues('app', 'web')])] });
const selfAntiZone = affinity({ antiRequired: [term('zone', [inValues('app', 'web')])] });
const web = (name: string, onNode: string, extra: { namespace?: string } = {}): V1Pod => pod(name, { labels: { app: 'web' }, node: onNode, ...extra });

interface Case {
  readonly name: string;
  readonly pod: V1Pod;
  readonly existingPods: V1Pod[];
  /** skip: PreFilter Skip; passes: passesEveryNode; filters: Filter runs, rejecting `rejected`. */
  readonly want: 'skip' | 'passes' | 'filters';
  readonly rejected?: Record<string, string>;
}

const cases: Case[] = [
  { name: 'no terms and no existing anti-affinity: Skip', pod: pod('p', { labels: { app: 'web' } }), existingPods: [], want: 'skip' },
  {
    name: 'the first pod of a self-anti-affine workload passes every node',
    pod: pod('p', { labels: { app: 'web' }, affinity: selfAntiHost }),
    existingPods: [pod('db', { labels: { app: 'db' }, node: 'a1' })],
    want: 'passes',
  },
  {
    name: 'a second replica: Filter rejects its peer node (pod anti-affinity, then existing pods anti-affinity is not reached)',
    pod: pod('p', { labels: { app: 'web' }, affinity: selfAntiHost }),
    existingPods: [pod('peer', { labels: { app: 'web' }, node: 'a1', affinity: selfAntiHost })],
    want: 'filters',
    rejected: { a1: ErrReasonAntiAffinityRulesNotMatch },
  },
  {
    name: 'a matching pod on a node without the topology key counts in no domain: passes every node',
    pod: pod('p', { labels: { app: 'web' }, affinity: selfAntiZone }),
    existingPods: [web('w', 'bare')],
    want: 'passes',
  },
  {
    name: 'zone anti-affinity rejects the whole domain, not the node without the key',
    pod: pod('p', { labels: { app: 'web' }, affinity: selfAntiZone }),
    existingPods: [web('w', 'a2')],
    want: 'filters',
    rejected: { a1: ErrReasonAntiAffinityRulesNotMatch, a2: ErrReasonAntiAffinityRulesNotMatch },
  },
  {
    name: "a matching pod in another namespace does not count for the term's own namespace",
    pod: pod('p', { labels: { app: 'web' }, affinity: selfAntiHost }),
    existingPods: [web('w', 'b1', { namespace: 'other' })],
    want: 'passes',
  },
  {
    name: 'a namespaceSelector reaching that namespace counts it',
    pod: pod('p', {
      labels: { app: 'web' },
      affinity: affinity({ antiRequired: [term(HOSTNAME, [inValues('app', 'web')], { namespaceSelector: { matchLabels: { team: 'two' } } })] }),
    }),
    existingPods: [web('w', 'b1', { namespace: 'other' })],
    want: 'filters',
    rejected: { b1: ErrReasonAntiAffinityRulesNotMatch },
  },
  {
    name: "an existing pod's anti-affinity selecting the pod: Filter runs",
    pod: pod('p', { labels: { app: 'web' }, affinity: affinity({ antiRequired: [term(HOSTNAME, [inValues('app', 'db')])] }) }),
    existingPods: [pod('guard', { labels: { app: 'guard' }, node: 'a2', affinity: affinity({ antiRequired: [term('zone', [inValues('app', 'web')])] }) })],
    want: 'filters',
    rejected: { a1: ErrReasonExistingAntiAffinityRulesNotMatch, a2: ErrReasonExistingAntiAffinityRulesNotMatch },
  },
  {
    name: "an existing pod's anti-affinity whose namespaceSelector misses the pod's namespace: passes every node",
    pod: pod('p', { labels: { app: 'web' }, affinity: selfAntiHost }),
    existingPods: [
      pod('guard', {
        labels: { app: 'guard' },
        node: 'a2',
        affinity: affinity({ antiRequired: [term('zone', [inValues('app', 'web')], { namespaceSelector: { matchLabels: { team: 'two' } } })] }),
      }),
    ],
    want: 'passes',
  },
  {
    name: 'required affinity of its own: Filter runs (the first pod of a self-affine group passes where the key is)',
    pod: pod('p', { labels: { app: 'web' }, affinity: affinity({ required: [term('zone', [inValues('app', 'web')])] }) }),
    existingPods: [],
    want: 'filters',
    rejected: { bare: ErrReasonAffinityRulesNotMatch },
  },
];

function outcome(cycle: CycleState, incoming: ReturnType<typeof buildPodInfo>, cluster: ReturnType<typeof clusterOf>): Record<string, string> {
  const rejected: Record<string, string> = {};
  for (const candidate of cluster.nodes) {
    const status = plugin.filter(cycle, incoming, candidate);
    if (status) rejected[candidate.name] = status.reasons.join(',');
  }
  return rejected;
}

describe('InterPodAffinity PreFilter passesEveryNode', () => {
  it.each(cases)('$name', (testCase) => {
    const cluster = clusterOf(nodes, testCase.existingPods, { namespaces });
    const incoming = buildPodInfo(testCase.pod);
    const cycle = new CycleState();
    const result = plugin.preFilter(cycle, incoming, cluster);
    if (testCase.want === 'skip') {
      expect(result.status?.isSkip).toBe(true);
      return;
    }
    expect(result.status).toBeNull();
    expect(result.passesEveryNode === true).toBe(testCase.want === 'passes');
    expect(outcome(cycle, incoming, cluster)).toEqual(testCase.rejected ?? {});
    if (testCase.want !== 'passes') return;
    // Preemption's dry runs only take pods away: Filter still passes every node in each.
    for (const existing of testCase.existingPods) {
      const dryRun = cycle.clone();
      const onNode = cluster.node(existing.spec!.nodeName!)!;
      plugin.removePod(dryRun, incoming, buildPodInfo(existing), onNode);
      expect(outcome(dryRun, incoming, cluster)).toEqual({});
    }
  });
});

describe('TopologyPairCounts per-node lookups (Filter reads the node label once)', () => {
  const counts = new TopologyPairCounts();
  counts.update('zone', 'a', 1);
  counts.update('constructor', 'x', 1);
  counts.update('rack', 'r1', -1);

  const cases: { name: string; labels: Record<string, string>; key: string; count: number; positive: boolean }[] = [
    { name: 'a counted domain', labels: { zone: 'a' }, key: 'zone', count: 1, positive: true },
    { name: 'an uncounted domain', labels: { zone: 'b' }, key: 'zone', count: 0, positive: false },
    { name: 'a node without the key', labels: {}, key: 'zone', count: 0, positive: false },
    { name: 'a key only the object prototype has', labels: { zone: 'b' }, key: 'constructor', count: 0, positive: false },
    { name: 'the same key as an own label', labels: { constructor: 'x' }, key: 'constructor', count: 1, positive: true },
    { name: 'a negative pair is no positive pair', labels: { rack: 'r1' }, key: 'rack', count: -1, positive: false },
  ];

  it.each(cases)('$name', ({ labels, key, count, positive }) => {
    expect(counts.countOn(labels, key)).toBe(count);
    expect(counts.hasPositivePairIn(labels)).toBe(positive);
  });

  it('forgets a key once its last pair is gone', () => {
    const tally = new TopologyPairCounts();
    tally.update('zone', 'a', 1);
    tally.update('zone', 'a', -1);
    expect(tally.size).toBe(0);
    expect(tally.hasPositivePairIn({ zone: 'a' })).toBe(false);
    tally.update('zone', 'a', 1);
    expect(tally.hasPositivePairIn({ zone: 'a' })).toBe(true);
    expect(tally.clone().hasPositivePairIn({ zone: 'a' })).toBe(true);
  });
});
