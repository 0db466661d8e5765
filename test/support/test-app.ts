/** The real application, in-process, over a fresh test database; requests go through real HTTP (supertest). */
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { createApp } from '../../src/app.js';
import { loadAppConfig, type AppConfig, type DatabaseConfig } from '../../src/config/app-config.js';
import type { PodplanApi } from '../../src/cli/server/server-client.js';
import { podplanClient } from './api-client.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  readonly app: NestExpressApplication;
  /** A supertest client bound to the app's HTTP server. */
  http(): ReturnType<typeof request>;
  /** The typed REST client (the CLI's, generated from openapi.json) over real HTTP; the app listens on a free port from the first call. */
  api(token?: string): Promise<PodplanApi>;
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
  let listening: Promise<string> | undefined;
  const baseUrl = () =>
    (listening ??= app.listen(0, '127.0.0.1').then(() => {
      const address = app.getHttpServer().address() as AddressInfo;
      return `http://127.0.0.1:${address.port}`;
    }));
  return {
    app,
    http,
    async api(token) {
      return podplanClient(await baseUrl(), token);
    },
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
