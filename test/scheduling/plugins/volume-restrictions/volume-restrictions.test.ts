/**
 * VolumeRestrictions, ported from upstream pkg/scheduler/framework/plugins/
 * volumerestrictions/volume_restrictions_test.go, case names kept:
 * TestGCEDiskConflicts, TestAWSDiskConflicts, TestRBDDiskConflicts,
 * TestISCSIDiskConflicts (Filter on a node holding the existing pod; a pod
 * without volumes is skipped at PreFilter, as v1.34's) and
 * TestAccessModeConflicts (PreFilter on a cluster whose node-1 runs the
 * existing pods; v1.34 keeps the in-use count in PreFilter state and rejects
 * in Filter with Unschedulable, so preemption can free the claim).
 *
 * One difference in PreFilter status, none in outcome: upstream skips
 * "no access mode conflict" (its ReadWriteOncePod claim is not in use);
 * podplan keeps the plugin for every pod with a ReadWriteOncePod claim (see
 * the plugin's comment) and its Filter passes the node.
 */
import type { V1Node, V1PersistentVolumeClaim, V1Pod, V1Volume } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { Code } from '../../../../src/scheduling/framework/status.js';
import { volumeRestrictions } from '../../../../src/scheduling/plugins/volume-restrictions/index.js';
import { ErrReasonDiskConflict, ErrReasonReadWriteOncePodConflict } from '../../../../src/scheduling/plugins/volume-restrictions/volume-restrictions-plugin.js';
import { clusterOf } from '../../../support/builders.js';
import { runFilterPlugin } from '../../../support/plugin-harness.js';

const NODE = 'node-1';
const node: V1Node = { metadata: { name: NODE }, status: { allocatable: { pods: '110' } } };

let counter = 0;
const podWithVolumes = (volumes: V1Volume[]): V1Pod => ({ metadata: { name: `pod-${++counter}`, namespace: 'default' }, spec: { containers: [], volumes } });
const emptyPod = (): V1Pod => ({ metadata: { name: `pod-${++counter}`, namespace: 'default' }, spec: { containers: [] } });
const onNode = (pod: V1Pod): V1Pod => ({ ...pod, spec: { ...pod.spec!, nodeName: NODE } });

interface DiskCase {
  name: string;
  pod: V1Pod;
  existing: V1Pod[];
  wantSkip?: boolean;
  wantStatus?: string;
}

function diskConflictCases(volState: V1Volume[], volState2: V1Volume[]): DiskCase[] {
  return [
    { name: 'nothing', pod: emptyPod(), existing: [], wantSkip: true },
    { name: 'one state', pod: emptyPod(), existing: [podWithVolumes(volState)], wantSkip: true },
    { name: 'same state', pod: podWithVolumes(volState), existing: [podWithVolumes(volState)], wantStatus: ErrReasonDiskConflict },
    { name: 'different state', pod: podWithVolumes(volState2), existing: [podWithVolumes(volState)] },
  ];
}

function runDiskCases(cases: DiskCase[]): void {
  it.each(cases)('$name', ({ pod, existing, wantSkip, wantStatus }) => {
    const run = runFilterPlugin(volumeRestrictions(undefined), pod, clusterOf([node], existing.map(onNode)));
    if (wantSkip) {
      expect(run.preFilter?.code).toBe(Code.Skip);
      return;
    }
    expect(run.preFilter).toBeNull();
    const status = run.nodes[NODE];
    if (wantStatus === undefined) expect(status).toBeNull();
    else expect({ code: status?.code, reason: status?.reasons[0] }).toEqual({ code: Code.Unschedulable, reason: wantStatus });
  });
}

describe('VolumeRestrictions: TestGCEDiskConflicts', () => {
  runDiskCases(diskConflictCases([{ name: 'v', gcePersistentDisk: { pdName: 'foo' } }], [{ name: 'v', gcePersistentDisk: { pdName: 'bar' } }]));
});

describe('VolumeRestrictions: TestAWSDiskConflicts', () => {
  runDiskCases(diskConflictCases([{ name: 'v', awsElasticBlockStore: { volumeID: 'foo' } }], [{ name: 'v', awsElasticBlockStore: { volumeID: 'bar' } }]));
});

describe('VolumeRestrictions: TestRBDDiskConflicts', () => {
  runDiskCases(
    diskConflictCases(
      [{ name: 'v', rbd: { monitors: ['a', 'b'], pool: 'foo', image: 'bar', fsType: 'ext4' } }],
      [{ name: 'v', rbd: { monitors: ['c', 'd'], pool: 'foo', image: 'bar', fsType: 'ext4' } }],
    ),
  );
});

describe('VolumeRestrictions: TestISCSIDiskConflicts', () => {
  runDiskCases(
    diskConflictCases(
      [{ name: 'v', iscsi: { targetPortal: '127.0.0.1:3260', iqn: 'iqn.2016-12.server:storage.target01', fsType: 'ext4', lun: 0 } }],
      [{ name: 'v', iscsi: { targetPortal: '127.0.0.1:3260', iqn: 'iqn.2017-12.server:storage.target01', fsType: 'ext4', lun: 0 } }],
    ),
  );
});

describe('VolumeRestrictions: read-only sharing (isVolumeConflict rules)', () => {
  const readOnlyPd: V1Volume = { name: 'v', gcePersistentDisk: { pdName: 'foo', readOnly: true } };
  const readOnlyIscsi: V1Volume = { name: 'v', iscsi: { targetPortal: 'p', iqn: 'iqn.x', lun: 0, readOnly: true } };
  const readOnlyRbd: V1Volume = { name: 'v', rbd: { monitors: ['a'], image: 'bar', readOnly: true } };
  const readOnlyEbs: V1Volume = { name: 'v', awsElasticBlockStore: { volumeID: 'foo', readOnly: true } };
  runDiskCases([
    { name: 'a GCE PD both pods mount read-only does not conflict', pod: podWithVolumes([readOnlyPd]), existing: [podWithVolumes([readOnlyPd])] },
    { name: 'an iSCSI IQN both pods mount read-only does not conflict', pod: podWithVolumes([readOnlyIscsi]), existing: [podWithVolumes([readOnlyIscsi])] },
    { name: 'an RBD image both pods mount read-only does not conflict', pod: podWithVolumes([readOnlyRbd]), existing: [podWithVolumes([readOnlyRbd])] },
    { name: 'the same EBS volume conflicts even read-only', pod: podWithVolumes([readOnlyEbs]), existing: [podWithVolumes([readOnlyEbs])], wantStatus: ErrReasonDiskConflict },
    { name: 'an RBD image with an unset pool is the defaulted rbd pool', pod: podWithVolumes([{ name: 'v', rbd: { monitors: ['a'], image: 'bar' } }]), existing: [podWithVolumes([{ name: 'v', rbd: { monitors: ['a'], pool: 'rbd', image: 'bar' } }])], wantStatus: ErrReasonDiskConflict },
  ]);
});

describe('VolumeRestrictions: TestAccessModeConflicts', () => {
  const claimVolume = (claimName: string): V1Volume => ({ name: claimName, persistentVolumeClaim: { claimName } });
  const podWithReadWriteOncePodPVC: V1Pod = { metadata: { namespace: 'default', name: 'pod-with-rwop' }, spec: { containers: [], volumes: [claimVolume('claim-with-rwop')] } };
  const podWithReadWriteManyPVC: V1Pod = { metadata: { namespace: 'default', name: 'pod-with-rwx' }, spec: { containers: [], volumes: [claimVolume('claim-with-rwx')] } };
  const readWriteOncePodPVC: V1PersistentVolumeClaim = { metadata: { namespace: 'default', name: 'claim-with-rwop' }, spec: { accessModes: ['ReadWriteOncePod'] } };
  const readWriteManyPVC: V1PersistentVolumeClaim = { metadata: { namespace: 'default', name: 'claim-with-rwx' }, spec: { accessModes: ['ReadWriteMany'] } };

  interface AccessCase {
    name: string;
    pod: V1Pod;
    existingPods: V1Pod[];
    existingPVCs: V1PersistentVolumeClaim[];
    wantPreFilter?: 'Skip' | { code: Code; reason: string };
    wantFilter?: { code: Code; reason: string };
  }
  const cases: AccessCase[] = [
    { name: 'nothing', pod: emptyPod(), existingPods: [], existingPVCs: [], wantPreFilter: 'Skip' },
    {
      name: 'failed to get PVC',
      pod: podWithReadWriteOncePodPVC,
      existingPods: [],
      existingPVCs: [],
      wantPreFilter: { code: Code.UnschedulableAndUnresolvable, reason: 'persistentvolumeclaim "claim-with-rwop" not found' },
    },
    { name: 'no access mode conflict', pod: podWithReadWriteOncePodPVC, existingPods: [podWithReadWriteManyPVC], existingPVCs: [readWriteOncePodPVC, readWriteManyPVC] },
    {
      name: 'access mode conflict',
      pod: podWithReadWriteOncePodPVC,
      existingPods: [podWithReadWriteOncePodPVC, podWithReadWriteManyPVC],
      existingPVCs: [readWriteOncePodPVC, readWriteManyPVC],
      wantFilter: { code: Code.Unschedulable, reason: ErrReasonReadWriteOncePodConflict },
    },
  ];
  it.each(cases)('$name', ({ pod, existingPods, existingPVCs, wantPreFilter, wantFilter }) => {
    const cluster = clusterOf([node], existingPods.map((existing) => ({ ...onNode(existing), metadata: { ...existing.metadata, name: `${existing.metadata?.name}-running` } })), {
      persistentVolumeClaims: existingPVCs,
    });
    const run = runFilterPlugin(volumeRestrictions(undefined), pod, cluster);
    if (wantPreFilter === 'Skip') {
      expect(run.preFilter?.code).toBe(Code.Skip);
      return;
    }
    if (wantPreFilter !== undefined) {
      expect({ code: run.preFilter?.code, reason: run.preFilter?.reasons[0] }).toEqual(wantPreFilter);
      return;
    }
    expect(run.preFilter).toBeNull();
    const status = run.nodes[NODE];
    if (wantFilter === undefined) expect(status).toBeNull();
    else expect({ code: status?.code, reason: status?.reasons[0] }).toEqual(wantFilter);
  });
});
