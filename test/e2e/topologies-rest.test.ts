/**
 * Saved topologies over REST: import realistic dumps, read them back, page, filter, delete.
 * Most requests go through the typed client generated from openapi.json (testApp.api()); forms it does not
 * speak (YAML, bare Lists, malformed input) through raw HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AKS_SUMMARY, aksYaml, EKS_SUMMARY, eksDump, GKE_SUMMARY, gkeNodeList, gkePodList } from '../support/cloud-dumps.js';
import { kubectlList, makeNode } from '../support/kube-builders.js';
import type { PodplanApi } from '../../src/cli/server/server-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PROBLEM_JSON = /application\/problem\+json/;

describe('topologies over REST', () => {
  let testApp: TestApp;
  let api: PodplanApi;

  beforeAll(async () => {
    testApp = await startTestApp();
    api = await testApp.api();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  describe('an EKS kubectl List', () => {
    let created: any;

    beforeAll(async () => {
      const { data, response } = await api.POST('/v1/topologies', { body: { name: 'eks-prod', objects: [eksDump()] } });
      expect(response.status).toBe(201);
      created = data;
    });

    it('answers 201 with id, name, revision 1 and the contract summary', () => {
      expect(created).toMatchObject({ name: 'eks-prod', revision: 1, summary: EKS_SUMMARY });
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('totals allocatable over nodes and requests over counted pods', () => {
      // 3 × 1930m + 3920m; memory 3 × 7244264Ki + 15136204Ki.
      expect(created.summary.allocatable).toEqual({
        cpuMillicores: 3 * 1930 + 3920,
        memoryBytes: (3 * 7244264 + 15136204) * 1024,
        pods: 3 * 29 + 58,
      });
      // 4 × (25m + 100m) DaemonSets, 2 × 100m coredns, 3 × 500m web.
      expect(created.summary.requested).toEqual({
        cpuMillicores: 4 * 125 + 2 * 100 + 3 * 500,
        memoryBytes: 2 * 70 * 1024 ** 2 + 3 * 512 * 1024 ** 2,
        pods: 13,
      });
    });

    it('warns about the skipped ConfigMap, pointing at it in the submitted document', () => {
      expect(created.warnings).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: expect.stringMatching(/^objects\[0\]\.items\[24\]/) })]),
      );
      const configMapWarning = created.warnings.find((warning: any) => warning.path.startsWith('objects[0].items[24]'));
      expect(configMapWarning.message).toMatch(/ConfigMap/);
    });

    it('reads back the same revision with a location, ETag and revision count', async () => {
      const { data, response } = await api.GET('/v1/topologies/{id}', { params: { path: { id: created.id } } });
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toBe('"1"');
      expect(data).toMatchObject({ id: created.id, name: 'eks-prod', revision: 1, revisions: 1, summary: created.summary });
      expect(data!.objects).toBeUndefined();
    });

    it('includes the stored objects, stripped of managedFields, on ?include=objects', async () => {
      const { data, response } = await api.GET('/v1/topologies/{id}', { params: { path: { id: created.id }, query: { include: 'objects' } } });
      expect(response.status).toBe(200);
      const objects = data!.objects!;
      expect(objects.nodes).toHaveLength(4);
      expect((objects.pods as unknown[]).length).toBeGreaterThanOrEqual(13);
      expect(JSON.stringify(objects)).not.toContain('managedFields');
    });

    it('lists nodes with zone, labels, taints, allocatable, requested and pod counts', async () => {
      const response = await testApp.http().get(`/v1/topologies/${created.id}/nodes`);
      expect(response.status).toBe(200);
      expect(response.body.totalCount).toBe(4);
      const first = response.body.items.find((node: any) => node.name === 'ip-10-0-1-17.ec2.internal');
      expect(first).toMatchObject({
        zone: 'us-east-1a',
        taints: [],
        unschedulable: false,
        allocatable: { cpu: 1930, memory: 7244264 * 1024, pods: 29 },
        // aws-node 25m + kube-proxy 100m + coredns 100m + web 500m; the Succeeded job is not counted.
        requested: { cpu: 725, memory: (70 + 512) * 1024 ** 2, pods: 4 },
        pods: 4,
      });
      expect(first.labels['eks.amazonaws.com/nodegroup']).toBe('general');
      expect(first.utilisation.cpu).toBeCloseTo(725 / 1930, 6);
      const gpu = response.body.items.find((node: any) => node.name === 'ip-10-0-9-200.ec2.internal');
      expect(gpu.taints).toEqual([{ key: 'nvidia.com/gpu', value: 'true', effect: 'NoSchedule' }]);
      expect(gpu.allocatable['nvidia.com/gpu']).toBe(1);
    });

    it('filters nodes by label selector and zone', async () => {
      const bySelector = await api.GET('/v1/topologies/{id}/nodes', {
        params: { path: { id: created.id }, query: { labelSelector: 'eks.amazonaws.com/nodegroup=general,topology.kubernetes.io/zone!=us-east-1c' } },
      });
      expect(bySelector.response.status).toBe(200);
      expect(bySelector.data!.items.map((node) => node.name)).toEqual([
        'ip-10-0-1-17.ec2.internal',
        'ip-10-0-2-17.ec2.internal',
      ]);
      const byZone = await api.GET('/v1/topologies/{id}/nodes', { params: { path: { id: created.id }, query: { zone: 'us-east-1a' } } });
      expect(byZone.data!.items.map((node) => node.name)).toEqual(['ip-10-0-1-17.ec2.internal', 'ip-10-0-9-200.ec2.internal']);
    });

    it('pages nodes by name with an opaque cursor', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const { data, response } = await api.GET('/v1/topologies/{id}/nodes', { params: { path: { id: created.id }, query: { limit: 3, cursor } } });
        expect(response.status).toBe(200);
        seen.push(...data!.items.map((node) => node.name));
        cursor = data!.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual([...seen].sort());
      expect(seen).toHaveLength(4);
    });

    it('rejects a malformed label selector with a path', async () => {
      const response = await testApp.http().get(`/v1/topologies/${created.id}/nodes`).query({ labelSelector: 'a in (b' });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(response.body.errors[0].path).toMatch(/^labelSelector/);
    });

    it('aggregates zones', async () => {
      const { data, response } = await api.GET('/v1/topologies/{id}/zones', { params: { path: { id: created.id } } });
      expect(response.status).toBe(200);
      expect(data!.items.map((zone) => [zone.zone, zone.nodes, zone.pods])).toEqual([
        ['us-east-1a', 2, 6],
        ['us-east-1b', 1, 4],
        ['us-east-1c', 1, 3],
      ]);
    });
  });

  it('imports GKE typed lists whose items carry no kind, warning about the pod on a missing node', async () => {
    const { data, response } = await api.POST('/v1/topologies', { body: { name: 'gke', objects: [gkeNodeList(), gkePodList()] } });
    expect(response.status).toBe(201);
    expect(data!.summary).toMatchObject(GKE_SUMMARY);
    expect(data!.warnings.map((warning) => warning.message).join('\n')).toContain('gke-prod-default-pool-3f2a1b7c-gone');
  });

  it.each(['application/yaml', 'text/yaml', 'application/x-yaml'])('imports an AKS multi-document YAML stream sent as %s', async (type) => {
    const response = await testApp.http().post('/v1/topologies?name=aks').set('Content-Type', type).send(aksYaml());
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name: 'aks', revision: 1, summary: AKS_SUMMARY });
  });

  it('imports a bare kubectl List body named by ?name=', async () => {
    const response = await testApp.http().post('/v1/topologies').query({ name: 'piped' }).send(eksDump());
    expect(response.status).toBe(201);
    expect(response.body.summary).toMatchObject(EKS_SUMMARY);
  });

  it('pages the topology list in creation order with a stable cursor', async () => {
    const names = ['page-a', 'page-b', 'page-c', 'page-d', 'page-e'];
    for (const name of names) {
      const { response } = await api.POST('/v1/topologies', { body: { name, objects: [makeNode(`${name}-node`).build()] } });
      expect(response.status).toBe(201);
    }
    const seen: string[] = [];
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const { data, response } = await api.GET('/v1/topologies', { params: { query: { limit: 2, cursor } } });
      expect(response.status).toBe(200);
      expect(data!.items.length).toBeLessThanOrEqual(2);
      for (const item of data!.items) expect(Object.keys(item).sort()).toEqual(['id', 'name', 'revision', 'summary']);
      seen.push(...data!.items.map((item) => item.name));
      ids.push(...data!.items.map((item) => item.id));
      cursor = data!.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.filter((name) => name.startsWith('page-'))).toEqual(names);
    expect(new Set(ids).size).toBe(ids.length);
    const all = await api.GET('/v1/topologies', { params: { query: { limit: 500 } } });
    expect(all.data!.items.map((item) => item.id)).toEqual(ids);
  });

  it('deletes a topology: 204, then 404 everywhere and gone from the list', async () => {
    const created = await api.POST('/v1/topologies', { body: { name: 'doomed', objects: [makeNode('doomed-1').build()] } });
    const id = created.data!.id;
    expect((await api.DELETE('/v1/topologies/{id}', { params: { path: { id } } })).response.status).toBe(204);
    for (const path of [`/v1/topologies/${id}`, `/v1/topologies/${id}/nodes`, `/v1/topologies/${id}/zones`]) {
      const response = await testApp.http().get(path);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    }
    expect((await api.DELETE('/v1/topologies/{id}', { params: { path: { id } } })).response.status).toBe(404);
    const list = await api.GET('/v1/topologies', { params: { query: { limit: 500 } } });
    expect(list.data!.items.map((item) => item.id)).not.toContain(id);
  });

  it.each([
    ['an unknown id', '/v1/topologies/3f0c4e0e-8a51-4c1e-9b43-7d2f5e1a9c00'],
    ['a malformed id', '/v1/topologies/not-a-uuid'],
    ['an id with SQL in it', "/v1/topologies/1'%20OR%20'1'='1"],
  ])('answers 404 problem+json for %s', async (_label, path) => {
    const response = await testApp.http().get(path);
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
    expect(response.body).toMatchObject({ status: 404, title: 'Not found', type: 'urn:podplan:problem:not-found' });
  });

  it('answers 404 for a revision that does not exist', async () => {
    const created = await testApp.http().post('/v1/topologies').send({ name: 'one-rev', objects: [makeNode('r-1').build()] });
    const response = await testApp.http().get(`/v1/topologies/${created.body.id}?revision=2`);
    expect(response.status).toBe(404);
  });

  it('accepts objects as a single List object instead of an array', async () => {
    const response = await testApp
      .http()
      .post('/v1/topologies')
      .send({ name: 'single', objects: kubectlList([makeNode('s-1').zone('z-1').build()]) });
    expect(response.status).toBe(201);
    expect(response.body.summary).toMatchObject({ nodes: 1, zones: ['z-1'] });
  });
});
