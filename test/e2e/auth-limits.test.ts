/**
 * Abuse limits, security headers and the open (no keys) mode, through HTTP:
 * each refusal names its setting and value; rate limits answer 429 with
 * Retry-After; helmet's headers and a closed-by-default CORS; with no keys
 * the service is open on loopback only and closes as soon as a key exists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_CONFIG, loadAppConfig } from '../../src/config/app-config.js';
import { ADMIN_KEY, as, startAuthenticatedApp } from '../auth/support.js';
import pg from 'pg';
import { createApp } from '../../src/app.js';
import { createTestDatabase } from '../support/test-database.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-app.js';
import { deployment, threeZones } from './plans-fixtures.js';

const DEFAULT_LIMITS = loadAppConfig({}).limits;

describe('request limits name the setting and its value', () => {
  let testApp: TestApp;
  let topologyId: string;

  beforeAll(async () => {
    testApp = await startTestApp({
      bodyLimitBytes: 64 * 1024,
      limits: { ...DEFAULT_LIMITS, maxTopologyObjects: 6, maxPlanReplicas: 10, maxPlanWork: 30 },
    });
    const created = await testApp.http().post('/v1/topologies').send({ name: 'six', objects: threeZones() });
    expect(created.status).toBe(201);
    topologyId = created.body.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('413 for a body over BODY_LIMIT', async () => {
    const response = await testApp.http().post('/v1/topologies').send({ name: 'big', objects: [], padding: 'x'.repeat(70 * 1024) });
    expect(response.status).toBe(413);
    expect(response.body.detail).toBe('the request body is larger than the configured limit (BODY_LIMIT=65536 bytes)');
  });

  it('422 for a topology over PODPLAN_MAX_TOPOLOGY_OBJECTS, and nothing is stored', async () => {
    const objects = [...threeZones(), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'extra' } }];
    const response = await testApp.http().post('/v1/topologies').send({ name: 'seven', objects });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({
      type: 'urn:podplan:problem:limit-exceeded',
      errors: [{ path: 'objects', message: 'has 7 objects (limit PODPLAN_MAX_TOPOLOGY_OBJECTS=6)' }],
    });
    const listed = await testApp.http().get('/v1/topologies');
    expect(listed.body.items.map((item: { name: string }) => item.name)).toEqual(['six']);
  });

  it('422 for a plan over PODPLAN_MAX_PLAN_REPLICAS, checked before any pod is made', async () => {
    const response = await testApp.http().post(`/v1/topologies/${topologyId}/plans`).send({ workloads: [deployment('huge', 1_000_000_000)] });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ path: 'workloads', message: 'asks for 1000000000 replicas (limit PODPLAN_MAX_PLAN_REPLICAS=10)' }]);
    const plans = await testApp.http().get(`/v1/topologies/${topologyId}/plans`);
    expect(plans.body.items).toEqual([]);
  });

  it('422 for a simulation over the PODPLAN_MAX_PLAN_WORK budget (nodes × replicas)', async () => {
    const response = await testApp.http().post('/v1/simulations').send({ topologyId, workloads: [deployment('web', 6)] });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([
      { path: 'workloads', message: '6 replicas × 6 nodes is 36 node evaluations (limit PODPLAN_MAX_PLAN_WORK=30)' },
    ]);
  });

  it('the same over GraphQL, as LIMIT_EXCEEDED', async () => {
    const result = await testApp.graphql(`mutation($input: SimulateInput!) { simulate(input: $input) { summary { replicas } } }`, {
      input: { topologyId, workloads: [deployment('web', 11)] },
    });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', errors: [{ path: 'workloads' }] });
  });
});

describe('plan timeouts', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ limits: { ...DEFAULT_LIMITS, planTimeoutMs: 1 } });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('stop a plan at PODPLAN_PLAN_TIMEOUT_MS with a clear 422 and store nothing', async () => {
    const created = await testApp.http().post('/v1/topologies').send({ name: 'slow', objects: threeZones() });
    const response = await testApp.http().post(`/v1/topologies/${created.body.id}/plans`).send({ workloads: [deployment('many', 2000, {}, { app: 'many' })] });
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/^the plan did not finish within 1 ms \(limit PODPLAN_PLAN_TIMEOUT_MS=1\)/);
    expect((await testApp.http().get(`/v1/topologies/${created.body.id}/plans`)).body.items).toEqual([]);
  });
});

describe('per-key rate limiting', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startAuthenticatedApp({ limits: { ...DEFAULT_LIMITS, rateLimitPerMinute: 6, rateLimitBurst: 3 } });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('answers 429 with Retry-After once the burst is spent, over REST and GraphQL', async () => {
    const admin = as(testApp, ADMIN_KEY);
    for (let request = 0; request < 3; request++) expect((await admin.get('/v1/topologies')).status).toBe(200);
    const limited = await admin.get('/v1/topologies');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('10');
    expect(limited.body.detail).toMatch(/PODPLAN_RATE_LIMIT_PER_MINUTE/);
    const graphql = await admin.graphql('{ topologies { edges { node { id } } } }');
    expect(graphql.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS', retryAfter: 10 });
  });

  it('never limits the probes', async () => {
    for (let request = 0; request < 5; request++) expect((await testApp.http().get('/healthz')).status).toBe(200);
  });
});

describe('the open mode (no keys configured), security headers and CORS', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ corsOrigins: ['https://portal.example'] });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('sends helmet security headers and no X-Powered-By', async () => {
    const response = await testApp.http().get('/healthz');
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("default-src 'self'"),
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('allows only the configured CORS origins', async () => {
    const allowed = await testApp.http().options('/v1/topologies').set('Origin', 'https://portal.example').set('Access-Control-Request-Method', 'POST');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.example');
    expect(allowed.headers['access-control-allow-headers']).toContain('Authorization');
    const refused = await testApp.http().get('/healthz').set('Origin', 'https://evil.example');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves the loopback user as an admin of team default, until the first key is created', async () => {
    const created = await testApp.http().post('/v1/topologies').send({ name: 'open', objects: threeZones().slice(0, 1) });
    expect(created.status).toBe(201);
    const key = await testApp.http().post('/v1/keys').send({ name: 'first', role: 'admin' });
    expect(key.status).toBe(201);
    expect(key.body.team).toBe('default');
    expect((await testApp.http().get('/v1/topologies')).status).toBe(401);
    const withKey = await as(testApp, key.body.key).get('/v1/topologies');
    expect(withKey.body.items.map((item: { id: string }) => item.id)).toEqual([created.body.id]);
    await as(testApp, key.body.key).delete(`/v1/keys/${key.body.id}`);
    expect((await testApp.http().get('/v1/topologies')).status).toBe(401);
  });
});

describe('CORS is closed by default', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('allows no origin at all', async () => {
    const response = await testApp.http().options('/v1/topologies').set('Origin', 'https://portal.example').set('Access-Control-Request-Method', 'GET');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('binding without authentication', () => {
  it('refuses a non-loopback HOST with no keys', async () => {
    await expect(startTestApp({ host: '0.0.0.0' })).rejects.toThrow(/refusing to listen on 0\.0\.0\.0 without authentication/);
  });

  it('a refused start holds no database connection afterwards', async () => {
    const database = await createTestDatabase();
    try {
      await expect(createApp(testConfig(database.config, { host: '0.0.0.0' }))).rejects.toThrow(/refusing to listen/);
      // Left open, the pools' sockets would outlive the failure and error when the server drops them.
      const client = new pg.Client({ connectionString: database.config.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ others: number }>(
          'SELECT count(*)::int AS others FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        expect(rows[0].others).toBe(0);
      } finally {
        await client.end();
      }
    } finally {
      await database.drop();
    }
  });

  it('accepts it with PODPLAN_ALLOW_UNAUTHENTICATED=true, or with PODPLAN_ADMIN_KEY set', async () => {
    const optedOut = await startTestApp({ host: '0.0.0.0', auth: { ...DEFAULT_AUTH_CONFIG, allowUnauthenticated: true } });
    await optedOut.close();
    const withKey = await startTestApp({ host: '0.0.0.0', auth: { ...DEFAULT_AUTH_CONFIG, adminKey: ADMIN_KEY } });
    await withKey.close();
  });
});
