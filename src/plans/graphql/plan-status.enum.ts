import { registerEnumType } from '@nestjs/graphql';

/** A stored plan's lifecycle: the values of pipeline/plan-store.ts PlanStatus. */
export enum PlanStatus {
  queued = 'queued',
  running = 'running',
  succeeded = 'succeeded',
  failed = 'failed',
  cancelled = 'cancelled',
}
registerEnumType(PlanStatus, {
  name: 'PlanStatus',
  description: "Where a stored plan is in its life (plans above PODPLAN_PLAN_ASYNC_THRESHOLD are queued and run in the background)",
  valuesMap: {
    queued: { description: 'waiting for a worker' },
    running: { description: 'a worker is planning it; progress counts the replicas done' },
    succeeded: { description: 'planned: its placements are stored' },
    failed: { description: 'planning failed: error says why' },
    cancelled: { description: 'stopped by cancelPlan before it finished' },
  },
});

