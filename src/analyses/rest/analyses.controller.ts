import { Body, Controller, Get, HttpCode, Param, Post, Query, UseInterceptors } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { Caller } from '../../auth/caller.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { parseInput } from '../../common/validation/parse-input.js';
import { ApiFieldValidationQuery, FieldValidationQuery } from '../../common/http/field-validation-query.js';
import type { FieldValidationMode } from '../../kube/field-validation/field-validation-mode.js';
import { listPlansQuery } from '../../plans/domain/plan-requests.js';
import { AnalysisTelemetryInterceptor } from '../../observability/analysis-telemetry.interceptor.js';
import { AnalysesService } from '../analyses.service.js';
import { toAnalysisDocument, toAnalysisList, toStoredAnalysisDocument } from './analysis-rest.mapper.js';

@ApiTags('analyses')
@ApiBadRequestResponse({ description: 'application/problem+json with errors[].path' })
@ApiNotFoundResponse({ description: 'application/problem+json: the topology does not exist' })
@Controller('v1')
@UseInterceptors(AnalysisTelemetryInterceptor)
export class AnalysesController {
  constructor(private readonly analyses: AnalysesService) {}

  @Post('analyses/capacity')
  @RequiresRole('planner', { audit: 'analysis.create' })
  @HttpCode(200)
  @ApiFieldValidationQuery()
  @ApiOkResponse({ description: '{ mode, maxReplicas, workloads: [{ workload, additionalReplicas, limitedBy, byNode, byZone, suggestions }] }' })
  async capacity(@CurrentCaller() caller: Caller, @Body() body: unknown, @FieldValidationQuery() fieldValidation: FieldValidationMode) {
    return toAnalysisDocument(await this.analyses.capacity(caller.team, body, { fieldValidation }));
  }

  @Post('analyses/scale-up')
  @RequiresRole('planner', { audit: 'analysis.create' })
  @HttpCode(200)
  @ApiFieldValidationQuery()
  @ApiOkResponse({ description: '{ feasible: true, added, totalNodes, totalPrice, plan } or { feasible: false, reason }' })
  async scaleUp(@CurrentCaller() caller: Caller, @Body() body: unknown, @FieldValidationQuery() fieldValidation: FieldValidationMode) {
    return toAnalysisDocument(await this.analyses.scaleUp(caller.team, body, { fieldValidation }));
  }

  @Post('analyses/failure-domains')
  @RequiresRole('planner', { audit: 'analysis.create' })
  @HttpCode(200)
  @ApiFieldValidationQuery()
  @ApiOkResponse({ description: '{ topologyKey, domains: [{ domain, nodes, workloads: [{ lost, rescheduled, unplaceable, messages }] }], verdicts }' })
  async failureDomains(@CurrentCaller() caller: Caller, @Body() body: unknown, @FieldValidationQuery() fieldValidation: FieldValidationMode) {
    return toAnalysisDocument(await this.analyses.failureDomains(caller.team, body, { fieldValidation }));
  }

  @Post('analyses/fit-suggestions')
  @RequiresRole('planner', { audit: 'analysis.create' })
  @HttpCode(200)
  @ApiFieldValidationQuery()
  @ApiOkResponse({ description: '{ summary, unplaceable: [{ workload, replica, pod, message, suggestions: [{ change, feasibleNodes, node }] }] }' })
  async fitSuggestions(@CurrentCaller() caller: Caller, @Body() body: unknown, @FieldValidationQuery() fieldValidation: FieldValidationMode) {
    return toAnalysisDocument(await this.analyses.fitSuggestions(caller.team, body, { fieldValidation }));
  }

  @Post('analyses/compare-configs')
  @RequiresRole('planner', { audit: 'analysis.create' })
  @HttpCode(200)
  @ApiFieldValidationQuery()
  @ApiOkResponse({ description: '{ configs: [{ name, summary, utilisation, diffFromFirst }] }' })
  async compareConfigs(@CurrentCaller() caller: Caller, @Body() body: unknown, @FieldValidationQuery() fieldValidation: FieldValidationMode) {
    return toAnalysisDocument(await this.analyses.compareConfigs(caller.team, body, { fieldValidation }));
  }

  @Post('analyses/consolidation')
  @RequiresRole('planner', { audit: 'analysis.create' })
  @HttpCode(200)
  @ApiFieldValidationQuery()
  @ApiOkResponse({ description: '{ removable: [{ node, order, evicted: [{ pod, to }] }], kept: [{ node, reason }], before, after, savings, pdbDisruptions, verified }' })
  async consolidation(@CurrentCaller() caller: Caller, @Body() body: unknown, @FieldValidationQuery() fieldValidation: FieldValidationMode) {
    return toAnalysisDocument(await this.analyses.consolidation(caller.team, body, { fieldValidation }));
  }

  @Post('analyses/migration')
  @RequiresRole('planner', { audit: 'analysis.create' })
  @HttpCode(200)
  @ApiFieldValidationQuery()
  @ApiOkResponse({ description: '{ feasible, added: [{ nodeGroup, zone, count }], totalNodes, totalPrice, placements, unmovable: [{ pod, message }], cost, plan }' })
  async migration(@CurrentCaller() caller: Caller, @Body() body: unknown, @FieldValidationQuery() fieldValidation: FieldValidationMode) {
    return toAnalysisDocument(await this.analyses.migration(caller.team, body, { fieldValidation }));
  }

  @Get('analyses/:id')
  @RequiresRole('viewer')
  @ApiOkResponse({ description: 'a stored analysis: id, kind, topologyId, revision, createdAt, request and its result' })
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return toStoredAnalysisDocument(await this.analyses.get(caller.team, id));
  }

  @Get('topologies/:id/analyses')
  @RequiresRole('viewer')
  @ApiOkResponse({ description: '{ items: [{ id, kind, topologyId, revision, createdAt }], nextCursor }, oldest first' })
  async list(@CurrentCaller() caller: Caller, @Param('id') topologyId: string, @Query() query: Record<string, unknown>) {
    const { cursor, limit } = parseInput(listPlansQuery, query);
    return toAnalysisList(await this.analyses.list(caller.team, topologyId, cursor, limit));
  }
}
