import { Args, ID, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { Caller } from '../../auth/caller.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { TopologySourcesService } from '../sources/topology-sources.service.js';
import { TopologyModel } from './topology.model.js';
import { SetTopologySourceArgs, TopologySourceModel } from './topology-source.model.js';
import { toTopologySourceModel } from './topology-source-graphql.mapper.js';

/** A topology's source and refreshes; the same service as REST's /v1/topologies/{id}/source and /refresh. */
@Resolver(() => TopologyModel)
export class TopologySourcesResolver {
  constructor(private readonly sources: TopologySourcesService) {}

  @ResolveField(() => TopologySourceModel, { nullable: true, description: 'The cluster this topology follows, and its latest refresh; null when it has none' })
  @RequiresRole('viewer')
  async source(@CurrentCaller() caller: Caller, @Parent() topology: TopologyModel): Promise<TopologySourceModel | null> {
    const source = await this.sources.find(caller.team, topology.id);
    return source === null ? null : toTopologySourceModel(source);
  }

  @Mutation(() => TopologySourceModel, { description: 'Sets the cluster a topology follows (stored sealed) and queues a first refresh' })
  @RequiresRole('editor', { audit: 'topology.source.set' })
  async setTopologySource(@CurrentCaller() caller: Caller, @Args() args: SetTopologySourceArgs): Promise<TopologySourceModel> {
    const input = Object.fromEntries(Object.entries(args.source).filter(([, value]) => value !== undefined && value !== null));
    return toTopologySourceModel(await this.sources.set(caller.team, args.id, input, 'source'));
  }

  @Mutation(() => Boolean, { description: 'Stops following the cluster; the revisions stay' })
  @RequiresRole('editor', { audit: 'topology.source.delete' })
  async removeTopologySource(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: 'the id' }) id: string): Promise<boolean> {
    await this.sources.remove(caller.team, id);
    return true;
  }

  @Mutation(() => TopologySourceModel, { description: 'Queues a refresh now; lastRefresh tells how it went' })
  @RequiresRole('editor')
  async refreshTopology(@CurrentCaller() caller: Caller, @Args('id', { type: () => ID, description: 'the id' }) id: string): Promise<TopologySourceModel> {
    return toTopologySourceModel(await this.sources.requestRefresh(caller.team, id));
  }
}
