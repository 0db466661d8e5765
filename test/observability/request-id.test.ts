/**
 * The request id through real HTTP: a sane X-Request-Id is kept, anything
 * else replaced by a UUID; it is answered in X-Request-Id, put in problem
 * documents' `instance` and GraphQL errors' `extensions.requestId`, and in
 * every log line of the request (the access log and the services' lines).
 * Log lines are JSON with pino's level names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_JOBS_CONFIG } from '../../src/config/app-config.js';
import { LogCapture } from '../support/log-capture.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones } from '../e2e/plans-fixtures.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MISSING_PLAN = '/v1/plans/00000000-0000-4000-8000-000000000000';

describe('request ids', () => {
  let testApp: TestApp;
  const logs = new LogCapture();

  beforeAll(async () => {
    // Info, so the services' own lines are captured too; 2-replica plans on 6 nodes run as jobs.
    testApp = await startTestApp({ logLevel: 'info', logDestination: logs, jobs: { ...DEFAULT_JOBS_CONFIG, planAsyncThreshold: 6, jobPollSeconds: 0.5 } });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('keeps a sane X-Request-Id: answered in the header and as the problem instance', async () => {
    const response = await testApp.http().get(MISSING_PLAN).set('X-Request-Id', 'checkout-7f3a.retry:2');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.headers['x-request-id']).toBe('checkout-7f3a.retry:2');
    expect(response.body.instance).toBe('checkout-7f3a.retry:2');
  });

  it.each([
    ['over 128 characters', 'a'.repeat(129)],
    ['spaces and quotes', 'id with "quotes"'],
    ['a leading dash', '-abc'],
    ['non-ASCII', 'ïd'],
  ])('replaces an X-Request-Id with %s by a UUID', async (_, given) => {
    const response = await testApp.http().get(MISSING_PLAN).set('X-Request-Id', Buffer.from(given, 'utf8').toString('latin1'));
    expect(response.headers['x-request-id']).toMatch(UUID);
    expect(response.body.instance).toBe(response.headers['x-request-id']);
  });

  it('generates one when none is sent, on successful responses too', async () => {
    const response = await testApp.http().get('/healthz');
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toMatch(UUID);
  });

  it('puts it in problems the body parser raises, before any route runs', async () => {
    const response = await testApp.http().post('/v1/topologies').set('Content-Type', 'application/json').set('X-Request-Id', 'bad-json-1').send('{"name": ');
    expect(response.status).toBe(400);
    expect(response.body.instance).toBe('bad-json-1');
  });

  it('writes one access-log line per request, with the id, route, status and duration, level by name', async () => {
    await testApp.http().get(MISSING_PLAN).set('X-Request-Id', 'access-log-1');
    const lines = logs.withRequestId('access-log-1');
    const access = lines.filter((line) => line.res !== undefined);
    expect(access).toHaveLength(1);
    expect(access[0]).toMatchObject({
      level: 'warn',
      requestId: 'access-log-1',
      route: '/v1/plans/:id',
      req: { method: 'GET', path: MISSING_PLAN },
      res: { status: 404 },
      msg: `GET ${MISSING_PLAN} 404`,
    });
    expect(typeof access[0].durationMs).toBe('number');
    expect(typeof access[0].time).toBe('string');
    // Credentials never reach the log.
    expect(JSON.stringify(lines)).not.toMatch(/authorization/i);
  });

  it('carries it in the log lines services write while handling the request', async () => {
    const created = await testApp.http().post('/v1/topologies').send({ name: 'three-zones', objects: threeZones() });
    expect(created.status).toBe(201);
    const queued = await testApp.http().post(`/v1/topologies/${created.body.id}/plans`).set('X-Request-Id', 'queue-a-plan').send({ workloads: [deployment('web', 2)] });
    expect(queued.status).toBe(202);
    const lines = logs.withRequestId('queue-a-plan');
    expect(lines.map((line) => line.msg)).toContain(`plan ${queued.body.id}: queued, 2 replicas on 6 nodes`);
    // Written by the request pipeline (src/pipeline), which submits and runs every plan.
    const serviceLine = lines.find((line) => line.context === 'Pipeline');
    expect(serviceLine).toMatchObject({ level: 'info', requestId: 'queue-a-plan' });
    // The job runs later, outside the request: its lines carry the plan id instead.
    const deadline = Date.now() + 30_000;
    while (!logs.lines.some((line) => line.planId === queued.body.id && String(line.msg).includes('running')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(logs.lines.find((line) => line.planId === queued.body.id && String(line.msg).includes('running'))).toMatchObject({ level: 'info', context: 'Pipeline' });
  });

  it('puts it in GraphQL errors as extensions.requestId', async () => {
    const response = await testApp
      .http()
      .post('/graphql')
      .set('X-Request-Id', 'graphql-error-1')
      .send({ query: 'query { plan(id: "00000000-0000-4000-8000-000000000000") { id } }' });
    expect(response.headers['x-request-id']).toBe('graphql-error-1');
    expect(response.body.errors[0].extensions).toMatchObject({ code: 'NOT_FOUND', requestId: 'graphql-error-1' });
  });
});
