/**
 * A plan with an in-tree AWS EBS PV on a node where the EBS plugin is
 * migrated to CSI (issue 13): VolumeBinding checks the PV's zone affinity in
 * its CSI form (binder.go checkBoundClaims → tryTranslatePVToCSI), so the
 * node needs the EBS CSI driver's topology label, not only the zone label.
 */
import type { V1CSINode, V1PersistentVolume, V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { executeSimulation, prepareSimulation } from '../../src/simulation/run-simulation.js';
import { clusterOf, makeNode } from '../support/builders.js';

const ZONE = 'topology.kubernetes.io/zone';
const EBS_CSI_ZONE = 'topology.ebs.csi.aws.com/zone';

const claim: V1PersistentVolumeClaim = {
  metadata: { name: 'data', namespace: 'default', uid: 'uid-data', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } },
  spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'gp2', resources: { requests: { storage: '10Gi' } }, volumeName: 'ebs-pv' },
  status: { phase: 'Bound' },
};

const inTreeEbs: V1PersistentVolume = {
  metadata: { name: 'ebs-pv' },
  spec: {
    capacity: { storage: '10Gi' },
    accessModes: ['ReadWriteOnce'],
    storageClassName: 'gp2',
    awsElasticBlockStore: { volumeID: 'aws://us-east-1a/vol-0123456789abcdef0' },
    claimRef: { namespace: 'default', name: 'data', uid: 'uid-data' },
    nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: ZONE, operator: 'In', values: ['us-east-1a'] }] }] } },
  },
  status: { phase: 'Bound' },
};

const migrated = (name: string): V1CSINode => ({
  metadata: { name, annotations: { 'storage.alpha.kubernetes.io/migrated-plugins': 'kubernetes.io/aws-ebs' } },
  spec: { drivers: [{ name: 'ebs.csi.aws.com', nodeID: `i-${name}`, topologyKeys: [EBS_CSI_ZONE] }] },
});

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'db', namespace: 'default' },
  spec: { containers: [{ name: 'db', image: 'postgres' }], volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }] },
};

function plan(labels: Record<string, string>) {
  const node = makeNode('n1').labels({ ...labels, 'kubernetes.io/hostname': 'n1' }).capacity({ cpu: '4', memory: '8Gi', pods: '10' }).obj();
  const cluster = clusterOf([node], [], { persistentVolumes: [inTreeEbs], persistentVolumeClaims: [claim], csiNodes: [migrated('n1')] });
  const prepared = prepareSimulation(cluster, [pod], undefined, { priorityClasses: [] }, [], undefined);
  return executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' }).result.placements;
}

describe('in-tree PVs migrated to CSI', () => {
  it('an in-tree EBS PV fits a migrated node that has the EBS CSI topology label', () => {
    expect(plan({ [ZONE]: 'us-east-1a', [EBS_CSI_ZONE]: 'us-east-1a' }).map((placement) => placement.node)).toEqual(['n1']);
  });

  it('the same node without the EBS CSI topology label has a volume node affinity conflict', () => {
    const [placement] = plan({ [ZONE]: 'us-east-1a' });
    expect(placement.node).toBeNull();
    expect(placement.message).toMatch(/^0\/1 nodes are available: 1 node\(s\) had volume node affinity conflict\./);
  });
});
