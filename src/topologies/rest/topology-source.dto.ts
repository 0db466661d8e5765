/**
 * REST shapes of a topology's source and its latest refresh. The kubeconfig
 * goes in (topology-source.input.ts) and never comes out.
 */
import { ApiProperty } from '@nestjs/swagger';

/** A warning of the read or the import (topology.dto.ts's FieldErrorDto, declared here so the two files do not import each other). */
export class RefreshWarningDto {
  @ApiProperty({ example: 'context "prod" /apis/policy/v1/poddisruptionbudgets' }) path!: string;
  @ApiProperty() message!: string;
}

export class RefreshDto {
  @ApiProperty({ enum: ['schedule', 'request', 'source-set'], description: 'what started it' }) trigger!: string;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time' }) finishedAt!: string;
  @ApiProperty({ description: 'milliseconds from start to finish' }) durationMs!: number;
  @ApiProperty({ enum: ['stored', 'unchanged', 'failed'], description: 'stored: a new revision; unchanged: the cluster matched the latest revision; failed: nothing stored' })
  outcome!: string;
  @ApiProperty({ description: 'whether this refresh stored a revision' }) revisionStored!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'the revision stored or matched; null when it failed' }) revision!: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'why it failed, naming the kubeconfig context and the API server' }) error!: string | null;
  @ApiProperty({ type: [RefreshWarningDto], description: 'kinds the credentials may not list, skipped objects' }) warnings!: RefreshWarningDto[];
}

export class TopologySourceDto {
  @ApiProperty({ enum: ['kubeconfig', 'inCluster'] }) kind!: string;
  @ApiProperty({ description: 'the kubeconfig context read (in-cluster for the service account)' }) context!: string;
  @ApiProperty({ type: String, nullable: true, description: 'the API server; for inCluster known after the first refresh' }) server!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'namespaced objects are kept only in matching namespaces' }) namespaceSelector!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '1h', description: 'between scheduled refreshes; null: on request only' }) refreshInterval!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) nextRefreshAt!: string | null;
  @ApiProperty({ type: RefreshDto, nullable: true, description: 'the latest refresh, whatever its outcome' }) lastRefresh!: RefreshDto | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'when a refresh last succeeded' }) lastSuccessAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
