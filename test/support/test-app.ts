/** The real application, in-process, over a fresh test database; requests go through real HTTP (supertest). */
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadAppConfig, type AppConfig, type DatabaseConfig } from '../../src/config/app-config.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  readonly app: NestExpressApplication;
  /** A supertest client bound to the app's HTTP server. */
  http(): ReturnType<typeof request>;
  /** POSTs a GraphQL operation and returns the parsed response body. */
  graphql(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

export interface GraphQLResponse {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, any> }[];
}

export function testConfig(database: DatabaseConfig, overrides: Partial<AppConfig> = {}): AppConfig {
  // Every other setting at its documented default, as an unconfigured deployment has it.
  return { ...loadAppConfig({}), host: '127.0.0.1', port: 0, database, bodyLimitBytes: 256 * 1024 * 1024, logLevel: 'error', ...overrides };
}

export async function startTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  let app: NestExpressApplication;
  try {
    app = await createApp(testConfig(database.config, overrides));
  } catch (error) {
    await database.drop();
    throw error;
  }
  const http = () => request(app.getHttpServer());
  return {
    app,
    http,
    async graphql(query, variables) {
      const response = await http().post('/graphql').set('Content-Type', 'application/json').send({ query, variables });
      return response.body as GraphQLResponse;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
