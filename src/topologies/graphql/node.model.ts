import { Field, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { PageInfoModel } from '../../common/graphql/page-info.model.js';
import { ResourceTotalsModel, UtilisationModel } from './topology.model.js';

@ObjectType('Taint')
export class TaintModel {
  @Field() key!: string;
  @Field(() => String, { nullable: true }) value!: string | null;
  @Field() effect!: string;
}

@ObjectType('PodOnNode', { description: 'A pod counted on a node' })
export class PodOnNodeModel {
  @Field() namespace!: string;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) phase!: string | null;
  @Field(() => String, { nullable: true, description: 'the controlling owner kind, e.g. ReplicaSet' }) ownerKind!: string | null;
  @Field(() => String, { nullable: true }) ownerName!: string | null;
  @Field(() => ResourceTotalsModel, { description: 'effective requests (pods: 1)' }) requests!: ResourceTotalsModel;
}

@ObjectType('NodeDevices', { description: 'DRA devices of one driver a node or zone can use (current pool generations) and how many existing ResourceClaims hold' })
export class NodeDevicesModel {
  @Field() driver!: string;
  @Field(() => Int) devices!: number;
  @Field(() => Int, { description: 'devices allocated to existing ResourceClaims (admin access takes none)' }) allocated!: number;
}

@ObjectType('ClusterNode', { description: 'A Kubernetes Node of the topology, with what its bound pods request' })
export class NodeModel {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) zone!: string | null;
  @Field(() => GraphQLJSONObject) labels!: Record<string, string>;
  @Field(() => [TaintModel]) taints!: TaintModel[];
  @Field() unschedulable!: boolean;
  @Field(() => ResourceTotalsModel) allocatable!: ResourceTotalsModel;
  @Field(() => ResourceTotalsModel, { description: 'sum of bound pods’ requests' }) requested!: ResourceTotalsModel;
  @Field(() => GraphQLJSONObject, { description: 'every allocatable resource, scheduler units' })
  allocatableResources!: Record<string, number>;
  @Field(() => GraphQLJSONObject, { description: 'every requested resource, scheduler units' })
  requestedResources!: Record<string, number>;
  @Field(() => UtilisationModel) utilisation!: UtilisationModel;
  @Field(() => Int) podCount!: number;
  @Field(() => [PodOnNodeModel]) pods!: PodOnNodeModel[];
  @Field(() => [AttachedVolumesModel], { description: 'attached CSI volumes per driver beside the attach limit' }) attachedVolumes!: AttachedVolumesModel[];
  @Field(() => [NodeDevicesModel], { description: 'DRA devices the node can use, per driver: its own ResourceSlices and those for all nodes, a node selector it matches, or per device' }) devices!: NodeDevicesModel[];
}

@ObjectType('ClusterNodeEdge')
export class NodeEdgeModel {
  @Field() cursor!: string;
  @Field(() => NodeModel) node!: NodeModel;
}

@ObjectType('ClusterNodeConnection')
export class NodeConnectionModel {
  @Field(() => [NodeEdgeModel]) edges!: NodeEdgeModel[];
  @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
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
  @Field(() => Int) nodes!: number;
  @Field(() => Int) pods!: number;
  @Field(() => ResourceTotalsModel) allocatable!: ResourceTotalsModel;
  @Field(() => ResourceTotalsModel) requested!: ResourceTotalsModel;
  @Field(() => UtilisationModel) utilisation!: UtilisationModel;
  @Field(() => [AttachedVolumesModel]) attachedVolumes!: AttachedVolumesModel[];
  @Field(() => [NodeDevicesModel], { description: "DRA devices the zone's nodes can use, per driver (a device several nodes share counted once)" }) devices!: NodeDevicesModel[];
}
