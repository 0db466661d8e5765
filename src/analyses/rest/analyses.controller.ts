import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { Caller } from '../../auth/caller.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { AnalysesService } from '../analyses.service.js';

@ApiTags('analyses')
@ApiBadRequestResponse({ description: 'application/problem+json with errors[].path' })
@ApiNotFoundResponse({ description: 'application/problem+json: the topology does not exist' })
@Controller('v1/analyses')
export class AnalysesController {
  constructor(private readonly analyses: AnalysesService) {}

  @Post('capacity')
  @RequiresRole('planner')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ mode, maxReplicas, workloads: [{ workload, additionalReplicas, limitedBy, byNode, byZone, suggestions }] }' })
  capacity(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.analyses.capacity(caller.team, body);
  }

  @Post('scale-up')
  @RequiresRole('planner')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ feasible: true, added, totalNodes, totalPrice, plan } or { feasible: false, reason }' })
  scaleUp(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.analyses.scaleUp(caller.team, body);
  }

  @Post('failure-domains')
  @RequiresRole('planner')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ topologyKey, domains: [{ domain, nodes, workloads: [{ lost, rescheduled, unplaceable, messages }] }], verdicts }' })
  failureDomains(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.analyses.failureDomains(caller.team, body);
  }

  @Post('fit-suggestions')
  @RequiresRole('planner')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ summary, unplaceable: [{ workload, replica, pod, message, suggestions: [{ change, feasibleNodes, node }] }] }' })
  fitSuggestions(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.analyses.fitSuggestions(caller.team, body);
  }

  @Post('compare-configs')
  @RequiresRole('planner')
  @HttpCode(200)
  @ApiOkResponse({ description: '{ configs: [{ name, summary, utilisation, diffFromFirst }] }' })
  compareConfigs(@CurrentCaller() caller: Caller, @Body() body: unknown) {
    return this.analyses.compareConfigs(caller.team, body);
  }
}
