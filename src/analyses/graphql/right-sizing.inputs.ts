/** GraphQL inputs of the right-sizing analyses: the REST bodies' fields, the cluster as `objects`. */
import { Field, InputType, Int, Float } from '@nestjs/graphql';
import { ClusterSourceInput, NodeGroupInput } from './analysis.inputs.js';
import { describedEnum } from '../../common/graphql/described-enum.js';

export enum ConsolidationObjective {
  nodes = 'nodes',
  price = 'price',
}
describedEnum(ConsolidationObjective, 'ConsolidationObjective', 'nodes: remove as many nodes as possible; price: save as much as possible (node group prices)', {
  nodes: 'remove as many nodes as possible',
  price: 'save as much as possible (node group prices)',
});

@InputType('DrainRulesInput', { description: "Cluster Autoscaler's blocking drainability rules; each on unless set false" })
export class DrainRulesInput {
  @Field({ nullable: true, description: 'a pod without a controller keeps its node (NotReplicated)' }) replicated?: boolean;
  @Field({ nullable: true, description: 'a kube-system pod no PDB selects keeps its node (UnmovableKubeSystemPod)' }) system?: boolean;
  @Field({ nullable: true, description: 'a pod annotated safe-to-evict "false" keeps its node (NotSafeToEvictAnnotation)' }) notSafeToEvict?: boolean;
  @Field({ nullable: true, description: 'a pod with hostPath or disk emptyDir volumes keeps its node (LocalStorageRequested)' }) localStorage?: boolean;
}

@InputType('ConsolidationInput', { description: 'A consolidation: the cluster, which nodes may go, and the rules that keep pods in place' })
export class ConsolidationInput extends ClusterSourceInput {
  @Field({ nullable: true, description: 'label selector of the nodes that may go (default: every node)' }) candidates?: string;
  @Field(() => Int, { nullable: true, description: 'nodes that stay in each zone whatever the search finds' }) keepPerZone?: number;
  @Field({ nullable: true, description: 'drains stay within PodDisruptionBudgets (default true)' }) respectPdbs?: boolean;
  @Field(() => DrainRulesInput, { nullable: true, description: "Cluster Autoscaler's blocking drain rules, each on unless set false" }) rules?: DrainRulesInput;
  @Field(() => ConsolidationObjective, { nullable: true, description: 'nodes (default) or price' }) objective?: ConsolidationObjective;
  @Field(() => [NodeGroupInput], { nullable: true, description: 'prices: a node belongs to the first group whose template labels it carries' }) nodeGroups?: NodeGroupInput[];
  @Field(() => Int, { nullable: true, description: 'how long the search may look for a better answer (ms)' }) timeBudgetMs?: number;
}

@InputType('MigrationInput', { description: 'A migration: the nodes to empty and the node groups that may take their pods' })
export class MigrationInput extends ClusterSourceInput {
  @Field({ description: 'label selector of the nodes to empty' }) from!: string;
  @Field(() => [NodeGroupInput], { description: 'the node groups that may take the pods' }) nodeGroups!: NodeGroupInput[];
  @Field({ nullable: true, description: 'the old nodes stay, cordoned, while the pods move' }) keepOld?: boolean;
  @Field(() => Float, { nullable: true, description: 'price of one old node, when no node group describes the old pool' }) fromPrice?: number;
  @Field(() => Int, { nullable: true, description: 'how long the search may drop nodes to find a smaller answer (ms)' }) timeBudgetMs?: number;
}
