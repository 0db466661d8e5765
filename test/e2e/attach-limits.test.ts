/**
 * CSI attach limits through the API (issue 13): node and zone views show
 * the volumes attached per driver beside the CSINode limit, and a
 * StatefulSet whose replicas each get their own claim stops at the CSINode
 * counts, over REST and GraphQL.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNode, makePod } from '../support/kube-builders.js';
import { csiNode, persistentVolume, persistentVolumeClaim, storageClass, ZONE } from '../support/storage-objects.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DRIVER = 'pd.csi.storage.gke.io';

/** Two nodes in zone b (CSINode limits 3 and 2), one in zone c without a CSINode; a running pod on b-1 uses pv-0. */
function cluster(): unknown[] {
  return [
    makeNode('b-1').labels({ [ZONE]: 'b' }).build(),
    makeNode('b-2').labels({ [ZONE]: 'b' }).build(),
    makeNode('c-1').labels({ [ZONE]: 'c' }).build(),
    csiNode('b-1', 3),
    csiNode('b-2', 2),
    persistentVolume('pv-0', 'b'),
    persistentVolumeClaim('data-0', 'pv-0'),
    storageClass('standard-rwo'),
    withClaim(makePod('db-running').on('b-1').build(), 'data-0'),
  ];
}

function withClaim(pod: V1Pod, claimName: string): V1Pod {
  return { ...pod, spec: { ...pod.spec!, volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] } };
}

/** A StatefulSet in zone b whose replicas each get a new claim of class standard-rwo (WaitForFirstConsumer, provisioned by the CSI driver). */
function statefulSet(replicas: number): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db', namespace: 'default' },
    spec: {
      replicas,
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: {
        metadata: { labels: { app: 'db' } },
        spec: {
          nodeSelector: { [ZONE]: 'b' },
          containers: [{ name: 'db', image: 'postgres:16', resources: { requests: { cpu: '100m', memory: '128Mi' } }, volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard-rwo', resources: { requests: { storage: '1Gi' } } } }],
    },
  };
}

const LIMIT_MESSAGE_START = '0/3 nodes are available: 1 node(s) didn\'t match Pod\'s node affinity/selector, 2 node(s) exceed max volume count.';

describe('attach limits through the API', () => {
  let testApp: TestApp;
  let topologyId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const created = await testApp.http().post('/v1/topologies').send({ name: 'attach', objects: cluster() });
    expect(created.status).toBe(201);
    topologyId = created.body.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('REST: node and zone views count attached volumes per driver beside the CSINode limit', async () => {
    const nodes = await testApp.http().get(`/v1/topologies/${topologyId}/nodes`);
    expect(nodes.status).toBe(200);
    const byName = Object.fromEntries(nodes.body.items.map((node: { name: string; attachedVolumes: unknown }) => [node.name, node.attachedVolumes]));
    expect(byName).toEqual({
      'b-1': [{ driver: DRIVER, attached: 1, limit: 3 }],
      'b-2': [{ driver: DRIVER, attached: 0, limit: 2 }],
      'c-1': [],
    });
    const zones = await testApp.http().get(`/v1/topologies/${topologyId}/zones`);
    expect(zones.body.items.map((zone: { zone: string; attachedVolumes: unknown }) => [zone.zone, zone.attachedVolumes])).toEqual([
      ['b', [{ driver: DRIVER, attached: 1, limit: 5 }]],
      ['c', []],
    ]);
  });

  it('GraphQL: the same counts on topology.nodes and topology.zones', async () => {
    const result = await testApp.graphql(
      `query($id: ID!) { topology(id: $id) { nodes { edges { node { name attachedVolumes { driver attached limit } } } } zones { zone attachedVolumes { driver attached limit } } } }`,
      { id: topologyId },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.topology.nodes.edges.map((edge: { node: unknown }) => edge.node)).toEqual([
      { name: 'b-1', attachedVolumes: [{ driver: DRIVER, attached: 1, limit: 3 }] },
      { name: 'b-2', attachedVolumes: [{ driver: DRIVER, attached: 0, limit: 2 }] },
      { name: 'c-1', attachedVolumes: [] },
    ]);
    expect(result.data!.topology.zones).toEqual([
      { zone: 'b', attachedVolumes: [{ driver: DRIVER, attached: 1, limit: 5 }] },
      { zone: 'c', attachedVolumes: [] },
    ]);
  });

  it('REST: a StatefulSet stops at the CSINode counts (2 more on b-1, 2 on b-2)', async () => {
    const response = await testApp.http().post('/v1/simulations').send({ topologyId, workloads: [statefulSet(6)] });
    expect(response.status).toBe(200);
    const nodes = response.body.placements.map((placement: { node: string | null }) => placement.node);
    expect(nodes.filter((node: string | null) => node === 'b-1')).toHaveLength(2);
    expect(nodes.filter((node: string | null) => node === 'b-2')).toHaveLength(2);
    expect(response.body.summary).toMatchObject({ replicas: 6, scheduled: 4, unschedulable: 2 });
    const unplaced = response.body.placements.filter((placement: { node: string | null }) => placement.node === null);
    expect(unplaced[0].message.startsWith(LIMIT_MESSAGE_START)).toBe(true);
  });

  it('GraphQL: the same placements and message', async () => {
    const result = await testApp.graphql(
      `mutation($input: SimulateInput!) { simulate(input: $input) { summary { replicas scheduled unschedulable } placements { pod node message } } }`,
      { input: { topologyId, workloads: [statefulSet(6)] } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.simulate.summary).toEqual({ replicas: 6, scheduled: 4, unschedulable: 2 });
    const unplaced = result.data!.simulate.placements.filter((placement: { node: string | null }) => placement.node === null);
    expect(unplaced).toHaveLength(2);
    expect(unplaced[0].message.startsWith(LIMIT_MESSAGE_START)).toBe(true);
  });
});
