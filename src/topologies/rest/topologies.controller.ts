import { Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPreconditionFailedResponse,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { parseInput } from '../../common/validation/parse-input.js';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { Caller } from '../../auth/caller.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { TopologiesService } from '../topologies.service.js';
import { TopologySourcesService } from '../sources/topology-sources.service.js';
import { toTopologySourceDto } from './topology-source-rest.mapper.js';
import {
  CreateTopologyBodyDto,
  NodeListDto,
  RevisionDiffDto,
  ProblemDto,
  ReplaceTopologyBodyDto,
  TopologyDto,
  TopologyListDto,
  ZoneListDto,
} from './topology.dto.js';
import { getTopologyQuery, listNodesQuery, listTopologiesQuery, revisionDiffParameters, revisionQuery } from './topology-queries.js';
import { toNodeListDto, toTopologyDto, toTopologyListDto, toZoneListDto } from './topology-rest.mapper.js';
import { ApiFieldValidationQuery } from '../../common/http/field-validation-query.js';
import { expectedRevision, readTopologyUpload, YAML_MEDIA_TYPES, type UploadRequest } from './topology-upload.js';

function uploadOf(request: Request): UploadRequest {
  return { body: request.body, contentType: request.headers['content-type'], query: request.query as Record<string, unknown> };
}

/** The ETag of a topology representation is its revision. */
function setRevisionTag(response: Response, revision: number): void {
  response.setHeader('ETag', `"${revision}"`);
}

@ApiTags('topologies')
@ApiBadRequestResponse({ type: ProblemDto, description: 'application/problem+json' })
@Controller('v1/topologies')
export class TopologiesController {
  constructor(
    private readonly topologies: TopologiesService,
    private readonly sources: TopologySourcesService,
  ) {}

  @Post()
  @RequiresRole('editor', { audit: 'topology.create' })
  @ApiConsumes('application/json', ...YAML_MEDIA_TYPES)
  @ApiBody({ type: CreateTopologyBodyDto, description: 'or a kubectl List / YAML stream with ?name=' })
  @ApiQuery({ name: 'name', required: false, description: 'the name, for YAML or bare-List bodies' })
  @ApiFieldValidationQuery()
  @ApiCreatedResponse({ type: TopologyDto })
  async create(@CurrentCaller() caller: Caller, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<TopologyDto> {
    const upload = readTopologyUpload(uploadOf(request), 'create');
    const view = await this.topologies.create(caller.team, { name: upload.name!, objects: upload.objects, fieldValidation: upload.fieldValidation });
    setRevisionTag(response, view.revision);
    response.location(`/v1/topologies/${view.id}`);
    return toTopologyDto(view);
  }

  @Get()
  @RequiresRole('viewer')
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: TopologyListDto })
  async list(@CurrentCaller() caller: Caller, @Query() query: Record<string, unknown>): Promise<TopologyListDto> {
    const { cursor, limit } = parseInput(listTopologiesQuery, query);
    return toTopologyListDto(await this.topologies.list(caller.team, cursor, limit));
  }

  @Get(':id')
  @RequiresRole('viewer')
  @ApiQuery({ name: 'revision', required: false })
  @ApiQuery({ name: 'include', required: false, enum: ['objects'] })
  @ApiOkResponse({ type: TopologyDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TopologyDto> {
    const { revision, include } = parseInput(getTopologyQuery, query);
    const view = await this.topologies.get(caller.team, id, revision);
    const objects = include === 'objects' ? (await this.topologies.loadClusterObjects(caller.team, id, view.revision)).objects : undefined;
    const source = await this.sources.find(caller.team, id);
    setRevisionTag(response, view.revision);
    return { ...toTopologyDto(view, objects), source: source === null ? null : toTopologySourceDto(source) };
  }

  @Put(':id')
  @RequiresRole('editor', { audit: 'topology.update' })
  @ApiConsumes('application/json', ...YAML_MEDIA_TYPES)
  @ApiBody({ type: ReplaceTopologyBodyDto })
  @ApiFieldValidationQuery()
  @ApiOkResponse({ type: TopologyDto, description: 'the new revision; or, with unchanged: true, the latest revision, which already held these objects (nothing stored)' })
  @ApiPreconditionFailedResponse({ type: ProblemDto, description: 'If-Match / revision is not the latest' })
  async replace(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TopologyDto> {
    const upload = readTopologyUpload(uploadOf(request), 'replace');
    const view = await this.topologies.replace(caller.team, id, {
      objects: upload.objects,
      name: upload.name,
      expectedRevision: expectedRevision(ifMatch, upload.revision),
      fieldValidation: upload.fieldValidation,
    });
    setRevisionTag(response, view.revision);
    return { ...toTopologyDto(view), unchanged: view.unchanged };
  }

  @Delete(':id')
  @RequiresRole('editor', { audit: 'topology.delete' })
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ProblemDto })
  async delete(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<void> {
    await this.topologies.delete(caller.team, id);
  }

  @Get(':id/nodes')
  @RequiresRole('viewer')
  @ApiQuery({ name: 'labelSelector', required: false, description: 'kubectl -l syntax' })
  @ApiQuery({ name: 'zone', required: false })
  @ApiQuery({ name: 'revision', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: NodeListDto })
  async nodes(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: Record<string, unknown>): Promise<NodeListDto> {
    return toNodeListDto(await this.topologies.listNodes(caller.team, id, parseInput(listNodesQuery, query)));
  }

  @Get(':id/zones')
  @RequiresRole('viewer')
  @ApiQuery({ name: 'revision', required: false })
  @ApiOkResponse({ type: ZoneListDto })
  async zones(@CurrentCaller() caller: Caller, @Param('id') id: string, @Query() query: Record<string, unknown>): Promise<ZoneListDto> {
    const { revision } = parseInput(revisionQuery, query);
    return toZoneListDto(await this.topologies.listZones(caller.team, id, revision));
  }

  @Get(':id/revisions/:from/diff/:to')
  @RequiresRole('viewer')
  @ApiOkResponse({ type: RevisionDiffDto, description: 'nodes added/removed/changed, pods added/removed/moved, per-zone totals' })
  @ApiNotFoundResponse({ type: ProblemDto })
  async diff(@CurrentCaller() caller: Caller, @Param('id') id: string, @Param('from') from: string, @Param('to') to: string): Promise<RevisionDiffDto> {
    const revisions = parseInput(revisionDiffParameters, { from, to });
    return this.topologies.diffRevisions(caller.team, id, revisions.from, revisions.to);
  }
}
