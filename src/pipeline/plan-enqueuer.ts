/**
 * How the pipeline hands a stored `queued` plan to the background: the port
 * src/jobs implements with its queue (token PLAN_ENQUEUER). The job that takes
 * it calls the pipeline's run-and-store step (RequestPipeline.runQueuedPlan).
 */
export interface PlanEnqueuer {
  enqueue(planId: string): Promise<void>;
}

/** Injection token of the PlanEnqueuer (src/jobs provides its queue). */
export const PLAN_ENQUEUER = Symbol('PLAN_ENQUEUER');
