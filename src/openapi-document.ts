/**
 * The OpenAPI 3 document served at /openapi.json (and from which the typed
 * client src/cli/server/podplan-api.ts is generated): Nest's routes, request schemas
 * from the zod schemas that validate them (ApiQueryFrom, ApiBodyFrom),
 * response schemas of the results (placement-result, analysis-result and
 * auth and probe schemas, under components.schemas),
 * and one global bearer requirement that the public probes lift.
 */
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PublicRoutes } from './auth/public-routes.js';
import { ANALYSIS_RESULT_SCHEMAS } from './analyses/rest/analysis-result.schemas.js';
import { AUTH_SCHEMAS } from './auth/rest/auth.schemas.js';
import { HEALTH_SCHEMAS } from './health/health.schemas.js';
import { PLACEMENT_RESULT_SCHEMAS } from './plans/rest/placement-result.schemas.js';
import { YAML_MEDIA_TYPES } from './topologies/rest/topology-upload.js';

/** The security scheme every route but the public ones requires. */
export const BEARER_SCHEME = 'bearer';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

/** A YAML body is a text stream of documents; its JSON twin's schema does not describe it. */
const YAML_BODY = {
  schema: { type: 'string', description: 'a YAML stream of Kubernetes objects, as `kubectl get -o yaml` prints them or manifests hold them' },
} as const;

/** An answer the routes declare only in words: a JSON object, so typed clients see an object rather than nothing. */
const JSON_OBJECT_ANSWER = { 'application/json': { schema: { type: 'object', additionalProperties: true } } } as const;

export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('podplan')
    .setDescription('Where Kubernetes replicas would land, and why — saved topologies, plans and what-if analyses.')
    .setVersion('1')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'podplan API key', description: 'an API key (PODPLAN_ADMIN_KEY, or one made with POST /v1/keys); needed on every route but the probes once keys are configured' },
      BEARER_SCHEME,
    )
    .addSecurityRequirements(BEARER_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...PLACEMENT_RESULT_SCHEMAS, ...ANALYSIS_RESULT_SCHEMAS, ...AUTH_SCHEMAS, ...HEALTH_SCHEMAS } };
  const publicRoutes = app.get(PublicRoutes);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      // The probes answer without a key (request-gate.ts); an empty requirement says so.
      if (publicRoutes.isPublicRoute(method.toUpperCase(), path)) operation.security = [];
      else delete operation.security;
      const content = operation.requestBody && 'content' in operation.requestBody ? operation.requestBody.content : undefined;
      for (const mediaType of YAML_MEDIA_TYPES) if (content?.[mediaType]) content[mediaType] = { ...YAML_BODY };
      for (const [status, answer] of Object.entries(operation.responses)) {
        if (/^2\d\d$/.test(status) && status !== '204' && answer !== undefined && !('$ref' in answer) && answer.content === undefined) answer.content = structuredClone(JSON_OBJECT_ANSWER);
      }
    }
  }
  return document;
}
