/**
 * What crosses between the event loop and an engine thread. Everything is
 * structured-clone data: Kubernetes objects in, the contract's result out.
 */
import type { ClusterObjects } from '../kube/cluster-objects.js';
import type { FieldError } from '../kube/field-error.js';
import type { SimulationResult, SimulationWarning } from '../simulation/simulation-result.js';

/** The cluster a task runs on. */
export interface EngineCluster {
  /**
   * Names immutable objects (a saved topology revision: `<id>@<revision>`), so
   * a thread indexes them once and reuses them; absent for one-off clusters.
   */
  readonly cacheKey?: string;
  /**
   * Omitted when the thread is expected to hold `cacheKey` already. May be
   * the objects' JSON text, parsed where the engine runs: parsing a
   * 5,000-node revision takes the event loop a quarter of a second.
   */
  readonly objects?: ClusterObjects | string;
}

export interface EngineTask {
  readonly cluster: EngineCluster;
  readonly workloads: readonly unknown[];
  readonly schedulerConfig?: unknown;
  readonly explain: 'summary' | 'full';
  readonly mode: 'exhaustive' | 'faithful';
  readonly seed?: number;
  readonly topCandidates?: number;
  readonly clusterWarnings?: readonly SimulationWarning[];
  /** What-if edits applied to a copy of the cluster before planning. */
  readonly scenario?: readonly unknown[];
  /** The release to emulate and its feature gates (default: the cluster's release, else the newest). */
  readonly release?: { readonly kubernetesVersion?: string; readonly featureGates?: Readonly<Record<string, boolean>> };
  /** Validate and count the replicas only; nothing is placed. */
  readonly validateOnly?: boolean;
}

export type EngineOutcome =
  /** `nodes`: the cluster's nodes once scenario edits applied (for traces and logs). */
  | { readonly kind: 'completed'; readonly result: SimulationResult; readonly nodes: number }
  /** `validateOnly`: the input is valid and expands to this many replicas. */
  | { readonly kind: 'validated'; readonly replicas: number; readonly nodes: number }
  | { readonly kind: 'invalid'; readonly errors: readonly FieldError[] }
  /** Cancelled before every replica was considered. */
  | { readonly kind: 'stopped'; readonly done: number };

/** Main thread → engine thread. `stop` is an Int32Array(1) over shared memory: 1 means stop. */
export interface EngineRequestMessage {
  readonly task: EngineTask;
  readonly stop: SharedArrayBuffer;
}

/** Engine thread → main thread. */
export type EngineReplyMessage =
  | { readonly kind: 'progress'; readonly done: number; readonly total: number }
  /** The task named a cacheKey this thread does not hold: send it again with objects. */
  | { readonly kind: 'missing-cluster' }
  | { readonly kind: 'outcome'; readonly outcome: EngineOutcome }
  | { readonly kind: 'failure'; readonly message: string };
