/** GraphQL shapes of the what-if analyses (field names as in the REST results). */
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { SuggestionKind } from './analysis-result.enums.js';
import { CapacityMode } from './analysis.inputs.js';
import { ZoneReplicasModel } from '../../plans/graphql/plan.model.js';
import { SimulationModel, SimulationSummaryModel, SimulationWarningModel, WorkloadRefModel } from '../../plans/graphql/placement.model.js';

@ObjectType('NamedCount', { description: 'A count under a name (a node or a zone)' })
export class NamedCountModel {
  @Field({ description: 'the node or zone' }) name!: string;
  @Field(() => Int, { description: 'replicas there' }) count!: number;
}

@ObjectType('SuggestedTaint', { description: 'The taint a tolerateTaint suggestion tolerates' })
export class SuggestedTaintModel {
  @Field({ description: 'the taint key' }) key!: string;
  @Field(() => String, { nullable: true, description: 'the taint value; null when empty' }) value!: string | null;
  @Field({ description: 'NoSchedule, PreferNoSchedule or NoExecute' }) effect!: string;
}

@ObjectType('SuggestedChange', { description: 'One change to the pod or the cluster; the fields of its kind are set, the others null' })
export class SuggestedChangeModel {
  @Field(() => SuggestionKind, { description: 'what kind of change' }) kind!: `${SuggestionKind}`;
  @Field(() => SuggestedTaintModel, { nullable: true, description: 'tolerateTaint: the taint to tolerate' }) taint!: SuggestedTaintModel | null;
  @Field(() => String, { nullable: true, description: 'the dropped term or constraint, as a field path of the pod' }) path!: string | null;
  @Field(() => String, { nullable: true, description: 'dropSpreadConstraint, allowTopology: the topology key' }) topologyKey!: string | null;
  @Field(() => String, { nullable: true, description: 'lowerRequest: the resource' }) resource!: string | null;
  @Field(() => String, { nullable: true, description: 'lowerRequest: the request now' }) from!: string | null;
  @Field(() => String, { nullable: true, description: 'lowerRequest: the request that fits' }) to!: string | null;
  @Field(() => [String], { nullable: true, description: 'the scheduling gates lifted' }) gates!: string[] | null;
  @Field(() => String, { nullable: true, description: 'addNode: the zone of the added node' }) zone!: string | null;
  @Field(() => String, { nullable: true, description: 'the existing node the added one copies' }) like!: string | null;
  @Field(() => String, { nullable: true, description: 'the node group whose template the added node comes from' }) nodeGroup!: string | null;
  @Field(() => String, { nullable: true, description: 'the StorageClass to change (waitForFirstConsumer, allowTopology)' }) storageClass!: string | null;
  @Field(() => String, { nullable: true, description: 'the value of topologyKey the StorageClass should also allow (allowTopology)' }) value!: string | null;
}

@ObjectType('Suggestion', { description: 'One relaxed rule, verified by scheduling the changed pod again' })
export class SuggestionModel {
  @Field(() => SuggestedChangeModel, { description: 'the change' }) change!: SuggestedChangeModel;
  @Field(() => Int, { description: 'nodes that pass every filter once the change is made' }) feasibleNodes!: number;
  @Field({ description: 'the node the scheduler would then pick' }) node!: string;
}

@ObjectType('ClusterSummary', { description: 'Counts of a cluster as an analysis saw it' })
export class ClusterSummaryModel {
  @Field(() => Int, { description: 'how many nodes' }) nodes!: number;
  @Field(() => Int, { description: 'pods bound to a node, not terminated' }) pods!: number;
  @Field(() => Int, { description: 'pods without spec.nodeName' }) pendingPods!: number;
  @Field(() => Int, { description: 'cordoned nodes' }) unschedulableNodes!: number;
  @Field(() => [String], { description: 'zones (topology.kubernetes.io/zone values)' }) zones!: string[];
}

@ObjectType('ScenarioSummary', { description: 'The cluster before and after the scenario edits' })
export class ScenarioSummaryModel {
  @Field(() => ClusterSummaryModel, { description: 'before the edits' }) original!: ClusterSummaryModel;
  @Field(() => ClusterSummaryModel, { description: 'after the edits' }) edited!: ClusterSummaryModel;
  @Field(() => Int, { description: 'edits applied' }) edits!: number;
}

@ObjectType('WorkloadCapacity', { description: "One workload's room: how many more replicas fit, where, and what stops the next" })
export class WorkloadCapacityModel {
  @Field(() => WorkloadRefModel, { description: 'the workload' }) workload!: WorkloadRefModel;
  @Field(() => Int, { description: "the most of this workload's pods that can be placed, from the cluster as given" }) additionalReplicas!: number;
  @Field(() => String, { nullable: true, description: 'FailedScheduling text of the first replica that did not fit' }) limitedBy!: string | null;
  @Field({ description: 'counting stopped at maxReplicas' }) reachedMaxReplicas!: boolean;
  @Field(() => Int, { nullable: true, description: "the replicas the workload asks for (spec.replicas; null in analyses stored before it was recorded)" })
  requestedReplicas!: number | null;
  @Field(() => Int, { nullable: true, description: 'how many of the requested replicas fit (null in analyses stored before it was recorded)' })
  requestedReplicasFit!: number | null;
  @Field(() => [NamedCountModel], { description: 'those replicas per node' }) byNode!: NamedCountModel[];
  @Field(() => [NamedCountModel], { description: 'those replicas per zone' }) byZone!: NamedCountModel[];
  @Field(() => [ZoneReplicasModel], { description: "the additional replicas per zone, in the shape of a plan's byZone (nodes without a zone label are not counted)" })
  replicasByZone!: ZoneReplicasModel[];
  @Field(() => [SuggestionModel], { description: 'verified changes that let one more replica fit' }) suggestions!: SuggestionModel[];
}

@ObjectType('Capacity', { description: 'How many more replicas of each workload fit (api-contract "capacity")' })
export class CapacityModel {
  @Field(() => ID, { nullable: true, description: 'the stored analysis, when run on a saved topology' }) id!: string | null;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release emulated (null in analyses stored before releases were recorded)' })
  kubernetesVersion!: string | null;
  @Field(() => CapacityMode, { description: 'each: every workload alone; joint: in order on one evolving cluster' }) mode!: `${CapacityMode}`;
  @Field(() => Int, { description: 'the most replicas counted per workload' }) maxReplicas!: number;
  @Field(() => [WorkloadCapacityModel], { description: 'one entry per workload, in request order' }) workloads!: WorkloadCapacityModel[];
  @Field(() => ScenarioSummaryModel, { nullable: true, description: 'the cluster before and after the scenario edits; null without a scenario' }) scenario!: ScenarioSummaryModel | null;
  @Field(() => [SimulationWarningModel], { description: 'what the request did that was ignored or skipped, located by path' }) warnings!: SimulationWarningModel[];
}

@ObjectType('NodeGroupAddition', { description: 'Nodes added from one node group in one zone' })
export class NodeGroupAdditionModel {
  @Field({ description: 'the node group' }) nodeGroup!: string;
  @Field(() => String, { nullable: true, description: 'the zone they are added in; null when the group has none' }) zone!: string | null;
  @Field(() => Int, { description: 'nodes added' }) count!: number;
  @Field(() => [String], { description: 'their names (<nodeGroup>-<n>)' }) nodes!: string[];
}

@ObjectType('ScaleUp', { description: 'The fewest (or cheapest) nodes to add from node groups so every replica is placed' })
export class ScaleUpModel {
  @Field(() => ID, { nullable: true, description: 'the stored analysis, when run on a saved topology' }) id!: string | null;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release emulated (null in analyses stored before releases were recorded)' })
  kubernetesVersion!: string | null;
  @Field({ description: 'some mix of the node groups places every replica' }) feasible!: boolean;
  @Field(() => [NodeGroupAdditionModel], { description: 'nodes added per node group and zone' }) added!: NodeGroupAdditionModel[];
  @Field(() => Int, { description: 'nodes added' }) totalNodes!: number;
  @Field(() => Float, { nullable: true, description: 'their price per hour; null without prices' }) totalPrice!: number | null;
  @Field(() => String, { nullable: true, description: 'why no mix of the given node groups places every replica' }) reason!: string | null;
  @Field(() => Int, { description: 'plans evaluated by the search' }) evaluatedPlans!: number;
  @Field(() => SimulationModel, { nullable: true, description: 'the plan on the enlarged cluster' }) plan!: SimulationModel | null;
}

@ObjectType('DomainWorkloadImpact', { description: "One workload's replicas lost with a domain, and where they go" })
export class DomainWorkloadImpactModel {
  @Field(() => WorkloadRefModel, { description: 'the workload' }) workload!: WorkloadRefModel;
  @Field(() => Int, { description: 'replicas on the lost nodes' }) lost!: number;
  @Field(() => Int, { description: 'of those, placed again elsewhere' }) rescheduled!: number;
  @Field(() => Int, { description: 'of those, placed nowhere' }) unplaceable!: number;
  @Field(() => [String], { description: 'FailedScheduling text of the replicas that find no node' }) messages!: string[];
  @Field(() => [String], { description: 'what ties the unplaceable replicas\' claims down, e.g. "claim data-db-1 is bound to pv-1 in zone b"' }) volumes!: string[];
}

@ObjectType('LostDevices', { description: 'DRA: one driver\'s devices on the lost nodes (node-local ResourceSlices)' })
export class LostDevicesModel {
  @Field({ description: 'the DRA driver' }) driver!: string;
  @Field(() => Int, { description: 'devices the lost nodes publish' }) lost!: number;
  @Field(() => Int, { description: 'of those, allocated to a claim when the domain was lost' }) inUse!: number;
}

@ObjectType('DomainImpact', { description: 'What losing one domain (e.g. a zone) costs' })
export class DomainImpactModel {
  @Field({ description: 'the value of the topology key' }) domain!: string;
  @Field(() => Int, { description: 'nodes in the domain' }) nodes!: number;
  @Field(() => [DomainWorkloadImpactModel], { description: 'what the loss costs each workload' }) workloads!: DomainWorkloadImpactModel[];
  @Field(() => [LostDevicesModel], { description: 'DRA: devices lost with the domain, per driver' }) devices!: LostDevicesModel[];
}

@ObjectType('FailureVerdict', { description: 'Whether a workload survives the loss of any single domain' })
export class FailureVerdictModel {
  @Field(() => WorkloadRefModel, { description: 'the workload' }) workload!: WorkloadRefModel;
  @Field({ description: 'every replica is placed again whichever single domain is lost' }) fullyRecovers!: boolean;
  @Field(() => String, { nullable: true, description: 'the domain whose loss costs most; null when no domain holds a replica' }) worstDomain!: string | null;
  @Field({ description: 'the verdict in a sentence' }) verdict!: string;
}

@ObjectType('NodeBoundWorkload', { description: 'A DaemonSet or a static pod\'s mirror: its pods go with their node, so they are never rescheduled and have no verdict' })
export class NodeBoundWorkloadModel {
  @Field(() => WorkloadRefModel, { description: 'the workload' }) workload!: WorkloadRefModel;
  @Field(() => Int, { description: 'its pods in the cluster' }) pods!: number;
}

@ObjectType('FailureDomains', { description: 'What losing each domain of a topology key costs each workload' })
export class FailureDomainsModel {
  @Field(() => ID, { nullable: true, description: 'the stored analysis, when run on a saved topology' }) id!: string | null;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release emulated (null in analyses stored before releases were recorded)' })
  kubernetesVersion!: string | null;
  @Field({ description: 'the node label whose values are the domains' }) topologyKey!: string;
  @Field(() => [DomainImpactModel], { description: 'one entry per domain of the topology key' }) domains!: DomainImpactModel[];
  @Field(() => [FailureVerdictModel], { description: 'one per workload' }) verdicts!: FailureVerdictModel[];
  @Field(() => Int, { description: 'nodes without the topology key: never lost' }) nodesWithoutKey!: number;
  @Field(() => [NodeBoundWorkloadModel], { description: 'DaemonSets and mirror pods, listed apart: lost with their nodes, never in verdicts' })
  nodeBound!: NodeBoundWorkloadModel[];
  @Field(() => ScenarioSummaryModel, { nullable: true, description: 'the cluster before and after the scenario edits; null without a scenario' }) scenario!: ScenarioSummaryModel | null;
  @Field(() => [SimulationWarningModel], { description: 'what the request did that was ignored or skipped, located by path' }) warnings!: SimulationWarningModel[];
}

@ObjectType('MovedReplica', { description: 'A replica two plans put on different nodes' })
export class MovedReplicaModel {
  @Field(() => WorkloadRefModel, { description: 'the workload' }) workload!: WorkloadRefModel;
  @Field(() => Int, { description: "the replica's index within its workload, from 0" }) replica!: number;
  @Field({ description: "the pod's name" }) pod!: string;
  @Field({ description: 'its node in the first plan' }) from!: string;
  @Field({ description: 'its node in the second plan' }) to!: string;
  @Field(() => String, { nullable: true, description: "that node's zone" }) fromZone!: string | null;
  @Field(() => String, { nullable: true, description: "that node's zone" }) toZone!: string | null;
}

@ObjectType('PlacedReplica', { description: 'A replica the second plan places and the first does not' })
export class PlacedReplicaModel {
  @Field(() => WorkloadRefModel, { description: 'the workload' }) workload!: WorkloadRefModel;
  @Field(() => Int, { description: "the replica's index within its workload, from 0" }) replica!: number;
  @Field({ description: "the pod's name" }) pod!: string;
  @Field({ description: 'its node in the second plan' }) node!: string;
}

@ObjectType('UnplacedReplica', { description: 'A replica the first plan places and the second does not' })
export class UnplacedReplicaModel {
  @Field(() => WorkloadRefModel, { description: 'the workload' }) workload!: WorkloadRefModel;
  @Field(() => Int, { description: "the replica's index within its workload, from 0" }) replica!: number;
  @Field({ description: "the pod's name" }) pod!: string;
  @Field({ description: 'its node in the first plan' }) was!: string;
  @Field({ description: "the second plan's FailedScheduling text" }) message!: string;
}

@ObjectType('ScoreChange', { description: "A plugin's score of a replica's node that changed between two plans" })
export class ScoreChangeModel {
  @Field(() => WorkloadRefModel, { description: 'the workload' }) workload!: WorkloadRefModel;
  @Field(() => Int, { description: "the replica's index within its workload, from 0" }) replica!: number;
  @Field({ description: "the pod's name" }) pod!: string;
  @Field({ description: 'the node scored' }) node!: string;
  @Field({ description: "the plugin's upstream name" }) plugin!: string;
  @Field(() => Float, { description: 'the score in the first plan' }) from!: number;
  @Field(() => Float, { description: 'the score in the second plan' }) to!: number;
}

@ObjectType('PlanDiff', { description: 'What changed between two plans, replica by replica' })
export class PlanDiffModel {
  @Field(() => [MovedReplicaModel], { description: 'replicas on another node' }) moved!: MovedReplicaModel[];
  @Field(() => [PlacedReplicaModel], { description: 'replicas only the second plan places' }) newlyPlaced!: PlacedReplicaModel[];
  @Field(() => [UnplacedReplicaModel], { description: 'replicas only the first plan places' }) newlyUnplaceable!: UnplacedReplicaModel[];
  @Field(() => [ScoreChangeModel], { description: "plugin scores of a replica's node that changed" }) scoreChanges!: ScoreChangeModel[];
  @Field(() => Int, { description: 'replicas on the same node' }) unchanged!: number;
  @Field(() => Int, { description: 'replicas of workloads only the first plan has' }) onlyInFirst!: number;
  @Field(() => Int, { description: 'replicas of workloads only the second plan has' }) onlyInSecond!: number;
  @Field(() => Int, { description: 'workloads both plans place; 0: the plans share nothing to compare' }) sharedWorkloads!: number;
}

@ObjectType('UtilisationStats', { description: 'Utilisation over the nodes in use (fractions of allocatable)' })
export class UtilisationStatsModel {
  @Field(() => Float, { description: 'the mean over the nodes' }) mean!: number;
  @Field(() => Float, { description: 'the emptiest node' }) min!: number;
  @Field(() => Float, { description: 'the fullest node' }) max!: number;
  @Field(() => Float, { description: 'the standard deviation over the nodes' }) stddev!: number;
}

@ObjectType('NodeUtilisation', { description: 'How full one node is once the plan is placed' })
export class NodeUtilisationModel {
  @Field({ description: "the node's name" }) node!: string;
  @Field(() => Float, { description: 'cpu requested / allocatable' }) cpu!: number;
  @Field(() => Float, { description: 'memory requested / allocatable' }) memory!: number;
  @Field(() => Int, { description: 'pods on the node' }) pods!: number;
}

@ObjectType('ClusterUtilisation', { description: 'How full the nodes are once the plan is placed' })
export class ClusterUtilisationModel {
  @Field(() => UtilisationStatsModel, { description: 'cpu requested / allocatable over the nodes in use' }) cpu!: UtilisationStatsModel;
  @Field(() => UtilisationStatsModel, { description: 'memory requested / allocatable over the nodes in use' }) memory!: UtilisationStatsModel;
  @Field(() => Int, { description: 'nodes with at least one pod' }) nodesInUse!: number;
  @Field(() => [NodeUtilisationModel], { description: 'every node' }) nodes!: NodeUtilisationModel[];
}

@ObjectType('ConfigOutcome', { description: 'The plan one scheduler configuration makes' })
export class ConfigOutcomeModel {
  @Field({ description: "the configuration's name" }) name!: string;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release emulated (null in analyses stored before releases were recorded)' })
  kubernetesVersion!: string | null;
  @Field(() => SimulationSummaryModel, { description: 'replicas asked for, scheduled and unschedulable' }) summary!: SimulationSummaryModel;
  @Field(() => ClusterUtilisationModel, { description: 'utilisation once placed' }) utilisation!: ClusterUtilisationModel;
  @Field(() => PlanDiffModel, { nullable: true, description: "how this configuration's plan differs from the first's; null for the first" }) diffFromFirst!: PlanDiffModel | null;
}

@ObjectType('ConfigComparison', { description: 'The outcome of each scheduler configuration, compared with the first' })
export class ConfigComparisonModel {
  @Field(() => ID, { nullable: true, description: 'the stored analysis, when run on a saved topology' }) id!: string | null;
  @Field(() => [ConfigOutcomeModel], { description: 'one outcome per configuration, in request order' }) configs!: ConfigOutcomeModel[];
}

@ObjectType('UnplaceableReplica', { description: 'A replica that cannot be placed, with the changes that would place it' })
export class UnplaceableReplicaModel {
  @Field(() => WorkloadRefModel, { description: 'the workload' }) workload!: WorkloadRefModel;
  @Field(() => Int, { description: "the replica's index within its workload, from 0" }) replica!: number;
  @Field({ description: "the pod's name" }) pod!: string;
  @Field({ description: "the pod's namespace" }) namespace!: string;
  @Field({ description: "kube-scheduler's FailedScheduling text" }) message!: string;
  @Field(() => [SuggestionModel], { nullable: true, description: 'absent beyond the first 20 unplaceable replicas' }) suggestions!: SuggestionModel[] | null;
}

@ObjectType('FitSuggestions', { description: "A simulation's unplaceable replicas, each with verified changes that would place it" })
export class FitSuggestionsModel {
  @Field(() => ID, { nullable: true, description: 'the stored analysis, when run on a saved topology' }) id!: string | null;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release emulated (null in analyses stored before releases were recorded)' })
  kubernetesVersion!: string | null;
  @Field(() => SimulationSummaryModel, { description: 'replicas asked for, scheduled and unschedulable' }) summary!: SimulationSummaryModel;
  @Field(() => [UnplaceableReplicaModel], { description: 'the replicas that cannot be placed' }) unplaceable!: UnplaceableReplicaModel[];
  @Field(() => ScenarioSummaryModel, { nullable: true, description: 'the cluster before and after the scenario edits; null without a scenario' }) scenario!: ScenarioSummaryModel | null;
  @Field(() => [SimulationWarningModel], { description: 'what the request did that was ignored or skipped, located by path' }) warnings!: SimulationWarningModel[];
}
