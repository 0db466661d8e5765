/** GraphQL shapes of stored plans. */
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  NodeExplanationModel,
  PlacementNodeModel,
  ReplicaPlacementModel,
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
import { FieldErrorModel } from '../../topologies/graphql/topology.model.js';
import { PageInfoModel, type CountedConnection } from '../../common/graphql/page-info.model.js';
import { EngineMode } from './plan.inputs.js';
import { PlanStatus } from './plan-status.enum.js';

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

@ObjectType('PlanPlacement', { description: 'One replica of a stored plan', implements: () => [ReplicaPlacementModel] })
export class PlanPlacementModel implements ReplicaPlacementModel {
  /** The plan and the replica's position in it, for the per-node table's replay. */
  planId!: string;
  ordinal!: number;
  @Field(() => WorkloadRefModel, { description: 'the workload the replica belongs to' }) workload!: WorkloadRefModel;
  @Field(() => Int, { description: "the replica's index within its workload, from 0" }) replica!: number;
  @Field({ description: "the pod's name, as the workload's controller names it" }) pod!: string;
  @Field({ description: "the pod's namespace" }) namespace!: string;
  @Field(() => PlacementNodeModel, {
    nullable: true,
    description: 'the node it lands on (the same object as placedOn); null when it cannot be placed',
    deprecationReason: 'Use placedOn, the same object on simulated and stored placements (on simulate, node is a node name).',
  })
  node!: PlacementNodeModel | null;
  @Field(() => String, { nullable: true, description: 'the node it lands on; null when it cannot be placed' }) nodeName!: string | null;
  @Field(() => PlacementNodeModel, { nullable: true, description: 'the node it lands on, with its zone and labels; null when it cannot be placed' })
  placedOn!: PlacementNodeModel | null;
  @Field(() => String, { nullable: true, description: "that node's topology.kubernetes.io/zone" }) zone!: string | null;
  @Field(() => Float, { nullable: true, description: "the chosen node's total score; null when unplaced" }) score!: number | null;
  @Field({ description: "one sentence: why this node, or kube-scheduler's FailedScheduling text" }) message!: string;
  @Field(() => PodRequestsModel, { nullable: true, description: 'what the replica requests (cpu, memory); null in plans stored before it was recorded' })
  requests!: PodRequestsModel | null;
  @Field(() => [UnscoredPluginModel], { description: 'score plugins that skipped this replica (scored no node), and why' }) unscoredPlugins!: UnscoredPluginModel[];
  @Field(() => SchedulingGatedModel, { nullable: true, description: 'set when scheduling gates keep the replica from being scheduled' })
  gated!: SchedulingGatedModel | null;
  @Field(() => [PlacementVolumeModel], { nullable: true, description: "the pod's claims, for pods with persistentVolumeClaim or ephemeral volumes" })
  volumes!: PlacementVolumeModel[] | null;
  @Field(() => [AllocatedDeviceModel], { nullable: true, description: "DRA: the devices the pod's ResourceClaims were allocated" })
  devices!: AllocatedDeviceModel[] | null;
  @Field(() => Int, { description: 'nodes that passed every filter' }) feasibleNodes!: number;
  @Field(() => Int, { description: 'nodes filtered (fewer than the cluster with percentageOfNodesToScore in faithful mode)' }) evaluatedNodes!: number;
  @Field(() => [ScoredNodeModel], { description: 'the best few feasible nodes, the chosen one first' }) candidates!: ScoredNodeModel[];
  @Field(() => [RejectionModel], { description: 'rejected nodes counted per first failing filter reason' }) rejections!: RejectionModel[];
}

@ObjectType('PlanPlacementEdge')
export class PlanPlacementEdgeModel {
  @Field(() => PlanPlacementModel) node!: PlanPlacementModel;
  @Field() cursor!: string;
}

@ObjectType('PlanPlacementConnection')
export class PlanPlacementConnectionModel implements CountedConnection {
  @Field(() => [PlanPlacementEdgeModel]) edges!: PlanPlacementEdgeModel[];
  @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
  @Field(() => Int, { description: 'placements matching the filter, over all pages' }) totalCount?: number;
  countTotal!: () => Promise<number>;
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
  @Field(() => PlanStatus) status!: `${PlanStatus}`;
  @Field(() => PlanProgressModel) progress!: PlanProgressModel;
  @Field({ description: 'when the plan was submitted' }) createdAt!: Date;
  @Field(() => ID, { nullable: true }) rerunOf!: string | null;
  @Field(() => PlanTimingsModel, { nullable: true }) timings!: PlanTimingsModel | null;
  @Field(() => SimulationSummaryModel, { nullable: true }) summary!: SimulationSummaryModel | null;
  @Field(() => [WorkloadSummaryModel]) workloads!: WorkloadSummaryModel[];
  @Field(() => EngineMode, { nullable: true }) mode!: `${EngineMode}` | null;
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
export class PlanConnectionModel implements CountedConnection {
  @Field(() => [PlanEdgeModel]) edges!: PlanEdgeModel[];
  @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
  @Field(() => Int, { description: "the topology's plans, over all pages" }) totalCount?: number;
  countTotal!: () => Promise<number>;
}

