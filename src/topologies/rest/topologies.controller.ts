import { Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { parseInput } from '../../common/validation/parse-input.js';
import { ValidatedQuery } from '../../common/http/validated-query.js';
import { ApiPathFrom, ApiQueryFrom } from '../../common/openapi/api-query-from.decorator.js';
import { ApiBodyFrom } from '../../common/openapi/api-body-from.decorator.js';
import { RequiresRole } from '../../auth/access-policy.decorator.js';
import type { Caller } from '../../auth/caller.js';
import { CurrentCaller } from '../../auth/current-caller.decorator.js';
import { TopologiesService } from '../topologies.service.js';
import { TopologySourcesService } from '../sources/topology-sources.service.js';
import { toTopologySourceDto } from './topology-source-rest.mapper.js';
import {
  NodeListDto,
  RevisionDiffDto,
  ProblemDto,
  TopologyDto,
  TopologyListDto,
  ZoneListDto,
} from './topology.dto.js';
import { getTopologyQuery, listNodesQuery, listTopologiesQuery, revisionDiffParameters, revisionQuery, type GetTopologyQuery, type ListNodesQuery, type ListTopologiesQuery, type RevisionQuery } from './topology-queries.js';
import { nodeOrderFrom } from '../domain/node-order-arguments.js';
import { toNodeListDto, toTopologyDto, toTopologyListDto, toZoneListDto } from './topology-rest.mapper.js';
import { createTopologyBody, expectedRevision, readTopologyUpload, replaceTopologyBody, topologyUploadQuery, YAML_MEDIA_TYPES, type UploadRequest } from './topology-upload.js';
import { TOPOLOGY_EXAMPLES } from './topology-examples.js';
import { ApiPathParameter } from '../../common/openapi/api-path-parameter.decorator.js';
import { OffThreadDocumentParser } from '../../common/parsing/off-thread-document-parser.js';

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
    private readonly documents: OffThreadDocumentParser,
  ) {}

  @Post()
  @RequiresRole('editor', { audit: 'topology.create' })
  @ApiOperation({ operationId: 'createTopology', summary: 'Save a topology (revision 1) from Kubernetes objects' })
  @ApiConsumes('application/json', ...YAML_MEDIA_TYPES)
  @ApiBodyFrom(createTopologyBody, { description: 'or a kubectl List / object, or a YAML stream, with ?name=', examples: TOPOLOGY_EXAMPLES.create })
  @ApiQueryFrom(topologyUploadQuery)
  @ApiCreatedResponse({ type: TopologyDto, description: 'the topology as stored: revision 1, its summary, what the import dropped and warned about' })
  async create(@CurrentCaller() caller: Caller, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<TopologyDto> {
    const upload = await readTopologyUpload(uploadOf(request), 'create', this.documents);
    const view = await this.topologies.create(caller.team, { name: upload.name!, objects: upload.objects, fieldValidation: upload.fieldValidation });
    setRevisionTag(response, view.revision);
    response.location(`/v1/topologies/${view.id}`);
    return toTopologyDto(view);
  }

  @Get()
  @RequiresRole('viewer')
  @ApiOperation({ operationId: 'listTopologies', summary: 'Topologies in creation order, latest revision each' })
  @ApiOkResponse({ type: TopologyListDto, description: '{ items, nextCursor }: topologies in creation order, the latest revision of each' })
  async list(@CurrentCaller() caller: Caller, @ValidatedQuery(listTopologiesQuery) { cursor, limit }: ListTopologiesQuery): Promise<TopologyListDto> {
    return toTopologyListDto(await this.topologies.list(caller.team, cursor, limit));
  }

  @Get(':id')
  @ApiPathParameter('topology')
  @RequiresRole('viewer')
  @ApiOperation({ operationId: 'getTopology', summary: 'One revision of a topology (default: the latest); ETag is the revision' })
  @ApiOkResponse({ type: TopologyDto, description: 'the revision asked for (default: the latest) with its summary; ETag: the revision' })
  @ApiNotFoundResponse({ type: ProblemDto, description: "application/problem+json: no such topology (or revision), or another team's" })
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @ValidatedQuery(getTopologyQuery) { revision, include }: GetTopologyQuery,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TopologyDto> {
    const view = await this.topologies.get(caller.team, id, revision);
    const objects = include === 'objects' ? (await this.topologies.loadClusterObjects(caller.team, id, view.revision)).objects : undefined;
    const source = await this.sources.find(caller.team, id);
    setRevisionTag(response, view.revision);
    return { ...toTopologyDto(view, objects), source: source === null ? null : toTopologySourceDto(source) };
  }

  @Put(':id')
  @ApiPathParameter('topology')
  @RequiresRole('editor', { audit: 'topology.update' })
  @ApiOperation({ operationId: 'replaceTopology', summary: 'Store a new revision of a topology (If-Match: the revision read)' })
  @ApiConsumes('application/json', ...YAML_MEDIA_TYPES)
  @ApiBodyFrom(replaceTopologyBody, { description: 'or a kubectl List / object, or a YAML stream', examples: TOPOLOGY_EXAMPLES.replace })
  @ApiQueryFrom(topologyUploadQuery)
  @ApiOkResponse({ type: TopologyDto, description: 'the new revision; or, with unchanged: true, the latest revision, which already held these objects (nothing stored)' })
  @ApiPreconditionFailedResponse({ type: ProblemDto, description: 'If-Match / revision is not the latest' })
  async replace(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<TopologyDto> {
    const upload = await readTopologyUpload(uploadOf(request), 'replace', this.documents);
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
  @ApiPathParameter('topology')
  @RequiresRole('editor', { audit: 'topology.delete' })
  @ApiOperation({ operationId: 'deleteTopology', summary: 'Delete a topology, its revisions, plans and analyses' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted, with its revisions, plans and analyses' })
  @ApiNotFoundResponse({ type: ProblemDto, description: "application/problem+json: no such topology (or revision), or another team's" })
  async delete(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<void> {
    await this.topologies.delete(caller.team, id);
  }

  @Get(':id/nodes')
  @ApiPathParameter('topology')
  @RequiresRole('viewer')
  @ApiOperation({ operationId: 'listTopologyNodes', summary: "A revision's nodes with their use, filtered by label selector and zone, by name or busiest first" })
  @ApiOkResponse({ type: NodeListDto, description: '{ topologyId, revision, totalCount, items, nextCursor }: a page of the nodes matching the filter, in the order asked' })
  async nodes(@CurrentCaller() caller: Caller, @Param('id') id: string, @ValidatedQuery(listNodesQuery) query: ListNodesQuery): Promise<NodeListDto> {
    return toNodeListDto(await this.topologies.listNodes(caller.team, id, { ...query, ...nodeOrderFrom({ sort: query.sort, plannedPath: 'GET /v1/plans/{id}/nodes' }) }));
  }

  @Get(':id/zones')
  @ApiPathParameter('topology')
  @RequiresRole('viewer')
  @ApiOperation({ operationId: 'listTopologyZones', summary: "A revision's zones with their totals and use" })
  @ApiOkResponse({ type: ZoneListDto, description: "{ topologyId, revision, items }: each zone's nodes, pods, totals and use (nodes without a zone label last)" })
  async zones(@CurrentCaller() caller: Caller, @Param('id') id: string, @ValidatedQuery(revisionQuery) { revision }: RevisionQuery): Promise<ZoneListDto> {
    return toZoneListDto(await this.topologies.listZones(caller.team, id, revision));
  }

  @Get(':id/revisions/:from/diff/:to')
  @ApiPathParameter('topology')
  @RequiresRole('viewer')
  @ApiOperation({ operationId: 'diffTopologyRevisions', summary: 'What changed between two revisions: nodes, pods, per-zone totals' })
  @ApiPathFrom(revisionDiffParameters)
  @ApiOkResponse({ type: RevisionDiffDto, description: 'nodes added/removed/changed, pods added/removed/moved, per-zone totals' })
  @ApiNotFoundResponse({ type: ProblemDto, description: "application/problem+json: no such topology (or revision), or another team's" })
  async diff(@CurrentCaller() caller: Caller, @Param('id') id: string, @Param('from') from: string, @Param('to') to: string): Promise<RevisionDiffDto> {
    const revisions = parseInput(revisionDiffParameters, { from, to });
    return this.topologies.diffRevisions(caller.team, id, revisions.from, revisions.to);
  }
}
