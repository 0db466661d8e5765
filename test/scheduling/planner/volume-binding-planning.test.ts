/**
 * VolumeBinding in the default profile, through a StatefulSet's
 * volumeClaimTemplates (issue 13): claims bound to zonal PVs pin replicas to
 * their zones; WaitForFirstConsumer claims take available PVs, each PV once
 * (Reserve), and the replica left without one gets upstream's reason;
 * dynamic provisioning follows the class's allowedTopologies.
 */
import type { V1Node, V1PersistentVolume, V1PersistentVolumeClaim, V1StorageClass } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { executeSimulation, prepareSimulation } from '../../../src/simulation/run-simulation.js';
import { clusterOf, makeNode } from '../../support/builders.js';

const ZONE = 'topology.kubernetes.io/zone';

function zonalNodes(): V1Node[] {
  return ['a', 'b', 'c'].flatMap((zone) => [1, 2].map((index) => makeNode(`${zone}${index}`).labels({ [ZONE]: zone, 'kubernetes.io/hostname': `${zone}${index}` }).capacity({ cpu: '4', memory: '8Gi', pods: '10' }).obj()));
}

const statefulSet = (replicas: number, storageClassName: string) => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'db' } },
    template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres', resources: { requests: { cpu: '100m' } } }] } },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName, resources: { requests: { storage: '10Gi' } } } }],
  },
});

const wffc = (name: string, extra: Partial<V1StorageClass> = {}): V1StorageClass => ({ metadata: { name }, provisioner: 'pd.csi.storage.gke.io', volumeBindingMode: 'WaitForFirstConsumer', ...extra });

function pv(name: string, affinity: Record<string, string>, className: string, extra: Partial<V1PersistentVolume['spec']> = {}): V1PersistentVolume {
  const matchExpressions = Object.entries(affinity).map(([key, value]) => ({ key, operator: 'In', values: [value] }));
  return {
    metadata: { name },
    spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], storageClassName: className, nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions }] } }, ...extra },
    status: { phase: extra.claimRef ? 'Bound' : 'Available' },
  };
}

const boundClaim = (name: string, volumeName: string, className: string): V1PersistentVolumeClaim => ({
  metadata: { name, namespace: 'default', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: className, volumeName, resources: { requests: { storage: '10Gi' } } },
  status: { phase: 'Bound' },
});

function plan(objects: Parameters<typeof clusterOf>[2], replicas: number, className: string) {
  const prepared = prepareSimulation(clusterOf(zonalNodes(), [], objects), [statefulSet(replicas, className)], undefined, { priorityClasses: [] });
  return executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' }).result.placements;
}

describe('VolumeBinding in the default profile', () => {
  it('places each replica in the zone of the PV its existing claim is bound to', () => {
    const placements = plan(
      {
        storageClasses: [wffc('zonal')],
        persistentVolumes: ['c', 'a', 'b'].map((zone, ordinal) => pv(`pv-${ordinal}`, { [ZONE]: zone }, 'zonal', { claimRef: { namespace: 'default', name: `data-db-${ordinal}` } })),
        persistentVolumeClaims: ['c', 'a', 'b'].map((_zone, ordinal) => boundClaim(`data-db-${ordinal}`, `pv-${ordinal}`, 'zonal')),
      },
      3,
      'zonal',
    );
    expect(placements.map((placement) => placement.zone)).toEqual(['c', 'a', 'b']);
  });

  it('gives each replica its own available PV, and says so when none is left', () => {
    const placements = plan(
      { storageClasses: [{ metadata: { name: 'local' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' }], persistentVolumes: [pv('local-b2', { 'kubernetes.io/hostname': 'b2' }, 'local'), pv('local-c1', { 'kubernetes.io/hostname': 'c1' }, 'local')] },
      3,
      'local',
    );
    expect(placements.map((placement) => placement.node)).toEqual(['b2', 'c1', null]);
    expect(placements[2].message).toBe(
      "0/6 nodes are available: 6 node(s) didn't find available persistent volumes to bind. no new claims to deallocate, preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.",
    );
  });

  it('places every replica in the only zone with available PVs', () => {
    const placements = plan({ storageClasses: [{ metadata: { name: 'static' }, provisioner: 'kubernetes.io/no-provisioner', volumeBindingMode: 'WaitForFirstConsumer' }], persistentVolumes: [1, 2, 3].map((index) => pv(`pv-b-${index}`, { [ZONE]: 'b' }, 'static')) }, 3, 'static');
    expect(placements.map((placement) => placement.zone)).toEqual(['b', 'b', 'b']);
  });

  it('provisions only where the class allowedTopologies admit the node', () => {
    const placements = plan({ storageClasses: [wffc('zone-c-only', { allowedTopologies: [{ matchLabelExpressions: [{ key: ZONE, values: ['c'] }] }] })] }, 2, 'zone-c-only');
    expect(placements.map((placement) => placement.zone)).toEqual(['c', 'c']);
  });

  it('provisions only where a CSIStorageCapacity of the class has room, when the CSI driver tracks capacity', () => {
    const csiDriver = (storageCapacity: boolean) => ({ metadata: { name: 'pd.csi.storage.gke.io' }, spec: { storageCapacity } });
    // Zone a's pool holds 5Gi (too small for 10Gi claims), zone b's 100Gi with volumes of at most 10Gi, zone c publishes nothing.
    const capacities = [
      { metadata: { name: 'pool-a', namespace: 'kube-system' }, storageClassName: 'tracked', nodeTopology: { matchLabels: { [ZONE]: 'a' } }, capacity: '5Gi' },
      { metadata: { name: 'pool-b', namespace: 'kube-system' }, storageClassName: 'tracked', nodeTopology: { matchLabels: { [ZONE]: 'b' } }, capacity: '100Gi', maximumVolumeSize: '10Gi' },
    ];
    const tracked = plan({ storageClasses: [wffc('tracked')], csiDrivers: [csiDriver(true)], csiStorageCapacities: capacities }, 3, 'tracked');
    expect(tracked.map((placement) => placement.zone)).toEqual(['b', 'b', 'b']);
    // Without opting in, the driver's capacity objects are not read.
    const untracked = plan({ storageClasses: [wffc('tracked')], csiDrivers: [csiDriver(false)], csiStorageCapacities: capacities }, 3, 'tracked');
    expect(new Set(untracked.map((placement) => placement.zone))).toEqual(new Set(['a', 'b', 'c']));
    const [nowhere] = plan({ storageClasses: [wffc('tracked')], csiDrivers: [csiDriver(true)], csiStorageCapacities: capacities.slice(0, 1) }, 1, 'tracked');
    expect(nowhere.node).toBeNull();
    expect(nowhere.message).toBe(
      '0/6 nodes are available: 6 node(s) did not have enough free storage. no new claims to deallocate, preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.',
    );
  });

  it('puts every later pod sharing a claim the plan provisions on the node the first one chose (selected-node annotation)', () => {
    // as binder.go FindPodVolumes: a claim to provision that carries volume.kubernetes.io/selected-node (set by
    // the first pod's PreBind) admits only that node; every other node didn't find available persistent volumes to bind.
    const shared: V1PersistentVolumeClaim = { metadata: { name: 'shared', namespace: 'default' }, spec: { accessModes: ['ReadWriteMany'], storageClassName: 'fast', resources: { requests: { storage: '10Gi' } } }, status: { phase: 'Pending' } };
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '100m' } } }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'shared' } }] },
        },
      },
    };
    const prepared = prepareSimulation(clusterOf(zonalNodes(), [], { storageClasses: [wffc('fast')], persistentVolumeClaims: [shared] }), [deployment], undefined, { priorityClasses: [] });
    const { placements } = executeSimulation(prepared, { explain: 'full', mode: 'exhaustive' }).result;
    const first = placements[0]!.node;
    expect(first).not.toBeNull();
    expect(placements.map((placement) => placement.node)).toEqual([first, first, first]);
    const rejected = placements[1]!.nodes!.filter((node) => !node.feasible);
    expect(rejected.map((node) => node.node).sort()).toEqual(zonalNodes().map((node) => node.metadata!.name!).filter((name) => name !== first).sort());
    for (const node of rejected) expect(node.filters!.map((failure) => [failure.plugin, failure.reason])).toEqual([['VolumeBinding', "node(s) didn't find available persistent volumes to bind"]]);
  });

  it('refuses a replica whose claim is Immediate and unbound before looking at nodes', () => {
    const [placement] = plan({ storageClasses: [{ metadata: { name: 'now' }, provisioner: 'pd.csi.storage.gke.io', volumeBindingMode: 'Immediate' }] }, 1, 'now');
    expect(placement.node).toBeNull();
    expect(placement.message).toMatch(/^0\/6 nodes are available: pod has unbound immediate PersistentVolumeClaims\./);
  });
});
