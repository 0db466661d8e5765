/** Probes, API documents and the error contract of the HTTP edge. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('operations', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('GET /healthz answers while the process is up', async () => {
    const response = await testApp.http().get('/healthz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers when the database does', async () => {
    const response = await testApp.http().get('/readyz');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('serves the OpenAPI document at /openapi.json, describing the topology routes', async () => {
    const response = await testApp.http().get('/openapi.json');
    expect(response.status).toBe(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/v1/topologies', '/v1/topologies/{id}', '/v1/topologies/{id}/nodes', '/healthz', '/readyz']),
    );
    expect(response.body.components.schemas.TopologyDto.properties.summary).toBeDefined();
  });

  it('serves Swagger UI at /docs', async () => {
    const response = await testApp.http().get('/docs').redirects(1);
    expect(response.status).toBe(200);
    expect(response.text).toContain('swagger');
  });

  it('answers unknown routes with a 404 problem', async () => {
    const response = await testApp.http().get('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, type: 'urn:podplan:problem:not-found' });
  });

  it('locates a JSON syntax error by line and column', async () => {
    const response = await testApp.http().post('/v1/topologies').set('Content-Type', 'application/json').send('{\n  "name": "x",\n  oops\n}');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].message).toMatch(/line 3, column 3/);
  });
});
