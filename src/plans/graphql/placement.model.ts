/** GraphQL shapes of placements and their explanations (field names as in the REST result). */
import { Field, Float, Int, InterfaceType, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { FilterCode } from './filter-code.enum.js';
import { EngineMode, Explain } from './plan.inputs.js';

@ObjectType('WorkloadRef', { description: 'A workload by apiVersion, kind, namespace and name' })
export class WorkloadRefModel {
  @Field({ description: 'apps/v1, or v1 for a Pod' }) apiVersion!: string;
  @Field({ description: 'Deployment, ReplicaSet, StatefulSet or Pod' }) kind!: string;
  @Field({ description: "the workload's namespace" }) namespace!: string;
  @Field({ description: "the workload's name" }) name!: string;
}

@ObjectType('PluginScore', { description: "One score plugin's part of a node's total" })
export class PluginScoreModel {
  @Field({ description: "the score plugin's upstream name" }) plugin!: string;
  @Field(() => Float, { description: 'what Score returned' }) raw!: number;
  @Field(() => Float, { description: 'after NormalizeScore, 0-100' }) normalized!: number;
  @Field(() => Float, { description: 'normalized × the plugin weight' }) weighted!: number;
}

@ObjectType('ScoredNode', { description: 'A feasible node with its total and per-plugin scores' })
export class ScoredNodeModel {
  @Field({ description: "the node's name" }) node!: string;
  @Field(() => Float, { description: 'the sum of the weighted plugin scores' }) total!: number;
  @Field(() => [PluginScoreModel], { description: 'per score plugin' }) scores!: PluginScoreModel[];
}

@ObjectType('Rejection', { description: 'Nodes whose first failing filter gave this reason (as FailedScheduling counts them)' })
export class RejectionModel {
  @Field({ description: 'the filter plugin' }) plugin!: string;
  @Field({ description: "upstream's reason text" }) reason!: string;
  @Field(() => Int, { description: 'nodes rejected for this reason' }) nodes!: number;
}

@ObjectType('FilterFailure', { description: "A filter plugin that rejected the node, with upstream's reason" })
export class FilterFailureModel {
  @Field({ description: "the filter plugin's upstream name" }) plugin!: string;
  @Field({ description: "upstream's exact reason text" }) reason!: string;
  @Field(() => FilterCode, { description: 'the status code the filter returned' }) code!: string;
  @Field(() => [GraphQLJSONObject], { nullable: true, description: 'the facts behind the reason (term, taint, resource amounts, …)' })
  details?: Record<string, unknown>[];
  @Field(() => String, { nullable: true, description: 'volume rejections: the claims and PVs behind it, e.g. "claim data-db-1 is bound to pv-1 in zone us-east1-b"' })
  explanation?: string;
  @Field(() => [String], {
    description: 'the details as sentences, as the CLI\'s --explain prints them, e.g. "cpu: requested 500m, in use 6350m of 3920m allocatable"; empty when the details say nothing more than the reason',
  })
  facts!: string[];
}

@ObjectType('PodRequests', { description: "What a replica requests in scheduler units: what it adds to its node's requested totals" })
export class PodRequestsModel {
  @Field(() => Float, { description: 'millicores' }) cpuMillicores!: number;
  @Field(() => Float, { description: 'bytes' }) memoryBytes!: number;
}

@ObjectType('UnscoredPlugin', { description: 'A score plugin that gave the replica no score on any node, and why' })
export class UnscoredPluginModel {
  @Field({ description: "the score plugin's upstream name" }) plugin!: string;
  @Field({ description: 'when its PreScore skips, e.g. "the pod has no preferred node affinity"' }) reason!: string;
}

@ObjectType('NodeExplanation', { description: "One node's verdict for a replica: every failing filter, or its scores" })
export class NodeExplanationModel {
  @Field({ description: "the node's name (as in the REST result)" }) node!: string;
  @Field({ description: "the node's name again, so a connection reads edges { node { name } }" }) name!: string;
  @Field({ description: 'the node passed every filter' }) feasible!: boolean;
  @Field(() => Float, { nullable: true, description: 'the sum of the weighted scores (feasible nodes)' }) total?: number | null;
  @Field(() => [PluginScoreModel], { nullable: true, description: 'per score plugin (feasible nodes)' }) scores?: PluginScoreModel[] | null;
  @Field(() => [FilterFailureModel], { nullable: true, description: 'every failing filter (rejected nodes)' }) filters?: FilterFailureModel[] | null;
}

@ObjectType('SchedulingGated', { description: 'A replica kube-scheduler never attempts while it has scheduling gates' })
export class SchedulingGatedModel {
  @Field({ description: "the reason of the pod's PodScheduled=False condition: SchedulingGated" }) reason!: string;
  @Field(() => [String], { description: "the pod's spec.schedulingGates" }) schedulingGates!: string[];
  @Field({ description: "SchedulingGates' PreEnqueue status, e.g. waiting for scheduling gates: [example.com/quota]" }) preEnqueue!: string;
}

@ObjectType('PlacementVolume', { description: 'One claim of the replica: the PV it is bound to, or provisioning' })
export class PlacementVolumeModel {
  @Field({ description: 'the PersistentVolumeClaim' }) claim!: string;
  @Field(() => String, { nullable: true, description: 'the PV the claim is bound to (in the cluster or by the plan); null while unbound' }) volume!: string | null;
  @Field({ description: 'the plan leaves the claim to dynamic provisioning on the replica\'s node' }) provisioned!: boolean;
  @Field(() => String, { nullable: true, description: 'unplaceable replicas: what ties the claim down' }) explanation?: string | null;
}

@ObjectType('AllocatedDevice', { description: "A device allocated to one of a placed pod's ResourceClaims (DRA)" })
export class AllocatedDeviceModel {
  @Field({ description: 'the ResourceClaim' }) claim!: string;
  @Field({ description: 'the request, or request/subrequest (the alternative a prioritized list chose)' }) request!: string;
  @Field({ description: 'the DRA driver' }) driver!: string;
  @Field({ description: 'the ResourceSlice pool' }) pool!: string;
  @Field({ description: 'the device in the pool' }) device!: string;
  @Field(() => Boolean, { nullable: true, description: 'DRAAdminAccess: true when the request asked for admin access (the device is not taken); null otherwise' })
  adminAccess!: boolean | null;
  @Field(() => String, { nullable: true, description: 'DRAConsumableCapacity: the share of a device that allows multiple allocations; null for a dedicated device' })
  shareID!: string | null;
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: "DRAConsumableCapacity: what the share consumes of each of the device's capacities, quantities by capacity name (e.g. {\"memory\": \"16Gi\"}); null without a share or capacity",
  })
  consumedCapacity!: Record<string, string> | null;
}

@ObjectType('PlacementNode', { description: 'The node a replica landed on: the same object on simulated and stored placements' })
export class PlacementNodeModel {
  @Field({ description: "the node's metadata.name" }) name!: string;
  @Field(() => GraphQLJSONObject, { description: "the node's labels in the cluster planned on (nodes a scenario adds: none)" }) labels!: Record<string, string>;
  @Field(() => String, { nullable: true, description: 'its topology.kubernetes.io/zone; null without one' }) zone!: string | null;
}

/**
 * The fields every placement has, simulated or stored: one fragment on
 * ReplicaPlacement reads both, and Placement and PlanPlacement extend it
 * (an object type gets the fields of the interfaces it implements, and
 * declares only those it adds or words differently). `node` differs: a name
 * on simulate, per the contract; an object on stored plans. placedOn and
 * nodeName are the same on both.
 */
@InterfaceType('ReplicaPlacement', {
  description: 'One replica placed (or not): the shape simulations and stored plans share',
  resolveType: (placement: { planId?: string }) => (placement.planId === undefined ? 'Placement' : 'PlanPlacement'),
})
export abstract class ReplicaPlacementModel {
  @Field(() => WorkloadRefModel, { description: 'the workload the replica belongs to' }) workload!: WorkloadRefModel;
  @Field(() => Int, { description: "the replica's index within its workload, from 0" }) replica!: number;
  @Field({ description: "the pod's name, as the workload's controller names it" }) pod!: string;
  @Field({ description: "the pod's namespace" }) namespace!: string;
  @Field(() => String, { nullable: true, description: 'the node it lands on; null when it cannot be placed' }) nodeName!: string | null;
  @Field(() => PlacementNodeModel, { nullable: true, description: 'the node it lands on, with its zone and labels; null when it cannot be placed' })
  placedOn!: PlacementNodeModel | null;
  @Field(() => String, { nullable: true, description: "that node's topology.kubernetes.io/zone" }) zone!: string | null;
  @Field(() => Float, { nullable: true, description: "the chosen node's total score; null when unplaced" }) score!: number | null;
  @Field({ description: "one sentence: why this node, or kube-scheduler's FailedScheduling text" }) message!: string;
  @Field(() => PodRequestsModel, { nullable: true, description: 'what the replica requests (cpu, memory)' }) requests?: PodRequestsModel | null;
  @Field(() => [UnscoredPluginModel], { description: 'score plugins that skipped this replica (scored no node), and why' }) unscoredPlugins!: UnscoredPluginModel[];
  @Field(() => SchedulingGatedModel, { nullable: true, description: 'set when scheduling gates keep the replica from being scheduled' })
  gated?: SchedulingGatedModel | null;
  @Field(() => [PlacementVolumeModel], { nullable: true, description: "the pod's claims, for pods with persistentVolumeClaim or ephemeral volumes" })
  volumes?: PlacementVolumeModel[] | null;
  @Field(() => [AllocatedDeviceModel], { nullable: true, description: "DRA: the devices the pod's ResourceClaims were allocated" })
  devices?: AllocatedDeviceModel[] | null;
  @Field(() => Int, { description: 'nodes that passed every filter' }) feasibleNodes!: number;
  @Field(() => Int, { description: 'nodes filtered (fewer than the cluster with percentageOfNodesToScore in faithful mode)' }) evaluatedNodes!: number;
  @Field(() => [ScoredNodeModel], { nullable: true, description: 'the best few feasible nodes, the chosen one first (explain: summary)' }) candidates?: ScoredNodeModel[] | null;
  @Field(() => [RejectionModel], { nullable: true, description: 'rejected nodes counted per first failing filter reason (explain: summary)' }) rejections?: RejectionModel[] | null;
}

@ObjectType('Placement', { description: 'One replica of a simulation: its node, or why none', implements: () => [ReplicaPlacementModel] })
export class PlacementModel extends ReplicaPlacementModel {
  @Field(() => String, { nullable: true, description: 'the name of the node it lands on (as in the REST result); null when it cannot be placed' }) node!: string | null;
  @Field(() => [NodeExplanationModel], { nullable: true, description: 'every node of the cluster, with its filters and scores (explain: full)' }) nodes?: NodeExplanationModel[];
}

@ObjectType('SimulationSummary', { description: 'Replicas asked for, scheduled and unschedulable' })
export class SimulationSummaryModel {
  @Field(() => Int, { description: 'replicas asked for' }) replicas!: number;
  @Field(() => Int, { description: 'replicas placed on a node' }) scheduled!: number;
  @Field(() => Int, { description: 'replicas that found no node' }) unschedulable!: number;
}

@ObjectType('WorkloadSummary', { description: "One workload's replicas: asked for, scheduled, unschedulable" })
export class WorkloadSummaryModel {
  @Field(() => WorkloadRefModel, { description: 'the workload' }) workload!: WorkloadRefModel;
  @Field(() => Int, { description: 'replicas asked for' }) replicas!: number;
  @Field(() => Int, { description: 'replicas placed' }) scheduled!: number;
  @Field(() => Int, { description: 'replicas that found no node' }) unschedulable!: number;
}

@ObjectType('SimulationWarning', { description: 'Something the request did that the plan went on without (a skipped object, an unknown field)' })
export class SimulationWarningModel {
  @Field({ description: 'where in the request, e.g. workloads[0].spec.replica' }) path!: string;
  @Field({ description: 'what was ignored or skipped' }) message!: string;
}

@ObjectType('Simulation', { description: 'A stateless simulation result' })
export class SimulationModel {
  @Field(() => SimulationSummaryModel, { description: 'replicas asked for, scheduled and unschedulable' }) summary!: SimulationSummaryModel;
  @Field(() => [WorkloadSummaryModel], { description: 'replicas asked for, scheduled and unschedulable, per workload' }) workloads!: WorkloadSummaryModel[];
  @Field(() => [PlacementModel], { description: 'one entry per replica, in plan order' }) placements!: PlacementModel[];
  @Field(() => EngineMode, { description: 'exhaustive or faithful' }) mode!: `${EngineMode}`;
  @Field(() => Float, { nullable: true, description: 'faithful mode: the seed used' }) seed?: number;
  @Field(() => Explain, { description: 'how much each placement explains' }) explain!: `${Explain}`;
  @Field({ description: 'the kube-scheduler version whose behaviour is reproduced' }) kubernetesVersion!: string;
  @Field(() => [SimulationWarningModel], { description: 'what the request did that was ignored or skipped, located by path' }) warnings!: SimulationWarningModel[];
}
