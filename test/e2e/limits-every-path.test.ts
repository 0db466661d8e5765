/**
 * Issue 17 item 9, end to end: the replica limit refuses an over-limit request
 * on every path that plans (REST and GraphQL simulations of a saved topology
 * and of an inline cluster, stored plans over REST and GraphQL, analyses over
 * REST and GraphQL) with 422 naming PODPLAN_MAX_PLAN_REPLICAS, before any
 * engine task starts. A saved revision is loaded only by an engine task (the
 * pipeline hands the engine a loader), so an unchanged engine-run count in
 * /metrics proves nothing was loaded, indexed or expanded; nothing is stored.
 * The offline command line's refusal (exit 2) is in test/cli/simulate.test.ts,
 * and test/pipeline/limits-before-load.test.ts proves the same per entry with
 * sources and an engine that fail when called.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePrometheusText } from '../support/prometheus-text.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones } from './plans-fixtures.js';

/** Over PODPLAN_MAX_PLAN_REPLICAS (50,000 by default): what issue 17 sent, and the largest int32. */
const OVER_LIMIT = [60_000, 2_147_483_647];

describe('the replica limit on every path, before anything is loaded', () => {
  let testApp: TestApp;
  let topologyId: string;

  /** Engine tasks started so far, of every kind and outcome. */
  async function engineRuns(): Promise<number> {
    const response = await testApp.http().get('/metrics');
    expect(response.status).toBe(200);
    return parsePrometheusText(response.text)
      .filter((sample) => sample.name === 'podplan_engine_run_duration_seconds_count')
      .reduce((sum, sample) => sum + sample.value, 0);
  }

  interface Refusal {
    readonly status: unknown;
    readonly errors: unknown;
  }

  /** Sends `request`, expects the replica limit's refusal at `workloads`, and that no engine task ran meanwhile. */
  async function refusedUnloaded(replicas: number, request: () => Promise<Refusal>): Promise<void> {
    const before = await engineRuns();
    const { status, errors } = await request();
    expect(status).toBe(422);
    expect(errors).toEqual([{ path: 'workloads', message: `asks for ${replicas} replicas (limit PODPLAN_MAX_PLAN_REPLICAS=50000)` }]);
    expect(await engineRuns()).toBe(before);
  }

  const rest = (path: string, body: object) => async (): Promise<Refusal> => {
    const response = await testApp.http().post(path).send(body);
    return { status: response.status, errors: response.body.errors };
  };

  const graphql = (mutation: string, input: object) => async (): Promise<Refusal> => {
    const response = await testApp.graphql(mutation, { input });
    const extensions = response.errors?.[0]?.extensions;
    return { status: extensions?.status, errors: extensions?.errors };
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    const created = await testApp.http().post('/v1/topologies').send({ name: 'three-zones', objects: threeZones() });
    expect(created.status).toBe(201);
    topologyId = created.body.id;
    // The counter moves when an engine task runs: one small simulation proves the probe can see it.
    const before = await engineRuns();
    expect((await testApp.http().post('/v1/simulations').send({ topologyId, workloads: [deployment('web', 1)] })).status).toBe(200);
    expect(await engineRuns()).toBe(before + 1);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  for (const replicas of OVER_LIMIT) {
    describe(`replicas: ${replicas}`, () => {
      const workloads = () => [deployment('huge', replicas)];

      it('REST simulation of a saved topology (POST /v1/simulations with topologyId)', async () => {
        await refusedUnloaded(replicas, rest('/v1/simulations', { topologyId, workloads: workloads() }));
      });

      it('REST simulation of an inline cluster', async () => {
        await refusedUnloaded(replicas, rest('/v1/simulations', { cluster: { objects: threeZones() }, workloads: workloads() }));
      });

      it("GraphQL simulate (the viewer's dry run), saved topology and inline cluster", async () => {
        const simulate = 'mutation($input: SimulateInput!) { simulate(input: $input) { summary { replicas } } }';
        await refusedUnloaded(replicas, graphql(simulate, { topologyId, workloads: workloads() }));
        await refusedUnloaded(replicas, graphql(simulate, { objects: threeZones(), workloads: workloads() }));
      });

      it('stored plans, REST and GraphQL: refused, and nothing stored', async () => {
        await refusedUnloaded(replicas, rest(`/v1/topologies/${topologyId}/plans`, { workloads: workloads() }));
        await refusedUnloaded(replicas, graphql('mutation($input: CreatePlanInput!) { createPlan(input: $input) { id } }', { topologyId, workloads: workloads() }));
        const plans = await testApp.http().get(`/v1/topologies/${topologyId}/plans`);
        expect(plans.status).toBe(200);
        expect(plans.body.items).toEqual([]);
      });

      it('analyses, REST and GraphQL: refused, and nothing stored', async () => {
        await refusedUnloaded(replicas, rest('/v1/analyses/fit-suggestions', { topologyId, workloads: workloads() }));
        await refusedUnloaded(replicas, rest('/v1/analyses/fit-suggestions', { cluster: { objects: threeZones() }, workloads: workloads() }));
        await refusedUnloaded(replicas, graphql('mutation($input: FitSuggestionsInput!) { fitSuggestions(input: $input) { summary { replicas } } }', { topologyId, workloads: workloads() }));
        const analyses = await testApp.http().get(`/v1/topologies/${topologyId}/analyses`);
        expect(analyses.status).toBe(200);
        expect(analyses.body.items).toEqual([]);
      });
    });
  }
});
