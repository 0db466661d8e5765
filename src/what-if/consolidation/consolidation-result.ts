/** The consolidation analysis' answer (api-contract.md, "POST /v1/analyses/consolidation"). */
import type { ScenarioSummary } from '../../simulation/scenario/cluster-summary.js';
import type { SimulationWarning } from '../../simulation/simulation-result.js';
import type { UtilisationStats } from '../utilisation.js';
import type { BudgetUse } from './disruption-budgets.js';
import type { BlockingReason, DrainRuleName } from './drainability.js';

export interface EvictedPod {
  readonly pod: string;
  readonly namespace: string;
  /** The node the default profile places it on once every removable node is cordoned. */
  readonly to: string;
}

export interface RemovableNode {
  readonly node: string;
  /** 1 = drained first. */
  readonly order: number;
  readonly zone: string | null;
  readonly nodeGroup: string | null;
  readonly price: number | null;
  /** max(cpu, memory) requested / allocatable before the consolidation, as Cluster Autoscaler ranks nodes. */
  readonly utilisation: number;
  readonly evicted: readonly EvictedPod[];
  /** DaemonSet, mirror and long-terminating pods: they go with the node and are not placed again. */
  readonly goneWithNode: readonly string[];
}

/** Why a candidate node stays. */
export type KeptBecause =
  | BlockingReason
  /** One of its pods has nowhere else to go (`message` is its FailedScheduling text). */
  | 'FailedScheduling'
  | 'KeepPerZone'
  /** The search's time or work budget ran out before the node was tried. */
  | 'NotTried'
  /** The local search kept it to remove others that save more. */
  | 'Exchanged';

export interface KeptNode {
  readonly node: string;
  readonly reason: string;
  readonly because: KeptBecause;
  readonly rule: DrainRuleName | null;
  /** The pod that keeps it (namespace/name), when one does. */
  readonly pod: string | null;
  readonly message: string | null;
}

export interface ClusterFootprint {
  readonly nodes: number;
  readonly pods: number;
  readonly cpu: UtilisationStats;
  readonly memory: UtilisationStats;
  /** Sum of node prices; null unless every node has one. */
  readonly price: number | null;
}

export interface ConsolidationSearchReport {
  /** Plans made (each re-places the pods of one or more nodes). */
  readonly evaluatedPlans: number;
  /** Nodes the greedy pass tried to remove. */
  readonly triedNodes: number;
  /** Moves the local search made that improved the answer. */
  readonly improvements: number;
  /** What ended the search early: null when it went through every candidate. */
  readonly stoppedBy: 'time' | 'work' | null;
}

export interface ConsolidationResult {
  readonly kubernetesVersion: string;
  readonly objective: 'nodes' | 'price';
  readonly removable: readonly RemovableNode[];
  readonly kept: readonly KeptNode[];
  readonly before: ClusterFootprint;
  readonly after: ClusterFootprint;
  /** Price of the removable nodes; null without prices for every one of them. */
  readonly savings: number | null;
  readonly pdbDisruptions: readonly BudgetUse[];
  /** Always true: the answer was replayed (removable nodes removed, their pods placed again) and placed every pod. */
  readonly verified: true;
  readonly search: ConsolidationSearchReport;
  readonly scenario?: ScenarioSummary;
  readonly warnings: readonly SimulationWarning[];
}
