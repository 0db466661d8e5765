/** GraphQL shapes of the right-sizing analyses, consolidation and node-pool migration (field names as in the REST results). */
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { SimulationModel, SimulationWarningModel } from '../../plans/graphql/placement.model.js';
import { ConsolidationObjective } from './right-sizing.inputs.js';
import { KeptBecause, SearchStoppedBy } from './analysis-result.enums.js';
import { NodeGroupAdditionModel, ScenarioSummaryModel, UtilisationStatsModel } from './analysis.model.js';

@ObjectType('EvictedPod', { description: 'A pod drained from a removable node, and where it lands' })
export class EvictedPodModel {
  @Field({ description: "the pod's name" }) pod!: string;
  @Field({ description: "the pod's namespace" }) namespace!: string;
  @Field({ description: 'where the default profile places it once every removable node is gone' }) to!: string;
}

@ObjectType('RemovableNode', { description: 'A node the consolidation removes, in drain order' })
export class RemovableNodeModel {
  @Field({ description: "the node's name" }) node!: string;
  @Field(() => Int, { description: '1 = drained first' }) order!: number;
  @Field(() => String, { nullable: true, description: "the node's zone" }) zone!: string | null;
  @Field(() => String, { nullable: true, description: 'the node group it belongs to (by template labels)' }) nodeGroup!: string | null;
  @Field(() => Float, { nullable: true, description: 'its price per hour (node group prices); null without one' }) price!: number | null;
  @Field(() => Float, { description: 'max(cpu, memory) requested / allocatable before' }) utilisation!: number;
  @Field(() => [EvictedPodModel], { description: 'its pods that are placed again, and where' }) evicted!: EvictedPodModel[];
  @Field(() => [String], { description: 'DaemonSet, mirror and long-terminating pods: they go with the node' }) goneWithNode!: string[];
}

@ObjectType('KeptNode', { description: 'A candidate node that stays, and why' })
export class KeptNodeModel {
  @Field({ description: "the node's name" }) node!: string;
  @Field({ description: 'why, in a sentence' }) reason!: string;
  @Field(() => KeptBecause, { description: 'the rule that keeps it' }) because!: `${KeptBecause}`;
  @Field(() => String, { nullable: true, description: "the drainability rule (Cluster Autoscaler's rule name)" }) rule!: string | null;
  @Field(() => String, { nullable: true, description: 'the pod that keeps it, namespace/name' }) pod!: string | null;
  @Field(() => String, { nullable: true, description: "that pod's FailedScheduling text" }) message!: string | null;
}

@ObjectType('ClusterFootprint', { description: 'Nodes, pods, utilisation and price of a cluster, before or after a consolidation' })
export class ClusterFootprintModel {
  @Field(() => Int, { description: 'nodes in the cluster' }) nodes!: number;
  @Field(() => Int, { description: 'pods bound to them' }) pods!: number;
  @Field(() => UtilisationStatsModel, { description: 'cpu requested / allocatable over the nodes' }) cpu!: UtilisationStatsModel;
  @Field(() => UtilisationStatsModel, { description: 'memory requested / allocatable over the nodes' }) memory!: UtilisationStatsModel;
  @Field(() => Float, { nullable: true, description: 'its price per hour (node group prices); null without one' }) price!: number | null;
}

@ObjectType('PdbDisruption', { description: "A PodDisruptionBudget's allowed disruptions, and how many the drain uses" })
export class PdbDisruptionModel {
  @Field({ description: "the budget's namespace" }) namespace!: string;
  @Field({ description: "the budget's name" }) name!: string;
  @Field(() => Int, { description: 'disruptions the budget allows' }) allowed!: number;
  @Field(() => Int, { description: 'disruptions the drain uses' }) used!: number;
}

@ObjectType('ConsolidationSearch', { description: 'How the consolidation search went' })
export class ConsolidationSearchModel {
  @Field(() => Int, { description: 'plans evaluated by the search' }) evaluatedPlans!: number;
  @Field(() => Int, { description: 'candidate nodes tried' }) triedNodes!: number;
  @Field(() => Int, { description: 'times the search found a better answer' }) improvements!: number;
  @Field(() => SearchStoppedBy, { nullable: true, description: 'what ended the search early; null: it tried everything' }) stoppedBy!: `${SearchStoppedBy}` | null;
}

@ObjectType('Consolidation', { description: 'Which nodes can be drained and removed, verified by replaying the answer' })
export class ConsolidationModel {
  @Field(() => ID, { nullable: true, description: 'the stored analysis, when run on a saved topology' }) id!: string | null;
  @Field({ description: 'the kube-scheduler release emulated' }) kubernetesVersion!: string;
  @Field(() => ConsolidationObjective, { description: 'what the search minimised' }) objective!: `${ConsolidationObjective}`;
  @Field(() => [RemovableNodeModel], { description: 'nodes to drain and remove, in order' }) removable!: RemovableNodeModel[];
  @Field(() => [KeptNodeModel], { description: 'candidate nodes that stay, and why' }) kept!: KeptNodeModel[];
  @Field(() => ClusterFootprintModel, { description: 'the cluster as given' }) before!: ClusterFootprintModel;
  @Field(() => ClusterFootprintModel, { description: 'the cluster once the removable nodes are gone' }) after!: ClusterFootprintModel;
  @Field(() => Float, { nullable: true, description: 'price saved per hour; null without prices' }) savings!: number | null;
  @Field(() => [PdbDisruptionModel], { description: 'PodDisruptionBudgets the drain uses' }) pdbDisruptions!: PdbDisruptionModel[];
  @Field({ description: 'replaying the answer placed every evicted pod' }) verified!: boolean;
  @Field(() => ConsolidationSearchModel, { description: 'how the search went' }) search!: ConsolidationSearchModel;
  @Field(() => ScenarioSummaryModel, { nullable: true, description: 'the cluster before and after the scenario edits; null without a scenario' }) scenario!: ScenarioSummaryModel | null;
  @Field(() => [SimulationWarningModel], { description: 'what the request did that was ignored or skipped, located by path' }) warnings!: SimulationWarningModel[];
}

@ObjectType('MovedPod', { description: 'A pod that moves from one node to another' })
export class MovedPodModel {
  @Field({ description: "the pod's name" }) pod!: string;
  @Field({ description: "the pod's namespace" }) namespace!: string;
  @Field({ description: 'the node it leaves' }) from!: string;
  @Field({ description: 'the node it lands on' }) to!: string;
}

@ObjectType('UnmovablePod', { description: 'A pod a migration cannot move, and why' })
export class UnmovablePodModel {
  @Field({ description: "the pod's name" }) pod!: string;
  @Field({ description: "the pod's namespace" }) namespace!: string;
  @Field({ description: 'the node it is on' }) from!: string;
  @Field({ description: 'its FailedScheduling text' }) message!: string;
}

@ObjectType('MigrationCost', { description: 'The price of the cluster before and after a migration (node group prices)' })
export class MigrationCostModel {
  @Field(() => Float, { nullable: true, description: 'price per hour before; null without prices' }) before!: number | null;
  @Field(() => Float, { nullable: true, description: 'price per hour after; null without prices' }) after!: number | null;
}

@ObjectType('Migration', { description: 'Moving the pods of the emptied nodes onto new node groups' })
export class MigrationModel {
  @Field(() => ID, { nullable: true, description: 'the stored analysis, when run on a saved topology' }) id!: string | null;
  @Field({ description: 'the kube-scheduler release emulated' }) kubernetesVersion!: string;
  @Field({ description: 'every pod of the emptied nodes finds a place' }) feasible!: boolean;
  @Field(() => [String], { description: 'the nodes emptied' }) fromNodes!: string[];
  @Field({ description: 'the old nodes stay, cordoned' }) keepOld!: boolean;
  @Field(() => [NodeGroupAdditionModel], { description: 'nodes added per node group and zone' }) added!: NodeGroupAdditionModel[];
  @Field(() => Int, { description: 'nodes added' }) totalNodes!: number;
  @Field(() => Float, { nullable: true, description: 'price per hour of the added nodes; null without prices' }) totalPrice!: number | null;
  @Field(() => [MovedPodModel], { description: 'where each moved pod lands' }) placements!: MovedPodModel[];
  @Field(() => [UnmovablePodModel], { description: 'pods that find no place' }) unmovable!: UnmovablePodModel[];
  @Field(() => Int, { description: 'DaemonSet and mirror pods that go with the old nodes' }) goneWithNodes!: number;
  @Field(() => MigrationCostModel, { description: 'price before and after' }) cost!: MigrationCostModel;
  @Field(() => Int, { description: 'plans evaluated by the search' }) evaluatedPlans!: number;
  @Field(() => SearchStoppedBy, { nullable: true, description: 'what ended the search for a smaller answer early; null: it tried everything' }) stoppedBy!: `${SearchStoppedBy}` | null;
  @Field(() => SimulationModel, { description: 'the moved pods planned on the final cluster' }) plan!: SimulationModel;
  @Field(() => ScenarioSummaryModel, { nullable: true, description: 'the cluster before and after the scenario edits; null without a scenario' }) scenario!: ScenarioSummaryModel | null;
  @Field(() => [SimulationWarningModel], { description: 'what the request did that was ignored or skipped, located by path' }) warnings!: SimulationWarningModel[];
}
