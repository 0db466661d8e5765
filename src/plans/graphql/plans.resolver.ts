import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../common/pagination/cursor.js';
import { parseInput } from '../../common/validation/parse-input.js';
import { PlansService } from '../plans.service.js';
import { CreatePlanInput, PlanArgs, PlacementsArgs, PlansArgs, RerunPlanArgs } from './plan.inputs.js';
import { toNodeReplicas, toPlanModel, toPlanPlacementModel, toZoneReplicas } from './plan-graphql.mapper.js';
import { NodeReplicasModel, PlanConnectionModel, PlanModel, PlanPlacementConnectionModel, ZoneReplicasModel } from './plan.model.js';

const first = z.number().int().min(1, 'must be at least 1').max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`).default(DEFAULT_PAGE_SIZE);

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
  async plan(@Args() args: PlanArgs): Promise<PlanModel> {
    return toPlanModel(await this.plansService.getView(args.id));
  }

  @Query(() => PlanConnectionModel, { description: "A topology's stored plans, oldest first" })
  async plans(@Args() args: PlansArgs): Promise<PlanConnectionModel> {
    const page = parseInput(z.object({ first }), { first: args.first ?? undefined });
    const result = await this.plansService.list(args.topologyId, args.after ?? undefined, page.first);
    return {
      edges: result.items.map((view) => ({ node: toPlanModel(view), cursor: view.id })),
      pageInfo: { hasNextPage: result.nextCursor !== null, endCursor: result.nextCursor },
    };
  }

  @Mutation(() => PlanModel, { description: 'Runs and stores a plan against a saved topology' })
  async createPlan(@Args('input') input: CreatePlanInput): Promise<PlanModel> {
    const { topologyId, workloads, ...options } = input;
    const { view } = await this.plansService.create(topologyId, { ...withoutNulls(options), workloads: asDocuments(workloads) });
    return toPlanModel(view);
  }

  @Mutation(() => PlanModel, { description: "Runs a stored plan's workloads again against a newer revision; the new plan links back" })
  async rerunPlan(@Args() args: RerunPlanArgs): Promise<PlanModel> {
    const { id, ...options } = args;
    return toPlanModel((await this.plansService.rerun(id, withoutNulls(options))).view);
  }

  @Mutation(() => Boolean)
  async deletePlan(@Args() args: PlanArgs): Promise<boolean> {
    await this.plansService.delete(args.id);
    return true;
  }

  @ResolveField(() => PlanPlacementConnectionModel)
  async placements(@Parent() plan: PlanModel, @Args() args: PlacementsArgs): Promise<PlanPlacementConnectionModel> {
    const page = parseInput(z.object({ first }), { first: args.first ?? undefined });
    const filter = withoutNulls({ ...(args.filter ?? {}) });
    const result = await this.plansService.placements(plan.id, filter, args.after ?? undefined, page.first);
    const labels = await this.plansService.nodeLabels(await this.plansService.getView(plan.id));
    return {
      edges: result.items.map((stored) => ({ node: toPlanPlacementModel(plan.id, stored, labels), cursor: String(stored.ordinal) })),
      pageInfo: { hasNextPage: result.nextCursor !== null, endCursor: result.nextCursor },
    };
  }

  @ResolveField(() => [NodeReplicasModel], { description: 'Replicas per node, per workload' })
  async byNode(@Parent() plan: PlanModel): Promise<NodeReplicasModel[]> {
    return toNodeReplicas(await this.plansService.countsByNode(plan.id));
  }

  @ResolveField(() => [ZoneReplicasModel], { description: 'Replicas per zone, per workload' })
  async byZone(@Parent() plan: PlanModel): Promise<ZoneReplicasModel[]> {
    return toZoneReplicas(await this.plansService.countsByNode(plan.id));
  }
}
