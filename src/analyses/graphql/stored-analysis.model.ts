/** A stored analysis in GraphQL: its identity, and its result under the field of its kind. */
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CapacityModel, ConfigComparisonModel, FailureDomainsModel, FitSuggestionsModel, ScaleUpModel } from './analysis.model.js';
import { ConsolidationModel, MigrationModel } from './right-sizing.model.js';

@ObjectType('StoredAnalysis', { description: 'An analysis run on a saved topology; the field of its kind holds the result' })
export class StoredAnalysisModel {
  @Field(() => ID, { description: "the analysis' id" }) id!: string;
  @Field({ description: 'capacity | scale-up | failure-domains | fit-suggestions | compare-configs | consolidation | migration' }) kind!: string;
  @Field(() => ID, { description: 'the topology it ran on' }) topologyId!: string;
  @Field(() => Int, { description: 'the topology revision it ran on' }) revision!: number;
  @Field({ description: 'when it was stored' }) createdAt!: Date;
  @Field(() => CapacityModel, { nullable: true, description: 'the result, when kind is capacity' }) capacity!: CapacityModel | null;
  @Field(() => ScaleUpModel, { nullable: true, description: 'the result, when kind is scale-up' }) scaleUp!: ScaleUpModel | null;
  @Field(() => FailureDomainsModel, { nullable: true, description: 'the result, when kind is failure-domains' }) failureDomains!: FailureDomainsModel | null;
  @Field(() => FitSuggestionsModel, { nullable: true, description: 'the result, when kind is fit-suggestions' }) fitSuggestions!: FitSuggestionsModel | null;
  @Field(() => ConfigComparisonModel, { nullable: true, description: 'the result, when kind is compare-configs' }) compareConfigs!: ConfigComparisonModel | null;
  @Field(() => ConsolidationModel, { nullable: true, description: 'the result, when kind is consolidation' }) consolidation!: ConsolidationModel | null;
  @Field(() => MigrationModel, { nullable: true, description: 'the result, when kind is migration' }) migration!: MigrationModel | null;
}
