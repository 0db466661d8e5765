/**
 * Unknown fields in submitted objects, over REST and GraphQL: refused by
 * default with their path and a "did you mean" hint (as kubectl's strict
 * validation), listed as warnings with `?fieldValidation=Warn`, dropped with
 * `Ignore`; never a partial write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, threeZones, zonedNode } from './plans-fixtures.js';

const misspelt = () => {
  const web = deployment('web', 1) as { spec: Record<string, unknown> };
  web.spec.replica = 3;
  return web;
};
const REPLICA_ERROR = { path: 'workloads[0].spec.replica', message: 'unknown field "replica" (did you mean "replicas"?)' };

describe('fieldValidation', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const simulate = (body: unknown, query = '') => testApp.http().post(`/v1/simulations${query}`).send(body as object);

  describe('POST /v1/simulations', () => {
    it('refuses a misspelt field by default: 400 problem+json with its path and the field it meant', async () => {
      const response = await simulate({ cluster: { objects: threeZones() }, workloads: [misspelt()] });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors).toEqual([REPLICA_ERROR]);
    });

    it('finds them in the inline cluster too, under cluster.objects', async () => {
      const node = zonedNode('a1', 'a') as { spec?: Record<string, unknown> };
      node.spec = { unschedulabel: true };
      const response = await simulate({ cluster: { objects: [node] }, workloads: [deployment('web', 1)] });
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ path: 'cluster.objects[0].spec.unschedulabel', message: 'unknown field "unschedulabel" (did you mean "unschedulable"?)' }]);
    });

    it('Warn plans (the unknown field is not read: one replica) and lists the field in warnings', async () => {
      const response = await simulate({ cluster: { objects: threeZones() }, workloads: [misspelt()] }, '?fieldValidation=Warn');
      expect(response.status).toBe(200);
      expect(response.body.summary).toEqual({ replicas: 1, scheduled: 1, unschedulable: 0 });
      expect(response.body.warnings).toEqual([REPLICA_ERROR]);
    });

    it('Ignore plans without a word', async () => {
      const response = await simulate({ cluster: { objects: threeZones() }, workloads: [misspelt()] }, '?fieldValidation=Ignore');
      expect(response.status).toBe(200);
      expect(response.body.warnings).toEqual([]);
    });

    it('refuses a mode the API server does not name', async () => {
      const response = await simulate({ cluster: { objects: threeZones() }, workloads: [deployment('web', 1)] }, '?fieldValidation=Lenient');
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ path: 'fieldValidation', message: 'must be one of Strict, Warn, Ignore' }]);
    });
  });

  describe('topologies, plans and analyses', () => {
    it('a topology import with an unknown field stores nothing; with Warn it is stored and the revision says why', async () => {
      const node = zonedNode('a1', 'a') as { status: Record<string, unknown> };
      node.status.alocatable = { cpu: '1' };
      const refused = await testApp.http().post('/v1/topologies').send({ name: 'typo', objects: [node] });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ path: 'objects[0].status.alocatable', message: 'unknown field "alocatable" (did you mean "allocatable"?)' }]);
      const listed = await testApp.http().get('/v1/topologies');
      expect(listed.body.items.map((item: { name: string }) => item.name)).not.toContain('typo');

      const warned = await testApp.http().post('/v1/topologies?fieldValidation=Warn').send({ name: 'typo', objects: [node] });
      expect(warned.status).toBe(201);
      expect(warned.body.warnings).toContainEqual({ path: 'objects[0].status.alocatable', message: 'unknown field "alocatable" (did you mean "allocatable"?)' });
    });

    it('a stored plan is refused the same way, and Warn keeps the warning with the plan', async () => {
      const topology = await testApp.http().post('/v1/topologies').send({ name: 'plans', objects: threeZones() });
      const refused = await testApp.http().post(`/v1/topologies/${topology.body.id}/plans`).send({ workloads: [misspelt()] });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([REPLICA_ERROR]);
      expect((await testApp.http().get(`/v1/topologies/${topology.body.id}/plans`)).body.items).toEqual([]);

      const warned = await testApp.http().post(`/v1/topologies/${topology.body.id}/plans?fieldValidation=Warn`).send({ workloads: [misspelt()] });
      expect(warned.status).toBe(201);
      const stored = await testApp.http().get(`/v1/plans/${warned.body.id}`);
      expect(stored.body.warnings).toContainEqual(REPLICA_ERROR);
    });

    it('an analysis checks its workloads and node group templates', async () => {
      const capacity = await testApp.http().post('/v1/analyses/capacity').send({ cluster: { objects: threeZones() }, workloads: [misspelt()] });
      expect(capacity.status).toBe(400);
      expect(capacity.body.errors).toEqual([REPLICA_ERROR]);

      const template = { metadata: { labels: { pool: 'new' } }, status: { alocatable: { cpu: '4', memory: '8Gi', pods: '110' } } };
      const scaleUp = await testApp
        .http()
        .post('/v1/analyses/scale-up?fieldValidation=Warn')
        .send({ cluster: { objects: threeZones() }, workloads: [deployment('web', 1)], nodeGroups: [{ name: 'new', template, zones: ['a'], maxCount: 1 }] });
      expect(scaleUp.status).toBe(200);
      expect(scaleUp.body.warnings).toContainEqual({ path: 'nodeGroups[0].template.status.alocatable', message: 'unknown field "alocatable" (did you mean "allocatable"?)' });
    });
  });

  describe('GraphQL', () => {
    const SIMULATE = `mutation($input: SimulateInput!) { simulate(input: $input) { summary { replicas } warnings { path message } } }`;

    it('refuses with BAD_USER_INPUT and the same errors list', async () => {
      const result = await testApp.graphql(SIMULATE, { input: { objects: threeZones(), workloads: [misspelt()] } });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [REPLICA_ERROR] });
    });

    it('fieldValidation: Warn answers with the warning', async () => {
      const result = await testApp.graphql(SIMULATE, { input: { objects: threeZones(), workloads: [misspelt()], fieldValidation: 'Warn' } });
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ simulate: { summary: { replicas: 1 }, warnings: [REPLICA_ERROR] } });
    });

    it('createTopology refuses unknown fields too', async () => {
      const node = zonedNode('a1', 'a') as { status: Record<string, unknown> };
      node.status.alocatable = { cpu: '1' };
      const result = await testApp.graphql(`mutation($input: CreateTopologyInput!) { createTopology(input: $input) { id } }`, { input: { name: 'gql-typo', objects: [node] } });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'objects[0].status.alocatable' }] });
    });
  });
});
