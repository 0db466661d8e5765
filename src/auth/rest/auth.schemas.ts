/**
 * API keys and audit entries as the OpenAPI document declares them (the
 * documents of auth-rest.mapper.ts): every field named, never a secret but
 * the one `key` of a key just made. Registered under components.schemas by
 * openapi-document.ts.
 */
import type { SchemaObject } from '@nestjs/swagger';
import { arrayOf, closedObject, nullable, schemaRef } from '../../common/openapi/schema-objects.js';
import { ROLES } from '../role.js';

const apiKeyFields = {
  id: { type: 'string', format: 'uuid' },
  name: { type: 'string', example: 'ci-capacity-check' },
  role: { type: 'string', enum: [...ROLES] },
  team: { type: 'string', example: 'payments' },
  prefix: { type: 'string', description: 'the first characters of the secret, to tell keys apart' },
  createdAt: { type: 'string', format: 'date-time' },
  revokedAt: nullable('string', { format: 'date-time', description: 'null while the key works' }),
} satisfies Record<string, SchemaObject>;
const API_KEY_FIELDS = Object.keys(apiKeyFields);

export const AUTH_SCHEMAS: Record<string, SchemaObject> = {
  ApiKey: closedObject(apiKeyFields, API_KEY_FIELDS, 'an API key, never its secret'),
  CreatedApiKey: closedObject(
    { ...apiKeyFields, key: { type: 'string', description: 'the secret: shown in this answer only; send it as Authorization: Bearer <key>' } },
    [...API_KEY_FIELDS, 'key'],
    'a key just made, with its secret',
  ),
  ApiKeyList: closedObject({ items: arrayOf(schemaRef('ApiKey')) }, ['items']),
  AuditEntry: closedObject(
    {
      id: { type: 'string', description: 'increasing with time (a bigint, as text)', example: '42' },
      at: { type: 'string', format: 'date-time' },
      team: { type: 'string' },
      keyId: nullable('string', { format: 'uuid', description: 'the key that acted; null for the admin key or open mode' }),
      source: { type: 'string', enum: ['api-key', 'admin-key', 'open'], description: 'how the caller was authenticated' },
      action: { type: 'string', example: 'plan.create' },
      objectId: nullable('string', { description: 'what it acted on, when it names one object' }),
    },
    ['id', 'at', 'team', 'keyId', 'source', 'action', 'objectId'],
    'one change made through the API',
  ),
  AuditPage: closedObject({ items: arrayOf(schemaRef('AuditEntry')), nextCursor: nullable('string') }, ['items', 'nextCursor'], 'a page of the audit trail, newest first'),
};
