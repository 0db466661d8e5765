/**
 * The best feasible nodes of a replica run, as schedule-one.ts ranks them
 * (top-ranking.ts: higher total, then lower node name), with node names
 * compared through their rank so the pass touches typed arrays only.
 */
import { rankTop } from '../planner/top-ranking.js';

/**
 * `totals[position]` scores the node at `feasible[position]`. Returns the
 * `count` best positions, best first, and how many positions share the best
 * total.
 */
export function rankFeasible(totals: Float64Array, feasible: Int32Array, nameRank: Int32Array, count: number): { top: number[]; tied: number } {
  const { top, tiedCount } = rankTop(totals, count, (a, b) => {
    const difference = totals[a] - totals[b];
    return difference > 0 || (difference === 0 && nameRank[feasible[a]] < nameRank[feasible[b]]);
  });
  return { top, tied: tiedCount };
}
