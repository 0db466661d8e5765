import { Args, Mutation, Parent, Query, ResolveField, Resolver, ID } from '@nestjs/graphql';
import { z } from 'zod';
import { firstArgument } from '../../common/pagination/page-size.js';
import { parseInput } from '../../common/validation/parse-input.js';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { Caller } from '../../auth/caller.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { topologyNameSchema } from '../rest/topology-upload.js';
import { TopologiesService } from '../topologies.service.js';
import { NodeConnectionModel, ZoneModel } from './node.model.js';
import { CreateTopologyInput, NodesArgs, RevisionDiffArgs, TopologiesArgs, TopologyArgs, UpdateTopologyArgs } from './topology.inputs.js';
import { toNodeConnection, toRevisionDiffModel, toTopologyConnection, toTopologyModel, toZoneModel } from './topology-graphql.mapper.js';
import { RevisionDiffModel } from './revision-diff.model.js';
import { TopologyConnectionModel, TopologyModel } from './topology.model.js';
import { revisionNumber } from '../../common/validation/revision-number.js';
import { nodeOrderFrom, nodeSortSchema, plannedLoadsSchema } from '../domain/node-order-arguments.js';

const revision = revisionNumber.optional();

/** Kubernetes objects arrive as a JSON array, or as one object / List. */
function asDocuments(objects: unknown): unknown[] {
  return Array.isArray(objects) ? objects : [objects];
}

@Resolver(() => TopologyModel)
export class TopologiesResolver {
  constructor(private readonly topologiesService: TopologiesService) {}

  @Query(() => TopologyModel, { description: 'One revision of a topology (default: the latest)' })
  @RequiresRole('viewer')
  async topology(@CurrentCaller() caller: Caller, @Args() args: TopologyArgs): Promise<TopologyModel> {
    const checked = parseInput(z.object({ revision }), { revision: args.revision ?? undefined });
    return toTopologyModel(await this.topologiesService.get(caller.team, args.id, checked.revision));
  }

  @Query(() => TopologyConnectionModel, { description: 'Topologies in creation order, latest revision each' })
  @RequiresRole('viewer')
  async topologies(@CurrentCaller() caller: Caller, @Args() args: TopologiesArgs): Promise<TopologyConnectionModel> {
    const page = parseInput(firstArgument, { first: args.first ?? undefined });
    const after = args.after ?? undefined;
    return toTopologyConnection(await this.topologiesService.list(caller.team, after, page.first, 'after'), after, () => this.topologiesService.count(caller.team));
  }

  @Query(() => RevisionDiffModel, { description: 'What changed between two revisions: nodes, pods, per-zone totals' })
  @RequiresRole('viewer')
  async topologyRevisionDiff(@CurrentCaller() caller: Caller, @Args() args: RevisionDiffArgs): Promise<RevisionDiffModel> {
    const checked = parseInput(z.object({ from: revisionNumber, to: revisionNumber }), { from: args.from, to: args.to });
    return toRevisionDiffModel(await this.topologiesService.diffRevisions(caller.team, args.id, checked.from, checked.to));
  }

  @ResolveField(() => NodeConnectionModel, { description: 'Nodes with what is requested on each: by name, or as sorted' })
  @RequiresRole('viewer')
  async nodes(@CurrentCaller() caller: Caller, @Parent() topology: TopologyModel, @Args() args: NodesArgs): Promise<NodeConnectionModel> {
    const page = parseInput(firstArgument, { first: args.first ?? undefined });
    const checked = parseInput(z.object({ sort: nodeSortSchema.default('name'), planned: plannedLoadsSchema.optional() }), {
      sort: args.sort ?? undefined,
      planned: args.planned ?? undefined,
    });
    const order = nodeOrderFrom({ ...checked, withPlannedReplicas: args.withPlannedReplicas ?? undefined, plannedPath: 'planned' });
    return toNodeConnection(
      await this.topologiesService.listNodes(caller.team, topology.id, {
        revision: topology.revision,
        labelSelector: args.labelSelector ?? undefined,
        zone: args.zone ?? undefined,
        cursor: args.after ?? undefined,
        cursorParameter: 'after',
        limit: page.first,
        ...order,
      }),
      args.after ?? undefined,
    );
  }

  @ResolveField(() => [ZoneModel], { description: 'Totals per zone (nodes without a zone label last)' })
  @RequiresRole('viewer')
  async zones(@CurrentCaller() caller: Caller, @Parent() topology: TopologyModel): Promise<ZoneModel[]> {
    const { zones } = await this.topologiesService.listZones(caller.team, topology.id, topology.revision);
    return zones.map(toZoneModel);
  }

  @Mutation(() => TopologyModel, { description: 'Stores Kubernetes objects as a new topology (revision 1)' })
  @RequiresRole('editor', { audit: 'topology.create' })
  async createTopology(@CurrentCaller() caller: Caller, @Args('input', { description: 'the request' }) input: CreateTopologyInput): Promise<TopologyModel> {
    const name = parseInput(topologyNameSchema, input.name, 'input.name');
    return toTopologyModel(await this.topologiesService.create(caller.team, { name, objects: asDocuments(input.objects), fieldValidation: input.fieldValidation ?? undefined }));
  }

  @Mutation(() => TopologyModel, { description: 'Stores a new revision, unless the objects equal the latest revision\'s (then `unchanged` is true and nothing is stored)' })
  @RequiresRole('editor', { audit: 'topology.update' })
  async updateTopology(@CurrentCaller() caller: Caller, @Args() args: UpdateTopologyArgs): Promise<TopologyModel> {
    const checked = parseInput(z.object({ name: topologyNameSchema.optional(), revision }), {
      name: args.name ?? undefined,
      revision: args.revision ?? undefined,
    });
    const replaced = await this.topologiesService.replace(caller.team, args.id, {
      objects: asDocuments(args.objects),
      name: checked.name,
      expectedRevision: checked.revision,
      fieldValidation: args.fieldValidation ?? undefined,
    });
    return { ...toTopologyModel(replaced), unchanged: replaced.unchanged };
  }

  @Mutation(() => Boolean, { description: 'Deletes the topology and all its revisions' })
  @RequiresRole('editor', { audit: 'topology.delete' })
  async deleteTopology(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: 'the id' }) id: string): Promise<boolean> {
    await this.topologiesService.delete(caller.team, id);
    return true;
  }
}
