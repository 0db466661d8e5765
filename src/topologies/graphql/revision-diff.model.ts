/** GraphQL shape of GET /v1/topologies/{id}/revisions/{from}/diff/{to} (same fields, same meaning). */
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { TaintModel } from './node.model.js';
import { ResourceTotalsModel } from './topology.model.js';

@ObjectType('RevisionNodeRef', { description: 'A node added or removed between two revisions' })
export class RevisionNodeRefModel {
  @Field({ description: "the node's name" }) name!: string;
  @Field(() => String, { nullable: true, description: "the node's zone" }) zone!: string | null;
}

@ObjectType('LabelChanges', { description: 'Labels added, removed and changed on a node between two revisions' })
export class LabelChangesModel {
  @Field(() => GraphQLJSONObject, { description: 'key → value' }) added!: Record<string, string>;
  @Field(() => GraphQLJSONObject, { description: 'key → value' }) removed!: Record<string, string>;
  @Field(() => GraphQLJSONObject, { description: 'key → {from, to}' }) changed!: Record<string, unknown>;
}

@ObjectType('TaintChanges', { description: 'Taints added and removed on a node between two revisions' })
export class TaintChangesModel {
  @Field(() => [TaintModel], { description: 'taints only the later revision has' }) added!: TaintModel[];
  @Field(() => [TaintModel], { description: 'taints only the earlier revision has' }) removed!: TaintModel[];
}

@ObjectType('BooleanChange', { description: 'A boolean that changed between two revisions' })
export class BooleanChangeModel {
  @Field({ description: 'in the earlier revision' }) from!: boolean;
  @Field({ description: 'in the later revision' }) to!: boolean;
}

@ObjectType('RevisionNodeChange', { description: 'A node present in both revisions whose scheduling inputs changed' })
export class RevisionNodeChangeModel extends RevisionNodeRefModel {
  @Field(() => LabelChangesModel, { description: 'label changes' }) labels!: LabelChangesModel;
  @Field(() => TaintChangesModel, { description: 'taint changes' }) taints!: TaintChangesModel;
  @Field(() => GraphQLJSONObject, { description: 'resource → {from, to} in scheduler units; null: absent on that side' })
  allocatable!: Record<string, unknown>;
  @Field(() => BooleanChangeModel, { nullable: true, description: 'set when the node was cordoned or uncordoned' }) unschedulable!: BooleanChangeModel | null;
}

@ObjectType('RevisionPodRef', { description: 'A pod added or removed between two revisions' })
export class RevisionPodRefModel {
  @Field({ description: "the pod's namespace" }) namespace!: string;
  @Field({ description: "the pod's name" }) name!: string;
  @Field({ description: 'the node it is bound to' }) node!: string;
}

@ObjectType('RevisionPodMove', { description: 'A pod bound to another node in the later revision' })
export class RevisionPodMoveModel {
  @Field({ description: "the pod's namespace" }) namespace!: string;
  @Field({ description: "the pod's name" }) name!: string;
  @Field({ description: 'its node in the earlier revision' }) from!: string;
  @Field({ description: 'its node in the later revision' }) to!: string;
}

@ObjectType('RevisionNodesDiff', { description: 'Nodes added, removed and changed between two revisions' })
export class RevisionNodesDiffModel {
  @Field(() => [RevisionNodeRefModel], { description: 'nodes only the later revision has' }) added!: RevisionNodeRefModel[];
  @Field(() => [RevisionNodeRefModel], { description: 'nodes only the earlier revision has' }) removed!: RevisionNodeRefModel[];
  @Field(() => [RevisionNodeChangeModel], { description: 'nodes whose scheduling inputs changed' }) changed!: RevisionNodeChangeModel[];
}

@ObjectType('RevisionPodsDiff', { description: 'Bound pods added, removed and moved between two revisions' })
export class RevisionPodsDiffModel {
  @Field(() => [RevisionPodRefModel], { description: 'pods only the later revision has' }) added!: RevisionPodRefModel[];
  @Field(() => [RevisionPodRefModel], { description: 'pods only the earlier revision has' }) removed!: RevisionPodRefModel[];
  @Field(() => [RevisionPodMoveModel], { description: 'pods bound to another node' }) moved!: RevisionPodMoveModel[];
}

@ObjectType('RevisionZoneTotals', { description: "A zone's nodes, pods and resources in one revision" })
export class RevisionZoneTotalsModel {
  @Field(() => Int, { description: 'nodes in the zone' }) nodes!: number;
  @Field(() => Int, { description: 'pods bound to them' }) pods!: number;
  @Field(() => ResourceTotalsModel, { description: 'allocatable resources, scheduler units' }) allocatable!: ResourceTotalsModel;
  @Field(() => ResourceTotalsModel, { description: 'requests of the bound pods, scheduler units' }) requested!: ResourceTotalsModel;
}

@ObjectType('RevisionZoneChange', { description: "A zone's totals in both revisions" })
export class RevisionZoneChangeModel {
  @Field(() => String, { nullable: true, description: 'null: nodes without a zone label' }) zone!: string | null;
  @Field(() => RevisionZoneTotalsModel, { nullable: true, description: 'null: no node of the zone in that revision' }) from!: RevisionZoneTotalsModel | null;
  @Field(() => RevisionZoneTotalsModel, { nullable: true, description: 'the later revision; null: no node of the zone' }) to!: RevisionZoneTotalsModel | null;
}

@ObjectType('RevisionDiff', { description: 'What changed between two revisions of a topology, in what scheduling reads' })
export class RevisionDiffModel {
  @Field(() => ID, { description: 'the topology' }) topologyId!: string;
  @Field(() => Int, { description: 'the earlier revision' }) from!: number;
  @Field(() => Int, { description: 'the later revision' }) to!: number;
  @Field(() => RevisionNodesDiffModel, { description: 'nodes added, removed and changed' }) nodes!: RevisionNodesDiffModel;
  @Field(() => RevisionPodsDiffModel, { description: 'pods bound to a node of the revision, not terminated' }) pods!: RevisionPodsDiffModel;
  @Field(() => [RevisionZoneChangeModel], { description: 'per-zone totals in both revisions' }) zones!: RevisionZoneChangeModel[];
}
