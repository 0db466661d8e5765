/** Right-sizing results to their GraphQL models. */
import { toSimulationModel } from '../../plans/graphql/plan-graphql.mapper.js';
import type { ConsolidationResult } from '../../what-if/consolidation/consolidation-result.js';
import type { MigrationResult } from '../../what-if/migration/migration-result.js';
import { toScenarioModel } from './analysis-graphql.mapper.js';
import type { ConsolidationModel, MigrationModel } from './right-sizing.model.js';

export function toConsolidationModel(result: ConsolidationResult, id: string | null = null): ConsolidationModel {
  return {
    id,
    kubernetesVersion: result.kubernetesVersion,
    objective: result.objective,
    removable: result.removable.map((node) => ({ ...node, evicted: node.evicted.map((pod) => ({ ...pod })), goneWithNode: [...node.goneWithNode] })),
    kept: result.kept.map((node) => ({ ...node })),
    before: { ...result.before },
    after: { ...result.after },
    savings: result.savings,
    pdbDisruptions: result.pdbDisruptions.map((use) => ({ ...use })),
    verified: result.verified,
    search: { ...result.search },
    scenario: toScenarioModel(result.scenario),
    warnings: [...result.warnings],
  };
}

export function toMigrationModel(result: MigrationResult, id: string | null = null): MigrationModel {
  return {
    id,
    kubernetesVersion: result.kubernetesVersion,
    feasible: result.feasible,
    fromNodes: [...result.fromNodes],
    keepOld: result.keepOld,
    added: result.added.map((addition) => ({ ...addition, nodes: [...addition.nodes] })),
    totalNodes: result.totalNodes,
    totalPrice: result.totalPrice,
    placements: result.placements.map((pod) => ({ ...pod })),
    unmovable: result.unmovable.map((pod) => ({ ...pod })),
    goneWithNodes: result.goneWithNodes,
    cost: { ...result.cost },
    evaluatedPlans: result.evaluatedPlans,
    stoppedBy: result.stoppedBy,
    plan: toSimulationModel(result.plan),
    scenario: toScenarioModel(result.scenario),
    warnings: [...result.warnings],
  };
}
