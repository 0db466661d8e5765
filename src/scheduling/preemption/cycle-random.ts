/**
 * Faithful mode's seeded random source, shared with PostFilter through the
 * cycle state: upstream draws preemption's dry-run offset with
 * rand.Int31n(numPotentialNodes) and ends candidate ties in Go map order. The
 * planner writes the source under this key in faithful mode only; without it
 * (exhaustive mode) preemption starts at offset 0 and takes the first tied
 * candidate, so plans are the same for the same input.
 */
import type { CycleState } from '../framework/cycle-state.js';

export const CYCLE_RANDOM_KEY = 'podplan/CycleRandom';

export interface RandomSource {
  /** An integer in [0, n), as Go's rand.Intn. */
  intn(n: number): number;
}

export function cycleRandom(state: CycleState): RandomSource | undefined {
  return state.readOptional<RandomSource>(CYCLE_RANDOM_KEY);
}
