import { describe, expect, it } from 'vitest';
import { interPodAffinity } from '../../../../src/scheduling/plugins/inter-pod-affinity/index.js';
import { normalizeScores } from '../../../../src/scheduling/plugins/inter-pod-affinity/scoring.js';
import { clusterOf } from '../../../support/builders.js';
import { runScorePlugin } from '../../../support/plugin-harness.js';
import { affinity, doesNotExist, exists, inValues, node, notIn, pod, term, weighted } from './fixtures.js';

/** A PreScore state with one scored pair, which is all NormalizeScore looks at besides the scores. */
const scored = { topologyScore: new Map([['zone', new Map([['z1', 1]])]]) };

describe('InterPodAffinity NormalizeScore arithmetic (upstream scoring.go NormalizeScore)', () => {
  it.each([
    { raw: [0, 1, 3], want: [0, 33, 100], why: 'float64 ratio, then int64 truncation' },
    { raw: [-7, -2, 3], want: [0, 50, 100], why: 'negative raw scores shift by the minimum' },
    { raw: [-1, 0, 2], want: [0, 33, 100], why: 'truncation after shifting' },
    { raw: [5, 5], want: [0, 0], why: 'max equal to min gives every node 0' },
    { raw: [-4], want: [0], why: 'a single node gives 0' },
  ])('$raw → $want ($why)', ({ raw, want }) => {
    const scores = Float64Array.from(raw);
    normalizeScores(scored, scores);
    expect([...scores]).toEqual(want);
  });

  it('leaves scores untouched when no pair was scored', () => {
    const scores = Float64Array.from([3, 7]);
    normalizeScores({ topologyScore: new Map() }, scores);
    expect([...scores]).toEqual([3, 7]);
  });
});

describe('InterPodAffinity raw Score', () => {
  const nodes = [node('node1', { region: 'China' }), node('node2', { region: 'India' }), node('node3', { az: 'az1' })];

  it('sums matching preferred term weights per domain (upstream "different Label operators" case, before normalization)', () => {
    const incoming = pod('incoming', {
      labels: { security: 'S1' },
      affinity: affinity({
        preferred: [
          weighted(8, term('region', [notIn('security', 'S1'), inValues('security', 'S2')])),
          weighted(2, term('region', [exists('security'), doesNotExist('wrongkey')])),
        ],
      }),
    });
    const pods = [
      pod('p1', { node: 'node1', labels: { security: 'S1' } }),
      pod('p2', { node: 'node2', labels: { security: 'S2' } }),
      pod('p3', { node: 'node3', labels: { security: 'S1' } }),
    ];
    const run = runScorePlugin(interPodAffinity({}), incoming, clusterOf(nodes, pods));
    expect(run.raw).toEqual({ node1: 2, node2: 10, node3: 0 });
    expect(run.normalized).toEqual({ node1: 20, node2: 100, node3: 0 });
  });

  it('weights existing pods\' required affinity by hardPodAffinityWeight and subtracts preferred anti-affinity', () => {
    const incoming = pod('incoming', { labels: { app: 'web' } });
    const pods = [
      pod('p1', { node: 'node1', affinity: affinity({ required: [term('region', [inValues('app', 'web')])] }) }),
      pod('p2', { node: 'node2', affinity: affinity({ antiPreferred: [weighted(30, term('region', [inValues('app', 'web')]))] }) }),
    ];
    const run = runScorePlugin(interPodAffinity({ hardPodAffinityWeight: 7 }), incoming, clusterOf(nodes, pods));
    expect(run.raw).toEqual({ node1: 7, node2: -30, node3: 0 });
    // (0 − (−30)) / 37 × 100 = 81.08… → 81.
    expect(run.normalized).toEqual({ node1: 100, node2: 0, node3: 81 });
  });

  it('only scores the feasible nodes it is given, from pairs computed over the whole cluster', () => {
    const incoming = pod('incoming', { affinity: affinity({ preferred: [weighted(4, term('region', [inValues('app', 'db')]))] }) });
    const pods = [pod('db', { node: 'node1', labels: { app: 'db' } })];
    const cluster = clusterOf([...nodes, node('node4', { region: 'China' })], pods);
    const run = runScorePlugin(interPodAffinity({}), incoming, cluster, ['node2', 'node4']);
    expect(run.raw).toEqual({ node2: 0, node4: 4 });
    expect(run.normalized).toEqual({ node2: 0, node4: 100 });
  });
});
