import { Body, Controller, Get, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { Caller } from '../../auth/caller.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { FieldValidationQuery } from '../../common/http/field-validation-query.js';
import { ValidatedQuery } from '../../common/http/validated-query.js';
import { ApiBodyFrom } from '../../common/openapi/api-body-from.decorator.js';
import {
  capacityRequest,
  compareConfigsRequest,
  consolidationRequest,
  failureDomainsRequest,
  fitSuggestionsRequest,
  migrationRequest,
  scaleUpRequest,
} from '../../what-if/analysis-requests.js';
import { ANALYSIS_EXAMPLES } from './analysis-examples.js';
import { analysisResultSchema } from './analysis-result.schemas.js';
import type { FieldValidationMode } from '../../kube/field-validation/field-validation-mode.js';
import { listPlansQuery, type ListPlansQuery } from '../../plans/domain/plan-requests.js';
import { AnalysisTelemetryInterceptor } from '../../observability/analysis-telemetry.interceptor.js';
import { AnalysesService } from '../analyses.service.js';
import { toAnalysisDocument, toAnalysisList, toStoredAnalysisDocument } from './analysis-rest.mapper.js';
import { ApiPathParameter } from '../../common/openapi/api-path-parameter.decorator.js';

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
  @ApiOperation({ operationId: 'analyzeCapacity', summary: 'How many more replicas of each workload fit' })
  @ApiBodyFrom(capacityRequest, { examples: ANALYSIS_EXAMPLES.capacity })
  @ApiOkResponse({ description: '{ mode, maxReplicas, workloads: [{ workload, additionalReplicas, limitedBy, byNode, byZone, suggestions }] }', schema: analysisResultSchema('CapacityResult') })
  async capacity(@CurrentCaller() caller: Caller, @Body() body: unknown, @FieldValidationQuery() fieldValidation: FieldValidationMode) {
    return toAnalysisDocument(await this.analyses.capacity(caller.team, body, { fieldValidation }));
  }

  @Post('analyses/scale-up')
  @RequiresRole('planner', { audit: 'analysis.create' })
  @HttpCode(200)
  @ApiOperation({ operationId: 'analyzeScaleUp', summary: 'The cheapest nodes to add so the workloads fit' })
  @ApiBodyFrom(scaleUpRequest, { examples: ANALYSIS_EXAMPLES.scaleUp })
  @ApiOkResponse({ description: '{ feasible: true, added, totalNodes, totalPrice, plan } or { feasible: false, reason }', schema: analysisResultSchema('ScaleUpResult') })
  async scaleUp(@CurrentCaller() caller: Caller, @Body() body: unknown, @FieldValidationQuery() fieldValidation: FieldValidationMode) {
    return toAnalysisDocument(await this.analyses.scaleUp(caller.team, body, { fieldValidation }));
  }

  @Post('analyses/failure-domains')
  @RequiresRole('planner', { audit: 'analysis.create' })
  @HttpCode(200)
  @ApiOperation({ operationId: 'analyzeFailureDomains', summary: 'What survives the loss of each zone (or other domain)' })
  @ApiBodyFrom(failureDomainsRequest, { examples: ANALYSIS_EXAMPLES.failureDomains })
  @ApiOkResponse({ description: '{ topologyKey, domains: [{ domain, nodes, workloads: [{ lost, rescheduled, unplaceable, messages }] }], verdicts }', schema: analysisResultSchema('FailureDomainsResult') })
  async failureDomains(@CurrentCaller() caller: Caller, @Body() body: unknown, @FieldValidationQuery() fieldValidation: FieldValidationMode) {
    return toAnalysisDocument(await this.analyses.failureDomains(caller.team, body, { fieldValidation }));
  }

  @Post('analyses/fit-suggestions')
  @RequiresRole('planner', { audit: 'analysis.create' })
  @HttpCode(200)
  @ApiOperation({ operationId: 'suggestFits', summary: 'Verified changes that would let unplaceable replicas fit' })
  @ApiBodyFrom(fitSuggestionsRequest, { examples: ANALYSIS_EXAMPLES.fitSuggestions })
  @ApiOkResponse({ description: '{ summary, unplaceable: [{ workload, replica, pod, message, suggestions: [{ change, feasibleNodes, node }] }] }', schema: analysisResultSchema('FitSuggestionsResult') })
  async fitSuggestions(@CurrentCaller() caller: Caller, @Body() body: unknown, @FieldValidationQuery() fieldValidation: FieldValidationMode) {
    return toAnalysisDocument(await this.analyses.fitSuggestions(caller.team, body, { fieldValidation }));
  }

  @Post('analyses/compare-configs')
  @RequiresRole('planner', { audit: 'analysis.create' })
  @HttpCode(200)
  @ApiOperation({ operationId: 'compareSchedulerConfigs', summary: 'The same workloads under several scheduler configurations or releases' })
  @ApiBodyFrom(compareConfigsRequest, { examples: ANALYSIS_EXAMPLES.compareConfigs })
  @ApiOkResponse({ description: '{ configs: [{ name, summary, utilisation, diffFromFirst }] }', schema: analysisResultSchema('CompareConfigsResult') })
  async compareConfigs(@CurrentCaller() caller: Caller, @Body() body: unknown, @FieldValidationQuery() fieldValidation: FieldValidationMode) {
    return toAnalysisDocument(await this.analyses.compareConfigs(caller.team, body, { fieldValidation }));
  }

  @Post('analyses/consolidation')
  @RequiresRole('planner', { audit: 'analysis.create' })
  @HttpCode(200)
  @ApiOperation({ operationId: 'analyzeConsolidation', summary: 'Nodes that can be removed with every pod re-placed' })
  @ApiBodyFrom(consolidationRequest, { examples: ANALYSIS_EXAMPLES.consolidation })
  @ApiOkResponse({ description: '{ removable: [{ node, order, evicted: [{ pod, to }] }], kept: [{ node, reason }], before, after, savings, pdbDisruptions, verified }', schema: analysisResultSchema('ConsolidationResult') })
  async consolidation(@CurrentCaller() caller: Caller, @Body() body: unknown, @FieldValidationQuery() fieldValidation: FieldValidationMode) {
    return toAnalysisDocument(await this.analyses.consolidation(caller.team, body, { fieldValidation }));
  }

  @Post('analyses/migration')
  @RequiresRole('planner', { audit: 'analysis.create' })
  @HttpCode(200)
  @ApiOperation({ operationId: 'analyzeMigration', summary: 'Moving the pods of some nodes onto new node groups' })
  @ApiBodyFrom(migrationRequest, { examples: ANALYSIS_EXAMPLES.migration })
  @ApiOkResponse({ description: '{ feasible, added: [{ nodeGroup, zone, count }], totalNodes, totalPrice, placements, unmovable: [{ pod, message }], cost, plan }', schema: analysisResultSchema('MigrationResult') })
  async migration(@CurrentCaller() caller: Caller, @Body() body: unknown, @FieldValidationQuery() fieldValidation: FieldValidationMode) {
    return toAnalysisDocument(await this.analyses.migration(caller.team, body, { fieldValidation }));
  }

  @Get('analyses/:id')
  @ApiPathParameter('analysis')
  @RequiresRole('viewer')
  @ApiOperation({ operationId: 'getAnalysis', summary: 'An analysis stored when it ran on a saved topology' })
  @ApiOkResponse({ description: 'a stored analysis: id, kind, topologyId, revision, createdAt, request and its result', schema: analysisResultSchema('StoredAnalysis') })
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return toStoredAnalysisDocument(await this.analyses.get(caller.team, id));
  }

  @Get('topologies/:id/analyses')
  @ApiPathParameter('topology')
  @RequiresRole('viewer')
  @ApiOperation({ operationId: 'listAnalyses', summary: "A topology's stored analyses, oldest first" })
  @ApiOkResponse({ description: '{ items: [{ id, kind, topologyId, revision, createdAt }], nextCursor }, oldest first', schema: analysisResultSchema('AnalysisList') })
  async list(@CurrentCaller() caller: Caller, @Param('id') topologyId: string, @ValidatedQuery(listPlansQuery) { cursor, limit }: ListPlansQuery) {
    return toAnalysisList(await this.analyses.list(caller.team, topologyId, cursor, limit));
  }
}
