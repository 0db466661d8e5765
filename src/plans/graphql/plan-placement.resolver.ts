import { Inject } from '@nestjs/common';
import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import type { Request } from 'express';
import { firstArgument } from '../../common/pagination/page-size.js';
import { forwardPageInfo } from '../../common/pagination/page-info.js';
import { parseInput } from '../../common/validation/parse-input.js';
import type { AppConfig } from '../../config/app-config.js';
import { APP_CONFIG } from '../../config/app-config.token.js';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { Caller } from '../../auth/caller.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { PlanReplays } from '../domain/plan-replays.js';
import { PlansService } from '../plans.service.js';
import { ReplicaNodesArgs } from './plan.inputs.js';
import { toNodeExplanation } from './plan-graphql.mapper.js';
import { NodeExplanationConnectionModel, PlanPlacementModel } from './plan.model.js';

@Resolver(() => PlanPlacementModel)
export class PlanPlacementResolver {
  /** One PlanReplays per GraphQL request: its `nodes` fields share replays and one work budget. */
  private readonly replaysByRequest = new WeakMap<Request, PlanReplays>();

  constructor(
    private readonly plans: PlansService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ResolveField(() => NodeExplanationConnectionModel, { description: "This replica's full per-node table (recomputed on demand by replaying the plan; the replicas of one plan asked for in one request share one replay)" })
  @RequiresRole('viewer')
  async nodes(
    @CurrentCaller() caller: Caller,
    @Parent() placement: PlanPlacementModel,
    @Args() args: ReplicaNodesArgs,
    @Context('req') request: Request,
  ): Promise<NodeExplanationConnectionModel> {
    const page = parseInput(firstArgument, { first: args.first ?? undefined });
    const result = await this.plans.placementNodes(
      caller.team,
      placement.planId,
      placement.ordinal,
      { feasible: args.feasible ?? undefined, cursor: args.after ?? undefined, limit: page.first },
      this.replaysOf(request),
    );
    return {
      edges: result.items.map((node, index) => ({ node: toNodeExplanation(node), cursor: result.cursors[index] })),
      pageInfo: forwardPageInfo(result.cursors, { after: args.after, hasNextPage: result.nextCursor !== null }),
      totalCount: result.totalCount,
    };
  }

  private replaysOf(request: Request): PlanReplays {
    let replays = this.replaysByRequest.get(request);
    if (!replays) {
      replays = new PlanReplays(this.config.limits.maxPlanWork);
      this.replaysByRequest.set(request, replays);
    }
    return replays;
  }
}
