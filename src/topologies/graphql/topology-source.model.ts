/** GraphQL types of a topology's source and its latest refresh; the kubeconfig is input only. */
import { ArgsType, Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { FieldErrorModel } from './topology.model.js';
import { describedEnum } from '../../common/graphql/described-enum.js';

export enum SourceKindValue {
  kubeconfig = 'kubeconfig',
  inCluster = 'inCluster',
}
describedEnum(SourceKindValue, 'SourceKind', 'kubeconfig: a stored, sealed kubeconfig; inCluster: the service account of the pod podplan runs in', {
  kubeconfig: 'a stored, sealed kubeconfig',
  inCluster: 'the service account of the pod podplan runs in',
});

export enum RefreshOutcomeValue {
  stored = 'stored',
  unchanged = 'unchanged',
  failed = 'failed',
}
describedEnum(RefreshOutcomeValue, 'RefreshOutcome', 'stored: a new revision; unchanged: the cluster matched the latest revision, nothing stored; failed: nothing stored, see error', {
  stored: 'a new revision was stored',
  unchanged: 'the cluster matched the latest revision; nothing stored',
  failed: 'nothing stored; error says why',
});

export enum RefreshTriggerValue {
  schedule = 'schedule',
  request = 'request',
  sourceSet = 'source-set',
}
describedEnum(RefreshTriggerValue, 'RefreshTrigger', 'what started a refresh: its schedule, a request, or setting the source', {
  schedule: 'the refresh interval came round',
  request: 'refreshTopology asked for it',
  sourceSet: 'setTopologySource queued a first refresh',
});

@ObjectType('TopologyRefresh', { description: 'One refresh of a topology from its cluster' })
export class TopologyRefreshModel {
  @Field(() => RefreshTriggerValue, { description: 'what started it' }) trigger!: RefreshTriggerValue;
  @Field({ description: 'when it started' }) startedAt!: Date;
  @Field({ description: 'when it finished' }) finishedAt!: Date;
  @Field(() => Int, { description: 'milliseconds from start to finish' }) durationMs!: number;
  @Field(() => RefreshOutcomeValue, { description: 'stored, unchanged or failed' }) outcome!: RefreshOutcomeValue;
  @Field({ description: 'whether this refresh stored a revision' }) revisionStored!: boolean;
  @Field(() => Int, { nullable: true, description: 'the revision stored or matched; null when it failed' }) revision!: number | null;
  @Field(() => String, { nullable: true, description: 'why it failed, naming the kubeconfig context and the API server' }) error!: string | null;
  @Field(() => [FieldErrorModel], { description: 'kinds the credentials may not list, skipped objects' }) warnings!: FieldErrorModel[];
}

@ObjectType('TopologySource', { description: 'The cluster a topology follows (its kubeconfig is never returned)' })
export class TopologySourceModel {
  @Field(() => SourceKindValue, { description: 'a stored kubeconfig or the in-cluster service account' }) kind!: SourceKindValue;
  @Field({ description: 'the kubeconfig context read (in-cluster for the service account)' }) context!: string;
  @Field(() => String, { nullable: true, description: 'the API server; for inCluster known after the first refresh' }) server!: string | null;
  @Field(() => String, { nullable: true, description: 'namespaced objects are kept only in matching namespaces' }) namespaceSelector!: string | null;
  @Field(() => String, { nullable: true, description: 'between scheduled refreshes (e.g. 1h); null: on request only' }) refreshInterval!: string | null;
  @Field(() => Date, { nullable: true, description: 'when the next scheduled refresh is due; null without an interval' }) nextRefreshAt!: Date | null;
  @Field(() => TopologyRefreshModel, { nullable: true, description: 'the latest refresh, whatever its outcome' }) lastRefresh!: TopologyRefreshModel | null;
  @Field(() => Date, { nullable: true, description: 'when a refresh last succeeded' }) lastSuccessAt!: Date | null;
  @Field({ description: 'when the source was set' }) createdAt!: Date;
  @Field({ description: 'when the source last changed' }) updatedAt!: Date;
}

@InputType('TopologySourceInput', { description: "The cluster a topology follows: a kubeconfig or the pod's own service account" })
export class TopologySourceInputModel {
  @Field(() => String, { nullable: true, description: 'a self-contained kubeconfig (kubectl config view --raw --minify); stored sealed, never returned' })
  kubeconfig?: string;
  @Field(() => String, { nullable: true, description: "the kubeconfig's context (default: its current-context)" }) context?: string;
  @Field(() => Boolean, { nullable: true, description: "read the cluster podplan runs in, with its pod's service account" }) inCluster?: boolean;
  @Field(() => String, { nullable: true, description: 'kubectl -l syntax over namespace labels' }) namespaceSelector?: string;
  @Field(() => String, { nullable: true, description: 'e.g. 15m, 1h, 24h; null: refresh on request only' }) refreshInterval?: string;
}

@ArgsType()
export class SetTopologySourceArgs {
  @Field(() => ID, { description: 'the id' }) id!: string;
  @Field(() => TopologySourceInputModel, { description: 'the cluster to follow' }) source!: TopologySourceInputModel;
}
