import { describedEnum } from '../../common/graphql/described-enum.js';

/** A stored plan's lifecycle: the values of pipeline/plan-store.ts PlanStatus. */
export enum PlanStatus {
  queued = 'queued',
  running = 'running',
  succeeded = 'succeeded',
  failed = 'failed',
  cancelled = 'cancelled',
}
describedEnum(PlanStatus, 'PlanStatus', "Where a stored plan is in its life (plans above PODPLAN_PLAN_ASYNC_THRESHOLD are queued and run in the background)", {
  queued: 'waiting for a worker',
  running: 'a worker is planning it; progress counts the replicas done',
  succeeded: 'planned: its placements are stored',
  failed: 'planning failed: error says why',
  cancelled: 'stopped by cancelPlan before it finished',
});

