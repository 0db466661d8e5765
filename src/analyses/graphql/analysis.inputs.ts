import { Field, Float, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { FIELD_VALIDATION_DESCRIPTION, FieldValidation } from '../../common/graphql/field-validation.enum.js';

export enum CapacityMode {
  each = 'each',
  joint = 'joint',
}
registerEnumType(CapacityMode, { name: 'CapacityMode', description: 'each: every workload alone from the cluster as given; joint: in order on one evolving cluster' });

export enum FailureStudy {
  workloads = 'workloads',
  all = 'all',
}
registerEnumType(FailureStudy, { name: 'FailureStudy', description: 'workloads: only the submitted workloads; all: every workload in the cluster once they are placed' });

/** The fields every analysis shares with a simulation: where the cluster comes from, scheduler config, scenario. */
@InputType({ isAbstract: true })
export abstract class ClusterSourceInput {
  @Field(() => GraphQLJSON, { nullable: true, description: 'the cluster: Kubernetes objects or Lists (instead of topologyId)' })
  objects?: unknown;
  @Field(() => ID, { nullable: true }) topologyId?: string;
  @Field(() => Int, { nullable: true }) revision?: number;
  @Field(() => GraphQLJSON, { nullable: true, description: 'a KubeSchedulerConfiguration (v1) or bare profile' }) schedulerConfig?: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'ordered edits applied to a copy of the cluster first' }) scenario?: unknown;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release to emulate, "v1.32" … "v1.35" (default: the topology\'s, else the newest)' })
  kubernetesVersion?: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'feature gates of that release, e.g. { "PodLevelResources": false }' })
  featureGates?: Record<string, boolean>;
  @Field(() => FieldValidation, { nullable: true, description: FIELD_VALIDATION_DESCRIPTION }) fieldValidation?: FieldValidation;
}

@InputType('CapacityInput')
export class CapacityInput extends ClusterSourceInput {
  @Field(() => GraphQLJSON) workloads!: unknown;
  @Field(() => CapacityMode, { nullable: true }) mode?: CapacityMode;
  @Field(() => Int, { nullable: true }) maxReplicas?: number;
}

@InputType('NodeGroupInput')
export class NodeGroupInput {
  @Field() name!: string;
  @Field(() => GraphQLJSONObject, { description: 'a v1 Node; added nodes are named <name>-<n>' }) template!: Record<string, unknown>;
  @Field(() => [GraphQLJSONObject], { nullable: true, description: 'DRA: ResourceSlice templates every added node publishes (nodeName and pool set to the node)' }) resourceSlices?: Record<string, unknown>[];
  @Field(() => [String], { nullable: true }) zones?: string[];
  @Field(() => Int, { nullable: true }) maxCount?: number;
  @Field(() => Float, { nullable: true }) price?: number;
  @Field(() => [GraphQLJSONObject], { nullable: true, description: "each added node's CSINode drivers, as CSINode spec.drivers[]: { name, allocatable: { count } } (attach limits)" })
  csiDrivers?: Record<string, unknown>[];
}

@InputType('ScaleUpInput')
export class ScaleUpInput extends ClusterSourceInput {
  @Field(() => GraphQLJSON) workloads!: unknown;
  @Field(() => [NodeGroupInput]) nodeGroups!: NodeGroupInput[];
}

@InputType('FailureDomainsInput')
export class FailureDomainsInput extends ClusterSourceInput {
  @Field(() => GraphQLJSON, { nullable: true, description: 'placed first; default: every workload owning pods in the cluster' }) workloads?: unknown;
  @Field({ nullable: true }) topologyKey?: string;
  @Field(() => FailureStudy, { nullable: true }) study?: FailureStudy;
}

@InputType('SchedulerConfigCandidateInput')
export class SchedulerConfigCandidateInput {
  @Field() name!: string;
  @Field(() => GraphQLJSON, { nullable: true }) schedulerConfig?: unknown;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release to emulate, "v1.32" … "v1.35" (default: the topology\'s, else the newest)' })
  kubernetesVersion?: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'feature gates of that release, e.g. { "PodLevelResources": false }' })
  featureGates?: Record<string, boolean>;
}

@InputType('CompareConfigsInput')
export class CompareConfigsInput extends ClusterSourceInput {
  @Field(() => GraphQLJSON) workloads!: unknown;
  @Field(() => [SchedulerConfigCandidateInput]) configs!: SchedulerConfigCandidateInput[];
}

@InputType('FitSuggestionsInput')
export class FitSuggestionsInput extends ClusterSourceInput {
  @Field(() => GraphQLJSON) workloads!: unknown;
  @Field(() => [NodeGroupInput], { nullable: true, description: 'templates for the addNode suggestions' }) nodeGroups?: NodeGroupInput[];
}
