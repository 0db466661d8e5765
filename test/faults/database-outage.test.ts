/**
 * Postgres going away and coming back, on a private cluster: while it is
 * down, REST answers 503 with Retry-After, GraphQL SERVICE_UNAVAILABLE and
 * /readyz fails, while /healthz (liveness) stays up; once it returns the
 * service recovers by itself, with nothing lost and nothing half-written.
 */
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenAPIObject } from '@nestjs/swagger';
import { createApp } from '../../src/app.js';
import { ResponseSchemas } from '../support/openapi-responses.js';
import { threeZones } from '../e2e/plans-fixtures.js';
import { testConfig } from '../support/test-app.js';
import { createPrivatePostgres, type PrivatePostgres } from './support/private-postgres.js';

async function eventually<T>(attempt: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('Postgres unavailable, then back', () => {
  let postgres: PrivatePostgres;
  let app: NestExpressApplication;
  const http = () => request(app.getHttpServer());
  let topologyId: string;
  let schemas: ResponseSchemas;

  beforeAll(async () => {
    postgres = await createPrivatePostgres();
    app = await createApp(testConfig({ kind: 'postgres', url: postgres.url }));
    const served = await http().get('/openapi.json');
    expect(served.status).toBe(200);
    schemas = new ResponseSchemas(served.body as OpenAPIObject);
    const created = await http().post('/v1/topologies').send({ name: 'before', objects: threeZones() });
    expect(created.status).toBe(201);
    topologyId = created.body.id;
  });

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    await postgres?.destroy();
  });

  describe('while the database is stopped', () => {
    beforeAll(async () => {
      await postgres.stop('fast');
    });

    it('REST answers 503 problem+json with Retry-After, reads and writes alike', async () => {
      for (const response of [
        await http().get('/v1/topologies'),
        await http().get(`/v1/topologies/${topologyId}`),
        await http().post('/v1/topologies').send({ name: 'during', objects: threeZones() }),
      ]) {
        expect(response.status).toBe(503);
        expect(response.headers['retry-after']).toBe('5');
        expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(response.body).toMatchObject({ type: 'urn:podplan:problem:service-unavailable', detail: 'the database is not reachable; retry shortly' });
      }
    });

    it('GraphQL answers SERVICE_UNAVAILABLE', async () => {
      const response = await http().post('/graphql').send({ query: '{ topologies { edges { node { id } } } }' });
      expect(response.body.errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfter: 5 });
    });

    it('/readyz fails and /healthz stays up', async () => {
      const readiness = await http().get('/readyz');
      expect(readiness.status).toBe(503);
      expect(readiness.headers['retry-after']).toBe('5');
      expect(readiness.headers['content-type']).toMatch(/application\/problem\+json/);
      // The problem is the one openapi.json declares for /readyz's 503 (a closed object).
      expect(readiness.body).toMatchObject({ type: 'urn:podplan:problem:service-unavailable', status: 503, errors: [] });
      expect(schemas.errors('GET', '/readyz', 503, readiness.body, 'application/problem+json')).toEqual([]);
      expect(schemas.errors('GET', '/readyz', 503, { ...readiness.body, cause: 'ECONNREFUSED' }, 'application/problem+json')).not.toEqual([]);
      const liveness = await http().get('/healthz');
      expect(liveness.status).toBe(200);
      expect(schemas.errors('GET', '/healthz', 200, liveness.body)).toEqual([]);
    });
  });

  describe('once it is back', () => {
    beforeAll(async () => {
      await postgres.start();
    });

    it('recovers by itself: /readyz and requests succeed again', async () => {
      const ready = await eventually(() => http().get('/readyz'), (response) => response.status === 200);
      expect(ready.status).toBe(200);
      const listed = await eventually(() => http().get('/v1/topologies'), (response) => response.status === 200);
      expect(listed.status).toBe(200);
    });

    it('lost nothing and stored nothing of the refused write', async () => {
      const listed = await http().get('/v1/topologies');
      expect(listed.body.items.map((item: { name: string }) => item.name)).toEqual(['before']);
      const created = await http().post('/v1/topologies').send({ name: 'after', objects: threeZones() });
      expect(created.status).toBe(201);
    });
  });

  describe('a crash of the database (immediate stop) mid-session', () => {
    it('also answers 503, then recovers', async () => {
      await postgres.stop('immediate');
      const down = await http().get('/v1/topologies');
      expect(down.status).toBe(503);
      await postgres.start();
      const back = await eventually(() => http().get('/v1/topologies'), (response) => response.status === 200);
      expect(back.body.items.map((item: { name: string }) => item.name)).toEqual(['before', 'after']);
    });
  });
});
