import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { firstArgument } from '../../common/pagination/page-size.js';
import { parseInput } from '../../common/validation/parse-input.js';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { Caller } from '../../auth/caller.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { PlansService } from '../plans.service.js';
import { ReplicaNodesArgs } from './plan.inputs.js';
import { toNodeExplanation } from './plan-graphql.mapper.js';
import { NodeExplanationConnectionModel, PlanPlacementModel } from './plan.model.js';


@Resolver(() => PlanPlacementModel)
export class PlanPlacementResolver {
  constructor(private readonly plans: PlansService) {}

  @ResolveField(() => NodeExplanationConnectionModel, { description: "This replica's full per-node table (recomputed on demand)" })
  @RequiresRole('viewer')
  async nodes(@CurrentCaller() caller: Caller, @Parent() placement: PlanPlacementModel, @Args() args: ReplicaNodesArgs): Promise<NodeExplanationConnectionModel> {
    const page = parseInput(firstArgument, { first: args.first ?? undefined });
    const result = await this.plans.replicaNodes(caller.team, placement.planId, placement.pod, {
      namespace: placement.namespace,
      feasible: args.feasible ?? undefined,
      cursor: args.after ?? undefined,
      limit: page.first,
    });
    return {
      edges: result.items.map((node) => ({ node: toNodeExplanation(node), cursor: node.node })),
      pageInfo: { hasNextPage: result.nextCursor !== null, endCursor: result.nextCursor },
      totalCount: result.totalCount,
    };
  }
}
