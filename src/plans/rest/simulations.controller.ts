import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { YAML_MEDIA_TYPES } from '../../topologies/rest/topology-upload.js';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { Caller } from '../../auth/caller.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { PlansService } from '../plans.service.js';
import { readPlanBody } from './plan-upload.js';

@ApiTags('simulations')
@Controller('v1/simulations')
export class SimulationsController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @RequiresRole('planner')
  @HttpCode(200)
  @ApiConsumes('application/json', ...YAML_MEDIA_TYPES)
  @ApiOkResponse({ description: 'the placement result; nothing is stored' })
  @ApiBadRequestResponse({ description: 'application/problem+json with errors[].path' })
  async simulate(@CurrentCaller() caller: Caller, @Req() request: Request) {
    const body = readPlanBody(request.body, request.headers['content-type'], request.query as Record<string, unknown>, 'simulation');
    return this.plans.simulate(caller.team, body);
  }
}

