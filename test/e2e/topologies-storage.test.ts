/**
 * Storage objects through the API (issue 13): counted in the topology
 * summary over REST and GraphQL, stripped before they are stored, and
 * refused with the field path where kube-apiserver would refuse them,
 * writing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNode } from '../support/kube-builders.js';
import { csiDriver, csiNode, persistentVolume, persistentVolumeClaim, storageClass, ZONE } from '../support/storage-objects.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ZONES = ['us-east1-b', 'us-east1-c', 'us-east1-d'];

/** A three-zone cluster whose StatefulSet claims are bound to one zonal PV each. */
function statefulCluster(): unknown[] {
  return [
    ...ZONES.map((zone, index) => makeNode(`node-${index}`).labels({ [ZONE]: zone }).build()),
    ...ZONES.map((zone, index) => persistentVolume(`pv-${index}`, zone)),
    ...ZONES.map((_, index) => persistentVolumeClaim(`claim-pv-${index}`, `pv-${index}`, { metadata: { name: `claim-pv-${index}`, namespace: 'db' } })),
    persistentVolumeClaim('scratch'),
    storageClass('standard-rwo'),
    storageClass('premium-rwo'),
    ...ZONES.map((_, index) => csiNode(`node-${index}`, 127)),
    csiDriver('pd.csi.storage.gke.io'),
  ];
}

describe('storage objects in saved topologies', () => {
  let testApp: TestApp;

  async function storedCount(): Promise<number> {
    const response = await testApp.http().get('/v1/topologies').query({ limit: 500 });
    return response.body.items.length;
  }

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('REST: counts PVs, claims and StorageClasses, and reports what stripping dropped', async () => {
    const response = await testApp.http().post('/v1/topologies').send({ name: 'stateful', objects: statefulCluster() });
    expect(response.status).toBe(201);
    expect(response.body.warnings).toEqual([]);
    expect(response.body.summary).toMatchObject({ nodes: 3, namespaces: 2, zones: ZONES, persistentVolumes: 3, persistentVolumeClaims: 4, storageClasses: 2 });
    // Reclaim policies, CSI attributes, StorageClass parameters and node IDs are not read by scheduling.
    expect(response.body.dropped).toMatchObject({
      'spec.persistentVolumeReclaimPolicy': 3,
      'spec.csi.volumeAttributes': 3,
      parameters: 2,
      'spec.drivers.nodeID': 3,
      'spec.fsGroupPolicy': 1,
    });
    const read = await testApp.http().get(`/v1/topologies/${response.body.id}`);
    expect(read.body.summary).toMatchObject({ persistentVolumes: 3, persistentVolumeClaims: 4, storageClasses: 2 });
  });

  it('GraphQL: the topology summary carries the same counts', async () => {
    const created = await testApp.graphql(
      `mutation($input: CreateTopologyInput!) { createTopology(input: $input) { id summary { persistentVolumes persistentVolumeClaims storageClasses } } }`,
      { input: { name: 'stateful-gql', objects: statefulCluster() } },
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createTopology.summary).toEqual({ persistentVolumes: 3, persistentVolumeClaims: 4, storageClasses: 2 });
    const read = await testApp.graphql(`query($id: ID!) { topology(id: $id) { summary { persistentVolumes persistentVolumeClaims storageClasses } } }`, {
      id: created.data!.createTopology.id,
    });
    expect(read.data!.topology.summary).toEqual({ persistentVolumes: 3, persistentVolumeClaims: 4, storageClasses: 2 });
  });

  it('a cluster without storage objects counts none', async () => {
    const response = await testApp.http().post('/v1/topologies').send({ name: 'stateless', objects: [makeNode('n').build()] });
    expect(response.status).toBe(201);
    expect(response.body.summary).toMatchObject({ persistentVolumes: 0, persistentVolumeClaims: 0, storageClasses: 0 });
  });

  it.each([
    {
      name: 'a StorageClass with an unknown binding mode',
      object: storageClass('typo', { volumeBindingMode: 'OnFirstUse' }),
      path: 'objects[1].volumeBindingMode',
      message: /Unsupported value: "OnFirstUse": supported values: "Immediate", "WaitForFirstConsumer"/,
    },
    {
      name: 'a PV with a malformed node affinity',
      object: persistentVolume('pv-bad', 'z', { spec: { ...persistentVolume('pv-bad', 'z').spec, nodeAffinity: { required: { nodeSelectorTerms: [] } } } }),
      path: 'objects[1].spec.nodeAffinity.required.nodeSelectorTerms',
      message: /must have at least one node selector term/,
    },
    {
      name: 'a claim without a storage request',
      object: persistentVolumeClaim('no-size', undefined, { spec: { accessModes: ['ReadWriteOnce'] } }),
      path: 'objects[1].spec.resources.requests.storage',
      message: /Required value/,
    },
  ])('$name → 400 with the path, nothing written', async ({ object, path, message }) => {
    const before = await storedCount();
    const response = await testApp
      .http()
      .post('/v1/topologies')
      .send({ name: 'bad-storage', objects: [makeNode('n').build(), object, ...statefulCluster().slice(3)] });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors).toEqual([{ path, message: expect.stringMatching(message) }]);
    expect(await storedCount()).toBe(before);
  });
});
