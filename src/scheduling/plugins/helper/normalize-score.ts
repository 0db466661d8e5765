/**
 * Scales raw scores into [0, maxPriority] relative to the highest one, as
 * upstream plugins/helper/normalize_score.go DefaultNormalizeScore. With
 * `reverse`, a higher raw score means a lower final score (fewer is better).
 */
export function defaultNormalizeScore(maxPriority: number, reverse: boolean, scores: Float64Array): void {
  let maxCount = 0;
  for (let index = 0; index < scores.length; index++) {
    if (scores[index] > maxCount) maxCount = scores[index];
  }
  if (maxCount === 0) {
    // Every node scored 0: upstream leaves them at 0, or at the maximum when reversed.
    if (reverse) scores.fill(maxPriority);
    return;
  }
  for (let index = 0; index < scores.length; index++) {
    // int64 arithmetic upstream: the division truncates toward zero.
    const scaled = Math.trunc((maxPriority * scores[index]) / maxCount);
    scores[index] = reverse ? maxPriority - scaled : scaled;
  }
}
