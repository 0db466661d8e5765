/** GraphQL shapes of stored plans. */
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import {
  NodeExplanationModel,
  RejectionModel,
  PlacementVolumeModel,
  AllocatedDeviceModel,
  PodRequestsModel,
  SchedulingGatedModel,
  ScoredNodeModel,
  SimulationSummaryModel,
  SimulationWarningModel,
  UnscoredPluginModel,
  WorkloadRefModel,
  WorkloadSummaryModel,
} from './placement.model.js';
import { FieldErrorModel, PageInfoModel } from '../../topologies/graphql/topology.model.js';

@ObjectType('PlacementNode', { description: 'The node a replica landed on' })
export class PlacementNodeModel {
  @Field() name!: string;
  @Field(() => GraphQLJSONObject) labels!: Record<string, string>;
  @Field(() => String, { nullable: true }) zone!: string | null;
}

@ObjectType('NodeExplanationEdge')
export class NodeExplanationEdgeModel {
  @Field(() => NodeExplanationModel) node!: NodeExplanationModel;
  @Field() cursor!: string;
}

@ObjectType('NodeExplanationConnection')
export class NodeExplanationConnectionModel {
  @Field(() => [NodeExplanationEdgeModel]) edges!: NodeExplanationEdgeModel[];
  @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('PlanPlacement', { description: 'One replica of a stored plan' })
export class PlanPlacementModel {
  /** The plan and the replica's position in it, for the per-node table's replay. */
  planId!: string;
  ordinal!: number;
  @Field(() => WorkloadRefModel) workload!: WorkloadRefModel;
  @Field(() => Int) replica!: number;
  @Field() pod!: string;
  @Field() namespace!: string;
  @Field(() => PlacementNodeModel, { nullable: true }) node!: PlacementNodeModel | null;
  @Field(() => String, { nullable: true }) nodeName!: string | null;
  @Field(() => String, { nullable: true }) zone!: string | null;
  @Field(() => Float, { nullable: true }) score!: number | null;
  @Field() message!: string;
  @Field(() => PodRequestsModel, { nullable: true, description: 'what the replica requests (cpu, memory); null in plans stored before it was recorded' })
  requests!: PodRequestsModel | null;
  @Field(() => [UnscoredPluginModel], { description: 'score plugins that skipped this replica (scored no node), and why' }) unscoredPlugins!: UnscoredPluginModel[];
  @Field(() => SchedulingGatedModel, { nullable: true, description: 'set when scheduling gates keep the replica from being scheduled' })
  gated!: SchedulingGatedModel | null;
  @Field(() => [PlacementVolumeModel], { nullable: true, description: "the pod's claims, for pods with persistentVolumeClaim or ephemeral volumes" })
  volumes!: PlacementVolumeModel[] | null;
  @Field(() => [AllocatedDeviceModel], { nullable: true, description: "DRA: the devices the pod's ResourceClaims were allocated" })
  devices!: AllocatedDeviceModel[] | null;
  @Field(() => Int) feasibleNodes!: number;
  @Field(() => Int) evaluatedNodes!: number;
  @Field(() => [ScoredNodeModel]) candidates!: ScoredNodeModel[];
  @Field(() => [RejectionModel]) rejections!: RejectionModel[];
}

@ObjectType('PlanPlacementEdge')
export class PlanPlacementEdgeModel {
  @Field(() => PlanPlacementModel) node!: PlanPlacementModel;
  @Field() cursor!: string;
}

@ObjectType('PlanPlacementConnection')
export class PlanPlacementConnectionModel {
  @Field(() => [PlanPlacementEdgeModel]) edges!: PlanPlacementEdgeModel[];
  @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
}

@ObjectType('WorkloadCount')
export class WorkloadCountModel {
  @Field(() => WorkloadRefModel) workload!: WorkloadRefModel;
  @Field(() => Int) replicas!: number;
}

@ObjectType('NodeReplicas', { description: 'Replicas a plan put on one node' })
export class NodeReplicasModel {
  @Field() node!: string;
  @Field(() => String, { nullable: true }) zone!: string | null;
  @Field(() => Int) replicas!: number;
  @Field(() => [WorkloadCountModel]) workloads!: WorkloadCountModel[];
}

@ObjectType('ZoneReplicas', { description: 'Replicas a plan put in one zone (nodes without a zone label under "")' })
export class ZoneReplicasModel {
  @Field() zone!: string;
  @Field(() => Int) replicas!: number;
  @Field(() => [WorkloadCountModel]) workloads!: WorkloadCountModel[];
}

@ObjectType('PlanProgress')
export class PlanProgressModel {
  @Field(() => Int) done!: number;
  @Field(() => Int) total!: number;
}

@ObjectType('PlanFailure')
export class PlanFailureModel {
  @Field() message!: string;
  @Field(() => [FieldErrorModel], { description: 'Field errors when the input was refused' }) errors!: FieldErrorModel[];
}

@ObjectType('PlanTimings')
export class PlanTimingsModel {
  @Field(() => Float) loadMs!: number;
  @Field(() => Float) planMs!: number;
  @Field(() => Float) storeMs!: number;
}

@ObjectType('Plan')
export class PlanModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) topologyId!: string;
  @Field(() => Int) revision!: number;
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field({ description: 'queued | running | succeeded | failed | cancelled' }) status!: string;
  @Field(() => PlanProgressModel) progress!: PlanProgressModel;
  @Field() createdAt!: string;
  @Field(() => ID, { nullable: true }) rerunOf!: string | null;
  @Field(() => PlanTimingsModel, { nullable: true }) timings!: PlanTimingsModel | null;
  @Field(() => SimulationSummaryModel, { nullable: true }) summary!: SimulationSummaryModel | null;
  @Field(() => [WorkloadSummaryModel]) workloads!: WorkloadSummaryModel[];
  @Field(() => String, { nullable: true }) mode!: string | null;
  @Field(() => String, { nullable: true }) kubernetesVersion!: string | null;
  @Field(() => [SimulationWarningModel]) warnings!: SimulationWarningModel[];
  @Field(() => PlanFailureModel, { nullable: true, description: 'Why the plan failed (status failed)' }) error!: PlanFailureModel | null;
}

@ObjectType('PlanEdge')
export class PlanEdgeModel {
  @Field(() => PlanModel) node!: PlanModel;
  @Field() cursor!: string;
}

@ObjectType('PlanConnection')
export class PlanConnectionModel {
  @Field(() => [PlanEdgeModel]) edges!: PlanEdgeModel[];
  @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
}

