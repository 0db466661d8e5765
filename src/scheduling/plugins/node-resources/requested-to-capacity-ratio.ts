/**
 * RequestedToCapacityRatio, as upstream requested_to_capacity_ratio.go: the
 * shape (scores 0–10, scaled to 0–100) maps each resource's utilization
 * (requested × 100 / capacity, integer) to a score; resources scoring 0 are
 * left out of the weighted mean, which is rounded (math.Round).
 */
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import { buildBrokenLinearFunction } from './broken-linear-function.js';
import { MAX_CUSTOM_PRIORITY_SCORE, type UtilizationShapePoint } from './fit-args.js';
import { mulDivTrunc } from './int64-math.js';
import type { ResourceScorer } from './resource-scorer.js';
import type { ResourceSpec } from './resource-spec.js';

const MAX_UTILIZATION = 100;

/** requested × 100 / capacity, clamped to [0, 100] (upstream scaledUtilization). */
export function scaledUtilization(requested: number, capacity: number): number {
  if (capacity <= 0 || requested <= 0) return 0;
  if (requested >= capacity) return MAX_UTILIZATION;
  return mulDivTrunc(requested, MAX_UTILIZATION, capacity);
}

export function requestedToCapacityRatioScorer(
  resources: readonly ResourceSpec[],
  shape: readonly UtilizationShapePoint[],
): ResourceScorer {
  const scale = MAX_NODE_SCORE / MAX_CUSTOM_PRIORITY_SCORE;
  const rawScoringFunction = buildBrokenLinearFunction(
    shape.map((point) => ({ utilization: point.utilization, score: point.score * scale })),
  );
  const resourceScore = (requested: number, capacity: number): number =>
    capacity === 0 || requested > capacity
      ? rawScoringFunction(MAX_UTILIZATION)
      : rawScoringFunction(scaledUtilization(requested, capacity));
  return (requested, allocatable) => {
    let nodeScore = 0;
    let weightSum = 0;
    for (let index = 0; index < requested.length; index++) {
      if (allocatable[index] === 0) continue;
      const score = resourceScore(requested[index], allocatable[index]);
      if (score > 0) {
        const weight = resources[index].weight;
        nodeScore += score * weight;
        weightSum += weight;
      }
    }
    // Go math.Round rounds half away from zero; for these non-negative values Math.round agrees.
    return weightSum === 0 ? 0 : Math.round(nodeScore / weightSum);
  };
}
