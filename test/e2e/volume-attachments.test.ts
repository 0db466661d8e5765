/**
 * VolumeAttachments end to end (issue 13): imported with the other storage
 * objects, counted in the topology summary, refused with the field path
 * where kube-apiserver would refuse them, and counted by NodeVolumeLimits
 * toward the node's CSI attach limit in every release podplan emulates
 * (upstream csi.go counts them since v1.32, kubernetes PR 127757): a volume
 * still attached to a node for a pod that is gone takes an attachment slot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNode } from '../support/kube-builders.js';
import { csiDriver, csiNode, persistentVolume, storageClass, volumeAttachment, ZONE } from '../support/storage-objects.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ZONE_B = 'us-east1-b';

/** One node whose CSINode allows 2 attachments; pv-old (no claim, no pod) is still attached to it. */
function attachedCluster(): unknown[] {
  const old = persistentVolume('pv-old', ZONE_B) as any;
  const { claimRef: _claimRef, ...spec } = old.spec;
  return [
    makeNode('node-a').labels({ [ZONE]: ZONE_B }).build(),
    storageClass('standard-rwo'),
    csiDriver('pd.csi.storage.gke.io'),
    csiNode('node-a', 2),
    { ...old, spec, status: { phase: 'Released' } },
    volumeAttachment('csi-3f1e0c', 'node-a', 'pv-old'),
  ];
}

const statefulSet = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'default' },
  spec: {
    replicas: 3,
    serviceName: 'db',
    selector: { matchLabels: { app: 'db' } },
    template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16', resources: { requests: { cpu: '100m', memory: '128Mi' } } }] } },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard-rwo', resources: { requests: { storage: '10Gi' } } } }],
  },
};

describe('VolumeAttachments', () => {
  let testApp: TestApp;
  const post = (path: string, body: object) => testApp.http().post(path).send(body);

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it.each(['v1.32', 'v1.33', 'v1.34', 'v1.35'])(
    'REST (%s): a node allowing 2 attachments with 1 VolumeAttachment of an unrelated volume takes only one more replica with a new volume',
    async (kubernetesVersion) => {
      const response = await post('/v1/simulations', { cluster: { objects: attachedCluster() }, workloads: [statefulSet], kubernetesVersion, explain: 'full' });
      expect(response.status).toBe(200);
      expect(response.body.placements.map((placement: any) => placement.node)).toEqual(['node-a', null, null]);
      for (const unplaced of response.body.placements.slice(1)) {
        expect(unplaced.message).toMatch(/^0\/1 nodes are available: 1 node\(s\) exceed max volume count\./);
        expect(unplaced.nodes[0].filters).toEqual([
          expect.objectContaining({ plugin: 'NodeVolumeLimits', reason: 'node(s) exceed max volume count', details: [{ driver: 'pd.csi.storage.gke.io', attachLimit: 2, attachedVolumes: 2, newVolumes: 1 }] }),
        ]);
      }
    },
  );

  it('REST: without the VolumeAttachment both attachment slots take replicas', async () => {
    const objects = attachedCluster().filter((object: any) => object.kind !== 'VolumeAttachment');
    const response = await post('/v1/simulations', { cluster: { objects }, workloads: [statefulSet] });
    expect(response.status).toBe(200);
    expect(response.body.placements.map((placement: any) => placement.node)).toEqual(['node-a', 'node-a', null]);
  });

  it('REST and GraphQL: a saved topology counts its VolumeAttachments and shows the slot taken on the node', async () => {
    const created = await testApp.http().post('/v1/topologies').send({ name: 'attached', objects: attachedCluster() });
    expect(created.status).toBe(201);
    expect(created.body.summary).toMatchObject({ persistentVolumes: 1, volumeAttachments: 1 });
    const read = await testApp.graphql(`query($id: ID!) { topology(id: $id) { summary { volumeAttachments } } }`, { id: created.body.id });
    expect(read.data!.topology.summary).toEqual({ volumeAttachments: 1 });
    const nodes = await testApp.http().get(`/v1/topologies/${created.body.id}/nodes`);
    expect(nodes.status).toBe(200);
    const nodeA = (nodes.body.items ?? nodes.body).find((node: any) => node.name === 'node-a');
    expect(nodeA.attachedVolumes).toEqual([{ driver: 'pd.csi.storage.gke.io', attached: 1, limit: 2 }]);
  });

  it.each([
    {
      name: 'a VolumeAttachment without a source',
      object: volumeAttachment('va-bad', 'node-a', 'pv-old', { spec: { attacher: 'pd.csi.storage.gke.io', nodeName: 'node-a', source: {} } }),
      path: 'objects[6].spec.source',
      message: /^Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName$/,
    },
    {
      name: 'a VolumeAttachment without an attacher',
      object: volumeAttachment('va-bad', 'node-a', 'pv-old', { spec: { nodeName: 'node-a', source: { persistentVolumeName: 'pv-old' } } }),
      path: 'objects[6].spec.attacher',
      message: /^Required value$/,
    },
  ])('REST: $name → 400 with the path, nothing written', async ({ object, path, message }) => {
    const before = (await testApp.http().get('/v1/topologies').query({ limit: 500 })).body.items.length;
    const response = await testApp.http().post('/v1/topologies').send({ name: 'bad-attachment', objects: [...attachedCluster(), object] });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors).toEqual([{ path, message: expect.stringMatching(message) }]);
    expect((await testApp.http().get('/v1/topologies').query({ limit: 500 })).body.items.length).toBe(before);
    const simulated = await post('/v1/simulations', { cluster: { objects: [...attachedCluster(), object] }, workloads: [statefulSet] });
    expect(simulated.status).toBe(400);
    expect(simulated.body.errors).toEqual([{ path: `cluster.${path}`, message: expect.stringMatching(message) }]);
  });
});
