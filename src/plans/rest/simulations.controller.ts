import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { sendStreamedJson } from '../../common/http/streamed-json.js';
import { YAML_MEDIA_TYPES } from '../../topologies/rest/topology-upload.js';
import { FieldValidationQuery } from '../../common/http/field-validation-query.js';
import { ApiBodyFrom } from '../../common/openapi/api-body-from.decorator.js';
import { ApiQueryFrom } from '../../common/openapi/api-query-from.decorator.js';
import { simulationRequestSchema } from '../../simulation/simulation-request.js';
import { simulationQuery } from '../domain/plan-requests.js';
import { PLAN_EXAMPLES } from './plan-examples.js';
import { placementResultSchema } from './placement-result.schemas.js';
import type { FieldValidationMode } from '../../kube/field-validation/field-validation-mode.js';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { Caller } from '../../auth/caller.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { PlansService } from '../plans.service.js';
import { readPlanBody } from './plan-upload.js';
import { OffThreadDocumentParser } from '../../common/parsing/off-thread-document-parser.js';

@ApiTags('simulations')
@Controller('v1/simulations')
export class SimulationsController {
  constructor(
    private readonly plans: PlansService,
    private readonly documents: OffThreadDocumentParser,
  ) {}

  @Post()
  @RequiresRole('planner')
  @HttpCode(200)
  @ApiOperation({ operationId: 'simulate', summary: 'Where replicas would land, and why; nothing is stored' })
  @ApiConsumes('application/json', ...YAML_MEDIA_TYPES)
  @ApiBodyFrom(simulationRequestSchema, { description: 'or the workloads as a YAML stream, with topologyId and the options in the query string', examples: PLAN_EXAMPLES.simulation })
  @ApiQueryFrom(simulationQuery, { note: 'with a YAML body only', neverRequired: true })
  @ApiOkResponse({ description: 'the placement result; nothing is stored', schema: placementResultSchema('SimulationResult') })
  @ApiBadRequestResponse({ description: 'application/problem+json with errors[].path' })
  async simulate(@CurrentCaller() caller: Caller, @FieldValidationQuery() fieldValidation: FieldValidationMode, @Req() request: Request, @Res() response: Response): Promise<void> {
    const body = await readPlanBody(request.body, request.headers['content-type'], request.query as Record<string, unknown>, 'simulation', this.documents);
    const result = await this.plans.simulate(caller.team, body, { fieldValidation });
    // Every node of every replica is sent placement by placement (and bounded by PODPLAN_MAX_EXPLAIN_CELLS).
    if (result.explain === 'full') await sendStreamedJson(response, result, 'placements');
    else response.status(200).json(result);
  }
}

