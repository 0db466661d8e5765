import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { firstArgument } from '../../common/pagination/page-size.js';
import { forwardPageInfo } from '../../common/pagination/page-info.js';
import { parseInput } from '../../common/validation/parse-input.js';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { Caller } from '../../auth/caller.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { encodeOrdinal, PlansService } from '../plans.service.js';
import { z } from 'zod';
import { NodeConnectionModel, ZoneModel } from '../../topologies/graphql/node.model.js';
import { toNodeConnection, toZoneModel } from '../../topologies/graphql/topology-graphql.mapper.js';
import { nodeSortSchema } from '../../topologies/domain/node-order-arguments.js';
import { CreatePlanInput, PlanArgs, PlacementsArgs, PlanNodesArgs, PlansArgs, RerunPlanArgs } from './plan.inputs.js';
import { toNodeReplicas, toPlanModel, toPlanPlacementModel, toZoneReplicas } from './plan-graphql.mapper.js';
import { NodeReplicasModel, PlanConnectionModel, PlanModel, PlanPlacementConnectionModel, ZoneReplicasModel } from './plan.model.js';


/** Kubernetes objects arrive as a JSON array, or as one object / List. */
function asDocuments(objects: unknown): unknown[] {
  return Array.isArray(objects) ? objects : [objects];
}

function withoutNulls<T extends Record<string, unknown>>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null && value !== undefined)) as Partial<T>;
}

@Resolver(() => PlanModel)
export class PlansResolver {
  constructor(private readonly plansService: PlansService) {}

  @Query(() => PlanModel, { description: 'A stored plan' })
  @RequiresRole('viewer')
  async plan(@CurrentCaller() caller: Caller, @Args() args: PlanArgs): Promise<PlanModel> {
    return toPlanModel(await this.plansService.getView(caller.team, args.id));
  }

  @Query(() => PlanConnectionModel, { description: "A topology's stored plans, oldest first" })
  @RequiresRole('viewer')
  async plans(@CurrentCaller() caller: Caller, @Args() args: PlansArgs): Promise<PlanConnectionModel> {
    const page = parseInput(firstArgument, { first: args.first ?? undefined });
    const after = args.after ?? undefined;
    const result = await this.plansService.list(caller.team, args.topologyId, after, page.first);
    return {
      edges: result.items.map((view, index) => ({ node: toPlanModel(view), cursor: result.cursors[index] })),
      pageInfo: forwardPageInfo(result.cursors, { after, hasNextPage: result.nextCursor !== null }),
      countTotal: () => this.plansService.countPlans(caller.team, args.topologyId),
    };
  }

  @Mutation(() => PlanModel, { description: 'Runs and stores a plan against a saved topology' })
  @RequiresRole('planner', { audit: 'plan.create' })
  async createPlan(@CurrentCaller() caller: Caller, @Args('input', { description: 'the request' }) input: CreatePlanInput): Promise<PlanModel> {
    const { topologyId, workloads, fieldValidation, ...options } = input;
    const body = { ...withoutNulls(options), workloads: asDocuments(workloads) };
    const { view } = await this.plansService.create(caller.team, topologyId, body, { fieldValidation: fieldValidation ?? undefined });
    return toPlanModel(view);
  }

  @Mutation(() => PlanModel, { description: "Runs a stored plan's workloads again against a newer revision; the new plan links back" })
  @RequiresRole('planner', { audit: 'plan.rerun' })
  async rerunPlan(@CurrentCaller() caller: Caller, @Args() args: RerunPlanArgs): Promise<PlanModel> {
    const { id, ...options } = args;
    return toPlanModel((await this.plansService.rerun(caller.team, id, withoutNulls(options))).view);
  }

  @Mutation(() => PlanModel, { description: 'Stops a queued or running background plan (CONFLICT once it has finished)' })
  @RequiresRole('planner', { audit: 'plan.cancel' })
  async cancelPlan(@CurrentCaller() caller: Caller, @Args() args: PlanArgs): Promise<PlanModel> {
    return toPlanModel(await this.plansService.cancel(caller.team, args.id));
  }

  @Mutation(() => Boolean, { description: 'Deletes a stored plan' })
  @RequiresRole('planner', { audit: 'plan.delete' })
  async deletePlan(@CurrentCaller() caller: Caller, @Args() args: PlanArgs): Promise<boolean> {
    await this.plansService.delete(caller.team, args.id);
    return true;
  }

  @ResolveField(() => PlanPlacementConnectionModel, { description: "The plan's placements, one replica per edge in plan order (filter narrows them)" })
  @RequiresRole('viewer')
  async placements(@CurrentCaller() caller: Caller, @Parent() plan: PlanModel, @Args() args: PlacementsArgs): Promise<PlanPlacementConnectionModel> {
    const page = parseInput(firstArgument, { first: args.first ?? undefined });
    const filter = withoutNulls({ ...(args.filter ?? {}) });
    const after = args.after ?? undefined;
    const result = await this.plansService.placements(caller.team, plan.id, filter, after, page.first);
    const labels = await this.plansService.nodeLabels(await this.plansService.getView(caller.team, plan.id));
    const edges = result.items.map((stored) => ({ node: toPlanPlacementModel(plan.id, stored, labels), cursor: encodeOrdinal(stored.ordinal) }));
    return {
      edges,
      pageInfo: forwardPageInfo(edges.map((edge) => edge.cursor), { after, hasNextPage: result.nextCursor !== null }),
      countTotal: () => this.plansService.countPlacements(caller.team, plan.id, filter),
    };
  }

  @ResolveField(() => NodeConnectionModel, {
    description:
      "The nodes the plan ran on (its revision with its scenario's edits: added nodes listed, removed ones gone, labels and taints as edited) " +
      "with what is requested on each, sorted and narrowed by the plan's replicas; the same list as GET /v1/plans/{id}/nodes",
  })
  @RequiresRole('viewer')
  async nodes(@CurrentCaller() caller: Caller, @Parent() plan: PlanModel, @Args() args: PlanNodesArgs): Promise<NodeConnectionModel> {
    const page = parseInput(firstArgument, { first: args.first ?? undefined });
    const { sort } = parseInput(z.object({ sort: nodeSortSchema.default('name') }), { sort: args.sort ?? undefined });
    const after = args.after ?? undefined;
    const nodes = await this.plansService.nodes(caller.team, plan.id, {
      labelSelector: args.labelSelector ?? undefined,
      zone: args.zone ?? undefined,
      sort,
      withPlannedReplicas: args.withPlannedReplicas ?? undefined,
      cursor: after,
      cursorParameter: 'after',
      limit: page.first,
    });
    return toNodeConnection(nodes, after);
  }

  @ResolveField(() => [ZoneModel], {
    description: "Totals per zone of the nodes the plan ran on (its scenario's edits applied; nodes without a zone label last); the same as GET /v1/plans/{id}/zones",
  })
  @RequiresRole('viewer')
  async zones(@CurrentCaller() caller: Caller, @Parent() plan: PlanModel): Promise<ZoneModel[]> {
    return (await this.plansService.zones(caller.team, plan.id)).zones.map(toZoneModel);
  }

  @ResolveField(() => [NodeReplicasModel], { description: 'Replicas per node, per workload' })
  @RequiresRole('viewer')
  async byNode(@CurrentCaller() caller: Caller, @Parent() plan: PlanModel): Promise<NodeReplicasModel[]> {
    return toNodeReplicas(await this.plansService.countsByNode(caller.team, plan.id));
  }

  @ResolveField(() => [ZoneReplicasModel], { description: 'Replicas per zone, per workload' })
  @RequiresRole('viewer')
  async byZone(@CurrentCaller() caller: Caller, @Parent() plan: PlanModel): Promise<ZoneReplicasModel[]> {
    return toZoneReplicas(await this.plansService.countsByNode(caller.team, plan.id));
  }
}
