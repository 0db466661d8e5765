/** A plan, replay or analysis stopped by PODPLAN_PLAN_TIMEOUT_MS (422, like every limit; metrics count it as timed out). */
import { DomainError } from '../errors/domain-error.js';

export class PlanTimeoutError extends DomainError {
  constructor(timeoutMs: number, what: 'plan' | 'replay' | 'analysis' = 'plan') {
    super(
      'LIMIT_EXCEEDED',
      `the ${what} did not finish within ${timeoutMs} ms (limit PODPLAN_PLAN_TIMEOUT_MS=${timeoutMs}): ${what === 'analysis' ? 'analyse' : 'plan'} fewer replicas or on fewer nodes`,
    );
    this.name = 'PlanTimeoutError';
  }
}
