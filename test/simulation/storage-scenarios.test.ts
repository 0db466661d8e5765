/**
 * Scenario edits see storage (issue 13): nodes added in the zone of the only
 * available PVs make WaitForFirstConsumer claims bindable there; removing the
 * nodes that held the only matching local PVs leaves the claims unbindable,
 * with VolumeBinding's reason.
 */
import type { V1PersistentVolume, V1StorageClass } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { executeSimulation, prepareSimulation } from '../../src/simulation/run-simulation.js';
import { clusterOf, makeNode } from '../support/builders.js';

const ZONE = 'topology.kubernetes.io/zone';
const HOSTNAME = 'kubernetes.io/hostname';

const staticClass: V1StorageClass = { metadata: { name: 'static' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' };

function pv(name: string, key: string, value: string): V1PersistentVolume {
  return {
    metadata: { name },
    spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: 'static', nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key, operator: 'In', values: [value] }] }] } } },
    status: { phase: 'Available' },
  };
}

const statefulSet = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'db' } },
    template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres' }] } },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'static', resources: { requests: { storage: '10Gi' } } } }],
  },
};

const nodeIn = (name: string, zone: string) => makeNode(name).labels({ [ZONE]: zone, [HOSTNAME]: name }).capacity({ cpu: '4', memory: '8Gi', pods: '10' }).obj();

function plan(cluster: ReturnType<typeof clusterOf>, scenario?: unknown[]) {
  const prepared = prepareSimulation(cluster, [statefulSet], undefined, { priorityClasses: [] }, [], scenario);
  return executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' }).result.placements;
}

describe('scenarios and volumes', () => {
  it('addNodes in the zone of the only available PVs makes the claims bindable there', () => {
    const cluster = clusterOf([nodeIn('a1', 'a')], [], { storageClasses: [staticClass], persistentVolumes: [pv('pv-c-1', ZONE, 'c'), pv('pv-c-2', ZONE, 'c')] });
    expect(plan(cluster).map((placement) => placement.node)).toEqual([null, null]);
    expect(plan(cluster)[0].message).toMatch(/^0\/1 nodes are available: 1 node\(s\) didn't find available persistent volumes to bind\./);
    const added = plan(cluster, [{ op: 'addNodes', template: nodeIn('template', 'a'), count: 1, namePrefix: 'extra', zones: ['c'] }]);
    expect(added.map((placement) => placement.node)).toEqual(['extra-1', 'extra-1']);
    expect(added.map((placement) => placement.volumes?.[0].volume)).toEqual(['pv-c-1', 'pv-c-2']);
  });

  it('removeNodes of the nodes holding the only local PVs leaves the claims unbindable', () => {
    const cluster = clusterOf([nodeIn('a1', 'a'), nodeIn('a2', 'a')], [], { storageClasses: [staticClass], persistentVolumes: [pv('local-a2-1', HOSTNAME, 'a2'), pv('local-a2-2', HOSTNAME, 'a2')] });
    expect(plan(cluster).map((placement) => placement.node)).toEqual(['a2', 'a2']);
    const removed = plan(cluster, [{ op: 'removeNodes', names: ['a2'] }]);
    expect(removed.map((placement) => placement.node)).toEqual([null, null]);
    expect(removed[0].message).toMatch(/^0\/1 nodes are available: 1 node\(s\) didn't find available persistent volumes to bind\./);
  });
});
