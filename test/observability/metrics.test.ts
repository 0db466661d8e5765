/**
 * /metrics through real HTTP: scraped before and after each action, the
 * podplan_* series move exactly as the action says (a topology import, an
 * inline plan, a background plan, an analysis, GraphQL operations).
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_JOBS_CONFIG, type JobsConfig } from '../../src/config/app-config.js';
import { parsePrometheusText, metricFamilies, sampleValue, type Sample } from '../support/prometheus-text.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones } from '../e2e/plans-fixtures.js';

/** 6 nodes: a 1-replica plan (6 evaluations) runs inline, a 2-replica one (12) as a background job. */
const JOBS: JobsConfig = { ...DEFAULT_JOBS_CONFIG, planAsyncThreshold: 6, jobPollSeconds: 0.5 };

describe('GET /metrics', () => {
  let testApp: TestApp;

  async function scrape(): Promise<Sample[]> {
    const response = await testApp.http().get('/metrics');
    expect(response.status).toBe(200);
    return parsePrometheusText(response.text);
  }

  async function createTopology(): Promise<string> {
    const response = await testApp.http().post('/v1/topologies').send({ name: 'three-zones', objects: threeZones() });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  beforeAll(async () => {
    testApp = await startTestApp({ jobs: JOBS });
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('answers Prometheus text, every family prefixed podplan_, process metrics included', async () => {
    const response = await testApp.http().get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    const families = metricFamilies(response.text);
    expect(families.filter((name) => !name.startsWith('podplan_'))).toEqual([]);
    for (const family of [
      'podplan_process_cpu_seconds_total',
      'podplan_process_resident_memory_bytes',
      'podplan_nodejs_eventloop_lag_seconds',
      'podplan_http_requests_total',
      'podplan_plan_jobs',
      'podplan_plan_job_oldest_waiting_seconds',
      'podplan_engine_threads',
      'podplan_engine_thread_busy_seconds_total',
      'podplan_database_pool_connections',
      'podplan_database_pool_max_connections',
      'podplan_pods_scheduled_total',
      'podplan_plans_requeued_after_lost_lease_total',
      'podplan_plans_failed_after_lost_lease_total',
      'podplan_plan_lease_renewals_missed_total',
    ]) {
      expect(families, family).toContain(family);
    }
    const samples = parsePrometheusText(response.text);
    expect(sampleValue(samples, 'podplan_database_pool_max_connections')).toBeGreaterThan(0);
    expect(samples.some((sample) => sample.name === 'podplan_plan_jobs' && sample.labels.state === 'waiting')).toBe(true);
  });

  it('counts a topology import by objects and bytes', async () => {
    const before = await scrape();
    await createTopology();
    const after = await scrape();
    expect(sampleValue(after, 'podplan_topology_import_objects_count') - sampleValue(before, 'podplan_topology_import_objects_count')).toBe(1);
    // Six nodes, nothing else.
    expect(sampleValue(after, 'podplan_topology_import_objects_sum') - sampleValue(before, 'podplan_topology_import_objects_sum')).toBe(6);
    expect(sampleValue(after, 'podplan_topology_import_bytes_sum') - sampleValue(before, 'podplan_topology_import_bytes_sum')).toBeGreaterThan(1000);
  });

  it('counts an inline plan, its engine run, its pods and its request under the route template', async () => {
    const topologyId = await createTopology();
    const before = await scrape();
    const response = await testApp.http().post(`/v1/topologies/${topologyId}/plans`).send({ workloads: [deployment('web', 1)] });
    expect(response.status).toBe(201);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string> = {}) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta('podplan_plans_total', { execution: 'inline', outcome: 'succeeded' })).toBe(1);
    expect(delta('podplan_plan_duration_seconds_count', { execution: 'inline', outcome: 'succeeded' })).toBe(1);
    expect(delta('podplan_pods_scheduled_total', { result: 'scheduled' })).toBe(1);
    expect(delta('podplan_pods_scheduled_total', { result: 'unschedulable' })).toBe(0);
    expect(delta('podplan_engine_run_duration_seconds_count', { kind: 'plan', outcome: 'completed' })).toBe(1);
    expect(delta('podplan_http_requests_total', { method: 'POST', route: '/v1/topologies/:id/plans', status: '201' })).toBe(1);
    expect(delta('podplan_http_request_duration_seconds_count', { method: 'POST', route: '/v1/topologies/:id/plans', status: '201' })).toBe(1);
    // The scrape before this one was counted too, under its own route.
    expect(delta('podplan_http_requests_total', { method: 'GET', route: '/metrics', status: '200' })).toBe(1);
  });

  it('counts an unplaceable replica as unschedulable', async () => {
    const topologyId = await createTopology();
    const before = await scrape();
    const huge = deployment('huge', 1);
    huge.spec.template.spec.containers[0].resources.requests.cpu = '64';
    const response = await testApp.http().post(`/v1/topologies/${topologyId}/plans`).send({ workloads: [huge] });
    expect(response.status).toBe(201);
    const after = await scrape();
    expect(sampleValue(after, 'podplan_pods_scheduled_total', { result: 'unschedulable' }) - sampleValue(before, 'podplan_pods_scheduled_total', { result: 'unschedulable' })).toBe(1);
  });

  it('counts a background plan when its job finishes, and a refused plan as invalid', async () => {
    const topologyId = await createTopology();
    const before = await scrape();
    const queued = await testApp.http().post(`/v1/topologies/${topologyId}/plans`).send({ workloads: [deployment('api', 2)] });
    expect(queued.status).toBe(202);
    const deadline = Date.now() + 30_000;
    let status = queued.body.status as string;
    while (status !== 'succeeded' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await testApp.http().get(`/v1/plans/${queued.body.id}`)).body.status;
    }
    expect(status).toBe('succeeded');
    const refused = await testApp.http().post(`/v1/topologies/${topologyId}/plans`).send({ workloads: [{ kind: 'Deployment', metadata: { name: 'x' } }] });
    expect(refused.status).toBe(400);
    const after = await scrape();
    const delta = (name: string, labels: Record<string, string>) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta('podplan_plans_total', { execution: 'background', outcome: 'succeeded' })).toBe(1);
    expect(delta('podplan_pods_scheduled_total', { result: 'scheduled' })).toBe(2);
    // Validated on the engine before it was queued, then planned by the job.
    expect(delta('podplan_engine_run_duration_seconds_count', { kind: 'validate', outcome: 'validated' })).toBe(1);
    expect(delta('podplan_engine_run_duration_seconds_count', { kind: 'plan', outcome: 'completed' })).toBe(1);
    expect(delta('podplan_plans_total', { execution: 'inline', outcome: 'invalid' })).toBe(1);
    expect(sampleValue(after, 'podplan_plan_jobs', { state: 'waiting' })).toBe(0);
    expect(sampleValue(after, 'podplan_plan_job_oldest_waiting_seconds')).toBe(0);
  });

  it('counts analyses by kind and outcome, refusals included', async () => {
    const before = await scrape();
    const answered = await testApp.http().post('/v1/analyses/capacity').send({ cluster: { objects: threeZones() }, workloads: [deployment('web', 1)] });
    expect(answered.status).toBe(200);
    const refused = await testApp.http().post('/v1/analyses/capacity').send({ cluster: { objects: threeZones() } });
    expect(refused.status).toBe(400);
    const after = await scrape();
    const delta = (labels: Record<string, string>) => sampleValue(after, 'podplan_analyses_total', labels) - sampleValue(before, 'podplan_analyses_total', labels);
    expect(delta({ kind: 'capacity', outcome: 'success' })).toBe(1);
    expect(delta({ kind: 'capacity', outcome: 'client_error' })).toBe(1);
    expect(sampleValue(after, 'podplan_analysis_duration_seconds_count', { kind: 'capacity', outcome: 'success' })).toBeGreaterThanOrEqual(1);
  });

  it('counts GraphQL operations by name, type and outcome; client-chosen names stay bounded', async () => {
    const before = await scrape();
    const named = await testApp.graphql('query TopologyList { topologies(first: 1) { pageInfo { hasNextPage } } }');
    expect(named.errors).toBeUndefined();
    const missing = await testApp.graphql('query MissingPlan { plan(id: "00000000-0000-4000-8000-000000000000") { id } }');
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const unparsable = await testApp.graphql('query {');
    expect(unparsable.errors).toBeDefined();
    const longName = `Q${'x'.repeat(99)}`;
    const long = await testApp.graphql(`query ${longName} { topologies(first: 1) { pageInfo { hasNextPage } } }`);
    expect(long.errors).toBeUndefined();
    const after = await scrape();
    const delta = (labels: Record<string, string>) => sampleValue(after, 'podplan_graphql_operations_total', labels) - sampleValue(before, 'podplan_graphql_operations_total', labels);
    expect(delta({ operation: 'TopologyList', type: 'query', outcome: 'success' })).toBe(1);
    expect(delta({ operation: 'MissingPlan', type: 'query', outcome: 'client_error' })).toBe(1);
    expect(delta({ operation: 'anonymous', type: 'unknown', outcome: 'client_error' })).toBe(1);
    // Over 64 characters: counted, under `other` rather than a label of its own.
    expect(delta({ operation: 'other', type: 'query', outcome: 'success' })).toBe(1);
    expect(after.some((sample) => sample.labels.operation === longName)).toBe(false);
    // Every operation is also an HTTP request of the /graphql route (its wildcard suffix left out).
    expect(sampleValue(after, 'podplan_http_requests_total', { method: 'POST', route: '/graphql', status: '200' }) - sampleValue(before, 'podplan_http_requests_total', { method: 'POST', route: '/graphql', status: '200' })).toBeGreaterThanOrEqual(3);
  });

  it('backs every query of the Grafana dashboard with a metric this build exposes', async () => {
    const dashboard = await readFile(new URL('../../deploy/grafana/podplan-dashboard.json', import.meta.url), 'utf8');
    const used = new Set([...dashboard.matchAll(/podplan_[a-z0-9_]+/g)].map(([name]) => name.replace(/_(bucket|sum|count)$/, '')));
    expect(used.size).toBeGreaterThan(15);
    const exposed = metricFamilies((await testApp.http().get('/metrics')).text);
    expect([...used].filter((name) => !exposed.includes(name))).toEqual([]);
  });

  it('labels a request no route matched as unmatched, not by its path', async () => {
    await testApp.http().get('/v1/no-such-thing/12345');
    const after = await scrape();
    expect(after.some((sample) => sample.name === 'podplan_http_requests_total' && sample.labels.route.includes('12345'))).toBe(false);
  });
});
