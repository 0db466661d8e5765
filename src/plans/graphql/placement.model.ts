/** GraphQL shapes of placements and their explanations (field names as in the REST result). */
import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';

@ObjectType('WorkloadRef')
export class WorkloadRefModel {
  @Field() apiVersion!: string;
  @Field() kind!: string;
  @Field() namespace!: string;
  @Field() name!: string;
}

@ObjectType('PluginScore', { description: "One score plugin's part of a node's total" })
export class PluginScoreModel {
  @Field() plugin!: string;
  @Field(() => Float, { description: 'what Score returned' }) raw!: number;
  @Field(() => Float, { description: 'after NormalizeScore, 0-100' }) normalized!: number;
  @Field(() => Float, { description: 'normalized × the plugin weight' }) weighted!: number;
}

@ObjectType('ScoredNode')
export class ScoredNodeModel {
  @Field() node!: string;
  @Field(() => Float) total!: number;
  @Field(() => [PluginScoreModel]) scores!: PluginScoreModel[];
}

@ObjectType('Rejection', { description: 'Nodes whose first failing filter gave this reason (as FailedScheduling counts them)' })
export class RejectionModel {
  @Field() plugin!: string;
  @Field() reason!: string;
  @Field(() => Int) nodes!: number;
}

@ObjectType('FilterFailure')
export class FilterFailureModel {
  @Field() plugin!: string;
  @Field({ description: "upstream's exact reason text" }) reason!: string;
  @Field({ description: 'Unschedulable or UnschedulableAndUnresolvable' }) code!: string;
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
  @Field() plugin!: string;
  @Field({ description: 'when its PreScore skips, e.g. "the pod has no preferred node affinity"' }) reason!: string;
}

@ObjectType('NodeExplanation')
export class NodeExplanationModel {
  @Field() node!: string;
  @Field() feasible!: boolean;
  @Field(() => Float, { nullable: true }) total?: number | null;
  @Field(() => [PluginScoreModel], { nullable: true }) scores?: PluginScoreModel[] | null;
  @Field(() => [FilterFailureModel], { nullable: true }) filters?: FilterFailureModel[] | null;
}

@ObjectType('SchedulingGated', { description: 'A replica kube-scheduler never attempts while it has scheduling gates' })
export class SchedulingGatedModel {
  @Field({ description: "the reason of the pod's PodScheduled=False condition: SchedulingGated" }) reason!: string;
  @Field(() => [String]) schedulingGates!: string[];
  @Field({ description: "SchedulingGates' PreEnqueue status, e.g. waiting for scheduling gates: [example.com/quota]" }) preEnqueue!: string;
}

@ObjectType('PlacementVolume', { description: 'One claim of the replica: the PV it is bound to, or provisioning' })
export class PlacementVolumeModel {
  @Field() claim!: string;
  @Field(() => String, { nullable: true, description: 'the PV the claim is bound to (in the cluster or by the plan); null while unbound' }) volume!: string | null;
  @Field({ description: 'the plan leaves the claim to dynamic provisioning on the replica\'s node' }) provisioned!: boolean;
  @Field(() => String, { nullable: true, description: 'unplaceable replicas: what ties the claim down' }) explanation?: string | null;
}

@ObjectType('AllocatedDevice', { description: "A device allocated to one of a placed pod's ResourceClaims (DRA)" })
export class AllocatedDeviceModel {
  @Field() claim!: string;
  @Field({ description: 'the request, or request/subrequest' }) request!: string;
  @Field() driver!: string;
  @Field() pool!: string;
  @Field() device!: string;
}

@ObjectType('Placement', { description: 'One replica of a simulation: its node, or why none' })
export class PlacementModel {
  @Field(() => WorkloadRefModel) workload!: WorkloadRefModel;
  @Field(() => Int) replica!: number;
  @Field() pod!: string;
  @Field() namespace!: string;
  @Field(() => String, { nullable: true }) node!: string | null;
  @Field(() => String, { nullable: true }) zone!: string | null;
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field() message!: string;
  @Field(() => PodRequestsModel, { nullable: true, description: 'what the replica requests (cpu, memory)' }) requests!: PodRequestsModel | null;
  @Field(() => [UnscoredPluginModel], { description: 'score plugins that skipped this replica (scored no node), and why' }) unscoredPlugins!: UnscoredPluginModel[];
  @Field(() => SchedulingGatedModel, { nullable: true, description: 'set when scheduling gates keep the replica from being scheduled' })
  gated?: SchedulingGatedModel | null;
  @Field(() => [PlacementVolumeModel], { nullable: true, description: "the pod's claims, for pods with persistentVolumeClaim or ephemeral volumes" })
  volumes?: PlacementVolumeModel[] | null;
  @Field(() => [AllocatedDeviceModel], { nullable: true, description: "DRA: the devices the pod's ResourceClaims were allocated" })
  devices?: AllocatedDeviceModel[] | null;
  @Field(() => Int) feasibleNodes!: number;
  @Field(() => Int) evaluatedNodes!: number;
  @Field(() => [ScoredNodeModel], { nullable: true }) candidates?: ScoredNodeModel[];
  @Field(() => [RejectionModel], { nullable: true }) rejections?: RejectionModel[];
  @Field(() => [NodeExplanationModel], { nullable: true, description: 'with explain: full' }) nodes?: NodeExplanationModel[];
}

@ObjectType('SimulationSummary')
export class SimulationSummaryModel {
  @Field(() => Int) replicas!: number;
  @Field(() => Int) scheduled!: number;
  @Field(() => Int) unschedulable!: number;
}

@ObjectType('WorkloadSummary')
export class WorkloadSummaryModel {
  @Field(() => WorkloadRefModel) workload!: WorkloadRefModel;
  @Field(() => Int) replicas!: number;
  @Field(() => Int) scheduled!: number;
  @Field(() => Int) unschedulable!: number;
}

@ObjectType('SimulationWarning')
export class SimulationWarningModel {
  @Field() path!: string;
  @Field() message!: string;
}

@ObjectType('Simulation', { description: 'A stateless simulation result' })
export class SimulationModel {
  @Field(() => SimulationSummaryModel) summary!: SimulationSummaryModel;
  @Field(() => [WorkloadSummaryModel]) workloads!: WorkloadSummaryModel[];
  @Field(() => [PlacementModel]) placements!: PlacementModel[];
  @Field() mode!: string;
  @Field(() => Float, { nullable: true }) seed?: number;
  @Field() explain!: string;
  @Field({ description: 'the kube-scheduler version whose behaviour is reproduced' }) kubernetesVersion!: string;
  @Field(() => [SimulationWarningModel]) warnings!: SimulationWarningModel[];
}
