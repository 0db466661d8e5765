/**
 * MostAllocated, as upstream noderesources/most_allocated.go: per resource
 * requested × 100 / capacity, with requested capped at capacity (pods without
 * requests count 100m/200Mi and can push a node past it), then the weighted
 * mean with int64 division.
 */
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import { mulDivTrunc } from './int64-math.js';
import type { ResourceScorer } from './resource-scorer.js';
import type { ResourceSpec } from './resource-spec.js';

export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  return mulDivTrunc(Math.min(requested, capacity), MAX_NODE_SCORE, capacity);
}

export function mostResourceScorer(resources: readonly ResourceSpec[]): ResourceScorer {
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let index = 0; index < requested.length; index++) {
      if (allocatable[index] === 0) continue;
      const weight = resources[index].weight;
      nodeScore += mostRequestedScore(requested[index], allocatable[index]) * weight;
      weightSum += weight;
    }
    return weightSum === 0 ? 0 : Math.trunc(nodeScore / weightSum);
  };
}
