import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { FIELD_VALIDATION_DESCRIPTION, FieldValidation } from '../../common/graphql/field-validation.enum.js';
import { describedEnum } from '../../common/graphql/described-enum.js';
import { NodeSortValue } from '../../topologies/graphql/node-sort.enum.js';

export enum Explain {
  summary = 'summary',
  full = 'full',
}
describedEnum(Explain, 'Explain', 'summary: best candidates and rejection counts; full: every node', {
  summary: 'each placement carries its best candidates and rejection counts (small for 5,000-node clusters)',
  full: 'each placement carries every node with every failing filter or its scores',
});

export enum EngineMode {
  exhaustive = 'exhaustive',
  faithful = 'faithful',
}
describedEnum(EngineMode, 'EngineMode', "exhaustive: every node filtered and scored, ties by name; faithful: upstream's node sampling and seeded random ties", {
  exhaustive: 'every node filtered and scored; ties broken by node name',
  faithful: "upstream's percentageOfNodesToScore sampling and seeded random tie-breaks",
});

@InputType('SimulateInput', { description: 'A stateless simulation: the cluster (objects or a saved topology) and the workloads to place' })
export class SimulateInput {
  @Field(() => GraphQLJSON, { nullable: true, description: 'the cluster: Kubernetes objects or Lists (instead of topologyId)' })
  objects?: unknown;
  @Field(() => ID, { nullable: true, description: 'a saved topology instead of objects' }) topologyId?: string;
  @Field(() => Int, { nullable: true, description: 'the revision of topologyId (default: the latest)' }) revision?: number;
  @Field(() => GraphQLJSON, { description: 'Deployments, ReplicaSets, StatefulSets, Pods, placed in order' }) workloads!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'a KubeSchedulerConfiguration (v1) or bare profile' }) schedulerConfig?: unknown;
  @Field(() => Explain, { nullable: true, description: 'summary (default): best candidates and rejection counts; full: every node' }) explain?: Explain;
  @Field(() => EngineMode, { nullable: true, description: 'exhaustive (default) or faithful' }) mode?: EngineMode;
  @Field(() => Float, { nullable: true, description: 'faithful mode: the seed of the random tie-breaks' }) seed?: number;
  @Field(() => Int, { nullable: true, description: 'candidates kept per placement with explain: summary (default 3)' }) topCandidates?: number;
  @Field(() => Boolean, { nullable: true, description: 'workloads already running in the cluster: plan a new revision replacing their pods as their update strategy says (default: only replicas that do not run yet)' }) rollout?: boolean;
  @Field(() => GraphQLJSON, { nullable: true, description: 'ordered what-if edits applied to a copy of the cluster before planning' })
  scenario?: unknown;
  @Field(() => String, { nullable: true, description: 'the kube-scheduler release to emulate, "v1.32" … "v1.35" (default: the topology\'s, else the newest)' })
  kubernetesVersion?: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'feature gates of that release, e.g. { "PodLevelResources": false }' })
  featureGates?: Record<string, boolean>;
  @Field(() => FieldValidation, { nullable: true, description: FIELD_VALIDATION_DESCRIPTION }) fieldValidation?: FieldValidation;
}

@InputType('CreatePlanInput', { description: 'A plan to run and store against a saved topology' })
export class CreatePlanInput {
  @Field(() => ID, { description: 'the saved topology to plan on' }) topologyId!: string;
  @Field(() => Int, { nullable: true, description: 'the revision of topologyId (default: the latest)' }) revision?: number;
  @Field(() => GraphQLJSON, { description: 'Deployments, ReplicaSets, StatefulSets, Pods, placed in order' }) workloads!: unknown;
  @Field(() => GraphQLJSON, { nullable: true, description: 'a KubeSchedulerConfiguration (v1) or bare profile' }) schedulerConfig?: unknown;
  @Field({ nullable: true, description: 'a name to find the plan by' }) name?: string;
  @Field(() => EngineMode, { nullable: true, description: 'exhaustive (default) or faithful' }) mode?: EngineMode;
  @Field(() => Float, { nullable: true, description: 'faithful mode: the seed of the random tie-breaks' }) seed?: number;
  @Field(() => Int, { nullable: true, description: 'candidates kept per placement with explain: summary (default 3)' }) topCandidates?: number;
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
  @Field(() => ID, { description: 'the id' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'default: the latest revision' }) revision?: number;
  @Field({ nullable: true, description: 'a new name' }) name?: string;
}

@ArgsType()
export class PlanArgs {
  @Field(() => ID, { description: 'the id' }) id!: string;
}

@ArgsType()
export class PlansArgs {
  @Field(() => ID, { description: 'the topology whose plans to list' }) topologyId!: string;
  @Field(() => Int, { nullable: true, description: 'how many to return (default 50, at most 500)' }) first?: number;
  @Field({ nullable: true, description: 'a cursor from this connection: list what follows it' }) after?: string;
}

@InputType('PlacementFilter', { description: "Which of a plan's placements to list" })
export class PlacementFilterInput {
  @Field({ nullable: true, description: 'Kind/namespace/name, namespace/name or name' }) workload?: string;
  @Field({ nullable: true, description: 'only replicas placed on this node' }) node?: string;
  @Field({ nullable: true, description: 'only unplaced (true) or only placed (false) replicas' }) unschedulable?: boolean;
}

@ArgsType()
export class PlacementsArgs {
  @Field(() => PlacementFilterInput, { nullable: true, description: 'which placements to list' }) filter?: PlacementFilterInput;
  @Field(() => Int, { nullable: true, description: 'how many to return (default 50, at most 500)' }) first?: number;
  @Field({ nullable: true, description: 'a cursor from this connection: list what follows it' }) after?: string;
}

/** Plan.nodes: the options of GET /v1/plans/{id}/nodes (the plan's own replicas stand in for Topology.nodes' `planned`). */
@ArgsType()
export class PlanNodesArgs {
  @Field({ nullable: true, description: 'only nodes whose labels match (kubectl -l syntax), as the plan saw them' }) labelSelector?: string;
  @Field({ nullable: true, description: 'only nodes of this zone, as the plan saw it' }) zone?: string;
  @Field(() => NodeSortValue, {
    nullable: true,
    description: "the order (default: by name); cpu, memory, pods: highest share after the plan's replicas are added first; replicas: most planned replicas first",
  })
  sort?: NodeSortValue;
  @Field({ nullable: true, description: 'true: only the nodes the plan put replicas on' }) withPlannedReplicas?: boolean;
  @Field(() => Int, { nullable: true, description: 'how many to return (default 50, at most 500)' }) first?: number;
  @Field({ nullable: true, description: 'a cursor from this connection: list what follows it' }) after?: string;
}

@ArgsType()
export class ReplicaNodesArgs {
  @Field(() => Int, { nullable: true, description: 'how many to return (default 50, at most 500)' }) first?: number;
  @Field({ nullable: true, description: 'a cursor from this connection: list what follows it' }) after?: string;
  @Field({ nullable: true, description: 'only feasible (true) or only rejected (false) nodes' }) feasible?: boolean;
}
