/** Results of the what-if analyses (api-contract.md, "What-if analyses"), shared by REST and GraphQL mappers. */
import type { ScenarioSummary } from '../simulation/scenario/cluster-summary.js';
import type { SimulationResult, SimulationWarning, WorkloadRef } from '../simulation/simulation-result.js';

/** One relaxation of a rule that blocks a replica, verified by scheduling the relaxed pod. */
export type SuggestedChange =
  | { readonly kind: 'tolerateTaint'; readonly taint: { readonly key: string; readonly value?: string; readonly effect: string } }
  | { readonly kind: 'dropAffinityTerm'; readonly path: string }
  | { readonly kind: 'dropSpreadConstraint'; readonly path: string; readonly topologyKey: string }
  | { readonly kind: 'lowerRequest'; readonly resource: string; readonly from: string; readonly to: string }
  /** The pod's scheduling gates lifted (what a scenario's removeSchedulingGates does): it is then scheduled at all. */
  | { readonly kind: 'removeSchedulingGates'; readonly gates: readonly string[] }
  /** The StorageClass of the pod's unbound claims binds when a pod uses them (was Immediate). */
  | { readonly kind: 'waitForFirstConsumer'; readonly storageClass: string }
  /** The StorageClass's allowedTopologies also admit `value` for `topologyKey` (e.g. another zone). */
  | { readonly kind: 'allowTopology'; readonly storageClass: string; readonly topologyKey: string; readonly value: string }
  /** One empty node: from a node group's template, or (no groups given) a copy of the zone's first node. */
  | { readonly kind: 'addNode'; readonly zone: string | null; readonly like?: string; readonly nodeGroup?: string };

export interface Suggestion {
  readonly change: SuggestedChange;
  /** Nodes that pass every filter for the pod once this one change is made. */
  readonly feasibleNodes: number;
  /** The node the scheduler would then pick. */
  readonly node: string;
}

export interface WorkloadCapacity {
  readonly workload: WorkloadRef;
  readonly additionalReplicas: number;
  /** FailedScheduling text of the first replica that did not fit; null when maxReplicas was reached first. */
  readonly limitedBy: string | null;
  readonly reachedMaxReplicas: boolean;
  /** The replicas the workload itself asks for (`spec.replicas`, 1 when unset; a Pod: 1). */
  readonly requestedReplicas: number;
  /** How many of those fit: min(additionalReplicas, requestedReplicas). */
  readonly requestedReplicasFit: number;
  readonly byNode: Readonly<Record<string, number>>;
  readonly byZone: Readonly<Record<string, number>>;
  /** What would let one more replica fit. */
  readonly suggestions: readonly Suggestion[];
}

export interface CapacityResult {
  /** The kube-scheduler release emulated. */
  readonly kubernetesVersion: string;
  readonly mode: 'each' | 'joint';
  readonly maxReplicas: number;
  readonly workloads: readonly WorkloadCapacity[];
  readonly scenario?: ScenarioSummary;
  readonly warnings: readonly SimulationWarning[];
}

export interface NodeGroupAddition {
  readonly nodeGroup: string;
  readonly zone: string | null;
  readonly count: number;
  /** Names of the added nodes. */
  readonly nodes: readonly string[];
}

export type ScaleUpResult =
  | {
      readonly feasible: true;
      readonly kubernetesVersion: string;
      readonly added: readonly NodeGroupAddition[];
      readonly totalNodes: number;
      readonly totalPrice: number | null;
      /** Scheduling runs the search made (each a full plan of every replica). */
      readonly evaluatedPlans: number;
      readonly plan: SimulationResult;
    }
  | {
      readonly feasible: false;
      readonly kubernetesVersion: string;
      readonly reason: string;
      readonly evaluatedPlans: number;
      readonly warnings: readonly SimulationWarning[];
    };

export interface DomainWorkloadImpact {
  readonly workload: WorkloadRef;
  readonly lost: number;
  readonly rescheduled: number;
  readonly unplaceable: number;
  /** Distinct FailedScheduling texts of the replicas that found no survivor. */
  readonly messages: readonly string[];
  /** What ties those replicas' claims down, e.g. "claim data-db-1 is bound to pv-1 in zone b" (distinct; absent when none has a claim). */
  readonly volumes?: readonly string[];
}

export interface DomainImpact {
  readonly domain: string;
  readonly nodes: number;
  readonly workloads: readonly DomainWorkloadImpact[];
  /** DRA: the devices the domain's nodes publish (node-local ResourceSlices), per driver; empty without DRA. */
  readonly devices: readonly LostDevices[];
}

/** A driver's devices lost with a domain: all of them, and those allocated to a claim when it was lost. */
export interface LostDevices {
  readonly driver: string;
  readonly lost: number;
  readonly inUse: number;
}

export interface FailureVerdict {
  readonly workload: WorkloadRef;
  readonly fullyRecovers: boolean;
  /** The domain whose loss leaves most replicas unplaceable (then: loses most); null when no domain holds a replica. */
  readonly worstDomain: string | null;
  readonly verdict: string;
}

/** Pods that go with their node (a DaemonSet's, static pods' mirrors): never rescheduled, never in verdicts. */
export interface NodeBoundWorkload {
  readonly workload: WorkloadRef;
  /** Its pods in the cluster. */
  readonly pods: number;
}

export interface FailureDomainsResult {
  /** The kube-scheduler release emulated. */
  readonly kubernetesVersion: string;
  readonly topologyKey: string;
  readonly domains: readonly DomainImpact[];
  readonly verdicts: readonly FailureVerdict[];
  /** Nodes without the topology key: never lost, always survivors. */
  readonly nodesWithoutKey: number;
  /** DaemonSets and mirror pods, listed apart: losing a domain loses them with their nodes, and nothing reschedules them. */
  readonly nodeBound: readonly NodeBoundWorkload[];
  readonly scenario?: ScenarioSummary;
  readonly warnings: readonly SimulationWarning[];
}

/** An unplaceable replica of a simulation with what would make it fit. */
export interface UnplaceableReplica {
  readonly workload: WorkloadRef;
  readonly replica: number;
  readonly pod: string;
  readonly namespace: string;
  /** kube-scheduler's FailedScheduling text. */
  readonly message: string;
  /** Absent beyond the first MAX_SUGGESTED_REPLICAS unplaceable replicas. */
  readonly suggestions?: readonly Suggestion[];
}

export interface FitSuggestionsResult {
  /** The kube-scheduler release emulated. */
  readonly kubernetesVersion: string;
  readonly summary: SimulationResult['summary'];
  readonly unplaceable: readonly UnplaceableReplica[];
  readonly scenario?: ScenarioSummary;
  readonly warnings: readonly SimulationWarning[];
}
