/** The node-pool migration analysis' answer (api-contract.md, "POST /v1/analyses/migration"). */
import type { ScenarioSummary } from '../../simulation/scenario/cluster-summary.js';
import type { SimulationResult, SimulationWarning } from '../../simulation/simulation-result.js';
import type { NodeGroupAddition } from '../analysis-types.js';

export interface MovedPod {
  readonly pod: string;
  readonly namespace: string;
  readonly from: string;
  readonly to: string;
}

export interface UnmovablePodReport {
  readonly pod: string;
  readonly namespace: string;
  readonly from: string;
  /** FailedScheduling text with one more node of every group that may still grow. */
  readonly message: string;
}

export interface MigrationCost {
  /** The emptied nodes' price (node groups' or fromPrice); null when unknown. */
  readonly before: number | null;
  /** The added nodes' price; null unless every group has one. */
  readonly after: number | null;
}

export interface MigrationResult {
  readonly kubernetesVersion: string;
  /** True when every pod of the emptied nodes moved. */
  readonly feasible: boolean;
  /** The nodes `from` selected, in cluster order. */
  readonly fromNodes: readonly string[];
  readonly keepOld: boolean;
  readonly added: readonly NodeGroupAddition[];
  readonly totalNodes: number;
  readonly totalPrice: number | null;
  readonly placements: readonly MovedPod[];
  readonly unmovable: readonly UnmovablePodReport[];
  /** DaemonSet and mirror pods of the emptied nodes: they go with them. */
  readonly goneWithNodes: number;
  readonly cost: MigrationCost;
  readonly evaluatedPlans: number;
  readonly stoppedBy: 'time' | 'work' | null;
  /** The moved pods planned on the final cluster. */
  readonly plan: SimulationResult;
  readonly scenario?: ScenarioSummary;
  readonly warnings: readonly SimulationWarning[];
}
