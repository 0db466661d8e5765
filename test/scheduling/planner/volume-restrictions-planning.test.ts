/**
 * VolumeRestrictions in the default profile (issue 13): a ReadWriteOncePod
 * claim is used by one pod in the whole cluster (replicas placed earlier in
 * the plan count), preemption frees it by evicting the lower-priority pod
 * holding it (AddPod/RemovePod keep the in-use count), and in-tree disks
 * mounted read-write keep identical replicas on different nodes.
 */
import type { V1Node, V1Pod, V1Volume } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../../src/scheduling/config/build-profile.js';
import { Planner } from '../../../src/scheduling/planner/planner.js';
import { clusterOf, makeNode, makePod } from '../../support/builders.js';

const nodes = (): V1Node[] => ['n1', 'n2', 'n3'].map((name) => makeNode(name).capacity({ cpu: '8', memory: '16Gi', pods: '50' }).obj());
const rwopClaims = {
  persistentVolumes: [{ metadata: { name: 'pv-exclusive' }, spec: { accessModes: ['ReadWriteOncePod'], csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-1' } } }],
  persistentVolumeClaims: [{ metadata: { name: 'exclusive', namespace: 'default' }, spec: { accessModes: ['ReadWriteOncePod'], volumeName: 'pv-exclusive' } }],
};
const withVolume = (name: string, volume: V1Volume, priority = 0): V1Pod => makePod(name).label('app', 'db').req({ cpu: '100m' }).priority(priority).volume(volume).obj();
const claimVolume: V1Volume = { name: 'data', persistentVolumeClaim: { claimName: 'exclusive' } };

const modes = [
  ['as a replica run', {}],
  ['replica by replica', { replicaRuns: false as const, reuseNodeResults: false }],
] as const;

describe('VolumeRestrictions in the default profile', () => {
  it.each(modes)('places one pod of a ReadWriteOncePod claim and reports the others (%s)', (_mode, options) => {
    const pods = Array.from({ length: 20 }, (_, index) => withVolume(`db-${index}`, claimVolume));
    const run = new Planner(buildProfile(undefined)).plan(clusterOf(nodes(), [], rwopClaims), pods, { explain: 'summary', ...options });
    expect(run.decisions.filter((decision) => decision.node)).toHaveLength(1);
    const unplaced = run.decisions.filter((decision) => !decision.node);
    expect(unplaced).toHaveLength(19);
    expect(unplaced[0]!.failureMessage).toBe(
      '0/3 nodes are available: 3 node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode. no new claims to deallocate, preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    );
  });

  it('preempts the lower-priority pod holding a ReadWriteOncePod claim, on its node only', () => {
    const holder = { ...withVolume('holder', claimVolume, 0), spec: { ...withVolume('holder', claimVolume, 0).spec!, nodeName: 'n2' } };
    const run = new Planner(buildProfile(undefined)).plan(clusterOf(nodes(), [holder], rwopClaims), [withVolume('urgent', claimVolume, 1000)], { explain: 'summary' });
    const [decision] = run.decisions;
    expect(decision!.preemption?.nominatedNode).toBe('n2');
    expect(decision!.preemption?.victims.map((victim) => victim.podKey)).toEqual(['default/holder']);
    expect(decision!.node).toBe('n2');
  });

  it.each(modes)('keeps replicas mounting one EBS volume on different nodes (%s)', (_mode, options) => {
    const ebs: V1Volume = { name: 'disk', awsElasticBlockStore: { volumeID: 'vol-0123' } };
    const pods = Array.from({ length: 4 }, (_, index) => withVolume(`web-${index}`, ebs));
    const run = new Planner(buildProfile(undefined)).plan(clusterOf(nodes(), []), pods, { explain: 'summary', ...options });
    expect(run.decisions.slice(0, 3).map((decision) => decision.node).sort()).toEqual(['n1', 'n2', 'n3']);
    expect(run.decisions[3]!.failureMessage).toBe(
      '0/3 nodes are available: 3 node(s) had no available disk. no new claims to deallocate, preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    );
  });
});
