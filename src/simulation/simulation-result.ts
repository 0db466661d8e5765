/**
 * The placement result of the API contract (shared/api-contract.md), the
 * same for REST, GraphQL, stored plans and the CLI.
 */
import type { NodeExplanation, Rejection, ScoredNode } from '../scheduling/planner/decision.js';
import type { ScenarioSummary } from './scenario/cluster-summary.js';

export interface WorkloadRef {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

/** A replica held back by its scheduling gates: kube-scheduler never attempts it until the last one is removed. */
export interface SchedulingGated {
  /** The reason of the pod's PodScheduled=False condition (v1.PodReasonSchedulingGated). */
  readonly reason: 'SchedulingGated';
  readonly schedulingGates: readonly string[];
  /** SchedulingGates' PreEnqueue status, e.g. `waiting for scheduling gates: [example.com/quota]`. */
  readonly preEnqueue: string;
}

/** One claim of a placed (or unplaceable) pod: the contract's `volumes` entry. */
export interface PlacementVolume {
  readonly claim: string;
  /** The PV the claim is bound to, in the cluster or by this plan; null while unbound. */
  readonly volume: string | null;
  /** The plan leaves the claim to dynamic provisioning on the replica's node. */
  readonly provisioned: boolean;
  /** Unplaceable replicas: what ties the claim down, e.g. "claim data-db-1 is bound to pv-123 in zone us-east-1b". */
  readonly explanation?: string;
}

export interface Placement {
  readonly workload: WorkloadRef;
  readonly replica: number;
  readonly pod: string;
  readonly namespace: string;
  readonly node: string | null;
  readonly zone: string | null;
  readonly score: number | null;
  readonly message: string;
  /**
   * What the pod requests, in scheduler units (PodRequests: containers, init
   * containers, pod-level resources, overhead): what a placed replica adds to
   * its node's requested totals. Absent in plans stored before it was recorded.
   */
  readonly requests?: { readonly cpuMillicores: number; readonly memoryBytes: number };
  /** The pod's claims (only for pods with persistentVolumeClaim or ephemeral volumes). */
  readonly volumes?: readonly PlacementVolume[];
  /** DRA: the devices each of the pod's ResourceClaims was allocated (placed replicas with claims only). */
  readonly devices?: readonly AllocatedDevice[];
  /** Present when the replica is not scheduled because it still has scheduling gates. */
  readonly gated?: SchedulingGated;
  readonly feasibleNodes: number;
  readonly evaluatedNodes: number;
  /** Summary explanations: the best few candidates, the chosen node first. */
  readonly candidates?: readonly ScoredNode[];
  /** Summary explanations: nodes rejected per reason (first failing filter, as upstream counts). */
  readonly rejections?: readonly Rejection[];
  /** Full explanations: every node of the cluster. */
  readonly nodes?: readonly NodeExplanation[];
}

/** One device of a placed pod's ResourceClaim (the claim's status.allocation.devices.results entry). */
export interface AllocatedDevice {
  readonly claim: string;
  /** The claim's request, or `request/subrequest`. */
  readonly request: string;
  readonly driver: string;
  readonly pool: string;
  readonly device: string;
  /** DRAAdminAccess: the request asked for admin access (the device is not taken). Absent otherwise. */
  readonly adminAccess?: true;
  /** DRAConsumableCapacity: the share of a device that allows multiple allocations (share-id.ts derives it). Absent for a dedicated device. */
  readonly shareID?: string;
  /** DRAConsumableCapacity: what the share consumes of the device's capacities, as quantities by capacity name. Absent without a share or capacity. */
  readonly consumedCapacity?: Readonly<Record<string, string>>;
}

export interface SimulationWarning {
  readonly path: string;
  readonly message: string;
}

export interface WorkloadSummary {
  readonly workload: WorkloadRef;
  readonly replicas: number;
  readonly scheduled: number;
  readonly unschedulable: number;
}

export interface SimulationResult {
  readonly summary: { readonly replicas: number; readonly scheduled: number; readonly unschedulable: number };
  readonly workloads: readonly WorkloadSummary[];
  readonly placements: readonly Placement[];
  readonly mode: 'exhaustive' | 'faithful';
  readonly seed?: number;
  readonly explain: 'summary' | 'full';
  readonly kubernetesVersion: string;
  readonly warnings: readonly SimulationWarning[];
  /** The cluster before and after the request's scenario edits, when it had any. */
  readonly scenario?: ScenarioSummary;
}
