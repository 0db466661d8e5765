/** Helpers for tests of an app with authentication on: the admin key, keys per role and team, requests as a key. */
import { expect } from 'vitest';
import { DEFAULT_AUTH_CONFIG, loadAppConfig, type AppConfig } from '../../src/config/app-config.js';
import type { Role } from '../../src/auth/role.js';
import { startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app.js';

export const ADMIN_KEY = 'admin-key-for-tests-0123456789abcdef';

/** The app with PODPLAN_ADMIN_KEY set; rate limiting and the failed-authentication throttle off unless a test turns them on. */
export function startAuthenticatedApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const defaults = loadAppConfig({});
  return startTestApp({
    auth: { ...DEFAULT_AUTH_CONFIG, adminKey: ADMIN_KEY, failedAttemptsPerMinute: 0 },
    limits: { ...defaults.limits, rateLimitPerMinute: 0 },
    ...overrides,
  });
}

/** Requests carrying `Authorization: Bearer <key>` (no header when key is undefined). */
export function as(testApp: TestApp, key: string | undefined) {
  const authorize = <T extends { set(name: string, value: string): T }>(request: T): T =>
    key === undefined ? request : request.set('Authorization', `Bearer ${key}`);
  return {
    get: (path: string) => authorize(testApp.http().get(path)),
    delete: (path: string) => authorize(testApp.http().delete(path)),
    post: (path: string, body?: unknown) => authorize(testApp.http().post(path)).send(body as object),
    put: (path: string, body?: unknown) => authorize(testApp.http().put(path)).send(body as object),
    async graphql(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
      const response = await authorize(testApp.http().post('/graphql')).set('Content-Type', 'application/json').send({ query, variables });
      return response.body as GraphQLResponse;
    },
  };
}

/** Creates a key with the admin key and returns its secret. */
export async function createKey(testApp: TestApp, role: Role, team: string, name = `${team}-${role}`): Promise<string> {
  const response = await as(testApp, ADMIN_KEY).post('/v1/keys', { name, role, team });
  expect(response.status).toBe(201);
  return response.body.key as string;
}
