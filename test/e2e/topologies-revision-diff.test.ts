/**
 * GET /v1/topologies/{id}/revisions/{from}/diff/{to} and GraphQL
 * topologyRevisionDiff: nodes added, removed and changed (labels, taints,
 * allocatable, cordon), bound pods added, removed and moved, per-zone totals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNode, makePod } from '../support/kube-builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('revision diff', () => {
  let testApp: TestApp;
  let id: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const yesterday = [
      makeNode('a1').zone('zone-a').allocatable({ cpu: '4', memory: '8Gi', pods: '110' }).build(),
      makeNode('a2').zone('zone-a').labels({ pool: 'general' }).allocatable({ cpu: '4', memory: '8Gi', pods: '110' }).build(),
      makeNode('b1').zone('zone-b').allocatable({ cpu: '2', memory: '4Gi', pods: '110' }).build(),
      makePod('web-1').on('a1').requests({ cpu: '500m' }).build(),
      makePod('web-2').on('a2').requests({ cpu: '500m' }).build(),
      makePod('batch').on('b1').requests({ cpu: '1' }).build(),
    ];
    const today = [
      makeNode('a1').zone('zone-a').allocatable({ cpu: '4', memory: '8Gi', pods: '110' }).build(),
      makeNode('a2')
        .zone('zone-a')
        .labels({ pool: 'gpu', accelerator: 'nvidia' })
        .taint({ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' })
        .allocatable({ cpu: '8', memory: '8Gi', pods: '110' })
        .build(),
      makeNode('c1').zone('zone-c').allocatable({ cpu: '2', memory: '4Gi', pods: '110' }).build(),
      makePod('web-1').on('a1').requests({ cpu: '500m' }).build(),
      makePod('web-2').on('a1').requests({ cpu: '500m' }).build(),
      makePod('web-3').on('c1').requests({ cpu: '500m' }).build(),
    ];
    const created = await testApp.http().post('/v1/topologies').send({ name: 'daily', objects: yesterday }).expect(201);
    id = created.body.id;
    await testApp.http().put(`/v1/topologies/${id}`).send({ objects: today }).expect(200);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const GIB = 1024 ** 3;

  it('lists what changed in nodes, pods and zones', async () => {
    const response = await testApp.http().get(`/v1/topologies/${id}/revisions/1/diff/2`).expect(200);
    expect(response.body).toEqual({
      topologyId: id,
      from: 1,
      to: 2,
      nodes: {
        added: [{ name: 'c1', zone: 'zone-c' }],
        removed: [{ name: 'b1', zone: 'zone-b' }],
        changed: [
          {
            name: 'a2',
            zone: 'zone-a',
            labels: { added: { accelerator: 'nvidia' }, removed: {}, changed: { pool: { from: 'general', to: 'gpu' } } },
            taints: { added: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NoSchedule' }], removed: [] },
            allocatable: { cpu: { from: 4000, to: 8000 } },
          },
        ],
      },
      pods: {
        added: [{ namespace: 'default', name: 'web-3', node: 'c1' }],
        removed: [{ namespace: 'default', name: 'batch', node: 'b1' }],
        moved: [{ namespace: 'default', name: 'web-2', from: 'a2', to: 'a1' }],
      },
      zones: [
        {
          zone: 'zone-a',
          from: { nodes: 2, pods: 2, allocatable: { cpuMillicores: 8000, memoryBytes: 16 * GIB, pods: 220 }, requested: { cpuMillicores: 1000, memoryBytes: 0, pods: 2 } },
          to: { nodes: 2, pods: 2, allocatable: { cpuMillicores: 12000, memoryBytes: 16 * GIB, pods: 220 }, requested: { cpuMillicores: 1000, memoryBytes: 0, pods: 2 } },
        },
        {
          zone: 'zone-b',
          from: { nodes: 1, pods: 1, allocatable: { cpuMillicores: 2000, memoryBytes: 4 * GIB, pods: 110 }, requested: { cpuMillicores: 1000, memoryBytes: 0, pods: 1 } },
          to: null,
        },
        {
          zone: 'zone-c',
          from: null,
          to: { nodes: 1, pods: 1, allocatable: { cpuMillicores: 2000, memoryBytes: 4 * GIB, pods: 110 }, requested: { cpuMillicores: 500, memoryBytes: 0, pods: 1 } },
        },
      ],
    });
  });

  it('diffs a revision with itself as no change, and reads the other direction as the inverse', async () => {
    const same = await testApp.http().get(`/v1/topologies/${id}/revisions/2/diff/2`).expect(200);
    expect(same.body.nodes).toEqual({ added: [], removed: [], changed: [] });
    expect(same.body.pods).toEqual({ added: [], removed: [], moved: [] });
    const back = await testApp.http().get(`/v1/topologies/${id}/revisions/2/diff/1`).expect(200);
    expect(back.body.nodes.added).toEqual([{ name: 'b1', zone: 'zone-b' }]);
    expect(back.body.pods.moved).toEqual([{ namespace: 'default', name: 'web-2', from: 'a1', to: 'a2' }]);
  });

  it('answers the same through GraphQL', async () => {
    const result = await testApp.graphql(
      `query($id: ID!) { topologyRevisionDiff(id: $id, from: 1, to: 2) {
        topologyId from to
        nodes { added { name zone } removed { name } changed { name zone labels { added removed changed } taints { added { key value effect } removed { key } } allocatable unschedulable { from to } } }
        pods { added { namespace name node } removed { name node } moved { name from to } }
        zones { zone from { nodes pods allocatable { cpuMillicores } } to { nodes requested { cpuMillicores } } }
      } }`,
      { id },
    );
    expect(result.errors).toBeUndefined();
    const rest = (await testApp.http().get(`/v1/topologies/${id}/revisions/1/diff/2`)).body;
    const diff = result.data!.topologyRevisionDiff;
    expect(diff.nodes.changed).toEqual([{ ...rest.nodes.changed[0], unschedulable: null }]);
    expect(diff.pods.moved).toEqual([{ name: 'web-2', from: 'a2', to: 'a1' }]);
    expect(diff.zones.map((zone: { zone: string }) => zone.zone)).toEqual(['zone-a', 'zone-b', 'zone-c']);
    expect(diff.zones[1]).toEqual({ zone: 'zone-b', from: { nodes: 1, pods: 1, allocatable: { cpuMillicores: 2000 } }, to: null });
  });

  it('answers 404 for a revision the topology lacks and 400 for one that is not a revision number', async () => {
    const missing = await testApp.http().get(`/v1/topologies/${id}/revisions/1/diff/7`);
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    const bad = await testApp.http().get(`/v1/topologies/${id}/revisions/0/diff/x`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { path: 'from', message: 'must be at least 1' },
      { path: 'to', message: expect.any(String) },
    ]);
  });
});
