/**
 * Every route declares who may call it. Enumerates the REST routes (from
 * Nest's controllers and the OpenAPI document) and the GraphQL schema's
 * queries, mutations and field resolvers: each must carry an access policy on
 * the method itself, and every REST operation must answer 401 without a key
 * (only the probes are public). A new route without a role fails here.
 */
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_POLICY, type AccessPolicy } from '../../src/auth/access-policy.decorator.js';
import { ADMIN_KEY, as, startAuthenticatedApp } from '../auth/support.js';
import type { TestApp } from '../support/test-app.js';

const RESOLVER_TYPE_METADATA = 'graphql:resolver_type';
const RESOLVER_NAME_METADATA = 'graphql:resolver_name';
const RESOLVER_PROPERTY_METADATA = 'graphql:resolve_property';
const PUBLIC_PATHS = new Set(['/healthz', '/readyz']);
const ABSENT_ID = '00000000-0000-4000-8000-000000000000';

interface DeclaredHandler {
  readonly owner: string;
  readonly policy: AccessPolicy | undefined;
  readonly method: (...args: unknown[]) => unknown;
}

/** Every method of every controller or provider class in the application, with its own (method-level) policy. */
function handlers(testApp: TestApp, kind: 'controllers' | 'providers'): DeclaredHandler[] {
  const found: DeclaredHandler[] = [];
  const seen = new Set<unknown>();
  for (const module of testApp.app.get(ModulesContainer).values()) {
    for (const wrapper of module[kind].values()) {
      const type = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (typeof type !== 'function' || !type.prototype || seen.has(type)) continue;
      seen.add(type);
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const method = Object.getOwnPropertyDescriptor(type.prototype, name)?.value;
        if (name === 'constructor' || typeof method !== 'function') continue;
        found.push({ owner: `${type.name}.${name}`, policy: Reflect.getMetadata(ACCESS_POLICY, method), method });
      }
    }
  }
  return found;
}

describe('route inventory: everything is guarded', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startAuthenticatedApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('every REST handler declares a role, and only the probes are public', () => {
    const routes = handlers(testApp, 'controllers').filter((handler) => Reflect.getMetadata(PATH_METADATA, handler.method) !== undefined);
    expect(routes.length).toBeGreaterThan(15);
    expect(routes.filter((route) => route.policy === undefined).map((route) => route.owner)).toEqual([]);
    const publicRoutes = routes.filter((route) => route.policy?.public).map((route) => route.owner);
    expect(publicRoutes.sort()).toEqual(['HealthController.healthz', 'HealthController.readyz']);
  });

  it('every operation of the OpenAPI document answers 401 without a key, except /healthz and /readyz', async () => {
    const document = (await as(testApp, ADMIN_KEY).get('/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const controllerRoutes = handlers(testApp, 'controllers').filter((handler) => Reflect.getMetadata(METHOD_METADATA, handler.method) !== undefined);
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ path, method })));
    expect(operations.length).toBe(controllerRoutes.length);
    const unguarded: string[] = [];
    for (const { path, method } of operations) {
      const url = path.replace(/\{[^}]+\}/g, ABSENT_ID);
      const response = await testApp.http()[method as 'get'](url).send({});
      const expected = PUBLIC_PATHS.has(path) ? 200 : 401;
      if (response.status !== expected) unguarded.push(`${method.toUpperCase()} ${path} → ${response.status}`);
    }
    expect(unguarded).toEqual([]);
  });

  it('every GraphQL query, mutation and field resolver declares a role', () => {
    const schema = testApp.app.get(GraphQLSchemaHost).schema;
    const resolvers = handlers(testApp, 'providers').filter(
      (handler) => Reflect.getMetadata(RESOLVER_TYPE_METADATA, handler.method) !== undefined || Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, handler.method),
    );
    const declared = new Map<string, AccessPolicy | undefined>();
    for (const resolver of resolvers) {
      const type = Reflect.getMetadata(RESOLVER_TYPE_METADATA, resolver.method) as string | undefined;
      const name = (Reflect.getMetadata(RESOLVER_NAME_METADATA, resolver.method) as string | undefined) ?? resolver.owner.split('.')[1];
      if (type === 'Query' || type === 'Mutation') declared.set(`${type}.${name}`, resolver.policy);
    }
    const rootFields = [
      ...Object.keys(schema.getQueryType()?.getFields() ?? {}).map((name) => `Query.${name}`),
      ...Object.keys(schema.getMutationType()?.getFields() ?? {}).map((name) => `Mutation.${name}`),
    ];
    expect(rootFields.length).toBeGreaterThan(8);
    expect(rootFields.filter((field) => declared.get(field) === undefined || declared.get(field)!.public)).toEqual([]);
    const fieldResolvers = resolvers.filter((resolver) => Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, resolver.method));
    expect(fieldResolvers.length).toBeGreaterThan(3);
    expect(fieldResolvers.filter((resolver) => resolver.policy === undefined || resolver.policy.public).map((resolver) => resolver.owner)).toEqual([]);
  });

  it('answers UNAUTHENTICATED to a GraphQL query without a key', async () => {
    const result = await testApp.graphql('{ topologies { edges { node { id } } } }');
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
