/**
 * Chooses the node to preempt on among the candidates, as upstream
 * pickOneNodeForPreemption: each rule keeps only the best-scoring candidates
 * and the next rule breaks their tie —
 *   1. fewest PDB violations;
 *   2. lowest priority of the most important victim;
 *   3. smallest sum of victim priorities, each offset by MaxInt32+1 so that
 *      more negative-priority victims never look cheaper than fewer;
 *   4. fewest victims;
 *   5. latest start among the most important victims (the earliest start of
 *      the highest-priority victims, latest wins).
 * Upstream then takes the first remaining node of a Go map iteration, i.e. an
 * arbitrary one: exhaustive mode takes the first in candidate order (the dry
 * run's order); faithful mode picks uniformly with the seeded random source.
 */
import type { Candidate } from './candidate.js';
import { podStartTime } from './pod-importance.js';

/** math.MaxInt32 + 1, upstream's offset that makes every victim priority non-negative. */
const PRIORITY_OFFSET = 2147483648;

type ScoreFunction = (candidate: Candidate) => number;

const minPdbViolations: ScoreFunction = (candidate) => -candidate.numPdbViolations;

const minHighestPriority: ScoreFunction = (candidate) => -candidate.victims[0].pod.priority;

const minSumPriorities: ScoreFunction = (candidate) => {
  let sum = 0;
  for (const victim of candidate.victims) sum += victim.pod.priority + PRIORITY_OFFSET;
  return -sum;
};

const minNumVictims: ScoreFunction = (candidate) => -candidate.victims.length;

/** upstream util.GetEarliestPodStartTime: the earliest start among the highest-priority victims. */
const latestStartTime: ScoreFunction = (candidate) => {
  let maxPriority = candidate.victims[0].pod.priority;
  let earliest = podStartTime(candidate.victims[0].pod.pod);
  for (const { pod } of candidate.victims) {
    if (pod.priority === maxPriority) {
      earliest = Math.min(earliest, podStartTime(pod.pod));
    } else if (pod.priority > maxPriority) {
      maxPriority = pod.priority;
      earliest = podStartTime(pod.pod);
    }
  }
  return earliest;
};

const SCORE_FUNCTIONS: readonly ScoreFunction[] = [minPdbViolations, minHighestPriority, minSumPriorities, minNumVictims, latestStartTime];

/** Chooses among the final ties; returns an index into `tied`. */
export type TieBreaker = (tiedCount: number) => number;

export const firstCandidate: TieBreaker = () => 0;

export function pickCandidate(candidates: readonly Candidate[], breakTie: TieBreaker = firstCandidate): Candidate | undefined {
  if (candidates.length <= 1) return candidates[0];
  let remaining = candidates;
  for (const score of SCORE_FUNCTIONS) {
    let best = Number.NEGATIVE_INFINITY;
    let selected: Candidate[] = [];
    for (const candidate of remaining) {
      const value = score(candidate);
      if (value > best) {
        best = value;
        selected = [];
      }
      if (value === best) selected.push(candidate);
    }
    if (selected.length === 1) return selected[0];
    remaining = selected;
  }
  return remaining[breakTie(remaining.length)];
}
