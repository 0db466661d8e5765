/** GraphQL shape of GET /v1/topologies/{id}/revisions/{from}/diff/{to} (same fields, same meaning). */
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { TaintModel } from './node.model.js';
import { ResourceTotalsModel } from './topology.model.js';

@ObjectType('RevisionNodeRef')
export class RevisionNodeRefModel {
  @Field() name!: string;
  @Field(() => String, { nullable: true }) zone!: string | null;
}

@ObjectType('LabelChanges')
export class LabelChangesModel {
  @Field(() => GraphQLJSONObject, { description: 'key → value' }) added!: Record<string, string>;
  @Field(() => GraphQLJSONObject, { description: 'key → value' }) removed!: Record<string, string>;
  @Field(() => GraphQLJSONObject, { description: 'key → {from, to}' }) changed!: Record<string, unknown>;
}

@ObjectType('TaintChanges')
export class TaintChangesModel {
  @Field(() => [TaintModel]) added!: TaintModel[];
  @Field(() => [TaintModel]) removed!: TaintModel[];
}

@ObjectType('BooleanChange')
export class BooleanChangeModel {
  @Field() from!: boolean;
  @Field() to!: boolean;
}

@ObjectType('RevisionNodeChange')
export class RevisionNodeChangeModel extends RevisionNodeRefModel {
  @Field(() => LabelChangesModel) labels!: LabelChangesModel;
  @Field(() => TaintChangesModel) taints!: TaintChangesModel;
  @Field(() => GraphQLJSONObject, { description: 'resource → {from, to} in scheduler units; null: absent on that side' })
  allocatable!: Record<string, unknown>;
  @Field(() => BooleanChangeModel, { nullable: true, description: 'set when the node was cordoned or uncordoned' }) unschedulable!: BooleanChangeModel | null;
}

@ObjectType('RevisionPodRef')
export class RevisionPodRefModel {
  @Field() namespace!: string;
  @Field() name!: string;
  @Field() node!: string;
}

@ObjectType('RevisionPodMove')
export class RevisionPodMoveModel {
  @Field() namespace!: string;
  @Field() name!: string;
  @Field() from!: string;
  @Field() to!: string;
}

@ObjectType('RevisionNodesDiff')
export class RevisionNodesDiffModel {
  @Field(() => [RevisionNodeRefModel]) added!: RevisionNodeRefModel[];
  @Field(() => [RevisionNodeRefModel]) removed!: RevisionNodeRefModel[];
  @Field(() => [RevisionNodeChangeModel]) changed!: RevisionNodeChangeModel[];
}

@ObjectType('RevisionPodsDiff')
export class RevisionPodsDiffModel {
  @Field(() => [RevisionPodRefModel]) added!: RevisionPodRefModel[];
  @Field(() => [RevisionPodRefModel]) removed!: RevisionPodRefModel[];
  @Field(() => [RevisionPodMoveModel]) moved!: RevisionPodMoveModel[];
}

@ObjectType('RevisionZoneTotals')
export class RevisionZoneTotalsModel {
  @Field(() => Int) nodes!: number;
  @Field(() => Int) pods!: number;
  @Field(() => ResourceTotalsModel) allocatable!: ResourceTotalsModel;
  @Field(() => ResourceTotalsModel) requested!: ResourceTotalsModel;
}

@ObjectType('RevisionZoneChange')
export class RevisionZoneChangeModel {
  @Field(() => String, { nullable: true, description: 'null: nodes without a zone label' }) zone!: string | null;
  @Field(() => RevisionZoneTotalsModel, { nullable: true, description: 'null: no node of the zone in that revision' }) from!: RevisionZoneTotalsModel | null;
  @Field(() => RevisionZoneTotalsModel, { nullable: true }) to!: RevisionZoneTotalsModel | null;
}

@ObjectType('RevisionDiff', { description: 'What changed between two revisions of a topology, in what scheduling reads' })
export class RevisionDiffModel {
  @Field(() => ID) topologyId!: string;
  @Field(() => Int) from!: number;
  @Field(() => Int) to!: number;
  @Field(() => RevisionNodesDiffModel) nodes!: RevisionNodesDiffModel;
  @Field(() => RevisionPodsDiffModel, { description: 'pods bound to a node of the revision, not terminated' }) pods!: RevisionPodsDiffModel;
  @Field(() => [RevisionZoneChangeModel]) zones!: RevisionZoneChangeModel[];
}
