/** GraphQL shapes of stored plans. */
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  NodeExplanationModel,
  PlacementNodeModel,
  ReplicaPlacementModel,
  RejectionModel,
  PodRequestsModel,
  ScoredNodeModel,
  SimulationSummaryModel,
  SimulationWarningModel,
  WorkloadRefModel,
  WorkloadSummaryModel,
} from './placement.model.js';
import { FieldErrorModel } from '../../topologies/graphql/topology.model.js';
import { PageInfoModel, type CountedConnection } from '../../common/graphql/page-info.model.js';
import { EngineMode } from './plan.inputs.js';
import { PlanStatus } from './plan-status.enum.js';

@ObjectType('NodeExplanationEdge', { description: 'One node of the table, with its cursor' })
export class NodeExplanationEdgeModel {
  @Field(() => NodeExplanationModel, { description: "the node's verdict" }) node!: NodeExplanationModel;
  @Field({ description: 'pass as after to list what follows this item' }) cursor!: string;
}

@ObjectType('NodeExplanationConnection', { description: "A page of a replica's per-node table" })
export class NodeExplanationConnectionModel {
  @Field(() => [NodeExplanationEdgeModel], { description: 'the items of this page, each with its cursor' }) edges!: NodeExplanationEdgeModel[];
  @Field(() => PageInfoModel, { description: 'where this page sits in the list' }) pageInfo!: PageInfoModel;
  @Field(() => Int, { description: 'nodes of the table matching the filter, over all pages' }) totalCount!: number;
}

@ObjectType('PlanPlacement', { description: 'One replica of a stored plan', implements: () => [ReplicaPlacementModel] })
export class PlanPlacementModel extends ReplicaPlacementModel {
  /** The plan and the replica's position in it, for the per-node table's replay. */
  planId!: string;
  ordinal!: number;
  @Field(() => PlacementNodeModel, {
    nullable: true,
    description: 'the node it lands on (the same object as placedOn); null when it cannot be placed',
    deprecationReason: 'Use placedOn, the same object on simulated and stored placements (on simulate, node is a node name).',
  })
  node!: PlacementNodeModel | null;
  // Worded or typed differently from ReplicaPlacement's. The initializers only satisfy TS2612 (a redeclared
  // field must initialise): models are never constructed, mappers return plain objects of this shape.
  @Field(() => PodRequestsModel, { nullable: true, description: 'what the replica requests (cpu, memory); null in plans stored before it was recorded' })
  override requests: PodRequestsModel | null = null;
  @Field(() => [ScoredNodeModel], { description: 'the best few feasible nodes, the chosen one first' }) override candidates: ScoredNodeModel[] = [];
  @Field(() => [RejectionModel], { description: 'rejected nodes counted per first failing filter reason' }) override rejections: RejectionModel[] = [];
}

@ObjectType('PlanPlacementEdge', { description: 'One placement of a page, with its cursor' })
export class PlanPlacementEdgeModel {
  @Field(() => PlanPlacementModel, { description: 'the placement' }) node!: PlanPlacementModel;
  @Field({ description: 'pass as after to list what follows this item' }) cursor!: string;
}

@ObjectType('PlanPlacementConnection', { description: "A page of a plan's placements" })
export class PlanPlacementConnectionModel implements CountedConnection {
  @Field(() => [PlanPlacementEdgeModel], { description: 'the items of this page, each with its cursor' }) edges!: PlanPlacementEdgeModel[];
  @Field(() => PageInfoModel, { description: 'where this page sits in the list' }) pageInfo!: PageInfoModel;
  @Field(() => Int, { description: 'placements matching the filter, over all pages' }) totalCount?: number;
  countTotal!: () => Promise<number>;
}

@ObjectType('WorkloadCount', { description: "One workload's replicas" })
export class WorkloadCountModel {
  @Field(() => WorkloadRefModel, { description: 'the workload' }) workload!: WorkloadRefModel;
  @Field(() => Int, { description: 'its replicas there' }) replicas!: number;
}

@ObjectType('NodeReplicas', { description: 'Replicas a plan put on one node' })
export class NodeReplicasModel {
  @Field({ description: "the node's name" }) node!: string;
  @Field(() => String, { nullable: true, description: 'the topology.kubernetes.io/zone; null without one' }) zone!: string | null;
  @Field(() => Int, { description: 'replicas the plan put there' }) replicas!: number;
  @Field(() => [WorkloadCountModel], { description: 'those replicas per workload' }) workloads!: WorkloadCountModel[];
}

@ObjectType('ZoneReplicas', { description: 'Replicas a plan put in one zone (nodes without a zone label under "")' })
export class ZoneReplicasModel {
  @Field({ description: 'the zone ("" for nodes without a zone label)' }) zone!: string;
  @Field(() => Int, { description: 'replicas in the zone' }) replicas!: number;
  @Field(() => [WorkloadCountModel], { description: 'those replicas per workload' }) workloads!: WorkloadCountModel[];
}

@ObjectType('PlanProgress', { description: 'Replicas planned so far' })
export class PlanProgressModel {
  @Field(() => Int, { description: 'replicas planned' }) done!: number;
  @Field(() => Int, { description: 'replicas to plan' }) total!: number;
}

@ObjectType('PlanFailure', { description: 'Why a plan failed' })
export class PlanFailureModel {
  @Field({ description: 'why the plan failed' }) message!: string;
  @Field(() => [FieldErrorModel], { description: 'Field errors when the input was refused' }) errors!: FieldErrorModel[];
}

@ObjectType('PlanTimings', { description: 'Where the time of a stored plan went' })
export class PlanTimingsModel {
  @Field(() => Float, { description: 'loading the topology revision (ms)' }) loadMs!: number;
  @Field(() => Float, { description: 'planning (ms)' }) planMs!: number;
  @Field(() => Float, { description: 'storing the placements (ms)' }) storeMs!: number;
}

@ObjectType('Plan', { description: 'A stored plan: where each replica of its workloads lands on a topology revision, and why' })
export class PlanModel {
  @Field(() => ID, { description: "the plan's id" }) id!: string;
  @Field(() => ID, { description: 'the topology it ran on' }) topologyId!: string;
  @Field(() => Int, { description: 'the topology revision it ran on' }) revision!: number;
  @Field(() => String, { nullable: true, description: 'the name given, if any' }) name!: string | null;
  @Field(() => PlanStatus, { description: 'where the plan is in its life' }) status!: `${PlanStatus}`;
  @Field(() => PlanProgressModel, { description: 'replicas planned so far' }) progress!: PlanProgressModel;
  @Field({ description: 'when the plan was submitted' }) createdAt!: Date;
  @Field(() => ID, { nullable: true, description: 'the plan this one reran' }) rerunOf!: string | null;
  @Field(() => PlanTimingsModel, { nullable: true, description: 'where its time went; null until it ran' }) timings!: PlanTimingsModel | null;
  @Field(() => SimulationSummaryModel, { nullable: true, description: 'replicas asked for, scheduled and unschedulable; null until it ran' }) summary!: SimulationSummaryModel | null;
  @Field(() => [WorkloadSummaryModel], { description: 'replicas asked for, scheduled and unschedulable, per workload' }) workloads!: WorkloadSummaryModel[];
  @Field(() => EngineMode, { nullable: true, description: 'exhaustive or faithful; null until it ran' }) mode!: `${EngineMode}` | null;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release emulated; null until it ran' }) kubernetesVersion!: string | null;
  @Field(() => [SimulationWarningModel], { description: 'what the request did that was ignored or skipped, located by path' }) warnings!: SimulationWarningModel[];
  @Field(() => PlanFailureModel, { nullable: true, description: 'Why the plan failed (status failed)' }) error!: PlanFailureModel | null;
}

@ObjectType('PlanEdge', { description: 'One plan of a page, with its cursor' })
export class PlanEdgeModel {
  @Field(() => PlanModel, { description: 'the plan' }) node!: PlanModel;
  @Field({ description: 'pass as after to list what follows this item' }) cursor!: string;
}

@ObjectType('PlanConnection', { description: "A page of a topology's plans" })
export class PlanConnectionModel implements CountedConnection {
  @Field(() => [PlanEdgeModel], { description: 'the items of this page, each with its cursor' }) edges!: PlanEdgeModel[];
  @Field(() => PageInfoModel, { description: 'where this page sits in the list' }) pageInfo!: PageInfoModel;
  @Field(() => Int, { description: "the topology's plans, over all pages" }) totalCount?: number;
  countTotal!: () => Promise<number>;
}

