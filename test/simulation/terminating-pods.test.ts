/**
 * Pods being deleted (metadata.deletionTimestamp set) survive import, and
 * each default-profile plugin treats them as upstream does: PodTopologySpread
 * skips them when counting (countPodsMatchSelector), NodeResourcesFit still
 * counts the resources they hold until they are gone.
 */
import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { executeSimulation, prepareSimulation } from '../../src/simulation/run-simulation.js';

const node = (name: string, zone: string, cpu = '4') => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, 'topology.kubernetes.io/zone': zone } },
  status: { allocatable: { cpu, memory: '16Gi', pods: '110' } },
});
const runningPod = (name: string, nodeName: string, extra: Record<string, unknown> = {}, cpu = '100m') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', labels: { app: 'web' }, ...extra },
  spec: { nodeName, containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu } } }] },
  status: { phase: 'Running' },
});
const spreadWorkload = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
        containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '100m' } } }],
      },
    },
  },
};
const DELETING = { deletionTimestamp: '2026-01-10T10:00:00Z', deletionGracePeriodSeconds: 30 };

function plan(objects: unknown[]) {
  const imported = importCluster(objects);
  const prepared = prepareSimulation(ClusterState.fromObjects(imported.objects), [spreadWorkload], undefined, imported.objects);
  return { imported, result: executeSimulation(prepared, { explain: 'full', mode: 'exhaustive' }).result };
}

describe('terminating pods', () => {
  it('keep metadata.deletionTimestamp through import', () => {
    const { imported } = plan([node('a1', 'a'), runningPod('old', 'a1', DELETING)]);
    expect(imported.objects.pods[0].metadata?.deletionTimestamp).toBe('2026-01-10T10:00:00Z');
  });

  it('do not count for PodTopologySpread: zone a with only a terminating pod is as empty as zone b', () => {
    // Zone a holds only a pod being deleted (counted 0), zone b one live pod (1): a replica in b would make the skew 2 > maxSkew 1.
    const { result } = plan([node('a1', 'a'), node('b1', 'b'), runningPod('old', 'a1', DELETING), runningPod('live', 'b1')]);
    const byNode = Object.fromEntries(result.placements[0].nodes!.map((entry) => [entry.node, entry]));
    expect(byNode.b1.feasible).toBe(false);
    expect(byNode.b1.filters).toEqual([expect.objectContaining({ plugin: 'PodTopologySpread', reason: "node(s) didn't match pod topology spread constraints" })]);
    expect(result.placements[0].node).toBe('a1');
  });

  it('are counted when live: the same cluster without deletionTimestamp ties the zones', () => {
    const { result } = plan([node('a1', 'a'), node('b1', 'b'), runningPod('old', 'a1'), runningPod('live', 'b1')]);
    expect(result.placements[0].nodes!.every((entry) => entry.feasible)).toBe(true);
  });

  it('still hold their resources for NodeResourcesFit until they are gone', () => {
    const { result } = plan([node('a1', 'a', '1'), runningPod('old', 'a1', DELETING, '1')]);
    expect(result.placements[0].node).toBeNull();
    expect(result.placements[0].message).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
  });
});
