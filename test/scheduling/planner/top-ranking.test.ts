/**
 * The one top-node routine (top-ranking.ts) under the exhaustive order:
 * higher total first, then lower node name; ties counted (and collected for
 * faithful mode's draw); a full list refuses what ranks after its last entry.
 */
import { describe, expect, it } from 'vitest';
import { rankTop, rankTopByNameRank, TopRanking } from '../../../src/scheduling/planner/top-ranking.js';

const NAMES = ['n3', 'n1', 'n4', 'n2', 'n0'];

function byTotalThenName(totals: readonly number[]) {
  return (a: number, b: number) => totals[a] > totals[b] || (totals[a] === totals[b] && NAMES[a] < NAMES[b]);
}

describe('rankTop', () => {
  it.each([
    { name: 'distinct totals', totals: [10, 40, 20, 30, 0], count: 3, top: [1, 3, 2], tied: [1] },
    { name: 'ties broken by the lower name', totals: [50, 50, 10, 50, 0], count: 2, top: [1, 3], tied: [0, 1, 3] },
    { name: 'fewer candidates than places', totals: [5, 7], count: 4, top: [1, 0], tied: [1] },
    { name: 'every total equal', totals: [1, 1, 1, 1, 1], count: 5, top: [4, 1, 3, 0, 2], tied: [0, 1, 2, 3, 4] },
  ])('$name', ({ totals, count, top, tied }) => {
    const collected: number[] = [];
    const ranked = rankTop(totals, count, byTotalThenName(totals), collected);
    expect(ranked).toEqual({ top, tiedCount: tied.length });
    expect(collected).toEqual(tied);
  });
});

/** scheduleOne's order (schedule-one.ts better): through the difference, so NaN and equal infinities rank before nothing. */
function byDifferenceThenName(totals: readonly number[]) {
  return (a: number, b: number) => {
    const difference = totals[a] - totals[b];
    return difference > 0 || (difference === 0 && NAMES[a] < NAMES[b]);
  };
}

describe('rankTopByNameRank', () => {
  // NAMES by rank: n0 → 0 … n4 → 4; candidate c is at cluster position POSITIONS[c].
  const RANKS = Int32Array.of(3, 1, 4, 2, 0);
  const POSITIONS = Int32Array.of(0, 1, 2, 3, 4);
  it.each([
    { name: 'distinct totals', totals: [10, 40, 20, 30, 0], count: 3 },
    { name: 'ties broken by the lower name', totals: [50, 50, 10, 50, 0], count: 2 },
    { name: 'fewer candidates than places', totals: [5, 7], count: 4 },
    { name: 'every total equal', totals: [1, 1, 1, 1, 1], count: 5 },
    { name: 'every total equal, fewer places', totals: [1, 1, 1, 1, 1], count: 2 },
    { name: 'a NaN total', totals: [3, Number.NaN, 3, 9, 1], count: 3 },
    { name: 'infinite totals', totals: [2, Infinity, 5, Infinity, -Infinity], count: 2 },
    { name: 'infinite totals, one place', totals: [2, Infinity, 5, Infinity, -Infinity], count: 1 },
  ])('ranks as rankTop does: $name', ({ totals, count }) => {
    const expectedTied: number[] = [];
    const expected = rankTop(totals, count, byDifferenceThenName(totals), expectedTied);
    const tied: number[] = [];
    expect(rankTopByNameRank(Float64Array.from(totals), count, POSITIONS.subarray(0, totals.length), RANKS, tied)).toEqual(expected);
    expect(tied).toEqual(expectedTied);
    // Without a tied list (exhaustive mode): the same ranking and tie count.
    expect(rankTopByNameRank(Float64Array.from(totals), count, POSITIONS.subarray(0, totals.length), RANKS)).toEqual(expected);
  });

  it('reads ranks through cluster positions', () => {
    // Candidates 0 and 1 are the nodes at positions 4 (n0) and 0 (n3): n0 ranks first on a tie.
    const tied: number[] = [];
    expect(rankTopByNameRank(Float64Array.of(5, 5), 2, Int32Array.of(4, 0), RANKS, tied)).toEqual({ top: [0, 1], tiedCount: 2 });
    expect(tied).toEqual([0, 1]);
  });
});

describe('TopRanking', () => {
  it('refuses, once full, a candidate that does not rank before its last entry (a best-first stream can stop)', () => {
    const totals = [9, 8, 7, 7, 6];
    const ranking = new TopRanking(2, byTotalThenName(totals));
    expect([0, 1, 2].map((candidate) => ranking.offer(candidate))).toEqual([true, true, false]);
    expect(ranking.ranked).toEqual([0, 1]);
  });

  it('takes a later candidate that ranks before its last entry, dropping that entry', () => {
    const totals = [5, 3, 4];
    const ranking = new TopRanking(2, byTotalThenName(totals));
    for (const candidate of [0, 1, 2]) ranking.offer(candidate);
    expect(ranking.ranked).toEqual([0, 2]);
  });
});
