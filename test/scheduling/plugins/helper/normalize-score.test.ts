import { describe, expect, it } from 'vitest';
import { defaultNormalizeScore } from '../../../../src/scheduling/plugins/helper/normalize-score.js';

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/helper/normalize_score_test.go, TestDefaultNormalizeScore.
const cases: { reverse: boolean; scores: number[]; expected: number[] }[] = [
  { reverse: false, scores: [1, 2, 3, 4], expected: [25, 50, 75, 100] },
  { reverse: true, scores: [1, 2, 3, 4], expected: [75, 50, 25, 0] },
  { reverse: false, scores: [1000, 10, 20, 30], expected: [100, 1, 2, 3] },
  { reverse: true, scores: [1000, 10, 20, 30], expected: [0, 99, 98, 97] },
  { reverse: false, scores: [1, 1, 1, 1], expected: [100, 100, 100, 100] },
  { reverse: false, scores: [1000, 1, 1, 1], expected: [100, 0, 0, 0] },
  { reverse: true, scores: [0, 1, 1, 1], expected: [100, 0, 0, 0] },
];

// Not upstream: the all-zero branch, where only the reversed direction rewrites scores.
const allZero: { reverse: boolean; expected: number[] }[] = [
  { reverse: true, expected: [100, 100, 100] },
  { reverse: false, expected: [0, 0, 0] },
];

describe('defaultNormalizeScore (upstream TestDefaultNormalizeScore)', () => {
  it.each(cases)('reverse=$reverse scores=$scores', ({ reverse, scores, expected }) => {
    const values = Float64Array.from(scores);
    defaultNormalizeScore(100, reverse, values);
    expect([...values]).toEqual(expected);
  });

  it.each(allZero)('all-zero scores, reverse=$reverse', ({ reverse, expected }) => {
    const values = new Float64Array(3);
    defaultNormalizeScore(100, reverse, values);
    expect([...values]).toEqual(expected);
  });
});
