/**
 * The best feasible nodes, as schedule-one.ts rankByScore picks them (higher
 * total, then lower node name), with node names compared through their rank
 * so the pass touches typed arrays only.
 */

/**
 * `totals[position]` scores the node at `feasible[position]`. Returns the
 * `count` best positions, best first, and how many positions share the best
 * total.
 */
export function rankFeasible(totals: Float64Array, feasible: Int32Array, nameRank: Int32Array, count: number): { top: number[]; tied: number } {
  const top: number[] = [];
  let best = Number.NEGATIVE_INFINITY;
  let tied = 0;
  const better = (a: number, b: number): boolean => {
    const difference = totals[a] - totals[b];
    return difference > 0 || (difference === 0 && nameRank[feasible[a]] < nameRank[feasible[b]]);
  };
  for (let position = 0; position < totals.length; position++) {
    const total = totals[position];
    if (total > best) {
      best = total;
      tied = 0;
    }
    if (total === best) tied++;
    if (top.length === count && !better(position, top[count - 1])) continue;
    let slot = top.length === count ? count - 1 : top.length;
    while (slot > 0 && better(position, top[slot - 1])) {
      top[slot] = top[slot - 1];
      slot--;
    }
    top[slot] = position;
  }
  return { top, tied };
}
