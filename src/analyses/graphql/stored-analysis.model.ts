/** A stored analysis in GraphQL: its identity, and its result under the field of its kind. */
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CapacityModel, ConfigComparisonModel, FailureDomainsModel, FitSuggestionsModel, ScaleUpModel } from './analysis.model.js';
import { ConsolidationModel, MigrationModel } from './right-sizing.model.js';

@ObjectType('StoredAnalysis', { description: 'An analysis run on a saved topology; the field of its kind holds the result' })
export class StoredAnalysisModel {
  @Field(() => ID) id!: string;
  @Field({ description: 'capacity | scale-up | failure-domains | fit-suggestions | compare-configs | consolidation | migration' }) kind!: string;
  @Field(() => ID) topologyId!: string;
  @Field(() => Int) revision!: number;
  @Field() createdAt!: Date;
  @Field(() => CapacityModel, { nullable: true }) capacity!: CapacityModel | null;
  @Field(() => ScaleUpModel, { nullable: true }) scaleUp!: ScaleUpModel | null;
  @Field(() => FailureDomainsModel, { nullable: true }) failureDomains!: FailureDomainsModel | null;
  @Field(() => FitSuggestionsModel, { nullable: true }) fitSuggestions!: FitSuggestionsModel | null;
  @Field(() => ConfigComparisonModel, { nullable: true }) compareConfigs!: ConfigComparisonModel | null;
  @Field(() => ConsolidationModel, { nullable: true }) consolidation!: ConsolidationModel | null;
  @Field(() => MigrationModel, { nullable: true }) migration!: MigrationModel | null;
}
