/**
 * Capacity and scale-up see storage (issue 13): CSI attach limits stop a
 * StatefulSet whose replicas each get a new claim, available PVs bound how
 * many replicas a class without a provisioner can hold, and nodes added from
 * a template with `csiDrivers` get a CSINode with those limits — so
 * scale-up adds as many nodes as the limits need.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/kube/field-error.js';
import { makeNode } from '../support/kube-builders.js';
import { csiNode, persistentVolume, storageClass } from '../support/storage-objects.js';
import { attachLimitedCluster, capacity, DRIVER, scaleUp, statefulSet, storageNodeGroup } from './storage-analysis-fixtures.js';

const NO_VICTIMS = 'no new claims to deallocate, preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.';
const NOT_HELPFUL = 'no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.';
const VERSION = { kubernetesVersion: 'v1.34' };

/** An unbound PV of class `local` (no provisioner) in zone b. */
function availableVolume(name: string) {
  const volume = persistentVolume(name, 'b');
  const { claimRef: _claimRef, ...spec } = volume.spec;
  // The beta class annotation would win over spec.storageClassName (as upstream's GetPersistentVolumeClass).
  const metadata = { ...volume.metadata, annotations: {} };
  return { ...volume, metadata, spec: { ...spec, storageClassName: 'local' }, status: { phase: 'Available' } };
}

function localVolumesCluster(volumes: number): unknown[] {
  return [
    makeNode('b-1').zone('b').build(),
    makeNode('b-2').zone('b').build(),
    storageClass('local', { provisioner: 'kubernetes.io/no-provisioner' }),
    ...Array.from({ length: volumes }, (_, index) => availableVolume(`local-pv-${index}`)),
  ];
}

describe('capacity with storage', () => {
  it('stops at the CSINode attach limits: one more replica fits on b-1, none on b-2', () => {
    const result = capacity({ cluster: { objects: attachLimitedCluster() }, workloads: [statefulSet(1)], maxReplicas: 20, ...VERSION });
    expect(result.workloads[0]).toMatchObject({
      additionalReplicas: 1,
      limitedBy: `0/2 nodes are available: 2 node(s) exceed max volume count. ${NO_VICTIMS}`,
      reachedMaxReplicas: false,
      byNode: { 'b-1': 1 },
      byZone: { b: 1 },
      // A copy of b-1 comes with b-1's CSINode (limit 3, nothing attached).
      suggestions: [{ change: { kind: 'addNode', zone: 'b', like: 'b-1' }, feasibleNodes: 1, node: 'suggested-1' }],
    });
  });

  it('suggests no copy of a node whose CSINode allows no attachment', () => {
    const objects = [makeNode('b-1').zone('b').build(), csiNode('b-1', 0), storageClass('standard-rwo')];
    const result = capacity({ cluster: { objects }, workloads: [statefulSet(1)], maxReplicas: 20, ...VERSION });
    expect(result.workloads[0]).toMatchObject({ additionalReplicas: 0, suggestions: [] });
  });

  it('stops when the available PVs of a class without a provisioner are taken', () => {
    const result = capacity({ cluster: { objects: localVolumesCluster(3) }, workloads: [statefulSet(1, 'local')], maxReplicas: 20, ...VERSION });
    expect(result.workloads[0]).toMatchObject({
      additionalReplicas: 3,
      limitedBy: `0/2 nodes are available: 2 node(s) didn't find available persistent volumes to bind. ${NOT_HELPFUL}`,
    });
  });

  it('counts nodes a scenario adds with csiDrivers at their limit (1 each)', () => {
    const addNodes = {
      op: 'addNodes',
      template: { status: { capacity: { cpu: '8', memory: '32Gi', pods: '110' } } },
      count: 2,
      zones: ['b'],
      csiDrivers: [{ name: DRIVER, allocatable: { count: 1 } }],
    };
    const result = capacity({ cluster: { objects: attachLimitedCluster() }, workloads: [statefulSet(1)], maxReplicas: 20, scenario: [addNodes], ...VERSION });
    expect(result.workloads[0]).toMatchObject({ additionalReplicas: 3, byNode: { 'b-1': 1, 'extra-1': 1, 'extra-2': 1 } });
    expect(result.workloads[0].limitedBy).toBe(
      '0/4 nodes are available: 4 node(s) exceed max volume count. no new claims to deallocate, preemption: 0/4 nodes are available: 4 No preemption victims found for incoming pod.',
    );
  });
});

describe('scale-up with storage', () => {
  it('adds enough nodes for the template\'s attach limit: 5 replicas, 1 fits on b-1, 2 per new node → 2 nodes', () => {
    const result = scaleUp({
      cluster: { objects: attachLimitedCluster() },
      workloads: [statefulSet(5)],
      nodeGroups: [storageNodeGroup([{ name: DRIVER, allocatable: { count: 2 } }])],
      ...VERSION,
    });
    expect(result.feasible).toBe(true);
    if (!result.feasible) return;
    expect(result.added).toEqual([{ nodeGroup: 'pool-b', zone: 'b', count: 2, nodes: ['pool-b-1', 'pool-b-2'] }]);
    const byNode: Record<string, number> = {};
    for (const placement of result.plan.placements) byNode[placement.node!] = (byNode[placement.node!] ?? 0) + 1;
    expect(byNode).toEqual({ 'b-1': 1, 'pool-b-1': 2, 'pool-b-2': 2 });
    expect(result.plan.summary).toMatchObject({ replicas: 5, scheduled: 5, unschedulable: 0 });
  });

  it('adds one node when the template has no CSINode drivers (no attach limit)', () => {
    const result = scaleUp({ cluster: { objects: attachLimitedCluster() }, workloads: [statefulSet(5)], nodeGroups: [storageNodeGroup()], ...VERSION });
    expect(result.feasible && result.added).toEqual([{ nodeGroup: 'pool-b', zone: 'b', count: 1, nodes: ['pool-b-1'] }]);
  });

  it('is infeasible when the template\'s limit is 0 and maxCount bounds the group', () => {
    const group = { ...storageNodeGroup([{ name: DRIVER, allocatable: { count: 0 } }]), maxCount: 3 };
    const result = scaleUp({ cluster: { objects: attachLimitedCluster() }, workloads: [statefulSet(3)], nodeGroups: [group], ...VERSION });
    expect(result.feasible).toBe(false);
    if (result.feasible) return;
    expect(result.reason).toBe(
      'no node from the given groups lets another replica be placed (after adding 0); 2 of 3 replicas stay unplaceable. With one more node of every group in every allowed zone, default/db-1: 0/3 nodes are available: 3 node(s) exceed max volume count. no new claims to deallocate, preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    );
  });

  it('refuses csiDrivers the API server would refuse in a CSINode, with their paths', () => {
    const group = storageNodeGroup([
      { name: DRIVER, allocatable: { count: -1 } },
      { name: DRIVER, allocatable: { count: 2 } },
      { name: 'ebs.csi.aws.com', allocatable: { count: 1 }, limit: 3 },
    ]);
    let error: unknown;
    try {
      scaleUp({ cluster: { objects: attachLimitedCluster() }, workloads: [statefulSet(1)], nodeGroups: [group] });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).errors.map((fieldError) => fieldError.path).sort()).toEqual([
      'nodeGroups[0].csiDrivers[0].allocatable.count',
      'nodeGroups[0].csiDrivers[1].name',
      'nodeGroups[0].csiDrivers[2]',
    ]);
  });
});
