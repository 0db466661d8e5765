/**
 * REST response shapes (api-contract.md "Saved topologies"), declared as
 * classes so @nestjs/swagger can describe them at /openapi.json.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TopologySourceDto } from './topology-source.dto.js';

export class FieldErrorDto {
  @ApiProperty({ example: 'objects[3].status.allocatable.cpu' }) path!: string;
  @ApiProperty() message!: string;
}

export class ResourceTotalsDto {
  @ApiProperty({ description: 'millicores' }) cpuMillicores!: number;
  @ApiProperty({ description: 'bytes' }) memoryBytes!: number;
  @ApiProperty({ description: 'pod slots (allocatable) or pods (requested)' }) pods!: number;
}

export class TopologySummaryDto {
  @ApiProperty() nodes!: number;
  @ApiProperty({ description: 'pods bound to a node of the topology, not Succeeded/Failed' }) pods!: number;
  @ApiProperty({ description: 'pods without spec.nodeName' }) pendingPods!: number;
  @ApiProperty({ description: 'terminated pods and pods bound to nodes the topology lacks' }) ignoredPods!: number;
  @ApiProperty() namespaces!: number;
  @ApiProperty({ type: [String], example: ['us-east-1a', 'us-east-1b'] }) zones!: string[];
  @ApiProperty({ type: ResourceTotalsDto }) allocatable!: ResourceTotalsDto;
  @ApiProperty({ type: ResourceTotalsDto }) requested!: ResourceTotalsDto;
  @ApiProperty({ description: 'PersistentVolumes' }) persistentVolumes!: number;
  @ApiProperty({ description: 'PersistentVolumeClaims, all namespaces' }) persistentVolumeClaims!: number;
  @ApiProperty({ description: 'StorageClasses' }) storageClasses!: number;
  @ApiProperty({ description: 'VolumeAttachments (volumes attached to nodes, counted toward CSI attach limits)' }) volumeAttachments!: number;
  @ApiProperty({ description: 'ResourceSlices (DRA)' }) resourceSlices!: number;
  @ApiProperty({ description: 'DeviceClasses (DRA)' }) deviceClasses!: number;
  @ApiProperty({ description: 'ResourceClaims, all namespaces (DRA)' }) resourceClaims!: number;
  @ApiProperty({ description: 'ResourceClaimTemplates, all namespaces (DRA)' }) resourceClaimTemplates!: number;
  @ApiProperty({ description: 'the kube-scheduler release plans on this topology emulate unless they name one', example: 'v1.34' })
  kubernetesVersion!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the version the dump reports', example: 'v1.34.2-eks-113cf36' })
  reportedVersion!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['serverVersion', 'kubeletVersion'], description: 'the API server version document, or the kubelets (a hint)' })
  reportedVersionSource!: 'serverVersion' | 'kubeletVersion' | null;
}

export class TopologyItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'the revision described' }) revision!: number;
  @ApiProperty({ type: TopologySummaryDto }) summary!: TopologySummaryDto;
}

export class TopologyDto extends TopologyItemDto {
  @ApiProperty({ description: 'the latest revision; revisions are numbered 1..latestRevision' }) latestRevision!: number;
  @ApiProperty({ description: 'how many revisions are kept (a refreshed topology keeps the newest PODPLAN_KEEP_REVISIONS and those plans use)' }) revisions!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ description: 'when this revision was stored' }) revisionCreatedAt!: string;
  @ApiProperty({ type: [FieldErrorDto], description: 'skipped objects and pods that count nowhere' }) warnings!: FieldErrorDto[];
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'what the import stripped, in aggregate',
  })
  dropped!: Record<string, number>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'with ?include=objects: the stored objects' })
  objects?: Record<string, unknown[]>;
  @ApiPropertyOptional({ description: 'on PUT: true when the objects equal the latest revision\'s, so no revision was stored and `revision` is that one' })
  unchanged?: boolean;
  @ApiPropertyOptional({ type: () => TopologySourceDto, nullable: true, description: 'on GET: the cluster the topology follows and its latest refresh; null when it has none' })
  source?: TopologySourceDto | null;
}

export class TopologyListDto {
  @ApiProperty({ type: [TopologyItemDto] }) items!: TopologyItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class UtilisationDto {
  @ApiProperty({ type: Number, nullable: true, description: 'requested / allocatable' }) cpu!: number | null;
  @ApiProperty({ type: Number, nullable: true }) memory!: number | null;
  @ApiProperty({ type: Number, nullable: true }) pods!: number | null;
}

export class TaintDto {
  @ApiProperty() key!: string;
  @ApiPropertyOptional() value?: string;
  @ApiProperty({ enum: ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] }) effect!: string;
}

export class AttachedVolumesDto {
  @ApiProperty({ example: 'ebs.csi.aws.com', description: 'CSI driver (in-tree volumes under the driver CSI migration gives them)' }) driver!: string;
  @ApiProperty({ description: 'unique volumes of the driver the pods use, as NodeVolumeLimits counts them' }) attached!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'CSINode spec.drivers[].allocatable.count (summed over a zone); null: no limit reported' })
  limit!: number | null;
}

export class NodeDevicesDto {
  @ApiProperty() driver!: string;
  @ApiProperty({ description: "devices of the driver's current pool generations the node (or zone) can use" }) devices!: number;
  @ApiProperty({ description: 'devices allocated to existing ResourceClaims (admin access takes none)' }) allocated!: number;
}

export class NodeDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) zone!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) labels!: Record<string, string>;
  @ApiProperty({ type: [TaintDto] }) taints!: TaintDto[];
  @ApiProperty() unschedulable!: boolean;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'status.allocatable in scheduler units: cpu millicores, memory bytes, others whole units',
  })
  allocatable!: Record<string, number>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'sum of bound pods’ requests, same units' })
  requested!: Record<string, number>;
  @ApiProperty({ type: UtilisationDto }) utilisation!: UtilisationDto;
  @ApiProperty({ description: 'pods counted on this node' }) pods!: number;
  @ApiProperty({ type: [AttachedVolumesDto], description: 'attached CSI volumes per driver beside the attach limit' }) attachedVolumes!: AttachedVolumesDto[];
  @ApiProperty({ type: [NodeDevicesDto], description: 'DRA devices the node can use, per driver: its own ResourceSlices and those for all nodes, a node selector it matches, or per device' }) devices!: NodeDevicesDto[];
}

export class NodeListDto {
  @ApiProperty({ format: 'uuid' }) topologyId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ description: 'nodes matching the filter, over all pages' }) totalCount!: number;
  @ApiProperty({ type: [NodeDto] }) items!: NodeDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ZoneDto {
  @ApiProperty({ type: String, nullable: true, description: 'null: nodes without a zone label' }) zone!: string | null;
  @ApiProperty() nodes!: number;
  @ApiProperty() pods!: number;
  @ApiProperty({ type: ResourceTotalsDto }) allocatable!: ResourceTotalsDto;
  @ApiProperty({ type: ResourceTotalsDto }) requested!: ResourceTotalsDto;
  @ApiProperty({ type: UtilisationDto }) utilisation!: UtilisationDto;
  @ApiProperty({ type: [AttachedVolumesDto], description: 'attached CSI volumes per driver over the zone’s nodes' }) attachedVolumes!: AttachedVolumesDto[];
  @ApiProperty({ type: [NodeDevicesDto], description: 'DRA devices the zone’s nodes can use, per driver (a device several nodes share counted once)' }) devices!: NodeDevicesDto[];
}

export class ZoneListDto {
  @ApiProperty({ format: 'uuid' }) topologyId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ type: [ZoneDto] }) items!: ZoneDto[];
}

export class CreateTopologyBodyDto {
  @ApiProperty({ example: 'prod-eu' }) name!: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Nodes, Pods, Namespaces, Services, workloads, or Lists of them, as kubectl prints them',
  })
  objects!: unknown[];
}

export class ReplaceTopologyBodyDto {
  @ApiProperty({ type: 'array', items: { type: 'object' } }) objects!: unknown[];
  @ApiPropertyOptional({ description: 'rename the topology' }) name?: string;
  @ApiPropertyOptional({ description: 'the latest revision as read; a stale value answers 412' }) revision?: number;
}

export class ProblemDto {
  @ApiProperty({ example: 'urn:podplan:problem:bad-user-input' }) type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: number;
  @ApiProperty() detail!: string;
  @ApiProperty({ description: "the request's id (its X-Request-Id), to find it in the logs", example: '5f0c6a8e-0d0e-4b59-9a43-3f1c4bd0e1a2' }) instance!: string;
  @ApiProperty({ type: [FieldErrorDto] }) errors!: FieldErrorDto[];
}

class RevisionNodeRefDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) zone!: string | null;
}

class RevisionNodeChangeDto extends RevisionNodeRefDto {
  @ApiProperty({ description: '{ added: {key: value}, removed: {key: value}, changed: {key: {from, to}} }' }) labels!: Record<string, unknown>;
  @ApiProperty({ description: '{ added: [taint], removed: [taint] }' }) taints!: Record<string, unknown>;
  @ApiProperty({ description: 'per resource whose allocatable changed: {from, to} in scheduler units (cpu millicores, bytes, counts); null: absent' })
  allocatable!: Record<string, unknown>;
  @ApiProperty({ required: false, description: '{from, to} when the node was cordoned or uncordoned' }) unschedulable?: { from: boolean; to: boolean };
}

class RevisionPodRefDto {
  @ApiProperty() namespace!: string;
  @ApiProperty() name!: string;
  @ApiProperty() node!: string;
}

class RevisionPodMoveDto {
  @ApiProperty() namespace!: string;
  @ApiProperty() name!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
}

class RevisionNodesDiffDto {
  @ApiProperty({ type: [RevisionNodeRefDto] }) added!: RevisionNodeRefDto[];
  @ApiProperty({ type: [RevisionNodeRefDto] }) removed!: RevisionNodeRefDto[];
  @ApiProperty({ type: [RevisionNodeChangeDto] }) changed!: RevisionNodeChangeDto[];
}

class RevisionPodsDiffDto {
  @ApiProperty({ type: [RevisionPodRefDto] }) added!: RevisionPodRefDto[];
  @ApiProperty({ type: [RevisionPodRefDto] }) removed!: RevisionPodRefDto[];
  @ApiProperty({ type: [RevisionPodMoveDto] }) moved!: RevisionPodMoveDto[];
}

class RevisionZoneTotalsDto {
  @ApiProperty() nodes!: number;
  @ApiProperty() pods!: number;
  @ApiProperty({ type: ResourceTotalsDto }) allocatable!: ResourceTotalsDto;
  @ApiProperty({ type: ResourceTotalsDto }) requested!: ResourceTotalsDto;
}

class RevisionZoneChangeDto {
  @ApiProperty({ type: String, nullable: true, description: 'null: nodes without a zone label' }) zone!: string | null;
  @ApiProperty({ type: RevisionZoneTotalsDto, nullable: true, description: 'null: no node of the zone in that revision' }) from!: RevisionZoneTotalsDto | null;
  @ApiProperty({ type: RevisionZoneTotalsDto, nullable: true }) to!: RevisionZoneTotalsDto | null;
}

export class RevisionDiffDto {
  @ApiProperty({ format: 'uuid' }) topologyId!: string;
  @ApiProperty() from!: number;
  @ApiProperty() to!: number;
  @ApiProperty({ type: RevisionNodesDiffDto }) nodes!: RevisionNodesDiffDto;
  @ApiProperty({ type: RevisionPodsDiffDto, description: 'pods bound to a node of the revision, not terminated' }) pods!: RevisionPodsDiffDto;
  @ApiProperty({ type: [RevisionZoneChangeDto] }) zones!: RevisionZoneChangeDto[];
}
