/**
 * Top-node selection, once for the whole engine: the best few of a stream of
 * candidate nodes, best first, under an order the caller gives. scheduleOne
 * ranks every scored node with it, a replica run every feasible node, and the
 * replica run's bucket merge the best nodes of each bucket. The order is
 * always the exhaustive rule (higher total, then lower node name, see
 * schedule-one.ts); callers differ only in where totals and names live, so
 * the comparison is a parameter.
 *
 * Kept by insertion: the list holds topCandidates + 1 entries (a handful),
 * and sorting all 5,000 nodes per replica would cost more than scoring them.
 */

/** True when candidate `a` ranks before candidate `b`. */
export type RanksBefore = (a: number, b: number) => boolean;

export class TopRanking {
  /** The best candidates offered so far, best first. */
  readonly ranked: number[] = [];

  constructor(
    private readonly capacity: number,
    private readonly before: RanksBefore,
  ) {}

  /**
   * Offers a candidate. False when the list is full and the candidate does
   * not rank before its last entry: a caller offering candidates best first
   * can stop there.
   */
  offer(candidate: number): boolean {
    const { ranked, capacity, before } = this;
    const full = ranked.length === capacity;
    if (full && !before(candidate, ranked[capacity - 1])) return false;
    let slot = full ? capacity - 1 : ranked.length;
    while (slot > 0 && before(candidate, ranked[slot - 1])) {
      ranked[slot] = ranked[slot - 1];
      slot--;
    }
    ranked[slot] = candidate;
    return true;
  }
}

/**
 * The `count` best of candidates 0 … totals.length - 1, best first, and how
 * many share the best total, in one pass. `tied`, when given, receives those
 * candidates (faithful mode draws among them). `before` must rank a higher
 * total first (both callers' orders do): a candidate whose total is below
 * the last kept one's is then passed over without asking `before`.
 */
export function rankTop(totals: ArrayLike<number>, count: number, before: RanksBefore, tied?: number[]): { top: number[]; tiedCount: number } {
  const ranking = new TopRanking(count, before);
  const ranked = ranking.ranked;
  let best = Number.NEGATIVE_INFINITY;
  let tiedCount = 0;
  for (let candidate = 0; candidate < totals.length; candidate++) {
    const total = totals[candidate];
    if (total > best) {
      best = total;
      tiedCount = 0;
      if (tied) tied.length = 0;
    }
    if (total === best) {
      tiedCount++;
      tied?.push(candidate);
    }
    if (ranked.length === count && total < totals[ranked[count - 1]]) continue;
    ranking.offer(candidate);
  }
  return { top: ranking.ranked, tiedCount };
}

/**
 * rankTop under the exhaustive order with node names compared through
 * their ranks (candidate c's rank is `nameRanks[positions[c]]`), compared
 * inline: the same candidates, order and ties as rankTop with that order,
 * without a call per comparison. scheduleOne's cycles rank 5,000 nodes, most
 * of them tied on a fresh cluster, each tie compared with the last kept one.
 * `tied`, when given, receives the candidates sharing the best total; only
 * faithful mode draws among them, exhaustive mode needs their count alone,
 * and growing a list of 5,000 ties per pod was the largest allocation of a
 * distinct-pod plan.
 */
export function rankTopByNameRank(
  totals: Float64Array,
  count: number,
  positions: Int32Array,
  nameRanks: Int32Array,
  tied?: number[],
): { top: number[]; tiedCount: number } {
  const ranked: number[] = [];
  // The kept candidates' totals and name ranks, beside them in `ranked`.
  const keptTotals = new Float64Array(count);
  const keptRanks = new Int32Array(count);
  let size = 0;
  let best = Number.NEGATIVE_INFINITY;
  let tiedCount = 0;
  for (let candidate = 0; candidate < totals.length; candidate++) {
    const total = totals[candidate];
    if (total > best) {
      best = total;
      tiedCount = 0;
      if (tied) tied.length = 0;
    }
    if (total === best) {
      tiedCount++;
      if (tied) tied.push(candidate);
    }
    let slot = size;
    if (size === count) {
      const last = keptTotals[count - 1];
      if (total < last) continue;
      // As RanksBefore: the difference, so NaN and equal infinities rank before nothing.
      const difference = total - last;
      if (!(difference > 0 || (difference === 0 && nameRanks[positions[candidate]] < keptRanks[count - 1]))) continue;
      slot = count - 1;
    } else {
      size++;
    }
    const rank = nameRanks[positions[candidate]];
    while (slot > 0) {
      const difference = total - keptTotals[slot - 1];
      if (!(difference > 0 || (difference === 0 && rank < keptRanks[slot - 1]))) break;
      keptTotals[slot] = keptTotals[slot - 1];
      keptRanks[slot] = keptRanks[slot - 1];
      ranked[slot] = ranked[slot - 1];
      slot--;
    }
    keptTotals[slot] = total;
    keptRanks[slot] = rank;
    ranked[slot] = candidate;
  }
  return { top: ranked, tiedCount };
}
