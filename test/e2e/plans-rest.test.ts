/**
 * Stored plans over REST against real Postgres: create from JSON and YAML, read back, page, explain, rerun, delete, refuse bad input.
 * Requests go through the typed client generated from openapi.json (testApp.api()); forms it does not speak (YAML, a
 * text/plain table) and bodies it would not let be written (the bad-input cases) through raw HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { operations } from '../../src/cli/server/podplan-api.js';
import type { PodplanApi } from '../../src/cli/server/server-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { deployment, REDIS_AND_WEB_YAML, threeZones, zoneAntiAffinity, zonedNode } from './plans-fixtures.js';

const PROBLEM_JSON = /application\/problem\+json/;

type CreatePlanBody = NonNullable<operations['createPlan']['requestBody']>['content']['application/json'];

describe('plans over REST', () => {
  let testApp: TestApp;
  let api: PodplanApi;
  let topologyId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    api = await testApp.api();
    const { data, response } = await api.POST('/v1/topologies', { body: { name: 'three-zones', objects: threeZones() } });
    expect(response.status).toBe(201);
    topologyId = data!.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const createPlan = (body: CreatePlanBody) => api.POST('/v1/topologies/{id}/plans', { params: { path: { id: topologyId } }, body });
  /** Bad input: the typed client would not let these bodies be written. */
  const postPlanRaw = (body: unknown) => testApp.http().post(`/v1/topologies/${topologyId}/plans`).send(body as object);

  describe('the docs\' redis-cache and web-server Deployments, submitted verbatim as YAML', () => {
    let plan: any;

    beforeAll(async () => {
      const response = await testApp
        .http()
        .post(`/v1/topologies/${topologyId}/plans?name=docs`)
        .set('Content-Type', 'application/yaml')
        .send(REDIS_AND_WEB_YAML);
      expect(response.status).toBe(201);
      expect(response.headers.location).toBe(`/v1/plans/${response.body.id}`);
      plan = response.body;
    });

    it('stores the plan against revision 1 with its timings', () => {
      expect(plan).toMatchObject({ topologyId, revision: 1, name: 'docs', status: 'succeeded', mode: 'exhaustive' });
      expect(plan.summary).toEqual({ replicas: 6, scheduled: 6, unschedulable: 0 });
      expect(plan.timings).toEqual({ loadMs: expect.any(Number), planMs: expect.any(Number), storeMs: expect.any(Number) });
    });

    it('names pods as the Deployment controller would and spreads each workload one per node, web next to redis', () => {
      const caches = plan.placements.filter((placement: any) => placement.workload.name === 'redis-cache');
      const webs = plan.placements.filter((placement: any) => placement.workload.name === 'web-server');
      for (const placement of [...caches, ...webs]) {
        expect(placement.pod).toMatch(new RegExp(`^${placement.workload.name}-[bcdfghjklmnpqrstvwxz2456789]+-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      }
      expect(new Set(caches.map((placement: any) => placement.node)).size).toBe(3);
      expect(new Set(webs.map((placement: any) => placement.node))).toEqual(new Set(caches.map((placement: any) => placement.node)));
    });

    it('explains each placement in a sentence and with its best candidates', () => {
      const [first] = plan.placements;
      expect(first.message).toMatch(new RegExp(`^${first.node}: best score ${first.score}`));
      expect(first.candidates[0]).toMatchObject({ node: first.node, total: first.score });
    });

    it('reads back identical', async () => {
      const { data, response } = await api.GET('/v1/plans/{id}', { params: { path: { id: plan.id } } });
      expect(response.status).toBe(200);
      expect(data).toEqual(plan);
    });

    it('reads as a kubectl-style table with Accept: text/plain', async () => {
      const response = await testApp.http().get(`/v1/plans/${plan.id}`).set('Accept', 'text/plain');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/plain/);
      const lines = response.text.split('\n');
      expect(lines[0]).toMatch(/^WORKLOAD\s+REPLICA\s+POD\s+NODE\s+ZONE\s+SCORE\s+REASON$/);
      expect(lines[1]).toMatch(/^deployment\/redis-cache\s+0\s+redis-cache-\S+\s+\S+\s+[abc]\s+\d+\s+/);
      expect(response.text).toContain('6/6 replicas placed, 0 unplaceable');
    });

    it('lists it under the topology', async () => {
      const { data, response } = await api.GET('/v1/topologies/{id}/plans', { params: { path: { id: topologyId } } });
      expect(response.status).toBe(200);
      expect(data!.items.map((item) => item.id)).toContain(plan.id);
      expect(data!.items[0].placements).toBeUndefined();
    });

    it('serves one replica\'s full per-node table, paged', async () => {
      const pod = plan.placements[3].pod;
      const nodes = (query: { limit: number; cursor?: string }) => api.GET('/v1/plans/{id}/placements/{pod}/nodes', { params: { path: { id: plan.id, pod }, query } });
      const first = await nodes({ limit: 4 });
      expect(first.response.status).toBe(200);
      expect(first.data).toMatchObject({ pod, node: plan.placements[3].node, totalCount: 6 });
      expect(first.data!.items).toHaveLength(4);
      const second = await nodes({ limit: 4, cursor: first.data!.nextCursor! });
      expect(second.data!.items).toHaveLength(2);
      expect(second.data!.nextCursor).toBeNull();
      const all: any[] = [...first.data!.items, ...second.data!.items];
      const chosen = all.find((node: any) => node.node === plan.placements[3].node);
      expect(chosen).toMatchObject({ feasible: true, total: plan.placements[3].score });
      // The first web-server replica may only join a node running a store pod.
      const rejected = all.filter((node: any) => !node.feasible);
      for (const node of rejected) expect(node.filters.map((failure: any) => failure.plugin)).toContain('InterPodAffinity');
    });
  });

  describe('zone anti-affinity with more replicas than zones', () => {
    let plan: any;

    beforeAll(async () => {
      const { data, response } = await createPlan({ workloads: [deployment('ha', 5, zoneAntiAffinity('ha'))] });
      expect(response.status).toBe(201);
      plan = data;
    });

    it('places one replica per zone and leaves two unplaceable with upstream\'s message', () => {
      expect(plan.summary).toEqual({ replicas: 5, scheduled: 3, unschedulable: 2 });
      const unplaced = plan.placements.filter((placement: any) => placement.node === null);
      for (const placement of unplaced) {
        expect(placement.message).toBe("0/6 nodes are available: 6 node(s) didn't match pod anti-affinity rules. no new claims to deallocate, preemption: 0/6 nodes are available: 6 No preemption victims found for incoming pod.");
        expect(placement.rejections).toEqual([{ plugin: 'InterPodAffinity', reason: "node(s) didn't match pod anti-affinity rules", nodes: 6 }]);
      }
    });

    it('filters placements by unschedulable, workload and node, paging with a cursor', async () => {
      const placements = async (query: { unschedulable?: 'true' | 'false'; workload?: string; node?: string; limit?: number; cursor?: string }) =>
        (await api.GET('/v1/plans/{id}/placements', { params: { path: { id: plan.id }, query } })).data!;
      const unschedulable = await placements({ unschedulable: 'true' });
      expect(unschedulable.items.map((item) => item.replica)).toEqual([3, 4]);
      const byWorkload = await placements({ workload: 'Deployment/default/ha', limit: 2 });
      expect(byWorkload.items).toHaveLength(2);
      const next = await placements({ workload: 'ha', limit: 2, cursor: byWorkload.nextCursor! });
      expect(next.items.map((item) => item.replica)).toEqual([2, 3]);
      const node = plan.placements[0].node;
      const byNode = await placements({ node });
      expect(byNode.items.map((item) => item.node)).toEqual([node]);
    });

    it('reruns against a newer revision with a fourth zone and places one more replica', async () => {
      const objects = [...threeZones(), zonedNode('d1', 'd'), zonedNode('d2', 'd')];
      const updated = await api.PUT('/v1/topologies/{id}', { params: { path: { id: topologyId } }, body: { objects } });
      expect(updated.response.status).toBe(200);
      const rerun = await api.POST('/v1/plans/{id}/rerun', { params: { path: { id: plan.id } }, body: {} });
      expect(rerun.response.status).toBe(201);
      expect(rerun.data).toMatchObject({ rerunOf: plan.id, revision: 2, summary: { replicas: 5, scheduled: 4, unschedulable: 1 } });
      expect(rerun.data!.placements[4].message).toBe("0/8 nodes are available: 8 node(s) didn't match pod anti-affinity rules. no new claims to deallocate, preemption: 0/8 nodes are available: 8 No preemption victims found for incoming pod.");
      const original = await api.GET('/v1/plans/{id}', { params: { path: { id: plan.id } } });
      expect(original.data!.revision).toBe(1);
    });
  });

  it('places workloads in order: a frontend with required affinity follows the backend planned before it', async () => {
    const backend = deployment('backend', 2, {
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'backend' } } }] } },
    });
    const frontend = deployment('frontend', 2, {
      affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'backend' } } }] } },
    });
    const { data, response } = await createPlan({ workloads: [backend, frontend], revision: 1 });
    expect(response.status).toBe(201);
    const backendNodes = new Set(data!.placements.slice(0, 2).map((placement) => placement.node));
    for (const placement of data!.placements.slice(2)) expect(backendNodes.has(placement.node)).toBe(true);
  });

  it('names StatefulSet pods by ordinal', async () => {
    const statefulSet = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        replicas: 3,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16' }] } },
      },
    };
    const { data, response } = await createPlan({ workloads: [statefulSet] });
    expect(response.status).toBe(201);
    expect(data!.placements.map((placement) => placement.pod)).toEqual(['db-0', 'db-1', 'db-2']);
  });

  it('deletes a plan: 204, then 404', async () => {
    const created = await createPlan({ workloads: [deployment('short-lived', 1)] });
    const id = created.data!.id;
    expect((await api.DELETE('/v1/plans/{id}', { params: { path: { id } } })).response.status).toBe(204);
    const gone = await api.GET('/v1/plans/{id}', { params: { path: { id } } });
    expect(gone.response.status).toBe(404);
    expect(gone.response.headers.get('content-type')).toMatch(PROBLEM_JSON);
  });

  describe('bad input: 400 with a path, nothing stored', () => {
    const planCount = async () => {
      const { data } = await api.GET('/v1/topologies/{id}/plans', { params: { path: { id: topologyId }, query: { limit: 500 } } });
      return data!.items.length;
    };

    const cases: { name: string; body: unknown; path: string | RegExp }[] = [
      { name: 'no workloads', body: { workloads: [] }, path: 'workloads' },
      {
        name: 'a selector that does not match the template labels',
        body: { workloads: [{ ...deployment('bad', 1), spec: { ...deployment('bad', 1).spec, selector: { matchLabels: { app: 'other' } } } }] },
        path: 'workloads[0].spec.template.metadata.labels',
      },
      { name: 'an invalid cpu request', body: { workloads: [deployment('bad-cpu', 1)].map((workload) => { workload.spec.template.spec.containers[0].resources.requests.cpu = '12XB'; return workload; }) }, path: /^workloads\[0\]\.spec\.template\.spec\.containers\[0\]\.resources\.requests/ },
      { name: 'an unknown scheduler plugin', body: { workloads: [deployment('ok', 1)], schedulerConfig: { plugins: { score: { enabled: [{ name: 'NoSuchPlugin' }] } } } }, path: /^schedulerConfig\..*enabled\[0\]\.name$/ },
      { name: 'an unknown field', body: { workloads: [deployment('ok', 1)], replicas: 3 }, path: '' },
      { name: 'explain full on a stored plan', body: { workloads: [deployment('ok', 1)], explain: 'full' }, path: 'explain' },
    ];

    for (const testCase of cases) {
      it(testCase.name, async () => {
        const before = await planCount();
        const response = await postPlanRaw(testCase.body);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
        const paths = response.body.errors.map((error: any) => error.path);
        if (typeof testCase.path === 'string') expect(paths).toContain(testCase.path);
        else expect(paths.some((path: string) => (testCase.path as RegExp).test(path))).toBe(true);
        expect(await planCount()).toBe(before);
      });
    }

    it('malformed YAML', async () => {
      const response = await testApp.http().post(`/v1/topologies/${topologyId}/plans`).set('Content-Type', 'application/yaml').send('kind: [unclosed');
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    });

    it('an unknown topology is 404', async () => {
      const { response } = await api.POST('/v1/topologies/{id}/plans', {
        params: { path: { id: '00000000-0000-4000-8000-000000000000' } },
        body: { workloads: [deployment('x', 1)] },
      });
      expect(response.status).toBe(404);
    });
  });
});
