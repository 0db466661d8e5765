/**
 * NodeResourcesBalancedAllocation's scorer (upstream balanced_allocation.go
 * balancedResourceScorer): each resource's requested/allocatable fraction,
 * capped at 1; the score is (1 − standard deviation) × 100, truncated. With
 * two resources the deviation is |a − b| / 2; with one it is 0.
 */
import { MAX_NODE_SCORE } from '../../framework/interfaces.js';
import type { ResourceScorer } from './resource-scorer.js';

export const balancedResourceScorer: ResourceScorer = (requested, allocatable) => {
  let count = 0;
  let totalFraction = 0;
  let first = 0;
  let second = 0;
  for (let index = 0; index < requested.length; index++) {
    if (allocatable[index] === 0) continue;
    const fraction = Math.min(requested[index] / allocatable[index], 1);
    if (count === 0) first = fraction;
    else if (count === 1) second = fraction;
    totalFraction += fraction;
    count++;
  }
  let std = 0;
  if (count === 2) {
    std = Math.abs((first - second) / 2);
  } else if (count > 2) {
    const mean = totalFraction / count;
    let sum = 0;
    for (let index = 0; index < requested.length; index++) {
      if (allocatable[index] === 0) continue;
      const fraction = Math.min(requested[index] / allocatable[index], 1);
      sum = sum + (fraction - mean) * (fraction - mean);
    }
    std = Math.sqrt(sum / count);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
};
