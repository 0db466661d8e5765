/**
 * Upstream plugins/helper/shape_score.go BuildBrokenLinearFunction: a
 * piecewise-linear function through the shape points, flat before the first
 * and after the last, interpolated with int64 (truncating) division.
 */
export interface FunctionShapePoint {
  readonly utilization: number;
  readonly score: number;
}

export function buildBrokenLinearFunction(shape: readonly FunctionShapePoint[]): (utilization: number) => number {
  return (utilization) => {
    for (let index = 0; index < shape.length; index++) {
      if (utilization > shape[index].utilization) continue;
      if (index === 0) return shape[0].score;
      const from = shape[index - 1];
      const to = shape[index];
      return from.score + Math.trunc(((to.score - from.score) * (utilization - from.utilization)) / (to.utilization - from.utilization));
    }
    return shape[shape.length - 1].score;
  };
}
