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

const STORED = true;
const NOT_STORED = false;

/** GraphQL sends absent optional fields as null; the REST schemas expect them absent. */
function withoutNulls(input: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries({ ...input }).filter(([, value]) => value !== undefined && value !== null));
}

@Resolver()
@UseInterceptors(AnalysisTelemetryInterceptor)
export class AnalysesResolver {
  constructor(private readonly analyses: AnalysesService) {}

  // Each analysis twice: a mutation (the contract's; stored when run on a saved
  // topology, its id in the answer) and a query of the same name that only answers.

  @Mutation(() => CapacityModel, { description: 'How many more replicas of each workload fit, where, and what stops them; stored when run on a saved topology' })
  @RequiresRole('planner', { audit: 'analysis.create' })
  capacity(@CurrentCaller() caller: Caller, @Args('input', { description: 'the request' }) input: CapacityInput): Promise<CapacityModel> {
    return this.runCapacity(caller, input, STORED);
  }

  @Query(() => CapacityModel, { name: 'capacity', description: 'How many more replicas of each workload fit, where, and what stops them; nothing is stored' })
  @RequiresRole('planner')
  capacityQuery(@CurrentCaller() caller: Caller, @Args('input', { description: 'the request' }) input: CapacityInput): Promise<CapacityModel> {
    return this.runCapacity(caller, input, NOT_STORED);
  }

  @Mutation(() => ScaleUpModel, { description: 'The fewest (or cheapest) nodes from node groups that place every replica; stored when run on a saved topology' })
  @RequiresRole('planner', { audit: 'analysis.create' })
  scaleUp(@CurrentCaller() caller: Caller, @Args('input', { description: 'the request' }) input: ScaleUpInput): Promise<ScaleUpModel> {
    return this.runScaleUp(caller, input, STORED);
  }

  @Query(() => ScaleUpModel, { name: 'scaleUp', description: 'The fewest (or cheapest) nodes from node groups that place every replica; nothing is stored' })
  @RequiresRole('planner')
  scaleUpQuery(@CurrentCaller() caller: Caller, @Args('input', { description: 'the request' }) input: ScaleUpInput): Promise<ScaleUpModel> {
    return this.runScaleUp(caller, input, NOT_STORED);
  }

  @Mutation(() => FailureDomainsModel, { description: 'What losing each domain of a topology key costs each workload; stored when run on a saved topology' })
  @RequiresRole('planner', { audit: 'analysis.create' })
  failureDomains(@CurrentCaller() caller: Caller, @Args('input', { description: 'the request' }) input: FailureDomainsInput): Promise<FailureDomainsModel> {
    return this.runFailureDomains(caller, input, STORED);
  }

  @Query(() => FailureDomainsModel, { name: 'failureDomains', description: 'What losing each domain of a topology key costs each workload; nothing is stored' })
  @RequiresRole('planner')
  failureDomainsQuery(@CurrentCaller() caller: Caller, @Args('input', { description: 'the request' }) input: FailureDomainsInput): Promise<FailureDomainsModel> {
    return this.runFailureDomains(caller, input, NOT_STORED);
  }

  @Mutation(() => FitSuggestionsModel, { description: "A simulation's unplaceable replicas, each with the verified changes that would place it; stored when run on a saved topology" })
  @RequiresRole('planner', { audit: 'analysis.create' })
  fitSuggestions(@CurrentCaller() caller: Caller, @Args('input', { description: 'the request' }) input: FitSuggestionsInput): Promise<FitSuggestionsModel> {
    return this.runFitSuggestions(caller, input, STORED);
  }

  @Query(() => FitSuggestionsModel, { name: 'fitSuggestions', description: "A simulation's unplaceable replicas, each with the verified changes that would place it; nothing is stored" })
  @RequiresRole('planner')
  fitSuggestionsQuery(@CurrentCaller() caller: Caller, @Args('input', { description: 'the request' }) input: FitSuggestionsInput): Promise<FitSuggestionsModel> {
    return this.runFitSuggestions(caller, input, NOT_STORED);
  }

  @Mutation(() => ConfigComparisonModel, { description: 'The same workloads planned under several scheduler configurations; stored when run on a saved topology' })
  @RequiresRole('planner', { audit: 'analysis.create' })
  compareConfigs(@CurrentCaller() caller: Caller, @Args('input', { description: 'the request' }) input: CompareConfigsInput): Promise<ConfigComparisonModel> {
    return this.runCompareConfigs(caller, input, STORED);
  }

  @Query(() => ConfigComparisonModel, { name: 'compareConfigs', description: 'The same workloads planned under several scheduler configurations; nothing is stored' })
  @RequiresRole('planner')
  compareConfigsQuery(@CurrentCaller() caller: Caller, @Args('input', { description: 'the request' }) input: CompareConfigsInput): Promise<ConfigComparisonModel> {
    return this.runCompareConfigs(caller, input, NOT_STORED);
  }

  @Mutation(() => ConsolidationModel, {
    description: 'Which nodes can go, in drain order, where their pods land and why the others stay; verified by replaying the answer; stored when run on a saved topology',
  })
  @RequiresRole('planner', { audit: 'analysis.create' })
  consolidation(@CurrentCaller() caller: Caller, @Args('input', { description: 'the request' }) input: ConsolidationInput): Promise<ConsolidationModel> {
    return this.runConsolidation(caller, input, STORED);
  }

  @Query(() => ConsolidationModel, {
    name: 'consolidation',
    description: 'Which nodes can go, in drain order, where their pods land and why the others stay; verified by replaying the answer; nothing is stored',
  })
  @RequiresRole('planner')
  consolidationQuery(@CurrentCaller() caller: Caller, @Args('input', { description: 'the request' }) input: ConsolidationInput): Promise<ConsolidationModel> {
    return this.runConsolidation(caller, input, NOT_STORED);
  }

  @Mutation(() => MigrationModel, { description: 'The fewest (or cheapest) target nodes per zone that take every pod of the emptied nodes; stored when run on a saved topology' })
  @RequiresRole('planner', { audit: 'analysis.create' })
  migration(@CurrentCaller() caller: Caller, @Args('input', { description: 'the request' }) input: MigrationInput): Promise<MigrationModel> {
    return this.runMigration(caller, input, STORED);
  }

  @Query(() => MigrationModel, { name: 'migration', description: 'The fewest (or cheapest) target nodes per zone that take every pod of the emptied nodes; nothing is stored' })
  @RequiresRole('planner')
  migrationQuery(@CurrentCaller() caller: Caller, @Args('input', { description: 'the request' }) input: MigrationInput): Promise<MigrationModel> {
    return this.runMigration(caller, input, NOT_STORED);
  }

  @Query(() => PlanDiffModel, { description: 'Replicas that moved, became placed or unplaceable between two plans' })
  @RequiresRole('viewer')
  async planDiff(
    @CurrentCaller() caller: Caller,
    @Args('first', { type: () => ID, description: 'the earlier plan' }) first: string,
    @Args('second', { type: () => ID, description: 'the later plan' }) second: string,
  ): Promise<PlanDiffModel> {
    return toPlanDiffModel(await this.analyses.diffPlans(caller.team, first, second));
  }

  @Query(() => StoredAnalysisModel, { description: 'An analysis stored when it ran on a saved topology' })
  @RequiresRole('viewer')
  async analysis(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: 'the id' }) id: string): Promise<StoredAnalysisModel> {
    return toStoredAnalysisModel(await this.analyses.get(caller.team, id));
  }

  private async runCapacity(caller: Caller, input: CapacityInput, store: boolean): Promise<CapacityModel> {
    const { result, stored } = await this.analyses.capacity(caller.team, restBody(input), { ...inputOptions(input), store });
    return toCapacityModel(result, stored?.id ?? null);
  }

  private async runScaleUp(caller: Caller, input: ScaleUpInput, store: boolean): Promise<ScaleUpModel> {
    const body = restBody(input);
    body.nodeGroups = input.nodeGroups.map(withoutNulls);
    const { result, stored } = await this.analyses.scaleUp(caller.team, body, { ...inputOptions(input), store });
    return toScaleUpModel(result, stored?.id ?? null);
  }

  private async runFailureDomains(caller: Caller, input: FailureDomainsInput, store: boolean): Promise<FailureDomainsModel> {
    const { result, stored } = await this.analyses.failureDomains(caller.team, restBody(input), { ...inputOptions(input), store });
    return toFailureDomainsModel(result, stored?.id ?? null);
  }

  private async runFitSuggestions(caller: Caller, input: FitSuggestionsInput, store: boolean): Promise<FitSuggestionsModel> {
    const body = restBody(input);
    if (input.nodeGroups) body.nodeGroups = input.nodeGroups.map(withoutNulls);
    const { result, stored } = await this.analyses.fitSuggestions(caller.team, body, { ...inputOptions(input), store });
    return toFitSuggestionsModel(result, stored?.id ?? null);
  }

  private async runCompareConfigs(caller: Caller, input: CompareConfigsInput, store: boolean): Promise<ConfigComparisonModel> {
    const body = restBody(input);
    body.configs = input.configs.map(withoutNulls);
    const { result, stored } = await this.analyses.compareConfigs(caller.team, body, { ...inputOptions(input), store });
    return toConfigComparisonModel(result, stored?.id ?? null);
  }

  private async runConsolidation(caller: Caller, input: ConsolidationInput, store: boolean): Promise<ConsolidationModel> {
    const body = restBody(input);
    if (input.nodeGroups) body.nodeGroups = input.nodeGroups.map(withoutNulls);
    if (input.rules) body.rules = withoutNulls(input.rules);
    const { result, stored } = await this.analyses.consolidation(caller.team, body, { ...inputOptions(input), store });
    return toConsolidationModel(result, stored?.id ?? null);
  }

  private async runMigration(caller: Caller, input: MigrationInput, store: boolean): Promise<MigrationModel> {
    const body = restBody(input);
    body.nodeGroups = input.nodeGroups.map(withoutNulls);
    const { result, stored } = await this.analyses.migration(caller.team, body, { ...inputOptions(input), store });
    return toMigrationModel(result, stored?.id ?? null);
  }
}
