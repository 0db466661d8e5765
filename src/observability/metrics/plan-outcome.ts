import { PlanTimeoutError } from '../../common/limits/plan-timeout-error.js';
import { toProblem } from '../../common/errors/problem.js';
import type { PlanOutcome } from './planning-metrics.js';

/** How a plan that threw ended: stopped by its deadline, refused as bad input or over a limit (4xx), or failed. */
export function planOutcomeOf(error: unknown): PlanOutcome {
  if (error instanceof PlanTimeoutError) return 'timed_out';
  const status = toProblem(error)?.status ?? 500;
  return status < 500 ? 'invalid' : 'failed';
}
