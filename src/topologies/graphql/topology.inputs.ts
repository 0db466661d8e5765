import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { FIELD_VALIDATION_DESCRIPTION, FieldValidation } from '../../common/graphql/field-validation.enum.js';
import { NodeSortValue } from './node-sort.enum.js';

@InputType('CreateTopologyInput', { description: 'A new topology from Kubernetes objects' })
export class CreateTopologyInput {
  @Field({ description: "the topology's name" }) name!: string;
  @Field(() => GraphQLJSON, { description: 'Kubernetes objects or Lists, as kubectl prints them (an array, or one object/List)' })
  objects!: unknown;
  @Field(() => FieldValidation, { nullable: true, description: FIELD_VALIDATION_DESCRIPTION }) fieldValidation?: FieldValidation;
}

@ArgsType()
export class UpdateTopologyArgs {
  @Field(() => ID, { description: 'the id' }) id!: string;
  @Field(() => GraphQLJSON, { description: 'Kubernetes objects or Lists, as kubectl prints them' }) objects!: unknown;
  @Field(() => Int, { nullable: true, description: 'the latest revision as read; a stale value fails with PRECONDITION_FAILED' })
  revision?: number;
  @Field({ nullable: true, description: 'a new name' }) name?: string;
  @Field(() => FieldValidation, { nullable: true, description: FIELD_VALIDATION_DESCRIPTION }) fieldValidation?: FieldValidation;
}

@ArgsType()
export class TopologyArgs {
  @Field(() => ID, { description: 'the id' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'a revision (default: the latest)' }) revision?: number;
}

@ArgsType()
export class RevisionDiffArgs {
  @Field(() => ID, { description: 'the id' }) id!: string;
  @Field(() => Int, { description: 'the earlier revision' }) from!: number;
  @Field(() => Int, { description: 'the later revision' }) to!: number;
}

@ArgsType()
export class TopologiesArgs {
  @Field(() => Int, { nullable: true, description: 'how many to return (default 50, at most 500)' }) first?: number;
  @Field({ nullable: true, description: 'a cursor from this connection: list what follows it' }) after?: string;
}

@InputType('PlannedNodeLoadInput', { description: "What a plan not stored (a dry run's answer) puts on one node: its replica count and their summed requests" })
export class PlannedNodeLoadInput {
  @Field({ description: 'the node name' }) node!: string;
  @Field(() => Int, { description: 'replicas the plan put on it (at least 1)' }) replicas!: number;
  @Field(() => Float, { nullable: true, description: "the replicas' summed CPU requests in millicores; null when unknown (cpu share stays at today's)" })
  cpuMillicores!: number | null;
  @Field(() => Float, { nullable: true, description: "the replicas' summed memory requests in bytes; null when unknown (memory share stays at today's)" })
  memoryBytes!: number | null;
}

@ArgsType()
export class NodesArgs {
  @Field({ nullable: true, description: 'kubectl -l syntax' }) labelSelector?: string;
  @Field({ nullable: true, description: 'only nodes of this zone' }) zone?: string;
  @Field(() => NodeSortValue, { nullable: true, description: 'the order (default: by name); the cursor `after` belongs to the order it came from' }) sort?: NodeSortValue;
  @Field(() => [PlannedNodeLoadInput], {
    nullable: true,
    description: "a plan's replicas per node (e.g. a dry run's): added to the shares cpu, memory and pods sort by; counted by replicas and withPlannedReplicas",
  })
  planned?: PlannedNodeLoadInput[];
  @Field({ nullable: true, description: 'only the nodes `planned` puts replicas on (needs planned)' }) withPlannedReplicas?: boolean;
  @Field(() => Int, { nullable: true, description: 'how many to return (default 50, at most 500)' }) first?: number;
  @Field({ nullable: true, description: 'a cursor from this connection: list what follows it' }) after?: string;
}
