import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyFrom } from '../../common/openapi/api-body-from.decorator.js';
import { topologySourceInput } from '../sources/topology-source.input.js';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { Caller } from '../../auth/caller.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { TopologySourcesService } from '../sources/topology-sources.service.js';
import { ProblemDto } from './topology.dto.js';
import { TopologySourceDto } from './topology-source.dto.js';
import { toTopologySourceDto } from './topology-source-rest.mapper.js';
import { ApiPathParameter } from '../../common/openapi/api-path-parameter.decorator.js';

/** A topology that follows a cluster: its source, and refreshes on request. */
@ApiTags('topologies')
@ApiBadRequestResponse({ type: ProblemDto, description: 'application/problem+json' })
@ApiNotFoundResponse({ type: ProblemDto, description: "application/problem+json: no such topology, or another team's, or it has no source (PUT sets one)" })
@Controller('v1/topologies/:id')
@ApiPathParameter('topology')
export class TopologySourcesController {
  constructor(private readonly sources: TopologySourcesService) {}

  @Get('source')
  @RequiresRole('viewer')
  @ApiOperation({ operationId: 'getTopologySource', summary: 'The cluster a topology follows, and its latest refresh' })
  @ApiOkResponse({ type: TopologySourceDto, description: 'the source and its latest refresh (never the kubeconfig)' })
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<TopologySourceDto> {
    return toTopologySourceDto(await this.sources.get(caller.team, id));
  }

  @Put('source')
  @RequiresRole('editor', { audit: 'topology.source.set' })
  @ApiOperation({ operationId: 'setTopologySource', summary: 'Make a topology follow a cluster (a kubeconfig, or the cluster podplan runs in)' })
  @ApiBodyFrom(topologySourceInput, {
    examples: {
      kubeconfig: { summary: 'a context of a kubeconfig, refreshed hourly', value: { kubeconfig: 'apiVersion: v1\nkind: Config\n…', context: 'prod-eu', refreshInterval: '1h' } },
      inCluster: { summary: 'the cluster podplan runs in, on request only', value: { inCluster: true } },
    },
  })
  @ApiOkResponse({ type: TopologySourceDto, description: 'stored; a first refresh is queued' })
  async set(@CurrentCaller() caller: Caller, @Param('id') id: string, @Body() body: unknown): Promise<TopologySourceDto> {
    return toTopologySourceDto(await this.sources.set(caller.team, id, body));
  }

  @Delete('source')
  @RequiresRole('editor', { audit: 'topology.source.delete' })
  @ApiOperation({ operationId: 'deleteTopologySource', summary: 'Stop following the cluster; the revisions stay' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'no longer refreshed; the revisions stay' })
  async remove(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<void> {
    await this.sources.remove(caller.team, id);
  }

  @Post('refresh')
  @RequiresRole('editor')
  @ApiOperation({ operationId: 'refreshTopology', summary: "Queue a refresh from the topology's source" })
  @HttpCode(202)
  @ApiAcceptedResponse({ type: TopologySourceDto, description: 'a refresh is queued; lastRefresh tells how it went' })
  async refresh(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<TopologySourceDto> {
    return toTopologySourceDto(await this.sources.requestRefresh(caller.team, id));
  }
}
