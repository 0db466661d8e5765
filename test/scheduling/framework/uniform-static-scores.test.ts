/**
 * Uniform node-static score columns (framework.ts fillStaticScores,
 * node-static-results.ts uniformScore): when a static score plugin's kept
 * raw scores are equal on every node, runScoring fills the column and adds
 * its weighted part as a constant. The plan must not change, and the full
 * explanation must still read every node's raw, normalised and weighted
 * parts for the plugin (upstream DefaultNormalizeScore of equal scores:
 * TaintToleration reversed, 0 → 100; NodeAffinity, n > 0 → 100).
 */
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../../src/scheduling/config/build-profile.js';
import { CycleState } from '../../../src/scheduling/framework/cycle-state.js';
import { Framework } from '../../../src/scheduling/framework/framework.js';
import { NodeStaticResults } from '../../../src/scheduling/framework/node-static-results.js';
import { buildPodInfo } from '../../../src/scheduling/model/pod-info.js';
import { Planner } from '../../../src/scheduling/planner/planner.js';
import { clusterOf, makeNode, makePod } from '../../support/builders.js';

const NODES = ['n0', 'n1', 'n2'];
const IMAGE = 'registry.example/app:1';

interface Case {
  readonly name: string;
  readonly node: (name: string, index: number) => V1Node;
  readonly pod: (index: number) => V1Pod;
  /** The plugin whose column is checked, and each node's expected { raw, normalized } in the last pod's explanation. */
  readonly plugin: string;
  readonly expected: readonly { raw: number; normalized: number }[];
}

const node = (name: string) => makeNode(name).capacity({ cpu: '4', memory: '8Gi', pods: '10' });
// Distinct labels: every pod is scheduled on its own (scheduleOne), not as a run of identical replicas.
const pod = (index: number) => makePod(`p${index}`).label('app', `app-${index}`).req({ cpu: '100m' });
const every = (value: { raw: number; normalized: number }) => NODES.map(() => value);

const CASES: readonly Case[] = [
  {
    name: 'no PreferNoSchedule taint: TaintToleration scores 0 raw, 100 normalised everywhere',
    node: (name) => node(name).obj(),
    pod: (index) => pod(index).obj(),
    plugin: 'TaintToleration',
    expected: every({ raw: 0, normalized: 100 }),
  },
  {
    name: 'the same PreferNoSchedule taint on every node: 1 raw, 0 normalised everywhere',
    node: (name) => node(name).taint('spot', 'true', 'PreferNoSchedule').obj(),
    pod: (index) => pod(index).obj(),
    plugin: 'TaintToleration',
    expected: every({ raw: 1, normalized: 0 }),
  },
  {
    name: 'a PreferNoSchedule taint on one node: a column read node by node',
    node: (name, index) => (index === 1 ? node(name).taint('spot', 'true', 'PreferNoSchedule').obj() : node(name).obj()),
    pod: (index) => pod(index).obj(),
    plugin: 'TaintToleration',
    expected: [
      { raw: 0, normalized: 100 },
      { raw: 1, normalized: 0 },
      { raw: 0, normalized: 100 },
    ],
  },
  {
    name: 'a preferred term every node matches: NodeAffinity 7 raw, 100 normalised everywhere',
    node: (name) => node(name).label('pool', 'general').obj(),
    pod: (index) => pod(index).preferredNodeTerm(7, { matchExpressions: [{ key: 'pool', operator: 'In', values: ['general'] }] }).obj(),
    plugin: 'NodeAffinity',
    expected: every({ raw: 7, normalized: 100 }),
  },
  {
    name: 'the pod image on every node: ImageLocality 79 everywhere (no NormalizeScore)',
    node: (name) => node(name).image([IMAGE], 800 * 1024 * 1024).obj(),
    pod: (index) => pod(index).obj(),
    plugin: 'ImageLocality',
    expected: every({ raw: 79, normalized: 79 }),
  },
];

describe('uniform node-static score columns', () => {
  it.each(CASES)('$name', ({ node: nodeOf, pod: podOf, plugin, expected }) => {
    const cluster = clusterOf(NODES.map((name, index) => nodeOf(name, index)));
    const pods = Array.from({ length: 4 }, (_, index) => podOf(index));
    const planner = new Planner(buildProfile(undefined));
    const reused = planner.plan(cluster, pods, { explain: 'full' }).decisions;
    const fresh = planner.plan(cluster, pods, { explain: 'full', reuseNodeResults: false }).decisions;
    expect(reused).toEqual(fresh);
    // The last pod reads the signature's kept (and, where equal, uniform) column.
    const last = reused[reused.length - 1];
    const weight = buildProfile(undefined).score.find((entry) => entry.plugin.name === plugin)!.weight;
    expect(last.nodes!.map((explained) => explained.scores![plugin])).toEqual(
      expected.map(({ raw, normalized }) => ({ raw, normalized, weighted: normalized * weight })),
    );
    expect(last.candidates[0].scores[plugin]).toEqual(last.nodes!.find((explained) => explained.node === last.node)!.scores![plugin]);
  });
});

describe('the uniform score kept per signature', () => {
  it.each([
    { name: 'every node untainted: 0, filled as a constant', tainted: [false, false, false], uniform: 0, normalized: [100, 100, 100] },
    { name: 'one node tainted: null, read node by node', tainted: [false, true, false], uniform: null, normalized: [100, 0, 100] },
  ])('$name', ({ tainted, uniform, normalized }) => {
    const cluster = clusterOf(NODES.map((name, index) => (tainted[index] ? node(name).taint('spot', 'true', 'PreferNoSchedule').obj() : node(name).obj())));
    const framework = new Framework(buildProfile(undefined));
    const statics = new NodeStaticResults();
    statics.sync(cluster);
    const podInfo = buildPodInfo(pod(0).obj());
    const signature = `TaintToleration\u0001${framework.profile.score.find((entry) => entry.plugin.name === 'TaintToleration')!.plugin.staticScoreKey!(podInfo)}`;
    // Only the two last nodes are scored: the kept column still covers every node.
    const reuse = { statics, nodeIndexes: Int32Array.of(1, 2) };
    const scored = cluster.nodes.slice(1);
    const tables = [0, 1].map(() => {
      const table = framework.runScoring(new CycleState(), podInfo, scored, cluster, reuse);
      const column = table.plugins.find((entry) => entry.name === 'TaintToleration')!;
      return { normalized: Array.from(column.normalized), totals: Array.from(table.totals) };
    });
    expect(statics.uniformScore(signature)).toBe(uniform);
    const reference = framework.runScoring(new CycleState(), podInfo, scored, cluster);
    expect(tables).toEqual(
      [0, 1].map(() => ({ normalized: normalized.slice(1), totals: Array.from(reference.totals) })),
    );
  });
});
