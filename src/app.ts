/**
 * Builds the whole service in-process: used by main.ts, the tests and any
 * later CLI or worker. The caller decides whether to listen.
 */
import 'reflect-metadata';
import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { enabledLogLevels, type AppConfig } from './config/app-config.js';
import { AppModule } from './app.module.js';
import { submittedDocumentChecks } from './common/limits/submitted-document.js';
import { YAML_MEDIA_TYPES } from './topologies/rest/topology-upload.js';

function openApiDocument(app: INestApplication) {
  const config = new DocumentBuilder()
    .setTitle('podplan')
    .setDescription('Where Kubernetes replicas would land, and why — saved topologies, plans and what-if analyses.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'an API key (see "Authentication" in the README)' })
    .build();
  return SwaggerModule.createDocument(app, config);
}

export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forConfig(config), {
    // Parsers are registered below with the configured limit: the default
    // 100 kB answers 413 to real cluster dumps.
    bodyParser: false,
    logger: new ConsoleLogger({ json: true, logLevels: enabledLogLevels(config.logLevel) }),
  });
  app.use(helmet());
  // Closed unless CORS_ORIGINS names the browser origins (a portal, a dashboard) that may call the API.
  app.enableCors({ origin: config.corsOrigins.length === 0 ? false : [...config.corsOrigins], allowedHeaders: ['Authorization', 'Content-Type', 'If-Match'], exposedHeaders: ['ETag', 'Location', 'Retry-After'] });
  app.useBodyParser('json', { limit: config.bodyLimitBytes, type: ['application/json', 'application/*+json'] });
  app.useBodyParser('text', { limit: config.bodyLimitBytes, type: YAML_MEDIA_TYPES });
  app.use(submittedDocumentChecks(config.limits.maxDocumentDepth, '/graphql'));
  app.enableShutdownHooks();
  SwaggerModule.setup('docs', app, () => openApiDocument(app), { jsonDocumentUrl: 'openapi.json' });
  await app.init();
  return app;
}
