/**
 * Real answers against the response schemas openapi.json declares: every
 * what-if analysis (inline and stored, both scale-up answers), stored
 * analyses read back and listed, the plan diff, a replica's node table, API
 * keys and the audit log, each called through the typed client and each
 * answer validated against the document the app serves (the committed
 * openapi.json, as test/e2e/openapi.test.ts checks). The result schemas are
 * closed objects, so an answer that grows a field the document does not
 * describe fails here too.
 */
import { readFileSync } from 'node:fs';
import type { OpenAPIObject } from '@nestjs/swagger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import type { PodplanApi } from '../../src/cli/server/server-client.js';
import { ADMIN_KEY, startAuthenticatedApp } from '../auth/support.js';
import { ResponseSchemas, type Answer } from '../support/openapi-responses.js';
import type { TestApp } from '../support/test-app.js';
import { batch, deployment, nodeTemplate, threeZones, webAcrossZones } from './analyses-fixtures.js';

const FIXTURES = new URL('../cli/fixtures/', import.meta.url).pathname;
const shopCluster = () => parseAllDocuments(readFileSync(`${FIXTURES}right-sizing-cluster.yaml`, 'utf8')).map((document) => document.toJS());
const shopGroups = () => parse(readFileSync(`${FIXTURES}right-sizing-groups.yaml`, 'utf8')) as { name: string; template: Record<string, unknown> }[];

/** The routes whose answers this file checks: each must be checked at least once. */
const CHECKED_ROUTES = [
  'POST /v1/analyses/capacity',
  'POST /v1/analyses/scale-up',
  'POST /v1/analyses/failure-domains',
  'POST /v1/analyses/fit-suggestions',
  'POST /v1/analyses/compare-configs',
  'POST /v1/analyses/consolidation',
  'POST /v1/analyses/migration',
  'GET /v1/analyses/{id}',
  'GET /v1/topologies/{id}/analyses',
  'GET /v1/plans/{first}/diff/{second}',
  'GET /v1/plans/{id}/placements/{pod}/nodes',
  'POST /v1/keys',
  'GET /v1/keys',
  'GET /v1/audit',
  'GET /healthz',
  'GET /readyz',
];

describe('answers match the response schemas of openapi.json', () => {
  let testApp: TestApp;
  let api: PodplanApi;
  let schemas: ResponseSchemas;
  let topologyId: string;
  let shopId: string;
  const checked = new Set<string>();
  const storedIds: string[] = [];

  /** Asserts the status, then that the body is what the document says that status answers. */
  function expectDocumented(route: string, answer: Answer, status = 200): void {
    const [method, path] = route.split(' ');
    expect(answer.response.status, route).toBe(status);
    expect(schemas.errors(method, path, status, answer.data), route).toEqual([]);
    checked.add(route);
    const id = (answer.data as { id?: unknown } | undefined)?.id;
    if (method === 'POST' && path.startsWith('/v1/analyses/') && typeof id === 'string') storedIds.push(id);
  }

  beforeAll(async () => {
    testApp = await startAuthenticatedApp();
    api = await testApp.api(ADMIN_KEY);
    const served = await testApp.http().get('/openapi.json').set('Authorization', `Bearer ${ADMIN_KEY}`);
    expect(served.status).toBe(200);
    schemas = new ResponseSchemas(served.body as OpenAPIObject);
    const topology = await api.POST('/v1/topologies', { body: { name: 'three-zones', objects: threeZones() } });
    expect(topology.response.status).toBe(201);
    topologyId = topology.data!.id;
    const shop = await api.POST('/v1/topologies', { body: { name: 'shop', objects: shopCluster() } });
    expect(shop.response.status).toBe(201);
    shopId = shop.data!.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('the check is not vacuous: an undeclared field, a missing one or a wrong type is an error', async () => {
    const answer = await api.POST('/v1/analyses/capacity', { body: { cluster: { objects: threeZones() }, workloads: [batch(1)], maxReplicas: 2 } });
    expectDocumented('POST /v1/analyses/capacity', answer);
    const body = answer.data as Record<string, any>;
    expect(schemas.errors('POST', '/v1/analyses/capacity', 200, { ...body, surprise: 1 })).not.toEqual([]);
    const { maxReplicas: _dropped, ...withoutMaxReplicas } = body;
    expect(schemas.errors('POST', '/v1/analyses/capacity', 200, withoutMaxReplicas)).not.toEqual([]);
    expect(schemas.errors('POST', '/v1/analyses/capacity', 200, { ...body, workloads: [{ ...body.workloads[0], limitedBy: 3 }] })).not.toEqual([]);
  });

  it('capacity: inline with addNode suggestions, and stored with a scenario', async () => {
    const inline = await api.POST('/v1/analyses/capacity', { body: { cluster: { objects: threeZones() }, workloads: [batch(1)], maxReplicas: 100 } });
    expectDocumented('POST /v1/analyses/capacity', inline);
    expect(inline.data!.workloads[0].suggestions).not.toEqual([]);
    const stored = await api.POST('/v1/analyses/capacity', {
      body: { topologyId, workloads: [webAcrossZones()], scenario: [{ op: 'addNodes', template: nodeTemplate('4'), count: 2, namePrefix: 'extra', zones: ['d', 'e'] }] },
    });
    expectDocumented('POST /v1/analyses/capacity', stored);
    expect(stored.data).toMatchObject({ kind: 'capacity', topologyId, scenario: { edits: 1 } });
  });

  it('scale-up: the nodes to add with the plan, and the answer when none help', async () => {
    const feasible = await api.POST('/v1/analyses/scale-up', {
      body: { topologyId, workloads: [webAcrossZones()], nodeGroups: [{ name: 'general', template: nodeTemplate('4'), zones: ['a', 'b', 'c', 'd', 'e'], price: 0.1 }] },
    });
    expectDocumented('POST /v1/analyses/scale-up', feasible);
    expect(feasible.data).toMatchObject({ feasible: true, totalNodes: 2 });
    const infeasible = await api.POST('/v1/analyses/scale-up', {
      body: { topologyId, workloads: [webAcrossZones()], nodeGroups: [{ name: 'general', template: nodeTemplate('4'), zones: ['a', 'b', 'c'] }] },
    });
    expectDocumented('POST /v1/analyses/scale-up', infeasible);
    expect(infeasible.data).toMatchObject({ feasible: false, reason: expect.any(String) });
  });

  it('failure domains and fit suggestions', async () => {
    const domains = await api.POST('/v1/analyses/failure-domains', { body: { topologyId, workloads: [webAcrossZones(), deployment('api', 3)] } });
    expectDocumented('POST /v1/analyses/failure-domains', domains);
    expect(domains.data!.verdicts).toHaveLength(2);
    const tainted = threeZones().map((node) => ({ ...node, spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] } }));
    const tolerate = await api.POST('/v1/analyses/fit-suggestions', { body: { cluster: { objects: tainted }, workloads: [deployment('api', 1)] } });
    expectDocumented('POST /v1/analyses/fit-suggestions', tolerate);
    expect(tolerate.data!.unplaceable[0].suggestions![0].change).toMatchObject({ kind: 'tolerateTaint' });
    const addNode = await api.POST('/v1/analyses/fit-suggestions', {
      body: { topologyId, workloads: [batch(49)], nodeGroups: [{ name: 'big', template: nodeTemplate('8'), zones: ['a', 'd'] }] },
    });
    expectDocumented('POST /v1/analyses/fit-suggestions', addNode);
    expect(addNode.data!.unplaceable[0].suggestions![0].change).toMatchObject({ kind: 'addNode', nodeGroup: 'big' });
  });

  it('scheduler configurations compared, with the diff from the first', async () => {
    const binPacking = {
      apiVersion: 'kubescheduler.config.k8s.io/v1',
      kind: 'KubeSchedulerConfiguration',
      profiles: [
        {
          plugins: { score: { disabled: [{ name: 'PodTopologySpread' }, { name: 'NodeResourcesBalancedAllocation' }] } },
          pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } }],
        },
      ],
    };
    const compared = await api.POST('/v1/analyses/compare-configs', {
      body: { topologyId, workloads: [batch(6)], configs: [{ name: 'default' }, { name: 'bin-packing', schedulerConfig: binPacking }] },
    });
    expectDocumented('POST /v1/analyses/compare-configs', compared);
    expect(compared.data!.configs[1].diffFromFirst!.moved).not.toEqual([]);
  });

  it('consolidation and migration of the shop cluster', async () => {
    const consolidation = await api.POST('/v1/analyses/consolidation', { body: { topologyId: shopId, keepPerZone: 1, nodeGroups: shopGroups() } });
    expectDocumented('POST /v1/analyses/consolidation', consolidation);
    expect(consolidation.data!.removable).not.toEqual([]);
    expect(consolidation.data!.kept).not.toEqual([]);
    const migration = await api.POST('/v1/analyses/migration', { body: { topologyId: shopId, from: 'node.kubernetes.io/instance-type=m5.2xlarge', nodeGroups: shopGroups() } });
    expectDocumented('POST /v1/analyses/migration', migration);
    expect(migration.data).toMatchObject({ feasible: true });
  });

  it('every stored analysis read back, and the lists of both topologies', async () => {
    expect(storedIds.length).toBeGreaterThanOrEqual(7);
    for (const id of storedIds) expectDocumented('GET /v1/analyses/{id}', await api.GET('/v1/analyses/{id}', { params: { path: { id } } }));
    for (const id of [topologyId, shopId]) {
      const listed = await api.GET('/v1/topologies/{id}/analyses', { params: { path: { id }, query: { limit: 500 } } });
      expectDocumented('GET /v1/topologies/{id}/analyses', listed);
      expect(listed.data!.items).not.toEqual([]);
    }
  });

  it('a plan diff and a replica node table', async () => {
    const first = await api.POST('/v1/topologies/{id}/plans', { params: { path: { id: topologyId } }, body: { workloads: [deployment('api', 3)] } });
    const second = await api.POST('/v1/topologies/{id}/plans', {
      params: { path: { id: topologyId } },
      body: { workloads: [deployment('api', 3)], scenario: [{ op: 'cordon', selector: 'topology.kubernetes.io/zone=a' }] },
    });
    expect([first.response.status, second.response.status]).toEqual([201, 201]);
    const diff = await api.GET('/v1/plans/{first}/diff/{second}', { params: { path: { first: first.data!.id, second: second.data!.id } } });
    expectDocumented('GET /v1/plans/{first}/diff/{second}', diff);
    expect(diff.data!.moved).not.toEqual([]);
    const pod = first.data!.placements[0].pod;
    for (const feasible of [undefined, 'false'] as const) {
      const nodes = await api.GET('/v1/plans/{id}/placements/{pod}/nodes', { params: { path: { id: first.data!.id, pod }, query: { limit: 2, ...(feasible === undefined ? {} : { feasible }) } } });
      expectDocumented('GET /v1/plans/{id}/placements/{pod}/nodes', nodes);
    }
    const unplaceable = await api.POST('/v1/topologies/{id}/plans', { params: { path: { id: topologyId } }, body: { workloads: [webAcrossZones()] } });
    const lastReplica = unplaceable.data!.placements.at(-1)!;
    expect(lastReplica.node).toBeNull();
    const table = await api.GET('/v1/plans/{id}/placements/{pod}/nodes', { params: { path: { id: unplaceable.data!.id, pod: lastReplica.pod } } });
    expectDocumented('GET /v1/plans/{id}/placements/{pod}/nodes', table);
    expect(table.data).toMatchObject({ node: null, totalCount: 6 });
  });

  it('API keys and the audit log', async () => {
    const created = await api.POST('/v1/keys', { body: { name: 'schema-check', role: 'viewer', team: 'team-a' } });
    expectDocumented('POST /v1/keys', created, 201);
    expect((await api.DELETE('/v1/keys/{id}', { params: { path: { id: created.data!.id } } })).response.status).toBe(204);
    const listed = await api.GET('/v1/keys');
    expectDocumented('GET /v1/keys', listed);
    expect(listed.data!.items.find((key) => key.id === created.data!.id)?.revokedAt).toEqual(expect.any(String));
    const audit = await api.GET('/v1/audit', { params: { query: { limit: 3 } } });
    expectDocumented('GET /v1/audit', audit);
    expect(audit.data!.nextCursor).toEqual(expect.any(String));
  });

  it('the probes: { status: "ok" } and nothing else (their 503: test/faults/database-outage.test.ts)', async () => {
    for (const route of ['/healthz', '/readyz'] as const) {
      const answer = await api.GET(route);
      expectDocumented(`GET ${route}`, answer);
      expect(answer.data).toEqual({ status: 'ok' });
      expect(schemas.errors('GET', route, 200, { status: 'ok', database: 'up' })).not.toEqual([]);
      expect(schemas.errors('GET', route, 200, { status: 'degraded' })).not.toEqual([]);
    }
  });

  it('checked every route it names', () => {
    expect([...checked].sort()).toEqual([...CHECKED_ROUTES].sort());
  });
});
