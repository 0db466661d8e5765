/** Stored plans' placements as the service hands them to REST and GraphQL mappers (the plan itself: pipeline/plan-store.ts). */
import type { Placement } from '../../simulation/simulation-result.js';

export interface StoredPlacement {
  readonly ordinal: number;
  readonly placement: Placement;
}

export interface PlacementFilter {
  /** `Kind/namespace/name`, `namespace/name` or `name` of a workload. */
  readonly workload?: string;
  readonly node?: string;
  readonly unschedulable?: boolean;
}
