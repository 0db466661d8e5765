/**
 * Every engine run, wherever it runs (an engine thread, or inline on the
 * event loop), as a `podplan.engine.run` span with the cluster's nodes, the
 * replicas and the mode, and as `podplan_engine_run_duration_seconds` and
 * `podplan_pods_scheduled_total`.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Span } from '@opentelemetry/api';
import type { SimulationOutcome } from '../simulation/run-simulation.js';
import { PlanningMetrics, secondsSince, type EngineRunKind, type EngineRunOutcome } from './metrics/planning-metrics.js';
import { inSpan, inSpanSync } from './tracing/spans.js';

export const ENGINE_RUN_SPAN = 'podplan.engine.run';

export interface EngineRunFacts {
  readonly kind: EngineRunKind;
  readonly mode: 'exhaustive' | 'faithful';
  /** Known before the run when the cluster is already indexed; otherwise reported by the run. */
  readonly nodes?: number;
  /** Requested replicas (before expansion); the run reports the expanded count. */
  readonly replicas?: number;
  /** Whether the run happens on an engine thread. */
  readonly offMainThread: boolean;
}

/** What a run reports back, whatever runner ran it. */
export interface EngineRunReport {
  readonly outcome: EngineRunOutcome;
  readonly nodes?: number;
  readonly replicas?: number;
  readonly pods?: { readonly scheduled: number; readonly unschedulable: number };
}

function startAttributes(facts: EngineRunFacts) {
  return {
    'podplan.engine.kind': facts.kind,
    'podplan.mode': facts.mode,
    'podplan.engine.off_main_thread': facts.offMainThread,
    ...(facts.nodes !== undefined ? { 'podplan.nodes': facts.nodes } : {}),
    ...(facts.replicas !== undefined ? { 'podplan.replicas': facts.replicas } : {}),
  };
}

function annotate(span: Span, report: EngineRunReport): void {
  span.setAttribute('podplan.engine.outcome', report.outcome);
  if (report.nodes !== undefined) span.setAttribute('podplan.nodes', report.nodes);
  if (report.replicas !== undefined) span.setAttribute('podplan.replicas', report.replicas);
  if (report.pods) span.setAttributes({ 'podplan.pods.scheduled': report.pods.scheduled, 'podplan.pods.unschedulable': report.pods.unschedulable });
}

/** The report of an inline simulation (executeSimulation's outcome). */
export function simulationReport(outcome: SimulationOutcome, nodes: number): EngineRunReport {
  const { summary } = outcome.result;
  return {
    outcome: outcome.run.complete ? 'completed' : 'stopped',
    nodes,
    replicas: summary.replicas,
    pods: { scheduled: summary.scheduled, unschedulable: summary.unschedulable },
  };
}

@Injectable()
export class EngineRunTelemetry {
  constructor(@Inject(PlanningMetrics) private readonly metrics: PlanningMetrics) {}

  async observe<Outcome>(facts: EngineRunFacts, run: () => Promise<Outcome>, report: (outcome: Outcome) => EngineRunReport): Promise<Outcome> {
    const started = process.hrtime.bigint();
    return inSpan(ENGINE_RUN_SPAN, startAttributes(facts), async (span) => {
      try {
        const outcome = await run();
        this.finished(facts, report(outcome), started, span);
        return outcome;
      } catch (error) {
        this.metrics.engineRunFinished(facts.kind, 'failed', secondsSince(started));
        throw error;
      }
    });
  }

  observeSync<Outcome>(facts: EngineRunFacts, run: () => Outcome, report: (outcome: Outcome) => EngineRunReport): Outcome {
    const started = process.hrtime.bigint();
    return inSpanSync(ENGINE_RUN_SPAN, startAttributes(facts), (span) => {
      try {
        const outcome = run();
        this.finished(facts, report(outcome), started, span);
        return outcome;
      } catch (error) {
        this.metrics.engineRunFinished(facts.kind, 'failed', secondsSince(started));
        throw error;
      }
    });
  }

  private finished(facts: EngineRunFacts, report: EngineRunReport, started: bigint, span: Span): void {
    annotate(span, report);
    this.metrics.engineRunFinished(facts.kind, report.outcome, secondsSince(started), facts.kind === 'plan' ? report.pods : undefined);
  }
}
