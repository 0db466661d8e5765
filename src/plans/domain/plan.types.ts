/** Stored plans as the service hands them to REST and GraphQL mappers. */
import type { Placement, SimulationResult } from '../../simulation/simulation-result.js';

export type PlanStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** What a plan was asked to do; enough to run it again byte for byte. */
export interface PlanRequest {
  readonly workloads: readonly unknown[];
  readonly schedulerConfig?: Record<string, unknown>;
  readonly mode: 'exhaustive' | 'faithful';
  readonly seed?: number;
  readonly topCandidates?: number;
  /** Edits applied to a copy of the revision before planning (never to the topology). */
  readonly scenario?: readonly unknown[];
  /** The release to emulate (default: the topology's, else the newest) and its feature gates. */
  readonly kubernetesVersion?: string;
  readonly featureGates?: Readonly<Record<string, boolean>>;
}

export interface PlanTimings {
  /** Loading and indexing the topology revision (0 when it came from the cache). */
  readonly loadMs: number;
  readonly planMs: number;
  readonly storeMs: number;
}

/** The stored result minus its placements, which live in their own rows. */
export type PlanResultHeader = Omit<SimulationResult, 'placements'>;

/** Why a background plan failed: a message, and field errors when its input was refused. */
export interface PlanFailure {
  readonly message: string;
  readonly errors?: readonly { readonly path: string; readonly message: string }[];
}

export interface PlanView {
  readonly id: string;
  /** The team that owns the plan (the team of the key that created it). */
  readonly team: string;
  readonly topologyId: string;
  readonly revision: number;
  readonly name: string | null;
  readonly status: PlanStatus;
  readonly request: PlanRequest;
  readonly result: PlanResultHeader | null;
  /** Set when status is `failed`. */
  readonly error: PlanFailure | null;
  readonly progress: { readonly done: number; readonly total: number };
  readonly timings: PlanTimings | null;
  readonly rerunOf: string | null;
  readonly createdAt: Date;
}

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
