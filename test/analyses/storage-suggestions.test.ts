/**
 * Fit suggestions a user can make about storage (issue 13): a StorageClass
 * that binds at first use instead of Immediate, or whose allowedTopologies
 * admit another zone — each verified by scheduling the replica again
 * against the state it saw (earlier replicas' PVs taken).
 */
import { describe, expect, it } from 'vitest';
import { makePod } from '../support/kube-builders.js';
import { ZONE } from '../support/storage-objects.js';
import { fitSuggestions, immediateClassCluster, statefulSet, zonalClass, zoneCFallbackCluster, zoneNode } from './storage-analysis-fixtures.js';

const VERSION = { kubernetesVersion: 'v1.34' };
describe('storage fit suggestions', () => {
  it('an Immediate class whose claims are unbound: bind at first use (WaitForFirstConsumer)', () => {
    const result = fitSuggestions({ cluster: { objects: immediateClassCluster() }, workloads: [statefulSet(2, 'fast')], ...VERSION });
    expect(result.summary).toEqual({ replicas: 2, scheduled: 0, unschedulable: 2 });
    expect(result.unplaceable.map((replica) => [replica.pod, replica.message, replica.suggestions])).toEqual([
      [
        'db-0',
        '0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
        [{ change: { kind: 'waitForFirstConsumer', storageClass: 'fast' }, feasibleNodes: 2, node: 'b-1' }],
      ],
      [
        'db-1',
        '0/2 nodes are available: pod has unbound immediate PersistentVolumeClaims. no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
        [{ change: { kind: 'waitForFirstConsumer', storageClass: 'fast' }, feasibleNodes: 2, node: 'b-1' }],
      ],
    ]);
  });

  it('a class provisioned only in zone b whose b node is full, after replica 0 took the one PV in zone c: allow zone c, or add a node in b', () => {
    const result = fitSuggestions({ cluster: { objects: zoneCFallbackCluster() }, workloads: [statefulSet(2, 'regional')], ...VERSION });
    expect(result.summary).toEqual({ replicas: 2, scheduled: 1, unschedulable: 1 });
    expect(result.unplaceable).toHaveLength(1);
    expect(result.unplaceable[0].pod).toBe('db-1');
    expect(result.unplaceable[0].message).toBe(
      "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't find available persistent volumes to bind. no new claims to deallocate, preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.",
    );
    expect(result.unplaceable[0].suggestions).toEqual([
      { change: { kind: 'allowTopology', storageClass: 'regional', topologyKey: ZONE, value: 'c' }, feasibleNodes: 1, node: 'c-1' },
      { change: { kind: 'addNode', zone: 'b', like: 'b-1' }, feasibleNodes: 1, node: 'suggested-1' },
    ]);
  });

  it('a class without a provisioner gets no allowTopology: allowing a zone creates no volume there', () => {
    const objects = [
      zoneNode('b-1', 'b'),
      zoneNode('c-1', 'c'),
      { ...zonalClass('local'), provisioner: 'kubernetes.io/no-provisioner' },
      makePod('busy').requests({ cpu: '2', memory: '1Gi' }).on('b-1').build(),
    ];
    const result = fitSuggestions({ cluster: { objects }, workloads: [statefulSet(1, 'local')], ...VERSION });
    expect(result.unplaceable.map((replica) => replica.suggestions)).toEqual([[]]);
  });
});
