/**
 * `explain: "full"` has its own bound (issue 17, item 5: 500 replicas × 500
 * nodes answered 93 MB): replicas × nodes cells past PODPLAN_MAX_EXPLAIN_CELLS
 * are a 422 naming the setting, on every way in (JSON, YAML, GraphQL), before
 * any work; an answer within it is streamed placement by placement, and
 * reads exactly as JSON.stringify would have written it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAppConfig } from '../../src/config/app-config.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones } from './plans-fixtures.js';

/** Six nodes: ten replicas fill exactly 60 cells; eleven do not fit. */
const MAX_EXPLAIN_CELLS = 60;

const webYaml = (replicas: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: ${replicas}\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: "web:1", resources: {requests: {cpu: 100m}}}]}\n`;

describe('explain: "full" is bounded and streamed', () => {
  let testApp: TestApp;
  let topologyId: string;

  beforeAll(async () => {
    testApp = await startTestApp({ limits: { ...loadAppConfig({}).limits, maxExplainCells: MAX_EXPLAIN_CELLS } });
    topologyId = (await testApp.http().post('/v1/topologies').send({ name: 'six', objects: threeZones() })).body.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const expectRefusal = (body: { detail: string; errors: { path: string; message: string }[] }) => {
    expect(body.detail).toContain(`PODPLAN_MAX_EXPLAIN_CELLS=${MAX_EXPLAIN_CELLS}`);
    expect(body.detail).toContain('11 replicas × 6 nodes is 66 entries');
    expect(body.errors[0].path).toBe('explain');
  };

  it('refuses 11 replicas × 6 nodes with a 422 naming the setting (inline cluster)', async () => {
    const response = await testApp.http().post('/v1/simulations').send({ cluster: { objects: threeZones() }, workloads: [deployment('web', 11)], explain: 'full' });
    expect(response.status).toBe(422);
    expectRefusal(response.body);
  });

  it('refuses the same against a saved topology, and through a YAML upload', async () => {
    const json = await testApp.http().post('/v1/simulations').send({ topologyId, workloads: [deployment('web', 11)], explain: 'full' });
    expect(json.status).toBe(422);
    expectRefusal(json.body);
    const yaml = await testApp.http().post(`/v1/simulations?topologyId=${topologyId}&explain=full`).set('Content-Type', 'application/yaml').send(webYaml(11));
    expect(yaml.status).toBe(422);
    expectRefusal(yaml.body);
  });

  it('refuses the same through GraphQL simulate', async () => {
    const response = await testApp.graphql('mutation($input: SimulateInput!) { simulate(input: $input) { summary { replicas } } }', {
      input: { objects: threeZones(), workloads: [deployment('web', 11)], explain: 'full' },
    });
    expect(response.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
    expect(response.errors?.[0].message).toContain(`PODPLAN_MAX_EXPLAIN_CELLS=${MAX_EXPLAIN_CELLS}`);
  });

  it("counts the nodes a scenario adds: 2 replicas × (6 + 30 added) nodes is past the bound", async () => {
    const response = await testApp
      .http()
      .post('/v1/simulations')
      .send({ cluster: { objects: threeZones() }, workloads: [deployment('web', 2)], scenario: [{ op: 'addNodes', template: threeZones()[0], count: 30 }], explain: 'full' });
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain('2 replicas × 36 nodes is 72 entries');
  });

  it('the summary of the same simulation is not bounded by it', async () => {
    const response = await testApp.http().post('/v1/simulations').send({ cluster: { objects: threeZones() }, workloads: [deployment('web', 11)] });
    expect(response.status).toBe(200);
    expect(response.body.summary.replicas).toBe(11);
  });

  it('streams an answer within the bound: every node of every replica, byte for byte what JSON.stringify gives', async () => {
    const response = await testApp
      .http()
      .post('/v1/simulations')
      .send({ cluster: { objects: threeZones() }, workloads: [deployment('web', 10)], explain: 'full' })
      .buffer(true)
      .parse((res, callback) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => callback(null, text));
      });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const text = response.body as string;
    const parsed = JSON.parse(text);
    expect(text).toBe(JSON.stringify(parsed));
    expect(parsed.explain).toBe('full');
    expect(parsed.summary).toEqual({ replicas: 10, scheduled: 10, unschedulable: 0 });
    expect(parsed.placements).toHaveLength(10);
    for (const placement of parsed.placements) expect(placement.nodes).toHaveLength(6);
  });
});
