/**
 * `podplan_analyses_total` / `podplan_analysis_duration_seconds` by kind and
 * outcome, measured around the REST handler or GraphQL mutation that answers
 * the analysis, so refusals (bad input, limits) count as well as answers.
 * Apply it to a controller or resolver class: handlers it does not name are
 * passed through.
 */
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable, tap } from 'rxjs';
import { toProblem } from '../common/errors/problem.js';
import { PlanningMetrics, secondsSince, type RequestOutcome } from './metrics/planning-metrics.js';

/** Handler names (the same on AnalysesController and AnalysesResolver) → the analysis kind in the API's paths. */
const KIND_BY_NAME: Readonly<Record<string, string>> = {
  capacity: 'capacity',
  scaleUp: 'scale-up',
  failureDomains: 'failure-domains',
  fitSuggestions: 'fit-suggestions',
  compareConfigs: 'compare-configs',
  consolidation: 'consolidation',
  migration: 'migration',
};

/** The resolver's query forms (`capacityQuery`, …) count as their analysis too. */
const ANALYSIS_KIND_BY_HANDLER: Readonly<Record<string, string>> = {
  ...KIND_BY_NAME,
  ...Object.fromEntries(Object.entries(KIND_BY_NAME).map(([name, kind]) => [`${name}Query`, kind])),
};

export function failureOutcome(error: unknown): RequestOutcome {
  const status = toProblem(error)?.status ?? 500;
  return status >= 500 ? 'server_error' : 'client_error';
}

@Injectable()
export class AnalysisTelemetryInterceptor implements NestInterceptor {
  constructor(@Inject(PlanningMetrics) private readonly metrics: PlanningMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const kind = ANALYSIS_KIND_BY_HANDLER[context.getHandler().name];
    if (kind === undefined) return next.handle();
    const started = process.hrtime.bigint();
    return next.handle().pipe(
      tap({
        complete: () => this.metrics.analysisFinished(kind, 'success', secondsSince(started)),
        error: (error: unknown) => this.metrics.analysisFinished(kind, failureOutcome(error), secondsSince(started)),
      }),
    );
  }
}
