/**
 * Where the pipeline's store step writes stored plans, and what it reads back
 * from there: the port src/plans implements with its repository (token
 * PLAN_STORE). The pipeline sits below src/plans, so it names what it stores
 * here and src/plans imports these types from it.
 */
import type { Placement, SimulationResult } from '../simulation/simulation-result.js';

export type PlanStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

/** What a plan was asked to do; enough to run it again byte for byte. */
export interface PlanRequest {
  readonly workloads: readonly unknown[];
  readonly schedulerConfig?: Record<string, unknown>;
  readonly mode: 'exhaustive' | 'faithful';
  readonly seed?: number;
  readonly topCandidates?: number;
  /** Plan a new revision of workloads that already run (else only their missing replicas). */
  readonly rollout?: boolean;
  /** Edits applied to a copy of the revision before planning (never to the topology). */
  readonly scenario?: readonly unknown[];
  /** The release to emulate (default: the topology's, else the newest) and its feature gates. */
  readonly kubernetesVersion?: string;
  readonly featureGates?: Readonly<Record<string, boolean>>;
  /** Unknown fields reported with `fieldValidation=Warn` at submission: a queued plan's result carries them once it runs. */
  readonly fieldWarnings?: readonly { readonly path: string; readonly message: string }[];
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

/** A plan that ran while its request waited, stored finished with its placements. */
export interface NewPlan {
  readonly team: string;
  readonly topologyId: string;
  readonly revision: number;
  readonly name: string | null;
  readonly status: PlanStatus;
  readonly request: PlanRequest;
  readonly result: PlanResultHeader;
  readonly timings: PlanTimings;
  readonly rerunOf: string | null;
  readonly placements: readonly Placement[];
}

/** A plan accepted for a background job: no result yet, `total` replicas to place. */
export interface NewQueuedPlan {
  readonly team: string;
  readonly topologyId: string;
  readonly revision: number;
  readonly name: string | null;
  readonly request: PlanRequest;
  readonly total: number;
  readonly rerunOf: string | null;
}

/** What a finished job writes. */
export interface FinishedPlan {
  readonly result: PlanResultHeader;
  readonly timings: PlanTimings;
  readonly placements: readonly Placement[];
}

export interface PlanStore {
  /** A finished plan and all its placements, in one transaction; its id. */
  insert(plan: NewPlan): Promise<string>;
  insertQueued(plan: NewQueuedPlan): Promise<string>;
  /** A queued plan that could not be handed to the queue: queued → failed. */
  fail(id: string, failure: PlanFailure): Promise<boolean>;
  setTimings(id: string, timings: PlanTimings): Promise<void>;
  /** The team's live plan; another team's is as absent as a deleted one. */
  findLive(team: string, id: string): Promise<PlanView | null>;
}

/**
 * One attempt at a queued plan, as src/jobs hands it to the pipeline's
 * run-and-store step: the plan it took, and writes that only this attempt can
 * make (src/jobs fences them with the plan's lease, so an attempt that lost
 * the plan to another worker stores nothing).
 */
export interface PlanAttempt {
  readonly view: PlanView;
  /** Who makes the attempt, for the logs: "worker host:pid:…, attempt 2". */
  readonly holder: string;
  /** False when the attempt no longer holds the plan (cancelled, deleted, taken back): stop. */
  recordProgress(done: number): Promise<boolean>;
  /** running → succeeded with every placement, once; false when the attempt no longer holds the plan. */
  complete(finished: FinishedPlan): Promise<boolean>;
  fail(failure: PlanFailure): Promise<boolean>;
  setTimings(timings: PlanTimings): Promise<void>;
}

/** Injection token of the PlanStore (src/plans provides its repository). */
export const PLAN_STORE = Symbol('PLAN_STORE');
