import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { FIELD_VALIDATION_DESCRIPTION, FieldValidation } from '../../common/graphql/field-validation.enum.js';

export enum Explain {
  summary = 'summary',
  full = 'full',
}
registerEnumType(Explain, { name: 'Explain', description: 'summary: best candidates and rejection counts; full: every node' });

export enum EngineMode {
  exhaustive = 'exhaustive',
  faithful = 'faithful',
}
registerEnumType(EngineMode, {
  name: 'EngineMode',
  description: "exhaustive: every node filtered and scored, ties by name; faithful: upstream's node sampling and seeded random ties",
});

@InputType('SimulateInput')
export class SimulateInput {
  @Field(() => GraphQLJSON, { nullable: true, description: 'the cluster: Kubernetes objects or Lists (instead of topologyId)' })
  objects?: unknown;
  @Field(() => ID, { nullable: true }) topologyId?: string;
  @Field(() => Int, { nullable: true }) revision?: number;
  @Field(() => GraphQLJSON, { description: 'Deployments, ReplicaSets, StatefulSets, Pods, placed in order' }) workloads!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'a KubeSchedulerConfiguration (v1) or bare profile' }) schedulerConfig?: unknown;
  @Field(() => Explain, { nullable: true }) explain?: Explain;
  @Field(() => EngineMode, { nullable: true }) mode?: EngineMode;
  @Field(() => Float, { nullable: true }) seed?: number;
  @Field(() => Int, { nullable: true }) topCandidates?: number;
  @Field(() => Boolean, { nullable: true, description: 'workloads already running in the cluster: plan a new revision replacing their pods as their update strategy says (default: only replicas that do not run yet)' }) rollout?: boolean;
  @Field(() => GraphQLJSON, { nullable: true, description: 'ordered what-if edits applied to a copy of the cluster before planning' })
  scenario?: unknown;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release to emulate, "v1.32" … "v1.35" (default: the topology\'s, else the newest)' })
  kubernetesVersion?: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'feature gates of that release, e.g. { "PodLevelResources": false }' })
  featureGates?: Record<string, boolean>;
  @Field(() => FieldValidation, { nullable: true, description: FIELD_VALIDATION_DESCRIPTION }) fieldValidation?: FieldValidation;
}

@InputType('CreatePlanInput')
export class CreatePlanInput {
  @Field(() => ID) topologyId!: string;
  @Field(() => Int, { nullable: true }) revision?: number;
  @Field(() => GraphQLJSON) workloads!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) schedulerConfig?: unknown;
  @Field({ nullable: true }) name?: string;
  @Field(() => EngineMode, { nullable: true }) mode?: EngineMode;
  @Field(() => Float, { nullable: true }) seed?: number;
  @Field(() => Int, { nullable: true }) topCandidates?: number;
  @Field(() => Boolean, { nullable: true, description: 'workloads already running in the cluster: plan a new revision replacing their pods as their update strategy says (default: only replicas that do not run yet)' }) rollout?: boolean;
  @Field(() => GraphQLJSON, { nullable: true, description: 'ordered what-if edits applied to a copy of the cluster before planning' })
  scenario?: unknown;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release to emulate, "v1.32" … "v1.35" (default: the topology\'s, else the newest)' })
  kubernetesVersion?: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'feature gates of that release, e.g. { "PodLevelResources": false }' })
  featureGates?: Record<string, boolean>;
  @Field(() => FieldValidation, { nullable: true, description: FIELD_VALIDATION_DESCRIPTION }) fieldValidation?: FieldValidation;
}

@ArgsType()
export class RerunPlanArgs {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'default: the latest revision' }) revision?: number;
  @Field({ nullable: true }) name?: string;
}

@ArgsType()
export class PlanArgs {
  @Field(() => ID) id!: string;
}

@ArgsType()
export class PlansArgs {
  @Field(() => ID) topologyId!: string;
  @Field(() => Int, { nullable: true }) first?: number;
  @Field({ nullable: true }) after?: string;
}

@InputType('PlacementFilter')
export class PlacementFilterInput {
  @Field({ nullable: true, description: 'Kind/namespace/name, namespace/name or name' }) workload?: string;
  @Field({ nullable: true }) node?: string;
  @Field({ nullable: true }) unschedulable?: boolean;
}

@ArgsType()
export class PlacementsArgs {
  @Field(() => PlacementFilterInput, { nullable: true }) filter?: PlacementFilterInput;
  @Field(() => Int, { nullable: true }) first?: number;
  @Field({ nullable: true }) after?: string;
}

@ArgsType()
export class ReplicaNodesArgs {
  @Field(() => Int, { nullable: true }) first?: number;
  @Field({ nullable: true }) after?: string;
  @Field({ nullable: true, description: 'only feasible (true) or only rejected (false) nodes' }) feasible?: boolean;
}
