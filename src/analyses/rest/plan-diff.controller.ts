import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { Caller } from '../../auth/caller.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { AnalysesService } from '../analyses.service.js';
import { analysisResultSchema } from './analysis-result.schemas.js';
import { ApiPathParameter } from '../../common/openapi/api-path-parameter.decorator.js';

@ApiTags('analyses')
@Controller('v1/plans')
export class PlanDiffController {
  constructor(private readonly analyses: AnalysesService) {}

  @Get(':first/diff/:second')
  @ApiPathParameter('plan', 'first', 'the plan compared from (a UUID)')
  @ApiPathParameter('plan', 'second', 'the plan compared with (a UUID)')
  @RequiresRole('viewer')
  @ApiOperation({ operationId: 'diffPlans', summary: 'Replicas that moved, became placed or unplaceable between two plans' })
  @ApiOkResponse({ description: '{ moved, newlyPlaced, newlyUnplaceable, scoreChanges, unchanged, onlyInFirst, onlyInSecond, sharedWorkloads }', schema: analysisResultSchema('PlanDiff') })
  @ApiNotFoundResponse({ description: 'application/problem+json: either plan does not exist' })
  diff(@CurrentCaller() caller: Caller, @Param('first') first: string, @Param('second') second: string) {
    return this.analyses.diffPlans(caller.team, first, second);
  }
}
