import { Field, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { PageInfoModel } from '../../common/graphql/page-info.model.js';
import { ResourceTotalsModel, UtilisationModel } from './topology.model.js';

@ObjectType('Taint', { description: 'A node taint (v1 Taint)' })
export class TaintModel {
  @Field({ description: 'the taint key' }) key!: string;
  @Field(() => String, { nullable: true, description: 'the taint value; null when empty' }) value!: string | null;
  @Field({ description: 'NoSchedule, PreferNoSchedule or NoExecute' }) effect!: string;
}

@ObjectType('PodOnNode', { description: 'A pod counted on a node' })
export class PodOnNodeModel {
  @Field({ description: "the pod's namespace" }) namespace!: string;
  @Field({ description: "the pod's name" }) name!: string;
  @Field(() => String, { nullable: true, description: 'status.phase' }) phase!: string | null;
  @Field(() => String, { nullable: true, description: 'the controlling owner kind, e.g. ReplicaSet' }) ownerKind!: string | null;
  @Field(() => String, { nullable: true, description: 'the controlling owner' }) ownerName!: string | null;
  @Field(() => ResourceTotalsModel, { description: 'effective requests (pods: 1)' }) requests!: ResourceTotalsModel;
}

@ObjectType('NodeDevices', { description: 'DRA devices of one driver a node or zone can use (current pool generations) and how many existing ResourceClaims hold' })
export class NodeDevicesModel {
  @Field({ description: 'the DRA driver' }) driver!: string;
  @Field(() => Int, { description: 'devices the node publishes' }) devices!: number;
  @Field(() => Int, { description: 'devices allocated to existing ResourceClaims (admin access takes none)' }) allocated!: number;
}

@ObjectType('ClusterNode', { description: 'A Kubernetes Node of the topology, with what its bound pods request' })
export class NodeModel {
  @Field({ description: "the node's metadata.name" }) name!: string;
  @Field(() => String, { nullable: true, description: 'the topology.kubernetes.io/zone; null without one' }) zone!: string | null;
  @Field(() => GraphQLJSONObject, { description: "the node's labels" }) labels!: Record<string, string>;
  @Field(() => [TaintModel], { description: 'spec.taints' }) taints!: TaintModel[];
  @Field({ description: 'spec.unschedulable (cordoned)' }) unschedulable!: boolean;
  @Field(() => ResourceTotalsModel, { description: 'status.allocatable in scheduler units' }) allocatable!: ResourceTotalsModel;
  @Field(() => ResourceTotalsModel, { description: 'sum of bound pods’ requests' }) requested!: ResourceTotalsModel;
  @Field(() => GraphQLJSONObject, { description: 'every allocatable resource, scheduler units' })
  allocatableResources!: Record<string, number>;
  @Field(() => GraphQLJSONObject, { description: 'every requested resource, scheduler units' })
  requestedResources!: Record<string, number>;
  @Field(() => UtilisationModel, { description: 'requested / allocatable' }) utilisation!: UtilisationModel;
  @Field(() => Int, { description: 'pods bound to the node and counted (not terminated)' }) podCount!: number;
  @Field(() => [PodOnNodeModel], { description: 'those pods' }) pods!: PodOnNodeModel[];
  @Field(() => [AttachedVolumesModel], { description: 'attached CSI volumes per driver beside the attach limit' }) attachedVolumes!: AttachedVolumesModel[];
  @Field(() => [NodeDevicesModel], { description: 'DRA devices the node can use, per driver: its own ResourceSlices and those for all nodes, a node selector it matches, or per device' }) devices!: NodeDevicesModel[];
}

@ObjectType('ClusterNodeEdge', { description: 'One node of a page, with its cursor' })
export class NodeEdgeModel {
  @Field({ description: 'pass as after to list what follows this item' }) cursor!: string;
  @Field(() => NodeModel, { description: 'the node' }) node!: NodeModel;
}

@ObjectType('ClusterNodeConnection', { description: "A page of a topology's nodes" })
export class NodeConnectionModel {
  @Field(() => [NodeEdgeModel], { description: 'the items of this page, each with its cursor' }) edges!: NodeEdgeModel[];
  @Field(() => PageInfoModel, { description: 'where this page sits in the list' }) pageInfo!: PageInfoModel;
  @Field(() => Int, { description: 'nodes matching the filter, over all pages' }) totalCount!: number;
}

@ObjectType('AttachedVolumes', { description: 'Attached CSI volumes of one driver beside its attach limit' })
export class AttachedVolumesModel {
  @Field({ description: 'CSI driver (in-tree volumes under the driver CSI migration gives them)' }) driver!: string;
  @Field(() => Int, { description: 'unique volumes of the driver the pods use, as NodeVolumeLimits counts them' }) attached!: number;
  @Field(() => Int, { nullable: true, description: 'CSINode spec.drivers[].allocatable.count (summed over a zone); null: no limit reported' })
  limit!: number | null;
}

@ObjectType('Zone', { description: 'Totals of the nodes in one zone' })
export class ZoneModel {
  @Field(() => String, { nullable: true, description: 'null: nodes without a zone label' }) zone!: string | null;
  @Field(() => Int, { description: 'nodes in the zone' }) nodes!: number;
  @Field(() => Int, { description: 'pods bound to them' }) pods!: number;
  @Field(() => ResourceTotalsModel, { description: 'allocatable resources of its nodes' }) allocatable!: ResourceTotalsModel;
  @Field(() => ResourceTotalsModel, { description: 'requests of those pods' }) requested!: ResourceTotalsModel;
  @Field(() => UtilisationModel, { description: 'requested / allocatable' }) utilisation!: UtilisationModel;
  @Field(() => [AttachedVolumesModel], { description: 'attached CSI volumes per driver beside the attach limits' }) attachedVolumes!: AttachedVolumesModel[];
  @Field(() => [NodeDevicesModel], { description: "DRA devices the zone's nodes can use, per driver (a device several nodes share counted once)" }) devices!: NodeDevicesModel[];
}
