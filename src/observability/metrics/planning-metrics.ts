/**
 * What podplan computes, as metrics: plans and analyses by outcome and
 * duration, engine runs, and the pods they placed. Pods per second of engine
 * time is `rate(podplan_pods_scheduled_total) / rate(podplan_engine_run_duration_seconds_sum)`.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Counter, Histogram } from 'prom-client';
import { MetricsRegistry } from './metrics-registry.js';

/** Where a plan ran: in the request that created it, or as a background job. */
export type PlanExecution = 'inline' | 'background';
/**
 * How a plan attempt ended. `interrupted` (its process shut down) and
 * `retried` (e.g. the database was away) hand a background plan back to the
 * queue, so a later attempt counts again; `lease_lost`: another worker took
 * the plan over while this one ran (it stored nothing).
 */
export type PlanOutcome = 'succeeded' | 'failed' | 'invalid' | 'cancelled' | 'timed_out' | 'interrupted' | 'retried' | 'lease_lost';
/** 2xx, 4xx and 5xx of the request that ran an analysis. */
export type RequestOutcome = 'success' | 'client_error' | 'server_error';
/** What an engine run did: plan replicas (plans, simulations) or only validate and count them. */
export type EngineRunKind = 'plan' | 'validate' | 'explain' | 'analysis';
export type EngineRunOutcome = 'completed' | 'validated' | 'invalid' | 'stopped' | 'failed';

/** From milliseconds to fifteen minutes (PLAN_JOB_EXPIRE_SECONDS' default). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];

@Injectable()
export class PlanningMetrics {
  private readonly plans: Counter<'execution' | 'outcome'>;
  private readonly planDuration: Histogram<'execution' | 'outcome'>;
  private readonly analyses: Counter<'kind' | 'outcome'>;
  private readonly analysisDuration: Histogram<'kind' | 'outcome'>;
  private readonly engineRunDuration: Histogram<'kind' | 'outcome'>;
  private readonly pods: Counter<'result'>;

  constructor(@Inject(MetricsRegistry) registry: MetricsRegistry) {
    this.plans = registry.counter({ name: 'plans_total', help: 'Stored plans finished, by where they ran and how they ended.', labelNames: ['execution', 'outcome'] });
    this.planDuration = registry.histogram({
      name: 'plan_duration_seconds',
      help: 'Time to run a stored plan (load, engine, store; queue wait excluded), by where it ran and how it ended.',
      labelNames: ['execution', 'outcome'],
      buckets: DURATION_BUCKETS,
    });
    this.analyses = registry.counter({ name: 'analyses_total', help: 'What-if analyses answered, by kind and outcome.', labelNames: ['kind', 'outcome'] });
    this.analysisDuration = registry.histogram({
      name: 'analysis_duration_seconds',
      help: 'Time to answer a what-if analysis, by kind and outcome.',
      labelNames: ['kind', 'outcome'],
      buckets: DURATION_BUCKETS,
    });
    this.engineRunDuration = registry.histogram({
      name: 'engine_run_duration_seconds',
      help: 'Time the scheduling engine spent on one plan or simulation (its _sum is engine seconds).',
      labelNames: ['kind', 'outcome'],
      buckets: DURATION_BUCKETS,
    });
    this.pods = registry.counter({
      name: 'pods_scheduled_total',
      help: 'Replicas the engine planned for plans and simulations, by result (scheduled or unschedulable).',
      labelNames: ['result'],
    });
    // Present from the first scrape, so rate() has a starting point.
    for (const result of ['scheduled', 'unschedulable']) this.pods.inc({ result }, 0);
  }

  planFinished(execution: PlanExecution, outcome: PlanOutcome, seconds: number): void {
    this.plans.inc({ execution, outcome });
    this.planDuration.observe({ execution, outcome }, seconds);
  }

  analysisFinished(kind: string, outcome: RequestOutcome, seconds: number): void {
    this.analyses.inc({ kind, outcome });
    this.analysisDuration.observe({ kind, outcome }, seconds);
  }

  engineRunFinished(kind: EngineRunKind, outcome: EngineRunOutcome, seconds: number, pods?: { scheduled: number; unschedulable: number }): void {
    this.engineRunDuration.observe({ kind, outcome }, seconds);
    if (pods) {
      this.pods.inc({ result: 'scheduled' }, pods.scheduled);
      this.pods.inc({ result: 'unschedulable' }, pods.unschedulable);
    }
  }
}

export function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}
