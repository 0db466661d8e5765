/**
 * Builds the whole service in-process: used by main.ts, the tests and any
 * later CLI or worker. The caller decides whether to listen.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from './config/app-config.js';
import { AppModule } from './app.module.js';
import { submittedDocumentChecks } from './common/limits/submitted-document.js';
import { requestBodyReader } from './common/http/request-body.js';
import { openApiDocument } from './openapi-document.js';
import { API_DOCS_PATHS } from './auth/public-routes.js';
import { GRAPHQL_PATH, RequestGate } from './auth/request-gate.js';
import { GraphiqlPageServer } from './auth/graphiql-page.js';
import { YAML_MEDIA_TYPES } from './topologies/rest/topology-upload.js';
import { AccessLog } from './observability/http/access-log.js';
import { RequestTelemetry } from './observability/http/request-telemetry.js';

export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    // Parsers are registered below with the configured limit: the default
    // 100 kB answers 413 to real cluster dumps.
    bodyParser: false,
    // Held until the pino logger takes over, so start-up lines are JSON too.
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  // First: every request gets its id, span and metrics, and one access-log line, even one refused by a parser below.
  app.use(app.get(RequestTelemetry).middleware);
  app.use(app.get(AccessLog).middleware);
  app.use(helmet());
  // Closed unless CORS_ORIGINS names the browser origins (a portal, a dashboard) that may call the API.
  app.enableCors({
    origin: config.corsOrigins.length === 0 ? false : [...config.corsOrigins],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match', 'X-Request-Id', 'traceparent', 'tracestate'],
    exposedHeaders: ['ETag', 'Location', 'Retry-After', 'X-Request-Id'],
  });
  // The client address behind a reverse proxy, for the failed-authentication throttle.
  app.set('trust proxy', config.auth.trustProxy);
  // GraphiQL's page for a browser, when PODPLAN_GRAPHIQL allows it; the page holds no data, its requests meet the gate.
  app.use(app.get(GraphiqlPageServer).handler);
  // Authentication first: nothing of a request without a valid key is read, parsed or walked.
  app.use(app.get(RequestGate).handler);
  app.use(requestBodyReader(config, YAML_MEDIA_TYPES));
  app.use(submittedDocumentChecks(config.limits.maxDocumentDepth, GRAPHQL_PATH));
  app.enableShutdownHooks();
  SwaggerModule.setup(API_DOCS_PATHS.ui.slice(1), app, () => openApiDocument(app), {
    jsonDocumentUrl: API_DOCS_PATHS.json.slice(1),
    yamlDocumentUrl: API_DOCS_PATHS.yaml.slice(1),
  });
  try {
    await app.init();
  } catch (error) {
    // A start-up check that fails in a bootstrap hook (an unsafe binding, a bad
    // source key) leaves the modules already initialised holding their
    // connections: close them, or the database pool outlives the failure and
    // its sockets error once the server drops them.
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}
