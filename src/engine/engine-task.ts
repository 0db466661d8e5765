/**
 * What crosses between the event loop and an engine thread. Everything is
 * structured-clone data: Kubernetes objects and validated requests in, the
 * contract's results out. The engine knows clusters, requests and bounds;
 * who asked (team, HTTP, queue) stays with the caller.
 */
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import type { ClusterObjects } from '../kube/cluster-objects.js';
import type { FieldError } from '../kube/field-error.js';
import type { NodeExplanation } from '../scheduling/planner/decision.js';
import type { SimulationResult, SimulationWarning } from '../simulation/simulation-result.js';
import type { AnalysisResult, AnalysisSpec } from '../what-if/run-analysis.js';

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

/** A plan's input: the workloads to place and how. */
export interface PlanSpec {
  readonly workloads: readonly unknown[];
  readonly schedulerConfig?: unknown;
  readonly explain: 'summary' | 'full';
  readonly mode: 'exhaustive' | 'faithful';
  readonly seed?: number;
  readonly topCandidates?: number;
  /** Plan a new revision of workloads that already run, as their update strategy replaces pods. */
  readonly rollout?: boolean;
  readonly clusterWarnings?: readonly SimulationWarning[];
  /** What-if edits applied to a copy of the cluster before planning. */
  readonly scenario?: readonly unknown[];
  /** The release to emulate and its feature gates (default: the cluster's release, else the newest). */
  readonly release?: { readonly kubernetesVersion?: string; readonly featureGates?: Readonly<Record<string, boolean>> };
}

export type EngineJob =
  /**
   * Place every replica (`validateOnly`: validate and count them, place nothing;
   * with `nodeLabels` or `nodeObjects` too, report the nodes the plan sees, scenario edits applied:
   * their labels, or the nodes themselves with the pods bound to them).
   */
  | { readonly kind: 'plan'; readonly plan: PlanSpec; readonly validateOnly?: boolean; readonly nodeLabels?: boolean; readonly nodeObjects?: boolean }
  /** Replay a plan as far as the last of some pods and explain each of them on every node (one replay, however many pods). */
  | { readonly kind: 'explain-replicas'; readonly plan: PlanSpec; readonly podIndexes: readonly number[] }
  | { readonly kind: 'analysis'; readonly analysis: AnalysisSpec };

/** The nodes a plan sees (scenario edits applied) and the pods bound to them, each with its `spec.nodeName`. */
export interface PlannedNodeObjects {
  readonly nodes: readonly V1Node[];
  readonly pods: readonly V1Pod[];
}

/** What a task may cost; absent fields are unbounded (a background plan, which can be cancelled instead). */
export interface EngineBounds {
  /** Wall-clock milliseconds from the moment the engine starts the task. */
  readonly timeoutMs?: number;
  /** Node evaluations (replicas × nodes, over every plan an analysis makes). */
  readonly maxWork?: number;
}

export interface EngineTask {
  readonly cluster: EngineCluster;
  readonly job: EngineJob;
  readonly bounds?: EngineBounds;
}

/** Why a task stopped before it finished: cancelled by its caller, out of time, or out of work budget. */
export type StopReason = 'cancelled' | 'timeout' | 'work';

export type EngineOutcome =
  /** `nodes`: the cluster's nodes once scenario edits applied (for traces and logs). */
  | { readonly kind: 'completed'; readonly result: SimulationResult; readonly nodes: number }
  /** `validateOnly`: the input is valid and expands to this many replicas; `nodeLabels` when asked for, by node name. */
  | {
      readonly kind: 'validated';
      readonly replicas: number;
      readonly nodes: number;
      readonly nodeLabels?: readonly (readonly [node: string, labels: Readonly<Record<string, string>>])[];
      readonly nodeObjects?: PlannedNodeObjects;
    }
  /** Each asked-for pod's full per-node table, in the order asked. */
  | { readonly kind: 'explained'; readonly tables: readonly (readonly [podIndex: number, nodes: readonly NodeExplanation[]])[] }
  | { readonly kind: 'analysed'; readonly result: AnalysisResult }
  | { readonly kind: 'invalid'; readonly errors: readonly FieldError[] }
  /** Stopped before every replica was considered; `work` is what it had spent when the budget ran out. */
  | { readonly kind: 'stopped'; readonly reason: StopReason; readonly done: number; readonly work?: number };

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
