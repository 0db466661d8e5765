import { Controller, Delete, Get, Headers, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { FieldValidationQuery } from '../../common/http/field-validation-query.js';
import { ValidatedQuery } from '../../common/http/validated-query.js';
import { ApiBodyFrom } from '../../common/openapi/api-body-from.decorator.js';
import { ApiQueryFrom } from '../../common/openapi/api-query-from.decorator.js';
import { createPlanBody, rerunPlanBody } from '../../pipeline/plan-bodies.js';
import type { FieldValidationMode } from '../../kube/field-validation/field-validation-mode.js';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { Caller } from '../../auth/caller.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { YAML_MEDIA_TYPES } from '../../topologies/rest/topology-upload.js';
import {
  createPlanQuery,
  listPlansQuery,
  placementsQuery,
  planNodesQuery,
  replicaNodesQuery,
  type ListPlansQuery,
  type PlacementsQuery,
  type PlanNodesQuery,
  type ReplicaNodesQuery,
} from '../domain/plan-requests.js';
import { NodeListDto, ZoneListDto } from '../../topologies/rest/topology.dto.js';
import { toNodeListDto, toZoneListDto } from '../../topologies/rest/topology-rest.mapper.js';
import { PLAN_EXAMPLES } from './plan-examples.js';
import { placementResultSchema } from './placement-result.schemas.js';
import { PlansService } from '../plans.service.js';
import { toPlanDocument, toPlanItem, toPlanList } from './plan-rest.mapper.js';
import { planTextTable } from './plan-text-table.js';
import { readPlanBody } from './plan-upload.js';
import { ApiPathParameter } from '../../common/openapi/api-path-parameter.decorator.js';
import { OffThreadDocumentParser } from '../../common/parsing/off-thread-document-parser.js';

function wantsText(accept: string | undefined): boolean {
  return /\btext\/plain\b/.test(accept ?? '') && !/\bapplication\/json\b/.test(accept ?? '');
}

@ApiTags('plans')
@ApiBadRequestResponse({ description: 'application/problem+json with errors[].path' })
@ApiNotFoundResponse({ description: 'application/problem+json' })
@Controller('v1')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly documents: OffThreadDocumentParser,
  ) {}

  @Post('topologies/:id/plans')
  @ApiPathParameter('topology')
  @RequiresRole('planner', { audit: 'plan.create' })
  @ApiOperation({ operationId: 'createPlan', summary: 'Plan workloads on a saved topology and store the plan' })
  @ApiConsumes('application/json', ...YAML_MEDIA_TYPES)
  @ApiBodyFrom(createPlanBody, { description: 'or the workloads as a YAML stream, with the options in the query string', examples: PLAN_EXAMPLES.plan })
  @ApiQueryFrom(createPlanQuery, { note: 'with a YAML body only', neverRequired: true })
  @ApiCreatedResponse({ description: 'the stored plan: id, topologyId, revision, createdAt, summary, placements', schema: placementResultSchema('StoredPlan') })
  @ApiAcceptedResponse({ description: 'a large plan queued as a background job: id and status `queued`; poll GET /v1/plans/{id}', schema: placementResultSchema('StoredPlan') })
  async create(
    @CurrentCaller() caller: Caller,
    @Param('id') topologyId: string,
    @FieldValidationQuery() fieldValidation: FieldValidationMode,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const body = await readPlanBody(request.body, request.headers['content-type'], request.query as Record<string, unknown>, 'plan', this.documents);
    const { view, placements } = await this.plans.create(caller.team, topologyId, body, { fieldValidation });
    response.location(`/v1/plans/${view.id}`);
    // A plan above PLAN_ASYNC_THRESHOLD is accepted as a background job: poll its Location.
    if (view.status === 'queued') response.status(202);
    return toPlanDocument(view, placements);
  }

  @Get('topologies/:id/plans')
  @ApiPathParameter('topology')
  @RequiresRole('viewer')
  @ApiOperation({ operationId: 'listPlans', summary: "A topology's stored plans, oldest first" })
  @ApiOkResponse({ description: '{ items, nextCursor }, oldest first', schema: placementResultSchema('StoredPlanList') })
  async list(@CurrentCaller() caller: Caller, @Param('id') topologyId: string, @ValidatedQuery(listPlansQuery) { cursor, limit }: ListPlansQuery) {
    return toPlanList(await this.plans.list(caller.team, topologyId, cursor, limit));
  }

  @Get('plans/:id')
  @ApiPathParameter('plan')
  @RequiresRole('viewer')
  @ApiOperation({ operationId: 'getPlan', summary: 'A stored plan and all its placements' })
  @ApiOkResponse({
    description: 'the stored plan; with Accept: text/plain, a kubectl-style table',
    content: { 'application/json': { schema: placementResultSchema('StoredPlan') }, 'text/plain': { schema: { type: 'string' } } },
  })
  async get(@CurrentCaller() caller: Caller, @Param('id') id: string, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) response: Response) {
    const { view, placements } = await this.plans.get(caller.team, id);
    if (wantsText(accept)) {
      response.type('text/plain');
      return planTextTable(view, placements);
    }
    return toPlanDocument(view, placements);
  }

  @Delete('plans/:id')
  @ApiPathParameter('plan')
  @RequiresRole('planner', { audit: 'plan.delete' })
  @ApiOperation({ operationId: 'deletePlan', summary: 'Delete a stored plan' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted (its placements go with it)' })
  async delete(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<void> {
    await this.plans.delete(caller.team, id);
  }

  @Post('plans/:id/rerun')
  @ApiPathParameter('plan')
  @RequiresRole('planner', { audit: 'plan.rerun' })
  @ApiOperation({ operationId: 'rerunPlan', summary: "A plan's request again, against the latest or a given revision" })
  @ApiBodyFrom(rerunPlanBody, { required: false, examples: PLAN_EXAMPLES.rerun })
  @ApiCreatedResponse({ description: 'a new plan (rerunOf = this one) against the latest or given revision', schema: placementResultSchema('StoredPlan') })
  async rerun(@CurrentCaller() caller: Caller, @Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const { view, placements } = await this.plans.rerun(caller.team, id, request.body);
    response.location(`/v1/plans/${view.id}`);
    if (view.status === 'queued') response.status(202);
    return toPlanDocument(view, placements);
  }

  @Post('plans/:id/cancel')
  @ApiPathParameter('plan')
  @RequiresRole('planner', { audit: 'plan.cancel' })
  @ApiOperation({ operationId: 'cancelPlan', summary: 'Cancel a queued or running plan' })
  @HttpCode(200)
  @ApiOkResponse({ description: 'the plan, now `cancelled`', schema: placementResultSchema('StoredPlanItem') })
  @ApiConflictResponse({ description: 'the plan had already finished' })
  async cancel(@CurrentCaller() caller: Caller, @Param('id') id: string) {
    return toPlanItem(await this.plans.cancel(caller.team, id));
  }

  @Get('plans/:id/placements')
  @ApiPathParameter('plan')
  @RequiresRole('viewer')
  @ApiOperation({ operationId: 'listPlacements', summary: "A plan's placements, filtered by workload, node, unschedulable" })
  @ApiOkResponse({ description: '{ items, nextCursor }: placements filtered by workload, node, unschedulable', schema: placementResultSchema('PlacementList') })
  async placements(@CurrentCaller() caller: Caller, @Param('id') id: string, @ValidatedQuery(placementsQuery) { workload, node, unschedulable, cursor, limit }: PlacementsQuery) {
    const page = await this.plans.placements(caller.team, id, { workload, node, unschedulable }, cursor, limit);
    return { items: page.items.map((stored) => stored.placement), nextCursor: page.nextCursor };
  }

  @Get('plans/:id/nodes')
  @ApiPathParameter('plan')
  @RequiresRole('viewer')
  @ApiOperation({
    operationId: 'listPlanNodes',
    summary: "The nodes of a plan's revision with the plan's replicas: sorted busiest first after the plan or by replicas, narrowed to the nodes that got replicas",
  })
  @ApiOkResponse({ type: NodeListDto, description: "{ topologyId, revision, totalCount, items, nextCursor }: a page of the nodes the plan ran on (its scenario's edits applied) with what runs on each" })
  async nodes(@CurrentCaller() caller: Caller, @Param('id') id: string, @ValidatedQuery(planNodesQuery) query: PlanNodesQuery): Promise<NodeListDto> {
    return toNodeListDto(await this.plans.nodes(caller.team, id, query));
  }

  @Get('plans/:id/zones')
  @ApiPathParameter('plan')
  @RequiresRole('viewer')
  @ApiOperation({ operationId: 'listPlanZones', summary: "The zones of the nodes a plan ran on (its scenario's edits applied) with their totals and use" })
  @ApiOkResponse({ type: ZoneListDto, description: "{ topologyId, revision, items }: each zone's nodes, pods, totals and use (nodes without a zone label last)" })
  async zones(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<ZoneListDto> {
    return toZoneListDto(await this.plans.zones(caller.team, id));
  }

  @Get('plans/:id/placements/:pod/nodes')
  @ApiPathParameter('plan')
  @ApiPathParameter('pod', 'pod')
  @RequiresRole('viewer')
  @ApiOperation({ operationId: 'listReplicaNodes', summary: "One replica's full per-node table: every failing filter, every score part" })
  @ApiOkResponse({ description: "one replica's full per-node table: every failing filter, every score part", schema: placementResultSchema('ReplicaNodesPage') })
  async replicaNodes(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Param('pod') pod: string,
    @ValidatedQuery(replicaNodesQuery) { namespace, feasible, cursor, limit }: ReplicaNodesQuery,
  ) {
    const page = await this.plans.replicaNodes(caller.team, id, pod, { namespace, feasible, cursor, limit });
    return {
      pod: page.placement.placement.pod,
      namespace: page.placement.placement.namespace,
      node: page.placement.placement.node,
      message: page.placement.placement.message,
      totalCount: page.totalCount,
      items: page.items,
      nextCursor: page.nextCursor,
    };
  }
}
