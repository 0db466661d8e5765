/** GraphQL shapes of the what-if analyses (field names as in the REST results). */
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { SuggestionKind } from './analysis-result.enums.js';
import { CapacityMode } from './analysis.inputs.js';
import { ZoneReplicasModel } from '../../plans/graphql/plan.model.js';
import { SimulationModel, SimulationSummaryModel, SimulationWarningModel, WorkloadRefModel } from '../../plans/graphql/placement.model.js';

@ObjectType('NamedCount')
export class NamedCountModel {
  @Field() name!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('SuggestedTaint')
export class SuggestedTaintModel {
  @Field() key!: string;
  @Field(() => String, { nullable: true }) value!: string | null;
  @Field() effect!: string;
}

@ObjectType('SuggestedChange', { description: 'One change to the pod or the cluster; the fields of its kind are set, the others null' })
export class SuggestedChangeModel {
  @Field(() => SuggestionKind) kind!: `${SuggestionKind}`;
  @Field(() => SuggestedTaintModel, { nullable: true }) taint!: SuggestedTaintModel | null;
  @Field(() => String, { nullable: true, description: 'the dropped term or constraint, as a field path of the pod' }) path!: string | null;
  @Field(() => String, { nullable: true }) topologyKey!: string | null;
  @Field(() => String, { nullable: true }) resource!: string | null;
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => String, { nullable: true }) to!: string | null;
  @Field(() => [String], { nullable: true, description: 'the scheduling gates lifted' }) gates!: string[] | null;
  @Field(() => String, { nullable: true }) zone!: string | null;
  @Field(() => String, { nullable: true, description: 'the existing node the added one copies' }) like!: string | null;
  @Field(() => String, { nullable: true, description: 'the node group whose template the added node comes from' }) nodeGroup!: string | null;
  @Field(() => String, { nullable: true, description: 'the StorageClass to change (waitForFirstConsumer, allowTopology)' }) storageClass!: string | null;
  @Field(() => String, { nullable: true, description: 'the value of topologyKey the StorageClass should also allow (allowTopology)' }) value!: string | null;
}

@ObjectType('Suggestion', { description: 'One relaxed rule, verified by scheduling the changed pod again' })
export class SuggestionModel {
  @Field(() => SuggestedChangeModel) change!: SuggestedChangeModel;
  @Field(() => Int) feasibleNodes!: number;
  @Field() node!: string;
}

@ObjectType('ClusterSummary')
export class ClusterSummaryModel {
  @Field(() => Int) nodes!: number;
  @Field(() => Int) pods!: number;
  @Field(() => Int) pendingPods!: number;
  @Field(() => Int) unschedulableNodes!: number;
  @Field(() => [String]) zones!: string[];
}

@ObjectType('ScenarioSummary', { description: 'The cluster before and after the scenario edits' })
export class ScenarioSummaryModel {
  @Field(() => ClusterSummaryModel) original!: ClusterSummaryModel;
  @Field(() => ClusterSummaryModel) edited!: ClusterSummaryModel;
  @Field(() => Int) edits!: number;
}

@ObjectType('WorkloadCapacity')
export class WorkloadCapacityModel {
  @Field(() => WorkloadRefModel) workload!: WorkloadRefModel;
  @Field(() => Int) additionalReplicas!: number;
  @Field(() => String, { nullable: true, description: 'FailedScheduling text of the first replica that did not fit' }) limitedBy!: string | null;
  @Field() reachedMaxReplicas!: boolean;
  @Field(() => Int, { nullable: true, description: "the replicas the workload asks for (spec.replicas; null in analyses stored before it was recorded)" })
  requestedReplicas!: number | null;
  @Field(() => Int, { nullable: true, description: 'how many of the requested replicas fit (null in analyses stored before it was recorded)' })
  requestedReplicasFit!: number | null;
  @Field(() => [NamedCountModel]) byNode!: NamedCountModel[];
  @Field(() => [NamedCountModel]) byZone!: NamedCountModel[];
  @Field(() => [ZoneReplicasModel], { description: "the additional replicas per zone, in the shape of a plan's byZone (nodes without a zone label are not counted)" })
  replicasByZone!: ZoneReplicasModel[];
  @Field(() => [SuggestionModel]) suggestions!: SuggestionModel[];
}

@ObjectType('Capacity')
export class CapacityModel {
  @Field(() => ID, { nullable: true, description: 'the stored analysis, when run on a saved topology' }) id!: string | null;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release emulated (null in analyses stored before releases were recorded)' })
  kubernetesVersion!: string | null;
  @Field(() => CapacityMode) mode!: `${CapacityMode}`;
  @Field(() => Int) maxReplicas!: number;
  @Field(() => [WorkloadCapacityModel]) workloads!: WorkloadCapacityModel[];
  @Field(() => ScenarioSummaryModel, { nullable: true }) scenario!: ScenarioSummaryModel | null;
  @Field(() => [SimulationWarningModel]) warnings!: SimulationWarningModel[];
}

@ObjectType('NodeGroupAddition')
export class NodeGroupAdditionModel {
  @Field() nodeGroup!: string;
  @Field(() => String, { nullable: true }) zone!: string | null;
  @Field(() => Int) count!: number;
  @Field(() => [String]) nodes!: string[];
}

@ObjectType('ScaleUp')
export class ScaleUpModel {
  @Field(() => ID, { nullable: true, description: 'the stored analysis, when run on a saved topology' }) id!: string | null;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release emulated (null in analyses stored before releases were recorded)' })
  kubernetesVersion!: string | null;
  @Field() feasible!: boolean;
  @Field(() => [NodeGroupAdditionModel]) added!: NodeGroupAdditionModel[];
  @Field(() => Int) totalNodes!: number;
  @Field(() => Float, { nullable: true }) totalPrice!: number | null;
  @Field(() => String, { nullable: true, description: 'why no mix of the given node groups places every replica' }) reason!: string | null;
  @Field(() => Int) evaluatedPlans!: number;
  @Field(() => SimulationModel, { nullable: true, description: 'the plan on the enlarged cluster' }) plan!: SimulationModel | null;
}

@ObjectType('DomainWorkloadImpact')
export class DomainWorkloadImpactModel {
  @Field(() => WorkloadRefModel) workload!: WorkloadRefModel;
  @Field(() => Int) lost!: number;
  @Field(() => Int) rescheduled!: number;
  @Field(() => Int) unplaceable!: number;
  @Field(() => [String]) messages!: string[];
  @Field(() => [String], { description: 'what ties the unplaceable replicas\' claims down, e.g. "claim data-db-1 is bound to pv-1 in zone b"' }) volumes!: string[];
}

@ObjectType('LostDevices', { description: 'DRA: one driver\'s devices on the lost nodes (node-local ResourceSlices)' })
export class LostDevicesModel {
  @Field() driver!: string;
  @Field(() => Int, { description: 'devices the lost nodes publish' }) lost!: number;
  @Field(() => Int, { description: 'of those, allocated to a claim when the domain was lost' }) inUse!: number;
}

@ObjectType('DomainImpact')
export class DomainImpactModel {
  @Field() domain!: string;
  @Field(() => Int) nodes!: number;
  @Field(() => [DomainWorkloadImpactModel]) workloads!: DomainWorkloadImpactModel[];
  @Field(() => [LostDevicesModel], { description: 'DRA: devices lost with the domain, per driver' }) devices!: LostDevicesModel[];
}

@ObjectType('FailureVerdict')
export class FailureVerdictModel {
  @Field(() => WorkloadRefModel) workload!: WorkloadRefModel;
  @Field() fullyRecovers!: boolean;
  @Field(() => String, { nullable: true }) worstDomain!: string | null;
  @Field() verdict!: string;
}

@ObjectType('NodeBoundWorkload', { description: 'A DaemonSet or a static pod\'s mirror: its pods go with their node, so they are never rescheduled and have no verdict' })
export class NodeBoundWorkloadModel {
  @Field(() => WorkloadRefModel) workload!: WorkloadRefModel;
  @Field(() => Int, { description: 'its pods in the cluster' }) pods!: number;
}

@ObjectType('FailureDomains')
export class FailureDomainsModel {
  @Field(() => ID, { nullable: true, description: 'the stored analysis, when run on a saved topology' }) id!: string | null;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release emulated (null in analyses stored before releases were recorded)' })
  kubernetesVersion!: string | null;
  @Field() topologyKey!: string;
  @Field(() => [DomainImpactModel]) domains!: DomainImpactModel[];
  @Field(() => [FailureVerdictModel]) verdicts!: FailureVerdictModel[];
  @Field(() => Int) nodesWithoutKey!: number;
  @Field(() => [NodeBoundWorkloadModel], { description: 'DaemonSets and mirror pods, listed apart: lost with their nodes, never in verdicts' })
  nodeBound!: NodeBoundWorkloadModel[];
  @Field(() => ScenarioSummaryModel, { nullable: true }) scenario!: ScenarioSummaryModel | null;
  @Field(() => [SimulationWarningModel]) warnings!: SimulationWarningModel[];
}

@ObjectType('MovedReplica')
export class MovedReplicaModel {
  @Field(() => WorkloadRefModel) workload!: WorkloadRefModel;
  @Field(() => Int) replica!: number;
  @Field() pod!: string;
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => String, { nullable: true }) fromZone!: string | null;
  @Field(() => String, { nullable: true }) toZone!: string | null;
}

@ObjectType('PlacedReplica')
export class PlacedReplicaModel {
  @Field(() => WorkloadRefModel) workload!: WorkloadRefModel;
  @Field(() => Int) replica!: number;
  @Field() pod!: string;
  @Field() node!: string;
}

@ObjectType('UnplacedReplica')
export class UnplacedReplicaModel {
  @Field(() => WorkloadRefModel) workload!: WorkloadRefModel;
  @Field(() => Int) replica!: number;
  @Field() pod!: string;
  @Field() was!: string;
  @Field() message!: string;
}

@ObjectType('ScoreChange')
export class ScoreChangeModel {
  @Field(() => WorkloadRefModel) workload!: WorkloadRefModel;
  @Field(() => Int) replica!: number;
  @Field() pod!: string;
  @Field() node!: string;
  @Field() plugin!: string;
  @Field(() => Float) from!: number;
  @Field(() => Float) to!: number;
}

@ObjectType('PlanDiff')
export class PlanDiffModel {
  @Field(() => [MovedReplicaModel]) moved!: MovedReplicaModel[];
  @Field(() => [PlacedReplicaModel]) newlyPlaced!: PlacedReplicaModel[];
  @Field(() => [UnplacedReplicaModel]) newlyUnplaceable!: UnplacedReplicaModel[];
  @Field(() => [ScoreChangeModel]) scoreChanges!: ScoreChangeModel[];
  @Field(() => Int) unchanged!: number;
  @Field(() => Int) onlyInFirst!: number;
  @Field(() => Int) onlyInSecond!: number;
  @Field(() => Int, { description: 'workloads both plans place; 0: the plans share nothing to compare' }) sharedWorkloads!: number;
}

@ObjectType('UtilisationStats')
export class UtilisationStatsModel {
  @Field(() => Float) mean!: number;
  @Field(() => Float) min!: number;
  @Field(() => Float) max!: number;
  @Field(() => Float) stddev!: number;
}

@ObjectType('NodeUtilisation')
export class NodeUtilisationModel {
  @Field() node!: string;
  @Field(() => Float) cpu!: number;
  @Field(() => Float) memory!: number;
  @Field(() => Int) pods!: number;
}

@ObjectType('ClusterUtilisation')
export class ClusterUtilisationModel {
  @Field(() => UtilisationStatsModel) cpu!: UtilisationStatsModel;
  @Field(() => UtilisationStatsModel) memory!: UtilisationStatsModel;
  @Field(() => Int) nodesInUse!: number;
  @Field(() => [NodeUtilisationModel]) nodes!: NodeUtilisationModel[];
}

@ObjectType('ConfigOutcome')
export class ConfigOutcomeModel {
  @Field() name!: string;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release emulated (null in analyses stored before releases were recorded)' })
  kubernetesVersion!: string | null;
  @Field(() => SimulationSummaryModel) summary!: SimulationSummaryModel;
  @Field(() => ClusterUtilisationModel) utilisation!: ClusterUtilisationModel;
  @Field(() => PlanDiffModel, { nullable: true }) diffFromFirst!: PlanDiffModel | null;
}

@ObjectType('ConfigComparison')
export class ConfigComparisonModel {
  @Field(() => ID, { nullable: true, description: 'the stored analysis, when run on a saved topology' }) id!: string | null;
  @Field(() => [ConfigOutcomeModel]) configs!: ConfigOutcomeModel[];
}

@ObjectType('UnplaceableReplica')
export class UnplaceableReplicaModel {
  @Field(() => WorkloadRefModel) workload!: WorkloadRefModel;
  @Field(() => Int) replica!: number;
  @Field() pod!: string;
  @Field() namespace!: string;
  @Field() message!: string;
  @Field(() => [SuggestionModel], { nullable: true, description: 'absent beyond the first 20 unplaceable replicas' }) suggestions!: SuggestionModel[] | null;
}

@ObjectType('FitSuggestions')
export class FitSuggestionsModel {
  @Field(() => ID, { nullable: true, description: 'the stored analysis, when run on a saved topology' }) id!: string | null;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release emulated (null in analyses stored before releases were recorded)' })
  kubernetesVersion!: string | null;
  @Field(() => SimulationSummaryModel) summary!: SimulationSummaryModel;
  @Field(() => [UnplaceableReplicaModel]) unplaceable!: UnplaceableReplicaModel[];
  @Field(() => ScenarioSummaryModel, { nullable: true }) scenario!: ScenarioSummaryModel | null;
  @Field(() => [SimulationWarningModel]) warnings!: SimulationWarningModel[];
}
