/** The same input planned under several scheduler configurations (e.g. LeastAllocated vs MostAllocated). */
import type { SimulationResult } from '../simulation/simulation-result.js';
import type { PlanDiff } from './plan-diff.js';
import type { ClusterUtilisation } from './utilisation.js';

export interface ConfigOutcome {
  readonly name: string;
  /** The release this configuration was planned as. */
  readonly kubernetesVersion: string;
  readonly summary: SimulationResult['summary'];
  /** Statistics over every node; per-node figures for the nodes that received a replica. */
  readonly utilisation: ClusterUtilisation;
  /** Placements compared with the first configuration's (absent on the first). */
  readonly diffFromFirst?: PlanDiff;
}

export interface CompareConfigsResult {
  readonly configs: readonly ConfigOutcome[];
}
