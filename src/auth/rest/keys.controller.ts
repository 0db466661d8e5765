import { Body, Controller, Delete, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiBodyFrom } from '../../common/openapi/api-body-from.decorator.js';
import type { Response } from 'express';
import { RequiresRole } from '../access-policy.decorator.js';
import { ApiKeysService, createKeyBody } from '../api-keys.service.js';
import type { Caller } from '../caller.js';
import { CurrentCaller } from '../current-caller.decorator.js';
import { toApiKeyDocument } from './auth-rest.mapper.js';
import { schemaRef } from '../../common/openapi/schema-objects.js';
import { ApiPathParameter } from '../../common/openapi/api-path-parameter.decorator.js';

@ApiTags('keys')
@ApiForbiddenResponse({ description: 'application/problem+json: the key is not an admin' })
@Controller('v1/keys')
export class KeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @RequiresRole('admin', { audit: 'key.create' })
  @ApiOperation({ operationId: 'createApiKey', summary: 'Make an API key (admin); the secret is in this answer only' })
  @ApiBodyFrom(createKeyBody, { examples: { ci: { summary: 'a planner key for a CI pipeline', value: { name: 'ci-capacity-check', role: 'planner', team: 'payments' } } } })
  @ApiCreatedResponse({ description: '{ id, key, name, role, team, prefix, createdAt }: the secret `key` is shown only here', schema: schemaRef('CreatedApiKey') })
  async create(@CurrentCaller() caller: Caller, @Body() body: unknown, @Res({ passthrough: true }) response: Response) {
    const { key, secret } = await this.keys.create(caller, body);
    response.location(`/v1/keys/${key.id}`);
    return { ...toApiKeyDocument(key), key: secret };
  }

  @Get()
  @RequiresRole('admin')
  @ApiOperation({ operationId: 'listApiKeys', summary: "The team's keys, never a secret" })
  @ApiOkResponse({ description: '{ items: [ { id, name, role, team, prefix, createdAt, revokedAt } ] }, never a secret', schema: schemaRef('ApiKeyList') })
  async list(@CurrentCaller() caller: Caller) {
    return { items: (await this.keys.list(caller)).map(toApiKeyDocument) };
  }

  @Delete(':id')
  @ApiPathParameter('apiKey')
  @HttpCode(204)
  @RequiresRole('admin', { audit: 'key.revoke' })
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke a key: it stops working at once' })
  @ApiNoContentResponse({ description: 'revoked: the key stops working at once' })
  @ApiNotFoundResponse({ description: 'no live key with this id in your team' })
  async revoke(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<void> {
    await this.keys.revoke(caller, id);
  }
}
