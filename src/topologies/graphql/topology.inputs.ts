import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { FIELD_VALIDATION_DESCRIPTION, FieldValidation } from '../../common/graphql/field-validation.enum.js';

@InputType('CreateTopologyInput')
export class CreateTopologyInput {
  @Field() name!: string;
  @Field(() => GraphQLJSON, { description: 'Kubernetes objects or Lists, as kubectl prints them (an array, or one object/List)' })
  objects!: unknown;
  @Field(() => FieldValidation, { nullable: true, description: FIELD_VALIDATION_DESCRIPTION }) fieldValidation?: FieldValidation;
}

@ArgsType()
export class UpdateTopologyArgs {
  @Field(() => ID) id!: string;
  @Field(() => GraphQLJSON) objects!: unknown;
  @Field(() => Int, { nullable: true, description: 'the latest revision as read; a stale value fails with PRECONDITION_FAILED' })
  revision?: number;
  @Field({ nullable: true }) name?: string;
  @Field(() => FieldValidation, { nullable: true, description: FIELD_VALIDATION_DESCRIPTION }) fieldValidation?: FieldValidation;
}

@ArgsType()
export class TopologyArgs {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) revision?: number;
}

@ArgsType()
export class RevisionDiffArgs {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'the earlier revision' }) from!: number;
  @Field(() => Int, { description: 'the later revision' }) to!: number;
}

@ArgsType()
export class TopologiesArgs {
  @Field(() => Int, { nullable: true }) first?: number;
  @Field({ nullable: true }) after?: string;
}

@ArgsType()
export class NodesArgs {
  @Field({ nullable: true, description: 'kubectl -l syntax' }) labelSelector?: string;
  @Field({ nullable: true }) zone?: string;
  @Field(() => Int, { nullable: true }) first?: number;
  @Field({ nullable: true }) after?: string;
}
