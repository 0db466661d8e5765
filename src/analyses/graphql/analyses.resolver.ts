import { UseInterceptors } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { Caller } from '../../auth/caller.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { AnalysisTelemetryInterceptor } from '../../observability/analysis-telemetry.interceptor.js';
import { AnalysesService } from '../analyses.service.js';
import type { FieldValidation } from '../../common/graphql/field-validation.enum.js';
import { CapacityInput, CompareConfigsInput, FailureDomainsInput, FitSuggestionsInput, ScaleUpInput } from './analysis.inputs.js';
import { CapacityModel, ConfigComparisonModel, FailureDomainsModel, FitSuggestionsModel, PlanDiffModel, ScaleUpModel } from './analysis.model.js';
import { toConsolidationModel, toMigrationModel } from './right-sizing-graphql.mapper.js';
import { ConsolidationInput, MigrationInput } from './right-sizing.inputs.js';
import { ConsolidationModel, MigrationModel } from './right-sizing.model.js';
import { toStoredAnalysisModel } from './stored-analysis-graphql.mapper.js';
import { StoredAnalysisModel } from './stored-analysis.model.js';
import {
  toCapacityModel,
  toConfigComparisonModel,
  toFailureDomainsModel,
  toFitSuggestionsModel,
  toPlanDiffModel,
  toScaleUpModel,
} from './analysis-graphql.mapper.js';

const asList = (value: unknown) => (Array.isArray(value) ? value : [value]);

/** The input's `fieldValidation`, for the service (not part of the body). */
const inputOptions = (input: { fieldValidation?: FieldValidation | null }) => ({ fieldValidation: input.fieldValidation ?? undefined });

/** The REST body of an analysis from its GraphQL input: `objects` becomes `cluster.objects`; absent fields stay absent. */
function restBody(input: object): Record<string, unknown> {
  const { objects, workloads, fieldValidation: _fieldValidation, ...rest } = input as { objects?: unknown; workloads?: unknown; fieldValidation?: unknown } & Record<string, unknown>;
  return Object.fromEntries(
    Object.entries({
      ...rest,
      cluster: objects === undefined || objects === null ? undefined : { objects: asList(objects) },
      workloads: workloads === undefined || workloads === null ? undefined : asList(workloads),
    }).filter(([, value]) => value !== undefined && value !== null),
  );
}

/** GraphQL sends absent optional fields as null; the REST schemas expect them absent. */
function withoutNulls(input: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries({ ...input }).filter(([, value]) => value !== undefined && value !== null));
}

@Resolver()
@UseInterceptors(AnalysisTelemetryInterceptor)
export class AnalysesResolver {
  constructor(private readonly analyses: AnalysesService) {}

  @Mutation(() => CapacityModel, { description: 'How many more replicas of each workload fit, where, and what stops them' })
  @RequiresRole('planner', { audit: 'analysis.create' })
  async capacity(@CurrentCaller() caller: Caller, @Args('input') input: CapacityInput): Promise<CapacityModel> {
    const { result, stored } = await this.analyses.capacity(caller.team, restBody(input), inputOptions(input));
    return toCapacityModel(result, stored?.id ?? null);
  }

  @Mutation(() => ScaleUpModel, { description: 'The fewest (or cheapest) nodes from node groups that place every replica' })
  @RequiresRole('planner', { audit: 'analysis.create' })
  async scaleUp(@CurrentCaller() caller: Caller, @Args('input') input: ScaleUpInput): Promise<ScaleUpModel> {
    const body = restBody(input);
    body.nodeGroups = input.nodeGroups.map(withoutNulls);
    const { result, stored } = await this.analyses.scaleUp(caller.team, body, inputOptions(input));
    return toScaleUpModel(result, stored?.id ?? null);
  }

  @Mutation(() => FailureDomainsModel, { description: 'What losing each domain of a topology key costs each workload' })
  @RequiresRole('planner', { audit: 'analysis.create' })
  async failureDomains(@CurrentCaller() caller: Caller, @Args('input') input: FailureDomainsInput): Promise<FailureDomainsModel> {
    const { result, stored } = await this.analyses.failureDomains(caller.team, restBody(input), inputOptions(input));
    return toFailureDomainsModel(result, stored?.id ?? null);
  }

  @Mutation(() => FitSuggestionsModel, { description: "A simulation's unplaceable replicas, each with the verified changes that would place it" })
  @RequiresRole('planner', { audit: 'analysis.create' })
  async fitSuggestions(@CurrentCaller() caller: Caller, @Args('input') input: FitSuggestionsInput): Promise<FitSuggestionsModel> {
    const body = restBody(input);
    if (input.nodeGroups) body.nodeGroups = input.nodeGroups.map(withoutNulls);
    const { result, stored } = await this.analyses.fitSuggestions(caller.team, body, inputOptions(input));
    return toFitSuggestionsModel(result, stored?.id ?? null);
  }

  @Mutation(() => ConfigComparisonModel, { description: 'The same workloads planned under several scheduler configurations' })
  @RequiresRole('planner', { audit: 'analysis.create' })
  async compareConfigs(@CurrentCaller() caller: Caller, @Args('input') input: CompareConfigsInput): Promise<ConfigComparisonModel> {
    const body = restBody(input);
    body.configs = input.configs.map(withoutNulls);
    const { result, stored } = await this.analyses.compareConfigs(caller.team, body, inputOptions(input));
    return toConfigComparisonModel(result, stored?.id ?? null);
  }

  @Mutation(() => ConsolidationModel, { description: 'Which nodes can go, in drain order, where their pods land and why the others stay; verified by replaying the answer' })
  @RequiresRole('planner', { audit: 'analysis.create' })
  async consolidation(@CurrentCaller() caller: Caller, @Args('input') input: ConsolidationInput): Promise<ConsolidationModel> {
    const body = restBody(input);
    if (input.nodeGroups) body.nodeGroups = input.nodeGroups.map(withoutNulls);
    if (input.rules) body.rules = withoutNulls(input.rules);
    const { result, stored } = await this.analyses.consolidation(caller.team, body, inputOptions(input));
    return toConsolidationModel(result, stored?.id ?? null);
  }

  @Mutation(() => MigrationModel, { description: 'The fewest (or cheapest) target nodes per zone that take every pod of the emptied nodes' })
  @RequiresRole('planner', { audit: 'analysis.create' })
  async migration(@CurrentCaller() caller: Caller, @Args('input') input: MigrationInput): Promise<MigrationModel> {
    const body = restBody(input);
    body.nodeGroups = input.nodeGroups.map(withoutNulls);
    const { result, stored } = await this.analyses.migration(caller.team, body, inputOptions(input));
    return toMigrationModel(result, stored?.id ?? null);
  }

  @Query(() => PlanDiffModel, { description: 'Replicas that moved, became placed or unplaceable between two plans' })
  @RequiresRole('viewer')
  async planDiff(
    @CurrentCaller() caller: Caller,
    @Args('first', { type: () => ID }) first: string,
    @Args('second', { type: () => ID }) second: string,
  ): Promise<PlanDiffModel> {
    return toPlanDiffModel(await this.analyses.diffPlans(caller.team, first, second));
  }

  @Query(() => StoredAnalysisModel, { description: 'An analysis stored when it ran on a saved topology' })
  @RequiresRole('viewer')
  async analysis(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID }) id: string): Promise<StoredAnalysisModel> {
    return toStoredAnalysisModel(await this.analyses.get(caller.team, id));
  }
}
