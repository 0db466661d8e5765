/**
 * Background plans in one process over real HTTP: above PLAN_ASYNC_THRESHOLD
 * a plan answers 202 `queued`, runs as a job and ends `succeeded` with the
 * same placements a simulation computes; bad input is still refused up front;
 * cancel, its conflict, GraphQL status and a job delivered twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_JOBS_CONFIG, type JobsConfig } from '../../src/config/app-config.js';
import { PlanJobsService } from '../../src/jobs/plan-jobs.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones, zoneAntiAffinity } from './plans-fixtures.js';

/** Every plan of more than 6 nodes × 1 replica is a background job. */
const JOBS: JobsConfig = { ...DEFAULT_JOBS_CONFIG, planAsyncThreshold: 6, jobPollSeconds: 0.5 };
const PROBLEM_JSON = /application\/problem\+json/;

async function waitForPlan(testApp: TestApp, id: string, until: (plan: any) => boolean, timeoutMs = 30_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await testApp.http().get(`/v1/plans/${id}`);
    expect(response.status).toBe(200);
    if (until(response.body)) return response.body;
    if (Date.now() > deadline) throw new Error(`plan ${id} still ${response.body.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('background plans (API and worker in one process)', () => {
  let testApp: TestApp;
  let topologyId: string;

  beforeAll(async () => {
    testApp = await startTestApp({ jobs: JOBS });
    const response = await testApp.http().post('/v1/topologies').send({ name: 'three-zones', objects: threeZones() });
    expect(response.status).toBe(201);
    topologyId = response.body.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('keeps fieldValidation=Warn warnings for a queued plan: the finished plan lists them (#21)', async () => {
    const misspelt = { ...deployment('warned', 8), replica: 3 };
    const accepted = await testApp.http().post(`/v1/topologies/${topologyId}/plans?fieldValidation=Warn`).send({ workloads: [misspelt] });
    expect(accepted.status).toBe(202);
    const finished = await waitForPlan(testApp, accepted.body.id, (plan) => plan.status === 'succeeded');
    expect(finished.warnings).toContainEqual(expect.objectContaining({ path: 'workloads[0].replica' }));
  });

  it('accepts a large plan with 202 queued, then runs it to the placements a simulation computes', async () => {
    const workloads = [deployment('web', 4), deployment('cache', 4, zoneAntiAffinity('cache'), { app: 'cache' })];
    const accepted = await testApp.http().post(`/v1/topologies/${topologyId}/plans`).send({ name: 'big', workloads });
    expect(accepted.status).toBe(202);
    expect(accepted.headers.location).toBe(`/v1/plans/${accepted.body.id}`);
    expect(accepted.body).toMatchObject({ topologyId, revision: 1, name: 'big', status: 'queued', progress: { done: 0, total: 8 }, placements: [] });
    expect(accepted.body.summary).toBeUndefined();

    const finished = await waitForPlan(testApp, accepted.body.id, (plan) => plan.status === 'succeeded');
    expect(finished.progress).toEqual({ done: 8, total: 8 });
    // Three zones hold three of the four zone-anti-affine cache replicas.
    expect(finished.summary).toEqual({ replicas: 8, scheduled: 7, unschedulable: 1 });
    expect(finished.timings).toEqual({ loadMs: expect.any(Number), planMs: expect.any(Number), storeMs: expect.any(Number) });

    const simulated = await testApp.http().post('/v1/simulations').send({ topologyId, workloads });
    expect(simulated.status).toBe(200);
    const nodes = (placements: any[]) => placements.map((placement) => [placement.pod, placement.node]);
    expect(nodes(finished.placements)).toEqual(nodes(simulated.body.placements));
  });

  it('refuses bad input before queueing anything', async () => {
    const before = await testApp.http().get(`/v1/topologies/${topologyId}/plans`);
    const response = await testApp
      .http()
      .post(`/v1/topologies/${topologyId}/plans`)
      .send({ workloads: [deployment('bad', 8, { tolerations: [{ key: 'dedicated', operator: 'Sideways' }] })] });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body.errors).toEqual([
      { path: 'workloads[0].spec.template.spec.tolerations[0].operator', message: 'Unsupported value: "Sideways": supported values: "Equal", "Exists"' },
    ]);
    const after = await testApp.http().get(`/v1/topologies/${topologyId}/plans`);
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('shows status and progress over GraphQL', async () => {
    const accepted = await testApp.http().post(`/v1/topologies/${topologyId}/plans`).send({ workloads: [deployment('api', 6)] });
    expect(accepted.status).toBe(202);
    await waitForPlan(testApp, accepted.body.id, (plan) => plan.status === 'succeeded');
    const response = await testApp.graphql('query ($id: ID!) { plan(id: $id) { status progress { done total } summary { scheduled } error { message } } }', {
      id: accepted.body.id,
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.plan).toEqual({ status: 'succeeded', progress: { done: 6, total: 6 }, summary: { scheduled: 6 }, error: null });
  });

  it('answers 409 to cancelling a plan that has finished', async () => {
    const accepted = await testApp.http().post(`/v1/topologies/${topologyId}/plans`).send({ workloads: [deployment('done', 7)] });
    await waitForPlan(testApp, accepted.body.id, (plan) => plan.status === 'succeeded');
    const response = await testApp.http().post(`/v1/plans/${accepted.body.id}/cancel`);
    expect(response.status).toBe(409);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body.detail).toMatch(/already succeeded/);
  });

  it('answers 404 to cancelling a plan that does not exist', async () => {
    const response = await testApp.http().post('/v1/plans/00000000-0000-4000-8000-000000000000/cancel');
    expect(response.status).toBe(404);
  });
});

describe('background plans with no worker in the process (PODPLAN_ROLE=serve)', () => {
  let testApp: TestApp;
  let topologyId: string;

  beforeAll(async () => {
    testApp = await startTestApp({ jobs: { ...JOBS, role: 'serve' } });
    const response = await testApp.http().post('/v1/topologies').send({ name: 'three-zones', objects: threeZones() });
    topologyId = response.body.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const queuePlan = async (name: string) => {
    const response = await testApp.http().post(`/v1/topologies/${topologyId}/plans`).send({ workloads: [deployment(name, 8)] });
    expect(response.status).toBe(202);
    return response.body.id as string;
  };

  it('keeps the plan queued until a worker takes it', async () => {
    const id = await queuePlan('waiting');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const response = await testApp.http().get(`/v1/plans/${id}`);
    expect(response.body).toMatchObject({ status: 'queued', progress: { done: 0, total: 8 } });
  });

  it('cancels a queued plan over REST, and a worker then leaves it cancelled with no placements', async () => {
    const id = await queuePlan('cancelled');
    const cancelled = await testApp.http().post(`/v1/plans/${id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ id, status: 'cancelled' });

    await testApp.app.get(PlanJobsService).execute(id, new AbortController().signal);
    const after = await testApp.http().get(`/v1/plans/${id}`);
    expect(after.body).toMatchObject({ status: 'cancelled', placements: [] });
    expect((await testApp.http().post(`/v1/plans/${id}/cancel`)).status).toBe(409);
  });

  it('cancels over GraphQL with cancelPlan', async () => {
    const id = await queuePlan('graphql');
    const response = await testApp.graphql('mutation ($id: ID!) { cancelPlan(id: $id) { id status } }', { id });
    expect(response.errors).toBeUndefined();
    expect(response.data!.cancelPlan).toEqual({ id, status: 'cancelled' });
  });

  it('fails a queued plan whose topology was deleted before a worker took it, saying why', async () => {
    const created = await testApp.http().post('/v1/topologies').send({ name: 'short-lived', objects: threeZones() });
    expect(created.status).toBe(201);
    const accepted = await testApp.http().post(`/v1/topologies/${created.body.id}/plans`).send({ workloads: [deployment('orphan', 8)] });
    expect(accepted.status).toBe(202);
    expect((await testApp.http().delete(`/v1/topologies/${created.body.id}`)).status).toBe(204);
    // This process takes no jobs (PODPLAN_ROLE=serve), so the plan is still queued when the job below runs.
    expect((await testApp.http().get(`/v1/plans/${accepted.body.id}`)).body).toMatchObject({ status: 'queued' });

    await testApp.app.get(PlanJobsService).execute(accepted.body.id, new AbortController().signal);
    const plan = await testApp.http().get(`/v1/plans/${accepted.body.id}`);
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ status: 'failed', error: { message: `Topology "${created.body.id}" does not exist` }, placements: [] });
  });

  it('stores a plan exactly once when its job is delivered to two workers at the same time', async () => {
    const id = await queuePlan('twice');
    const jobs = testApp.app.get(PlanJobsService);
    const signal = new AbortController().signal;
    await Promise.all([jobs.execute(id, signal), jobs.execute(id, signal)]);
    const plan = await testApp.http().get(`/v1/plans/${id}`);
    expect(plan.body).toMatchObject({ status: 'succeeded', progress: { done: 8, total: 8 }, summary: { replicas: 8, scheduled: 8 } });
    expect(plan.body.placements.map((placement: any) => placement.replica)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});
