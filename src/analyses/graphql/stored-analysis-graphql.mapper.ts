/** A stored analysis to its GraphQL model: the result under the field of its kind. */
import type { StoredAnalysis } from '../../pipeline/analysis-store.js';
import type { CapacityResult, FailureDomainsResult, FitSuggestionsResult, ScaleUpResult } from '../../what-if/analysis-types.js';
import type { CompareConfigsResult } from '../../what-if/config-comparison.js';
import type { ConsolidationResult } from '../../what-if/consolidation/consolidation-result.js';
import type { MigrationResult } from '../../what-if/migration/migration-result.js';
import { toCapacityModel, toConfigComparisonModel, toFailureDomainsModel, toFitSuggestionsModel, toScaleUpModel } from './analysis-graphql.mapper.js';
import { toConsolidationModel, toMigrationModel } from './right-sizing-graphql.mapper.js';
import type { StoredAnalysisModel } from './stored-analysis.model.js';

export function toStoredAnalysisModel(stored: StoredAnalysis): StoredAnalysisModel {
  const result = stored.result;
  return {
    id: stored.id,
    kind: stored.kind,
    topologyId: stored.topologyId,
    revision: stored.revision,
    createdAt: stored.createdAt,
    capacity: stored.kind === 'capacity' ? toCapacityModel(result as CapacityResult, stored.id) : null,
    scaleUp: stored.kind === 'scale-up' ? toScaleUpModel(result as ScaleUpResult, stored.id) : null,
    failureDomains: stored.kind === 'failure-domains' ? toFailureDomainsModel(result as FailureDomainsResult, stored.id) : null,
    fitSuggestions: stored.kind === 'fit-suggestions' ? toFitSuggestionsModel(result as FitSuggestionsResult, stored.id) : null,
    compareConfigs: stored.kind === 'compare-configs' ? toConfigComparisonModel(result as CompareConfigsResult, stored.id) : null,
    consolidation: stored.kind === 'consolidation' ? toConsolidationModel(result as ConsolidationResult, stored.id) : null,
    migration: stored.kind === 'migration' ? toMigrationModel(result as MigrationResult, stored.id) : null,
  };
}
