import { describe, expect, it } from 'vitest';
import type { CycleState } from '../../../src/scheduling/framework/cycle-state.js';
import { Framework, type Profile } from '../../../src/scheduling/framework/framework.js';
import type { FilterPlugin, PreFilterPlugin, PreFilterResult, ScorePlugin } from '../../../src/scheduling/framework/interfaces.js';
import { Status } from '../../../src/scheduling/framework/status.js';
import type { NodeInfo } from '../../../src/scheduling/model/node-info.js';
import { buildPodInfo } from '../../../src/scheduling/model/pod-info.js';
import { scheduleOne, type CycleOptions } from '../../../src/scheduling/planner/schedule-one.js';
import { SeededRandom } from '../../../src/scheduling/planner/seeded-random.js';
import { clusterOf, makeNode, makePod } from '../../support/builders.js';

// Fake plugins in the manner of upstream schedule_one_test.go (FalseFilter, TrueFilter, MatchFilter, NumericMap...).
const rejectNodes = (name: string, reason: string, nodes: string[], unresolvable = false): FilterPlugin => ({
  name,
  filter: (_state: CycleState, _pod, node: NodeInfo) =>
    nodes.includes(node.name) ? (unresolvable ? Status.unresolvable(reason) : Status.unschedulable(reason)) : null,
});
const preFilterRestricting = (name: string, nodeNames: string[]): PreFilterPlugin => ({
  name,
  preFilter: (): PreFilterResult => ({ status: null, nodeNames: new Set(nodeNames) }),
});
const preFilterRejecting = (name: string, reason: string): PreFilterPlugin => ({
  name,
  preFilter: (): PreFilterResult => ({ status: Status.unresolvable(reason) }),
});
/** Scores a node by the number in its name (upstream's NumericMapPlugin). */
const numericScore: ScorePlugin = { name: 'Numeric', score: (_state, _pod, node) => Number(node.name.replace(/\D/g, '')) };
const constantScore: ScorePlugin = { name: 'Constant', score: () => 10 };

const profile = (parts: Partial<Profile>): Profile => ({ preFilter: [], filter: [], preScore: [], score: [], ...parts });
const exhaustive: CycleOptions = { explain: 'full', topCandidates: 3 };
const nodes = (...names: string[]) => names.map((name) => makeNode(name).obj());

describe('scheduleOne', () => {
  const pod = buildPodInfo(makePod('p').obj());

  it('picks the highest total and keeps every plugin part', () => {
    const cluster = clusterOf(nodes('node1', 'node2', 'node3'));
    const framework = new Framework(profile({ score: [{ plugin: numericScore, weight: 2 }, { plugin: constantScore, weight: 1 }] }));
    const decision = scheduleOne(framework, cluster, pod, exhaustive);
    expect(decision.node).toBe('node3');
    expect(decision.score).toBe(3 * 2 + 10);
    expect(decision.candidates.map((candidate) => candidate.node)).toEqual(['node3', 'node2', 'node1']);
    expect(decision.candidates[0].scores).toEqual({
      Numeric: { raw: 3, normalized: 3, weighted: 6 },
      Constant: { raw: 10, normalized: 10, weighted: 10 },
    });
  });

  it('breaks exhaustive ties by lowest node name, whatever the node order', () => {
    const framework = new Framework(profile({ score: [{ plugin: constantScore, weight: 1 }] }));
    const forward = scheduleOne(framework, clusterOf(nodes('b', 'a', 'c')), pod, exhaustive);
    const backward = scheduleOne(framework, clusterOf(nodes('c', 'b', 'a')), pod, exhaustive);
    expect(forward.node).toBe('a');
    expect(backward.node).toBe('a');
    expect(forward.tieBreak).toEqual({ tiedNodes: 3, rule: 'lowest-name' });
  });

  it('counts only the first failing filter per node in the message, but lists every failing filter in full explanations', () => {
    const cluster = clusterOf(nodes('node1', 'node2', 'node3'));
    const framework = new Framework(
      profile({
        filter: [
          rejectNodes('First', 'first reason', ['node1', 'node2']),
          rejectNodes('Second', 'second reason', ['node1', 'node2', 'node3']),
        ],
      }),
    );
    const decision = scheduleOne(framework, cluster, pod, exhaustive);
    expect(decision.node).toBeNull();
    expect(decision.failureMessage).toBe('0/3 nodes are available: 1 second reason, 2 first reason.');
    expect(decision.nodes?.find((node) => node.node === 'node1')?.filters?.map((failure) => failure.plugin)).toEqual(['First', 'Second']);
    expect(decision.rejections).toEqual([
      { plugin: 'First', reason: 'first reason', nodes: 2 },
      { plugin: 'Second', reason: 'second reason', nodes: 1 },
    ]);
  });

  it('reports a PreFilter rejection as upstream: the PreFilter message alone, no histogram', () => {
    const cluster = clusterOf(nodes('node1', 'node2'));
    const framework = new Framework(profile({ preFilter: [preFilterRejecting('FakePreFilter', 'reason from prefilter')] }));
    const decision = scheduleOne(framework, cluster, pod, exhaustive);
    expect(decision.failureMessage).toBe('0/2 nodes are available: reason from prefilter.');
    expect(decision.preFilterRejection).toMatchObject({ plugin: 'FakePreFilter', reason: 'reason from prefilter' });
  });

  it('gives nodes outside a PreFilter node-name restriction the "didn\'t satisfy plugin(s)" status', () => {
    const cluster = clusterOf(nodes('node1', 'node2', 'node3'));
    const framework = new Framework(
      profile({ preFilter: [preFilterRestricting('FakePreFilter', ['node2'])], filter: [rejectNodes('Fake', 'fake reason', ['node2'])] }),
    );
    const decision = scheduleOne(framework, cluster, pod, exhaustive);
    expect(decision.failureMessage).toBe("0/3 nodes are available: 1 fake reason, 2 node(s) didn't satisfy plugin(s) [FakePreFilter].");
  });

  it('rejects when PreFilter restrictions do not intersect, naming the plugins', () => {
    const cluster = clusterOf(nodes('node1', 'node2'));
    const framework = new Framework(
      profile({ preFilter: [preFilterRestricting('A', ['node1']), preFilterRestricting('B', ['node2'])] }),
    );
    const decision = scheduleOne(framework, cluster, pod, exhaustive);
    expect(decision.failureMessage).toBe("0/2 nodes are available: node(s) didn't satisfy plugin(s) [A B] simultaneously.");
  });

  it('faithful mode stops after enough feasible nodes and rotates the start index', () => {
    const many = Array.from({ length: 200 }, (_, index) => `n${String(index).padStart(3, '0')}`);
    const cluster = clusterOf(nodes(...many));
    const framework = new Framework(profile({ score: [{ plugin: constantScore, weight: 1 }], percentageOfNodesToScore: 50 }));
    const faithful = { random: new SeededRandom(7), nextStartNodeIndex: 0, nodeOrder: cluster.nodes };
    const first = scheduleOne(framework, cluster, pod, { explain: 'summary', topCandidates: 3, faithful });
    expect(first.evaluatedNodes).toBe(100);
    expect(faithful.nextStartNodeIndex).toBe(100);
    const second = scheduleOne(framework, cluster, pod, { explain: 'summary', topCandidates: 3, faithful });
    expect(second.evaluatedNodes).toBe(100);
    expect(faithful.nextStartNodeIndex).toBe(0);
    expect(first.tieBreak?.rule).toBe('seeded-random');
  });

  it('faithful mode explains each node with its own failure when the walk order is not the cluster order', () => {
    // Rejected nodes' statuses are kept by cluster position; the walk (upstream's zone-interleaved order) visits them in another order.
    const cluster = clusterOf(nodes('node1', 'node2', 'node3', 'node4'));
    const framework = new Framework(
      profile({ filter: [rejectNodes('A', 'rejected by A', ['node1']), rejectNodes('B', 'rejected by B', ['node2'])], score: [{ plugin: constantScore, weight: 1 }] }),
    );
    const order = [3, 1, 0, 2].map((index) => cluster.nodes[index]);
    const faithful = { random: new SeededRandom(1), nextStartNodeIndex: 0, nodeOrder: order };
    const decision = scheduleOne(framework, cluster, pod, { explain: 'full', topCandidates: 3, faithful });
    expect(decision.evaluatedNodes).toBe(4);
    const reasons = Object.fromEntries((decision.nodes ?? []).map((node) => [node.node, node.filters?.map((failure) => failure.reason) ?? []]));
    expect(reasons).toEqual({ node1: ['rejected by A'], node2: ['rejected by B'], node3: [], node4: [] });
  });
});
