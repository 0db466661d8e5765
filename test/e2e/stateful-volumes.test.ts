/**
 * Storage-aware planning end to end (issue 13), through REST and GraphQL:
 * a 3-replica StatefulSet whose claims are bound to zonal PVs lands one
 * replica per zone, each placement naming its claim and PV; losing a zone
 * leaves that replica unplaceable with VolumeBinding's reason, and the
 * verdict says the StatefulSet does not recover; WaitForFirstConsumer with
 * available PVs in one zone places every replica there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNode } from '../support/kube-builders.js';
import { csiDriver, persistentVolume, persistentVolumeClaim, storageClass, ZONE } from '../support/storage-objects.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const ZONES = ['us-east1-b', 'us-east1-c', 'us-east1-d'];

const nodes = (): unknown[] => ZONES.flatMap((zone, index) => [1, 2].map((n) => makeNode(`node-${index}-${n}`).labels({ [ZONE]: zone, 'topology.kubernetes.io/region': 'us-east1' }).build()));

/** data-db-<ordinal> bound to pv-<ordinal> in ZONES[ordinal], as a GKE dump prints them. */
function boundCluster(): unknown[] {
  return [
    ...nodes(),
    storageClass('standard-rwo'),
    ...ZONES.map((zone, ordinal) => persistentVolume(`pv-${ordinal}`, zone, { spec: { ...(persistentVolume(`pv-${ordinal}`, zone) as any).spec, claimRef: { namespace: 'default', name: `data-db-${ordinal}` } } })),
    ...ZONES.map((_zone, ordinal) => persistentVolumeClaim(`data-db-${ordinal}`, `pv-${ordinal}`)),
  ];
}

/** A class that never provisions, and three available PVs, all in the second zone. */
function oneZoneCluster(): unknown[] {
  const local = storageClass('local-zonal', { provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' });
  const available = (name: string) => {
    const volume = persistentVolume(name, ZONES[1]) as any;
    const { claimRef: _claimRef, ...spec } = volume.spec;
    // Without the dump's beta storage-class annotation, which would win over spec.storageClassName.
    return { ...volume, metadata: { ...volume.metadata, annotations: {} }, spec: { ...spec, storageClassName: 'local-zonal' }, status: { phase: 'Available' } };
  };
  return [...nodes(), local, available('pv-a'), available('pv-b'), available('pv-c')];
}

const statefulSet = (className: string) => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'default' },
  spec: {
    replicas: 3,
    serviceName: 'db',
    selector: { matchLabels: { app: 'db' } },
    template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16', resources: { requests: { cpu: '500m', memory: '1Gi' } } }] } },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: className, resources: { requests: { storage: '10Gi' } } } }],
  },
});

describe('stateful workloads with zonal volumes', () => {
  let testApp: TestApp;
  const post = (path: string, body: object) => testApp.http().post(path).send(body);

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('REST: one replica per zone, each on the zone of its bound PV, with its volume named', async () => {
    const response = await post('/v1/simulations', { cluster: { objects: boundCluster() }, workloads: [statefulSet('standard-rwo')] });
    expect(response.status).toBe(200);
    expect(response.body.placements.map((placement: any) => placement.zone)).toEqual(ZONES);
    expect(response.body.placements.map((placement: any) => placement.volumes)).toEqual(ZONES.map((_zone, ordinal) => [{ claim: `data-db-${ordinal}`, volume: `pv-${ordinal}`, provisioned: false }]));
  });

  it('REST: losing a zone leaves its replica unplaceable with the volume node affinity conflict', async () => {
    const response = await post('/v1/analyses/failure-domains', { cluster: { objects: boundCluster() }, workloads: [statefulSet('standard-rwo')] });
    expect(response.status).toBe(200);
    const lost = response.body.domains.find((domain: any) => domain.domain === ZONES[1]);
    expect(lost.workloads[0]).toMatchObject({ lost: 1, rescheduled: 0, unplaceable: 1 });
    expect(lost.workloads[0].messages).toEqual([expect.stringMatching(/^0\/4 nodes are available: 4 node\(s\) had volume node affinity conflict\./)]);
    expect(lost.workloads[0].volumes).toEqual([`claim data-db-1 is bound to pv-1 in zone ${ZONES[1]}`]);
    expect(response.body.verdicts[0]).toMatchObject({ workload: { kind: 'StatefulSet', name: 'db' }, fullyRecovers: false });
    // Every zone loses one replica that cannot follow its disk; the worst domain is the first by name.
    expect(response.body.verdicts[0].verdict).toBe(
      `StatefulSet default/db does not survive the loss of topology.kubernetes.io/zone=${ZONES[0]}: 1 of 1 lost replicas stay unplaceable (claim data-db-0 is bound to pv-0 in zone ${ZONES[0]})`,
    );
  });

  it('REST: WaitForFirstConsumer with available PVs in one zone places every replica there, each on its own PV', async () => {
    const response = await post('/v1/simulations', { cluster: { objects: oneZoneCluster() }, workloads: [statefulSet('local-zonal')] });
    expect(response.status).toBe(200);
    expect(response.body.placements.map((placement: any) => placement.zone)).toEqual([ZONES[1], ZONES[1], ZONES[1]]);
    expect(response.body.placements.map((placement: any) => placement.volumes[0].volume).sort()).toEqual(['pv-a', 'pv-b', 'pv-c']);
  });

  it('REST: a CSI driver tracking storage capacity provisions only where a CSIStorageCapacity has room (imported from the dump)', async () => {
    const capacity = (name: string, zone: string, size: string) => ({
      apiVersion: 'storage.k8s.io/v1',
      kind: 'CSIStorageCapacity',
      metadata: { name, namespace: 'kube-system' },
      storageClassName: 'standard-rwo',
      nodeTopology: { matchLabels: { [ZONE]: zone } },
      capacity: size,
    });
    const driver = { ...csiDriver('pd.csi.storage.gke.io'), spec: { ...(csiDriver('pd.csi.storage.gke.io') as any).spec, storageCapacity: true } };
    const objects = [...nodes(), storageClass('standard-rwo'), driver, capacity('pool-b', ZONES[0], '5Gi'), capacity('pool-c', ZONES[1], '1Ti')];
    const response = await post('/v1/simulations', { cluster: { objects }, workloads: [statefulSet('standard-rwo')], explain: 'full' });
    expect(response.status).toBe(200);
    expect(response.body.placements.map((placement: any) => placement.zone)).toEqual([ZONES[1], ZONES[1], ZONES[1]]);
    const rejected = response.body.placements[0].nodes.filter((node: any) => !node.feasible);
    expect(rejected.map((node: any) => node.filters.map(({ plugin, reason, explanation }: any) => ({ plugin, reason, explanation })))).toEqual(
      Array(4).fill([
        {
          plugin: 'VolumeBinding',
          reason: 'node(s) did not have enough free storage',
          explanation: 'claim data-db-0 is provisioned by StorageClass standard-rwo, and no CSIStorageCapacity of it that reaches this node has room for 10Gi',
        },
      ]),
    );
  });

  it('REST: an unplaceable replica says which claim ties it to which PV and zone', async () => {
    const cluster = boundCluster().filter((object: any) => !(object.kind === 'Node' && object.metadata.labels[ZONE] === ZONES[2]));
    const response = await post('/v1/simulations', { cluster: { objects: cluster }, workloads: [statefulSet('standard-rwo')] });
    const unplaced = response.body.placements[2];
    expect(unplaced.node).toBeNull();
    expect(unplaced.message).toMatch(/^0\/4 nodes are available: 4 node\(s\) had volume node affinity conflict\./);
    expect(unplaced.volumes).toEqual([{ claim: 'data-db-2', volume: 'pv-2', provisioned: false, explanation: `claim data-db-2 is bound to pv-2 in zone ${ZONES[2]}` }]);
  });

  it('REST: the full per-node table names the claim and PV behind each volume rejection', async () => {
    const cluster = boundCluster().filter((object: any) => !(object.kind === 'Node' && object.metadata.labels[ZONE] === ZONES[2]));
    const response = await post('/v1/simulations', { cluster: { objects: cluster }, workloads: [statefulSet('standard-rwo')], explain: 'full' });
    expect(response.status).toBe(200);
    const sentence = `claim data-db-2 is bound to pv-2 in zone ${ZONES[2]}`;
    const filters = response.body.placements[2].nodes.map((node: any) => node.filters.map((filter: any) => [filter.plugin, filter.explanation]));
    expect(filters).toEqual(Array(4).fill([['VolumeBinding', sentence], ['VolumeZone', sentence]]));
  });

  it('GraphQL: a stored plan\'s rejected nodes carry the same sentence (what the viewer shows)', async () => {
    const cluster = boundCluster().filter((object: any) => !(object.kind === 'Node' && object.metadata.labels[ZONE] === ZONES[2]));
    const topology = await post('/v1/topologies', { name: 'two-zones', objects: cluster });
    const plan = await post(`/v1/topologies/${topology.body.id}/plans`, { workloads: [statefulSet('standard-rwo')] });
    expect(plan.status).toBe(201);
    const answer = await testApp.graphql(
      `query($id: ID!) { plan(id: $id) { placements(first: 3) { edges { node { pod nodes(feasible: false) { edges { node { node filters { plugin explanation } } } } } } } } }`,
      { id: plan.body.id },
    );
    expect(answer.errors).toBeUndefined();
    const unplaced = answer.data!.plan.placements.edges[2].node;
    expect(unplaced.pod).toBe('db-2');
    const sentence = `claim data-db-2 is bound to pv-2 in zone ${ZONES[2]}`;
    expect(unplaced.nodes.edges.map((edge: any) => edge.node.filters)).toEqual(
      Array(4).fill([
        { plugin: 'VolumeBinding', explanation: sentence },
        { plugin: 'VolumeZone', explanation: sentence },
      ]),
    );
  });

  it('GraphQL: the same placements, volumes and failure-domain verdict', async () => {
    const simulated = await testApp.graphql(`mutation($input: SimulateInput!) { simulate(input: $input) { placements { pod zone volumes { claim volume provisioned } } } }`, {
      input: { objects: boundCluster(), workloads: [statefulSet('standard-rwo')] },
    });
    expect(simulated.errors).toBeUndefined();
    expect(simulated.data!.simulate.placements).toEqual(ZONES.map((zone, ordinal) => ({ pod: `db-${ordinal}`, zone, volumes: [{ claim: `data-db-${ordinal}`, volume: `pv-${ordinal}`, provisioned: false }] })));
    const domains = await testApp.graphql(
      `mutation($input: FailureDomainsInput!) { failureDomains(input: $input) { domains { domain workloads { lost unplaceable messages volumes } } verdicts { fullyRecovers } } }`,
      { input: { objects: boundCluster(), workloads: [statefulSet('standard-rwo')] } },
    );
    expect(domains.errors).toBeUndefined();
    const lost = domains.data!.failureDomains.domains.find((domain: any) => domain.domain === ZONES[0]);
    expect(lost.workloads[0]).toMatchObject({
      lost: 1,
      unplaceable: 1,
      messages: [expect.stringContaining('4 node(s) had volume node affinity conflict')],
      volumes: [`claim data-db-0 is bound to pv-0 in zone ${ZONES[0]}`],
    });
    expect(domains.data!.failureDomains.verdicts[0].fullyRecovers).toBe(false);
  });
});
