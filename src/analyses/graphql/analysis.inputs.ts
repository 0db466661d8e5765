import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { FIELD_VALIDATION_DESCRIPTION, FieldValidation } from '../../common/graphql/field-validation.enum.js';
import { describedEnum } from '../../common/graphql/described-enum.js';

export enum CapacityMode {
  each = 'each',
  joint = 'joint',
}
describedEnum(CapacityMode, 'CapacityMode', 'each: every workload alone from the cluster as given; joint: in order on one evolving cluster', {
  each: 'every workload alone, from the cluster as given',
  joint: 'the workloads in order, each on the cluster the previous ones filled',
});

export enum FailureStudy {
  workloads = 'workloads',
  all = 'all',
}
describedEnum(FailureStudy, 'FailureStudy', 'workloads: only the submitted workloads; all: every workload in the cluster once they are placed', {
  workloads: 'only the submitted workloads',
  all: 'every workload of the cluster, once the submitted ones are placed',
});

/** The fields every analysis shares with a simulation: where the cluster comes from, scheduler config, scenario. */
@InputType({ isAbstract: true })
export abstract class ClusterSourceInput {
  @Field(() => GraphQLJSON, { nullable: true, description: 'the cluster: Kubernetes objects or Lists (instead of topologyId)' })
  objects?: unknown;
  @Field(() => ID, { nullable: true, description: 'a saved topology instead of objects' }) topologyId?: string;
  @Field(() => Int, { nullable: true, description: 'the revision of topologyId (default: the latest)' }) revision?: number;
  @Field(() => GraphQLJSON, { nullable: true, description: 'a KubeSchedulerConfiguration (v1) or bare profile' }) schedulerConfig?: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'ordered edits applied to a copy of the cluster first' }) scenario?: unknown;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release to emulate, "v1.32" … "v1.35" (default: the topology\'s, else the newest)' })
  kubernetesVersion?: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'feature gates of that release, e.g. { "PodLevelResources": false }' })
  featureGates?: Record<string, boolean>;
  @Field(() => FieldValidation, { nullable: true, description: FIELD_VALIDATION_DESCRIPTION }) fieldValidation?: FieldValidation;
}

@InputType('CapacityInput', { description: 'A capacity analysis: the cluster (objects or a saved topology) and the workloads to count' })
export class CapacityInput extends ClusterSourceInput {
  @Field(() => GraphQLJSON, { description: 'Deployments, ReplicaSets, StatefulSets or Pods whose room to count' }) workloads!: unknown;
  @Field(() => CapacityMode, { nullable: true, description: 'each (default) or joint' }) mode?: CapacityMode;
  @Field(() => Int, { nullable: true, description: 'stop counting a workload at this many (default 1000)' }) maxReplicas?: number;
}

@InputType('NodeGroupInput', { description: 'A kind of node an analysis may add (Cluster Autoscaler node group): a Node template, zones, a limit, a price' })
export class NodeGroupInput {
  @Field({ description: "the group's name" }) name!: string;
  @Field(() => GraphQLJSONObject, { description: 'a v1 Node; added nodes are named <name>-<n>' }) template!: Record<string, unknown>;
  @Field(() => [GraphQLJSONObject], { nullable: true, description: 'DRA: ResourceSlice templates every added node publishes (nodeName and pool set to the node)' }) resourceSlices?: Record<string, unknown>[];
  @Field(() => [String], { nullable: true, description: 'zones it may add nodes in' }) zones?: string[];
  @Field(() => Int, { nullable: true, description: 'the most nodes the group may add' }) maxCount?: number;
  @Field(() => Float, { nullable: true, description: 'price per node per hour' }) price?: number;
  @Field(() => [GraphQLJSONObject], { nullable: true, description: "each added node's CSINode drivers, as CSINode spec.drivers[]: { name, allocatable: { count } } (attach limits)" })
  csiDrivers?: Record<string, unknown>[];
}

@InputType('ScaleUpInput', { description: 'A scale-up: the cluster, the workloads and the node groups that may grow' })
export class ScaleUpInput extends ClusterSourceInput {
  @Field(() => GraphQLJSON, { description: 'the workloads every replica of which must be placed' }) workloads!: unknown;
  @Field(() => [NodeGroupInput], { description: 'the node groups that may grow' }) nodeGroups!: NodeGroupInput[];
}

@InputType('FailureDomainsInput', { description: 'A failure-domain study: the cluster, the workloads placed first, the topology key' })
export class FailureDomainsInput extends ClusterSourceInput {
  @Field(() => GraphQLJSON, { nullable: true, description: 'placed first; default: every workload owning pods in the cluster' }) workloads?: unknown;
  @Field({ nullable: true, description: 'the node label whose values are the domains (default topology.kubernetes.io/zone)' }) topologyKey?: string;
  @Field(() => FailureStudy, { nullable: true, description: 'workloads (default) or all' }) study?: FailureStudy;
}

@InputType('SchedulerConfigCandidateInput', { description: 'One scheduler configuration to compare' })
export class SchedulerConfigCandidateInput {
  @Field({ description: "the configuration's name in the answer" }) name!: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'a KubeSchedulerConfiguration (v1) or bare profile' }) schedulerConfig?: unknown;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release to emulate, "v1.32" … "v1.35" (default: the topology\'s, else the newest)' })
  kubernetesVersion?: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'feature gates of that release, e.g. { "PodLevelResources": false }' })
  featureGates?: Record<string, boolean>;
}

@InputType('CompareConfigsInput', { description: 'The same workloads to plan under each of several scheduler configurations' })
export class CompareConfigsInput extends ClusterSourceInput {
  @Field(() => GraphQLJSON, { description: 'the workloads to plan under each' }) workloads!: unknown;
  @Field(() => [SchedulerConfigCandidateInput], { description: 'the configurations, the first the baseline' }) configs!: SchedulerConfigCandidateInput[];
}

@InputType('FitSuggestionsInput', { description: 'A simulation to run and explain: the cluster, the workloads, templates for added nodes' })
export class FitSuggestionsInput extends ClusterSourceInput {
  @Field(() => GraphQLJSON, { description: 'the workloads to place and explain' }) workloads!: unknown;
  @Field(() => [NodeGroupInput], { nullable: true, description: 'templates for the addNode suggestions' }) nodeGroups?: NodeGroupInput[];
}
