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
import { TopologiesService } from '../topologies.service.js';
import {
  CreateTopologyBodyDto,
  NodeListDto,
  ProblemDto,
  ReplaceTopologyBodyDto,
  TopologyDto,
  TopologyListDto,
  ZoneListDto,
} from './topology.dto.js';
import { getTopologyQuery, listNodesQuery, listTopologiesQuery, revisionQuery } from './topology-queries.js';
import { toNodeListDto, toTopologyDto, toTopologyListDto, toZoneListDto } from './topology-rest.mapper.js';
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
  constructor(private readonly topologies: TopologiesService) {}

  @Post()
  @ApiConsumes('application/json', ...YAML_MEDIA_TYPES)
  @ApiBody({ type: CreateTopologyBodyDto, description: 'or a kubectl List / YAML stream with ?name=' })
  @ApiQuery({ name: 'name', required: false, description: 'the name, for YAML or bare-List bodies' })
  @ApiCreatedResponse({ type: TopologyDto })
  async create(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<TopologyDto> {
    const upload = readTopologyUpload(uploadOf(request), 'create');
    const view = await this.topologies.create({ name: upload.name!, objects: upload.objects });
    setRevisionTag(response, view.revision);
    response.location(`/v1/topologies/${view.id}`);
    return toTopologyDto(view);
  }

  @Get()
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: TopologyListDto })
  async list(@Query() query: Record<string, unknown>): Promise<TopologyListDto> {
    const { cursor, limit } = parseInput(listTopologiesQuery, query);
    return toTopologyListDto(await this.topologies.list(cursor, limit));
  }

  @Get(':id')
  @ApiQuery({ name: 'revision', required: false })
  @ApiQuery({ name: 'include', required: false, enum: ['objects'] })
  @ApiOkResponse({ type: TopologyDto })
  @ApiNotFoundResponse({ type: ProblemDto })
  async get(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TopologyDto> {
    const { revision, include } = parseInput(getTopologyQuery, query);
    const view = await this.topologies.get(id, revision);
    const objects = include === 'objects' ? (await this.topologies.loadClusterObjects(id, view.revision)).objects : undefined;
    setRevisionTag(response, view.revision);
    return toTopologyDto(view, objects);
  }

  @Put(':id')
  @ApiConsumes('application/json', ...YAML_MEDIA_TYPES)
  @ApiBody({ type: ReplaceTopologyBodyDto })
  @ApiOkResponse({ type: TopologyDto, description: 'the new revision' })
  @ApiPreconditionFailedResponse({ type: ProblemDto, description: 'If-Match / revision is not the latest' })
  async replace(
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TopologyDto> {
    const upload = readTopologyUpload(uploadOf(request), 'replace');
    const view = await this.topologies.replace(id, {
      objects: upload.objects,
      name: upload.name,
      expectedRevision: expectedRevision(ifMatch, upload.revision),
    });
    setRevisionTag(response, view.revision);
    return toTopologyDto(view);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ProblemDto })
  async delete(@Param('id') id: string): Promise<void> {
    await this.topologies.delete(id);
  }

  @Get(':id/nodes')
  @ApiQuery({ name: 'labelSelector', required: false, description: 'kubectl -l syntax' })
  @ApiQuery({ name: 'zone', required: false })
  @ApiQuery({ name: 'revision', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: NodeListDto })
  async nodes(@Param('id') id: string, @Query() query: Record<string, unknown>): Promise<NodeListDto> {
    return toNodeListDto(await this.topologies.listNodes(id, parseInput(listNodesQuery, query)));
  }

  @Get(':id/zones')
  @ApiQuery({ name: 'revision', required: false })
  @ApiOkResponse({ type: ZoneListDto })
  async zones(@Param('id') id: string, @Query() query: Record<string, unknown>): Promise<ZoneListDto> {
    const { revision } = parseInput(revisionQuery, query);
    return toZoneListDto(await this.topologies.listZones(id, revision));
  }
}
