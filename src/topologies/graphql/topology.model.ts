/** GraphQL object types of saved topologies (code-first; the schema is in schema.gql). */
import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { PageInfoModel, type CountedConnection } from '../../common/graphql/page-info.model.js';

@ObjectType('FieldError', { description: 'A problem or warning located in the submitted document' })
export class FieldErrorModel {
  @Field({ description: 'e.g. objects[3].status.allocatable.cpu' }) path!: string;
  @Field({ description: 'what is wrong, and a hint' }) message!: string;
}

@ObjectType('ResourceTotals', { description: 'Amounts in scheduler units' })
export class ResourceTotalsModel {
  @Field(() => Float, { description: 'millicores' }) cpuMillicores!: number;
  @Field(() => Float, { description: 'bytes' }) memoryBytes!: number;
  @Field(() => Int, { description: 'pod slots (allocatable) or pods (requested)' }) pods!: number;
}

@ObjectType('Utilisation', { description: 'requested / allocatable; null where nothing is allocatable' })
export class UtilisationModel {
  @Field(() => Float, { nullable: true, description: 'cpu requested / allocatable' }) cpu!: number | null;
  @Field(() => Float, { nullable: true, description: 'memory requested / allocatable' }) memory!: number | null;
  @Field(() => Float, { nullable: true, description: 'pods / allocatable pod slots' }) pods!: number | null;
}

@ObjectType('TopologySummary', { description: 'What a topology revision holds' })
export class TopologySummaryModel {
  @Field(() => Int, { description: 'how many nodes' }) nodes!: number;
  @Field(() => Int, { description: 'pods bound to a node of the topology, not Succeeded/Failed' }) pods!: number;
  @Field(() => Int, { description: 'pods without spec.nodeName' }) pendingPods!: number;
  @Field(() => Int, { description: 'terminated pods and pods bound to nodes the topology lacks' }) ignoredPods!: number;
  @Field(() => Int, { description: 'namespaces' }) namespaces!: number;
  @Field(() => [String], { description: 'zones (topology.kubernetes.io/zone values)' }) zones!: string[];
  @Field(() => ResourceTotalsModel, { description: 'allocatable resources over all nodes' }) allocatable!: ResourceTotalsModel;
  @Field(() => ResourceTotalsModel, { description: 'requests of the bound pods over all nodes' }) requested!: ResourceTotalsModel;
  @Field(() => Int, { description: 'PersistentVolumes' }) persistentVolumes!: number;
  @Field(() => Int, { description: 'PersistentVolumeClaims, all namespaces' }) persistentVolumeClaims!: number;
  @Field(() => Int, { description: 'StorageClasses' }) storageClasses!: number;
  @Field(() => Int, { description: 'VolumeAttachments (volumes attached to nodes, counted toward CSI attach limits)' }) volumeAttachments!: number;
  @Field(() => Int, { description: 'ResourceSlices (DRA)' }) resourceSlices!: number;
  @Field(() => Int, { description: 'DeviceClasses (DRA)' }) deviceClasses!: number;
  @Field(() => Int, { description: 'ResourceClaims, all namespaces (DRA)' }) resourceClaims!: number;
  @Field(() => Int, { description: 'ResourceClaimTemplates, all namespaces (DRA)' }) resourceClaimTemplates!: number;
  @Field({ description: 'the kube-scheduler release plans on this topology emulate unless they name one' }) kubernetesVersion!: string;
  @Field(() => String, { nullable: true, description: 'the version the dump reports (API server version document, else the newest kubelet)' })
  reportedVersion!: string | null;
  @Field(() => String, { nullable: true, description: 'serverVersion or kubeletVersion' }) reportedVersionSource!: string | null;
}

@ObjectType('Topology', { description: 'One revision of a saved cluster topology' })
export class TopologyModel {
  @Field(() => ID, { description: "the topology's id" }) id!: string;
  @Field({ description: "the topology's name" }) name!: string;
  @Field(() => Int, { description: 'the revision described' }) revision!: number;
  @Field(() => Int, { description: 'its newest revision' }) latestRevision!: number;
  @Field(() => Int, { description: 'how many revisions are kept (a refreshed topology keeps the newest PODPLAN_KEEP_REVISIONS and those plans use)' }) revisions!: number;
  @Field({ description: 'when the topology was created' }) createdAt!: Date;
  @Field({ description: 'when its latest revision was stored' }) updatedAt!: Date;
  @Field({ description: 'when this revision was stored' }) revisionCreatedAt!: Date;
  @Field(() => TopologySummaryModel, { description: 'what this revision holds' }) summary!: TopologySummaryModel;
  @Field(() => [FieldErrorModel], { description: 'what the import skipped or ignored' }) warnings!: FieldErrorModel[];
  @Field(() => GraphQLJSONObject, { description: 'what the import stripped, in aggregate' }) dropped!: Record<string, number>;
  @Field(() => Boolean, {
    nullable: true,
    description: 'updateTopology: true when the objects equal the latest revision\'s, so no revision was stored and `revision` is that one; null on reads',
  })
  unchanged?: boolean | null;
}

@ObjectType('TopologyEdge', { description: 'One topology of a page, with its cursor' })
export class TopologyEdgeModel {
  @Field({ description: 'pass as after to list what follows this item' }) cursor!: string;
  @Field(() => TopologyModel, { description: 'the topology (its latest revision)' }) node!: TopologyModel;
}

@ObjectType('TopologyConnection', { description: 'A page of topologies' })
export class TopologyConnectionModel implements CountedConnection {
  @Field(() => [TopologyEdgeModel], { description: 'the items of this page, each with its cursor' }) edges!: TopologyEdgeModel[];
  @Field(() => PageInfoModel, { description: 'where this page sits in the list' }) pageInfo!: PageInfoModel;
  @Field(() => Int, { description: "the team's topologies, over all pages" }) totalCount?: number;
  countTotal!: () => Promise<number>;
}
