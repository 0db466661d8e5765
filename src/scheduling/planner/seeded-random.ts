/**
 * A small deterministic PRNG (mulberry32) for faithful mode's tie-breaking:
 * upstream picks uniformly among the top-scored nodes with math/rand; a seed
 * makes each of those possible outcomes reproducible.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n), as Go's rand.Intn. */
  intn(n: number): number {
    return Math.floor(this.next() * n);
  }
}
