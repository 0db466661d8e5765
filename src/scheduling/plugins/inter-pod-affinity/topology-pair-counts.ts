/**
 * Counts per topology pair (label key, label value), as upstream
 * filtering.go topologyToMatchedTermCount: a pair whose count returns to zero
 * is deleted, so `size` is the number of pairs with a non-zero count (the
 * `len(m)` upstream's Filter and first-replica rule test).
 *
 * Anti-affinity tallies also keep, per pair, the (pod, term) matches behind
 * the count, so a rejection can name the pods responsible without scanning
 * the cluster again; they are kept in step by every update, AddPod/RemovePod
 * included.
 */
import type { Labels } from '../../../kube/label-selector.js';
import type { PodInfo } from '../../model/pod-info.js';

/** One existing pod's term that matched, in the domain of `nodeName`. */
export interface TermMatch {
  /** The existing pod (owner of the term for existing anti-affinity; the matched pod for the incoming pod's terms). */
  readonly pod: PodInfo;
  readonly nodeName: string;
  readonly termIndex: number;
}

interface PairTally {
  count: number;
  matches: TermMatch[];
}

/** A label's value, only when the node carries the key (Go's `v, ok := labels[k]`). */
export function labelValue(labels: Labels, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : undefined;
}

export class TopologyPairCounts {
  private readonly byKey = new Map<string, Map<string, PairTally>>();
  /** byKey's keys, for per-node loops that should not allocate an iterator. */
  private readonly keyList: string[] = [];
  private pairs = 0;

  /** Number of pairs with a non-zero count. */
  get size(): number {
    return this.pairs;
  }

  count(key: string, value: string): number {
    return this.byKey.get(key)?.get(value)?.count ?? 0;
  }

  /** The term matches behind a pair's count (empty for tallies that do not record them). */
  matches(key: string, value: string): readonly TermMatch[] {
    return this.byKey.get(key)?.get(value)?.matches ?? [];
  }

  /**
   * Adds `multiplier` to the pair (upstream topologyToMatchedTermCount.update),
   * recording or forgetting `match` with it when given.
   */
  update(key: string, value: string, multiplier: number, match?: TermMatch): void {
    let values = this.byKey.get(key);
    if (!values) {
      values = new Map();
      this.byKey.set(key, values);
      this.keyList.push(key);
    }
    let tally = values.get(value);
    if (!tally) {
      tally = { count: 0, matches: [] };
      values.set(value, tally);
      this.pairs++;
    }
    tally.count += multiplier;
    if (match) {
      if (multiplier > 0) tally.matches.push(match);
      else forget(tally.matches, match);
    }
    // The count can fall back to zero on RemovePod: upstream deletes the entry then.
    if (tally.count === 0) {
      values.delete(value);
      this.pairs--;
      if (values.size === 0) {
        this.byKey.delete(key);
        this.keyList.splice(this.keyList.indexOf(key), 1);
      }
    }
  }

  /**
   * True when one of `labels`' pairs has a positive count (upstream
   * satisfyExistingPodsAntiAffinity's scan over the node's labels), looked up
   * from the tally's few keys (one per topology key the terms use) rather
   * than from the node's many labels: the same pairs, so the same answer.
   */
  hasPositivePairIn(labels: Labels): boolean {
    if (this.pairs === 0) return false;
    const keys = this.keyList;
    for (let index = 0; index < keys.length; index++) {
      if (this.countOn(labels, keys[index]) > 0) return true;
    }
    return false;
  }

  /**
   * The count of the node's pair for `key` (0 when the node lacks the key):
   * count(key, labelValue(labels, key)) with the node's label read once.
   */
  countOn(labels: Labels, key: string): number {
    const values = this.byKey.get(key);
    if (values === undefined) return 0;
    // A tally's values are strings; only an own label can be one (an inherited property never is), so the
    // ownership test is needed on a hit only.
    const tally = values.get(labels[key]);
    return tally !== undefined && Object.hasOwn(labels, key) ? tally.count : 0;
  }

  /** The topology keys with a positive pair. */
  keys(): IterableIterator<string> {
    return this.byKey.keys();
  }

  /** Every pair with its count, in insertion order (for tests and explanations). */
  *entries(): IterableIterator<{ key: string; value: string; count: number }> {
    for (const [key, values] of this.byKey) {
      for (const [value, tally] of values) yield { key, value, count: tally.count };
    }
  }

  clone(): TopologyPairCounts {
    const copy = new TopologyPairCounts();
    for (const [key, values] of this.byKey) {
      const copied = new Map<string, PairTally>();
      for (const [value, tally] of values) copied.set(value, { count: tally.count, matches: [...tally.matches] });
      copy.byKey.set(key, copied);
      copy.keyList.push(key);
    }
    copy.pairs = this.pairs;
    return copy;
  }
}

function forget(matches: TermMatch[], match: TermMatch): void {
  const index = matches.findIndex(
    (candidate) => candidate.pod.key === match.pod.key && candidate.termIndex === match.termIndex,
  );
  if (index >= 0) matches.splice(index, 1);
}
