/**
 * VolumeZone in the default profile (issue 13): replicas whose claims are
 * bound to zonal PersistentVolumes land in the PV's zone, and when no node
 * there fits the FailedScheduling message counts the other nodes under
 * upstream's reason (DynamicResources' PostFilter, on by default from v1.34,
 * adds its own words), whether the replicas are planned one by one or as a run.
 */
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../../src/scheduling/config/build-profile.js';
import { Planner } from '../../../src/scheduling/planner/planner.js';
import { clusterOf, makeNode, makePod } from '../../support/builders.js';

const ZONE = 'topology.kubernetes.io/zone';

function zonalNodes(): V1Node[] {
  return ['a', 'b', 'c'].flatMap((zone) => [1, 2].map((index) => makeNode(`${zone}${index}`).labels({ [ZONE]: zone }).capacity({ cpu: '2', memory: '8Gi', pods: '10' }).obj()));
}

const storage = {
  persistentVolumes: [{ metadata: { name: 'pv-b', labels: { [ZONE]: 'b' } } }],
  persistentVolumeClaims: [{ metadata: { name: 'data', namespace: 'default' }, spec: { volumeName: 'pv-b' } }],
};

const replicas = (count: number, cpu: string): V1Pod[] =>
  Array.from({ length: count }, (_, index) => makePod(`db-${index}`).label('app', 'db').req({ cpu }).volume({ name: 'data', persistentVolumeClaim: { claimName: 'data' } }).obj());

describe('VolumeZone in the default profile', () => {
  it.each([
    ['as a replica run', {}],
    ['replica by replica', { replicaRuns: false as const, reuseNodeResults: false }],
  ])('places replicas of a claim bound to a zone-b PV only in zone b (%s)', (_mode, options) => {
    const run = new Planner(buildProfile(undefined)).plan(clusterOf(zonalNodes(), [], storage), replicas(4, '900m'), { explain: 'summary', ...options });
    const placed = run.decisions.map((decision) => decision.node);
    expect(placed.slice(0, 4).every((node) => node === 'b1' || node === 'b2')).toBe(true);
    expect(new Set(placed)).toEqual(new Set(['b1', 'b2']));
  });

  it('reports the other zones under the volume zone reason once zone b is full', () => {
    const run = new Planner(buildProfile(undefined)).plan(clusterOf(zonalNodes(), [], storage), replicas(5, '900m'), { explain: 'summary' });
    const unplaced = run.decisions.filter((decision) => decision.node === undefined || decision.node === null);
    expect(unplaced).toHaveLength(1);
    expect(unplaced[0].failureMessage).toBe('0/6 nodes are available: 2 Insufficient cpu, 4 node(s) had no available volume zone. no new claims to deallocate, preemption: 0/6 nodes are available: 2 No preemption victims found for incoming pod, 4 Preemption is not helpful for scheduling.');
  });

  it('stops a pod whose claim is bound to a PV the cluster lacks, with the lister\'s NotFound', () => {
    const cluster = clusterOf(zonalNodes(), [], { persistentVolumeClaims: [{ metadata: { name: 'data', namespace: 'default' }, spec: { volumeName: 'pv-gone' } }] });
    const [decision] = new Planner(buildProfile(undefined)).plan(cluster, replicas(1, '100m'), { explain: 'summary' }).decisions;
    expect(decision.node ?? null).toBeNull();
    expect(decision.failureMessage).toBe('0/6 nodes are available: persistentvolume "pv-gone" not found. no new claims to deallocate, preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.');
  });
});
