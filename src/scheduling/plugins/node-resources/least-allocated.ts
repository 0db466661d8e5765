/**
 * LeastAllocated, as upstream noderesources/least_allocated.go: per resource
 * (capacity − requested) × 100 / capacity (0 when over capacity), then the
 * weighted mean with int64 division.
 */
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import { mulDivTrunc } from './int64-math.js';
import type { ResourceScorer } from './resource-scorer.js';
import type { ResourceSpec } from './resource-spec.js';

export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return mulDivTrunc(capacity - requested, MAX_NODE_SCORE, capacity);
}

export function leastResourceScorer(resources: readonly ResourceSpec[]): ResourceScorer {
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let index = 0; index < requested.length; index++) {
      if (allocatable[index] === 0) continue;
      const weight = resources[index].weight;
      nodeScore += leastRequestedScore(requested[index], allocatable[index]) * weight;
      weightSum += weight;
    }
    return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
  };
}
