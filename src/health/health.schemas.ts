/**
 * The probes' answers as the OpenAPI document declares them: `/healthz` and
 * `/readyz` answer `{ status: "ok" }`; `/readyz` answers 503 with an RFC 9457
 * problem (application/problem+json, written by problem-response.ts) while the
 * database does not answer. Closed objects: an answer that grows a field fails
 * test/e2e/openapi-responses.test.ts. Registered under components.schemas by
 * openapi-document.ts.
 */
import type { SchemaObject } from '@nestjs/swagger';
import { arrayOf, closedObject } from '../common/openapi/schema-objects.js';
import { problemType } from '../common/errors/problem.js';

export const HEALTH_SCHEMAS: Record<string, SchemaObject> = {
  ProbeStatus: closedObject({ status: { type: 'string', enum: ['ok'], description: 'always "ok": any other state is an error status' } }, ['status'], 'the probe passed'),
  ServiceUnavailableProblem: closedObject(
    {
      type: { type: 'string', enum: [problemType('SERVICE_UNAVAILABLE')] },
      title: { type: 'string', example: 'Service unavailable' },
      status: { type: 'integer', enum: [503] },
      detail: { type: 'string', example: 'the database is not reachable; retry shortly' },
      instance: { type: 'string', description: "the request's id (its X-Request-Id), to find it in the logs" },
      errors: arrayOf(closedObject({ path: { type: 'string' }, message: { type: 'string' } }, ['path', 'message']), 'always empty here'),
    },
    ['type', 'title', 'status', 'detail', 'errors'],
    'an RFC 9457 problem: the service cannot answer now; retry after the Retry-After header',
  ),
};
