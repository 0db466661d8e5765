/**
 * Who may read /metrics: with keys configured, the API port wants a key like
 * every other route; PODPLAN_METRICS_PORT serves it keyless on its own port.
 * A `podplan worker` serves it on its health port behind the same keys.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_CONFIG, DEFAULT_JOBS_CONFIG, loadAppConfig } from '../../src/config/app-config.js';
import { startPodplan, type RunningPodplan } from '../../src/process-entry.js';
import { MetricsPort } from '../../src/observability/metrics/metrics-port.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, testConfig, type TestApp } from '../support/test-app.js';

const ADMIN_KEY = 'metrics-test-admin-key-0123456789';

describe('/metrics with keys configured', () => {
  let testApp: TestApp;
  let metricsUrl: string;

  beforeAll(async () => {
    testApp = await startTestApp({ auth: { ...DEFAULT_AUTH_CONFIG, adminKey: ADMIN_KEY }, observability: { ...loadAppConfig({}).observability!, metricsPort: 0 } });
    metricsUrl = `http://127.0.0.1:${testApp.app.get(MetricsPort).port}`;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('refuses the API port without a key, with a problem carrying the request id', async () => {
    const response = await testApp.http().get('/metrics').set('X-Request-Id', 'scrape-1');
    expect(response.status).toBe(401);
    expect(response.body).toMatchObject({ status: 401, instance: 'scrape-1' });
  });

  it('answers the API port with a key', async () => {
    const response = await testApp.http().get('/metrics').set('Authorization', `Bearer ${ADMIN_KEY}`);
    expect(response.status).toBe(200);
    expect(response.text).toContain('# TYPE podplan_http_requests_total counter');
  });

  it('answers PODPLAN_METRICS_PORT without a key, and nothing else there', async () => {
    const metrics = await request(metricsUrl).get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    // Refused before routing (authentication comes first), so under no route template.
    expect(metrics.text).toContain('podplan_http_requests_total{method="GET",route="unmatched",status="401"} 1');
    expect((await request(metricsUrl).get('/v1/topologies')).status).toBe(404);
    expect((await request(metricsUrl).post('/metrics')).status).toBe(405);
  });
});

describe('/metrics of a podplan worker', () => {
  let database: TestDatabase;
  let worker: RunningPodplan;

  beforeAll(async () => {
    database = await createTestDatabase();
    worker = await startPodplan({
      ...testConfig(database.config, { auth: { ...DEFAULT_AUTH_CONFIG, adminKey: ADMIN_KEY } }),
      jobs: { ...DEFAULT_JOBS_CONFIG, role: 'worker' },
    });
  });

  afterAll(async () => {
    await worker?.close();
    await database?.drop();
  });

  it('serves the worker metrics on its health port behind the keys', async () => {
    expect((await request(worker.url).get('/metrics')).status).toBe(401);
    const response = await request(worker.url).get('/metrics').set('Authorization', `Bearer ${ADMIN_KEY}`);
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/^podplan_plan_jobs\{state="waiting"\} \d+$/m);
    expect(response.text).toContain('# TYPE podplan_engine_threads gauge');
    expect((await request(worker.url).get('/healthz')).status).toBe(200);
  });
});
