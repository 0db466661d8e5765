/** GraphQL shapes of the right-sizing analyses, consolidation and node-pool migration (field names as in the REST results). */
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { SimulationModel, SimulationWarningModel } from '../../plans/graphql/placement.model.js';
import { ConsolidationObjective } from './right-sizing.inputs.js';
import { KeptBecause, SearchStoppedBy } from './analysis-result.enums.js';
import { NodeGroupAdditionModel, ScenarioSummaryModel, UtilisationStatsModel } from './analysis.model.js';

@ObjectType('EvictedPod')
export class EvictedPodModel {
  @Field() pod!: string;
  @Field() namespace!: string;
  @Field({ description: 'where the default profile places it once every removable node is gone' }) to!: string;
}

@ObjectType('RemovableNode')
export class RemovableNodeModel {
  @Field() node!: string;
  @Field(() => Int, { description: '1 = drained first' }) order!: number;
  @Field(() => String, { nullable: true }) zone!: string | null;
  @Field(() => String, { nullable: true }) nodeGroup!: string | null;
  @Field(() => Float, { nullable: true }) price!: number | null;
  @Field(() => Float, { description: 'max(cpu, memory) requested / allocatable before' }) utilisation!: number;
  @Field(() => [EvictedPodModel]) evicted!: EvictedPodModel[];
  @Field(() => [String], { description: 'DaemonSet, mirror and long-terminating pods: they go with the node' }) goneWithNode!: string[];
}

@ObjectType('KeptNode')
export class KeptNodeModel {
  @Field() node!: string;
  @Field() reason!: string;
  @Field(() => KeptBecause) because!: `${KeptBecause}`;
  @Field(() => String, { nullable: true, description: "the drainability rule (Cluster Autoscaler's rule name)" }) rule!: string | null;
  @Field(() => String, { nullable: true, description: 'the pod that keeps it, namespace/name' }) pod!: string | null;
  @Field(() => String, { nullable: true, description: "that pod's FailedScheduling text" }) message!: string | null;
}

@ObjectType('ClusterFootprint')
export class ClusterFootprintModel {
  @Field(() => Int) nodes!: number;
  @Field(() => Int) pods!: number;
  @Field(() => UtilisationStatsModel) cpu!: UtilisationStatsModel;
  @Field(() => UtilisationStatsModel) memory!: UtilisationStatsModel;
  @Field(() => Float, { nullable: true }) price!: number | null;
}

@ObjectType('PdbDisruption')
export class PdbDisruptionModel {
  @Field() namespace!: string;
  @Field() name!: string;
  @Field(() => Int) allowed!: number;
  @Field(() => Int) used!: number;
}

@ObjectType('ConsolidationSearch')
export class ConsolidationSearchModel {
  @Field(() => Int) evaluatedPlans!: number;
  @Field(() => Int) triedNodes!: number;
  @Field(() => Int) improvements!: number;
  @Field(() => SearchStoppedBy, { nullable: true, description: 'what ended the search early; null: it tried everything' }) stoppedBy!: `${SearchStoppedBy}` | null;
}

@ObjectType('Consolidation')
export class ConsolidationModel {
  @Field(() => ID, { nullable: true, description: 'the stored analysis, when run on a saved topology' }) id!: string | null;
  @Field() kubernetesVersion!: string;
  @Field(() => ConsolidationObjective) objective!: `${ConsolidationObjective}`;
  @Field(() => [RemovableNodeModel]) removable!: RemovableNodeModel[];
  @Field(() => [KeptNodeModel]) kept!: KeptNodeModel[];
  @Field(() => ClusterFootprintModel) before!: ClusterFootprintModel;
  @Field(() => ClusterFootprintModel) after!: ClusterFootprintModel;
  @Field(() => Float, { nullable: true }) savings!: number | null;
  @Field(() => [PdbDisruptionModel]) pdbDisruptions!: PdbDisruptionModel[];
  @Field() verified!: boolean;
  @Field(() => ConsolidationSearchModel) search!: ConsolidationSearchModel;
  @Field(() => ScenarioSummaryModel, { nullable: true }) scenario!: ScenarioSummaryModel | null;
  @Field(() => [SimulationWarningModel]) warnings!: SimulationWarningModel[];
}

@ObjectType('MovedPod')
export class MovedPodModel {
  @Field() pod!: string;
  @Field() namespace!: string;
  @Field() from!: string;
  @Field() to!: string;
}

@ObjectType('UnmovablePod')
export class UnmovablePodModel {
  @Field() pod!: string;
  @Field() namespace!: string;
  @Field() from!: string;
  @Field() message!: string;
}

@ObjectType('MigrationCost')
export class MigrationCostModel {
  @Field(() => Float, { nullable: true }) before!: number | null;
  @Field(() => Float, { nullable: true }) after!: number | null;
}

@ObjectType('Migration')
export class MigrationModel {
  @Field(() => ID, { nullable: true, description: 'the stored analysis, when run on a saved topology' }) id!: string | null;
  @Field() kubernetesVersion!: string;
  @Field() feasible!: boolean;
  @Field(() => [String]) fromNodes!: string[];
  @Field() keepOld!: boolean;
  @Field(() => [NodeGroupAdditionModel]) added!: NodeGroupAdditionModel[];
  @Field(() => Int) totalNodes!: number;
  @Field(() => Float, { nullable: true }) totalPrice!: number | null;
  @Field(() => [MovedPodModel]) placements!: MovedPodModel[];
  @Field(() => [UnmovablePodModel]) unmovable!: UnmovablePodModel[];
  @Field(() => Int) goneWithNodes!: number;
  @Field(() => MigrationCostModel) cost!: MigrationCostModel;
  @Field(() => Int) evaluatedPlans!: number;
  @Field(() => SearchStoppedBy, { nullable: true, description: 'what ended the search for a smaller answer early; null: it tried everything' }) stoppedBy!: `${SearchStoppedBy}` | null;
  @Field(() => SimulationModel, { description: 'the moved pods planned on the final cluster' }) plan!: SimulationModel;
  @Field(() => ScenarioSummaryModel, { nullable: true }) scenario!: ScenarioSummaryModel | null;
  @Field(() => [SimulationWarningModel]) warnings!: SimulationWarningModel[];
}
