import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { FIELD_VALIDATION_DESCRIPTION, FieldValidation } from '../../common/graphql/field-validation.enum.js';

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

@ArgsType()
export class NodesArgs {
  @Field({ nullable: true, description: 'kubectl -l syntax' }) labelSelector?: string;
  @Field({ nullable: true, description: 'only nodes of this zone' }) zone?: string;
  @Field(() => Int, { nullable: true, description: 'how many to return (default 50, at most 500)' }) first?: number;
  @Field({ nullable: true, description: 'a cursor from this connection: list what follows it' }) after?: string;
}
