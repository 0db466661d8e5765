/**
 * How many pod signatures the node-result memo keeps results for
 * (framework/node-result-memo.ts): enough for a cluster's few dozen request
 * shapes drawn in any order, bounded by node positions.
 */
import { describe, expect, it } from 'vitest';
import { KEPT_NODE_SLOTS, KEPT_SIGNATURES, keptSignatures, NodeResultMemo } from '../../../src/scheduling/framework/node-result-memo.js';
import { buildPodInfo } from '../../../src/scheduling/model/pod-info.js';
import { makePod } from '../../support/builders.js';

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
