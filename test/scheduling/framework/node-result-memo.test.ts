/**
 * How many pod signatures the node-result memo keeps results for
 * (framework/node-result-memo.ts): enough for a cluster's few dozen request
 * shapes drawn in any order, bounded by node positions.
 */
import { describe, expect, it } from 'vitest';
import { KEPT_NODE_SLOTS, KEPT_SIGNATURES, keptSignatures, NodeResultMemo, NodeResults } from '../../../src/scheduling/framework/node-result-memo.js';
import { buildPodInfo } from '../../../src/scheduling/model/pod-info.js';
import { clusterOf, makeNode, makePod } from '../../support/builders.js';

const podOfShape = (shape: number, replica: number) => buildPodInfo(makePod(`p${shape}-${replica}`).req({ cpu: `${100 + shape}m` }).obj());

describe('NodeResultMemo', () => {
  it('keeps the results of 24 interleaved request shapes at 5,000 nodes', () => {
    const memo = new NodeResultMemo();
    const shapes = 24;
    // First pod of each shape: seen once, nothing kept; second: results made.
    for (let shape = 0; shape < shapes; shape++) expect(memo.forPod(podOfShape(shape, 0), 5000, 8)).toBeUndefined();
    const made = Array.from({ length: shapes }, (_, shape) => memo.forPod(podOfShape(shape, 1), 5000, 8));
    for (let shape = 0; shape < shapes; shape++) expect(memo.forPod(podOfShape(shape, 2), 5000, 8)).toBe(made[shape]);
  });

  it('bounds the kept signatures by node positions, never below KEPT_SIGNATURES', () => {
    expect(keptSignatures(5000) * 5000).toBeLessThanOrEqual(KEPT_NODE_SLOTS);
    expect(keptSignatures(1_000_000)).toBe(KEPT_SIGNATURES);
    const memo = new NodeResultMemo();
    const nodes = 1_000_000 / 8;
    const kept = keptSignatures(nodes);
    for (let shape = 0; shape <= kept; shape++) memo.forPod(podOfShape(shape, 0), nodes, 1);
    const first = memo.forPod(podOfShape(0, 1), nodes, 1);
    for (let shape = 1; shape <= kept; shape++) memo.forPod(podOfShape(shape, 1), nodes, 1);
    // One more than kept: the least recently used (shape 0) was dropped and is made afresh.
    expect(memo.forPod(podOfShape(0, 2), nodes, 1)).not.toBe(first);
  });
});

describe('NodeResults score columns', () => {
  // Per case: scores recorded as [plugin, node, value], then pods bound to nodes (each changes that node), then
  // each plugin's column and its count of missing entries (0: framework.fillNodeLocalScores gathers it unchecked).
  const cases: { name: string; record: [number, number, number][]; bind: string[]; columns: number[][]; missing: number[] }[] = [
    { name: 'nothing recorded', record: [], bind: [], columns: [[NaN, NaN, NaN], [NaN, NaN, NaN]], missing: [3, 3] },
    {
      name: 'one column complete, the other partly',
      record: [[0, 0, 10], [0, 1, 20], [0, 2, 30], [1, 2, 7]],
      bind: [],
      columns: [[10, 20, 30], [NaN, NaN, 7]],
      missing: [0, 2],
    },
    {
      name: 'a changed node is forgotten in every column',
      record: [[0, 0, 10], [0, 1, 20], [0, 2, 30], [1, 1, 5], [1, 2, 7]],
      bind: ['n1'],
      columns: [[10, NaN, 30], [NaN, NaN, 7]],
      missing: [1, 2],
    },
    {
      name: 'recording twice, or recording NaN, does not count',
      record: [[0, 0, 10], [0, 0, 11], [1, 0, Number.NaN]],
      bind: [],
      columns: [[10, NaN, NaN], [NaN, NaN, NaN]],
      missing: [2, 3],
    },
    { name: 'zero is a score', record: [[1, 0, 0], [1, 1, 0], [1, 2, 0]], bind: ['n2', 'n2'], columns: [[NaN, NaN, NaN], [0, 0, NaN]], missing: [3, 1] },
  ];
  it.each(cases)('$name', ({ record, bind, columns, missing }) => {
    const cluster = clusterOf([makeNode('n0').obj(), makeNode('n1').obj(), makeNode('n2').obj()]);
    const results = new NodeResults(3, 2);
    results.sync(cluster);
    for (const [plugin, node, value] of record) results.recordScore(plugin, node, value);
    bind.forEach((node, index) => cluster.addPod(buildPodInfo(makePod(`bound-${index}`).node(node).obj()), node));
    results.sync(cluster);
    expect([Array.from(results.localScores.subarray(0, 3)), Array.from(results.localScores.subarray(3, 6))]).toEqual(columns);
    expect(Array.from(results.missingScores)).toEqual(missing);
  });
});
