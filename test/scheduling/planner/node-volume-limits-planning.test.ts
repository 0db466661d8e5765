/**
 * NodeVolumeLimits in the default profile (issue 13): attach limits from
 * CSINode `spec.drivers[].allocatable.count` stop placements once a node's
 * driver is full, counting the volumes its pods already use once each
 * (volumes shared by replicas are attached once), whether replicas are
 * planned one by one or as a run. VolumeAttachments of volumes no pod on the
 * node uses count too (every release podplan emulates), and with
 * VolumeLimitScaling a driver that asks for it must be on the node.
 */
import type { V1CSINode, V1Node, V1PersistentVolume, V1PersistentVolumeClaim, V1Pod, V1VolumeAttachment } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../../src/scheduling/config/build-profile.js';
import { Planner } from '../../../src/scheduling/planner/planner.js';
import { resolveEmulation } from '../../../src/scheduling/release/emulation.js';
import { clusterOf, makeNode, makePod } from '../../support/builders.js';

const DRIVER = 'ebs.csi.aws.com';

const nodes = (): V1Node[] => ['n1', 'n2'].map((name) => makeNode(name).capacity({ cpu: '8', memory: '16Gi', pods: '50' }).obj());
const csiNode = (name: string, count: number): V1CSINode => ({ metadata: { name }, spec: { drivers: [{ name: DRIVER, nodeID: name, allocatable: { count } }] } });
const volume = (index: number): V1PersistentVolume => ({ metadata: { name: `pv-${index}` }, spec: { csi: { driver: DRIVER, volumeHandle: `vol-${index}` } } });
const claim = (index: number): V1PersistentVolumeClaim => ({ metadata: { name: `data-${index}`, namespace: 'default' }, spec: { volumeName: `pv-${index}` } });
const podWithClaim = (name: string, claimName: string): V1Pod => makePod(name).label('app', 'db').req({ cpu: '100m' }).volume({ name: 'data', persistentVolumeClaim: { claimName } }).obj();

function storage(claims: number, limits: [number, number]) {
  return {
    persistentVolumes: Array.from({ length: claims }, (_, index) => volume(index)),
    persistentVolumeClaims: Array.from({ length: claims }, (_, index) => claim(index)),
    csiNodes: [csiNode('n1', limits[0]), csiNode('n2', limits[1])],
  };
}

describe('NodeVolumeLimits in the default profile', () => {
  it('places pods with their own volumes up to the CSINode counts, then reports every node over its limit', () => {
    const pods = Array.from({ length: 5 }, (_, index) => podWithClaim(`db-${index}`, `data-${index}`));
    const run = new Planner(buildProfile(undefined)).plan(clusterOf(nodes(), [], storage(5, [2, 1])), pods, { explain: 'summary' });
    const placed = run.decisions.map((decision) => decision.node ?? null);
    expect(placed.filter((node) => node === 'n1')).toHaveLength(2);
    expect(placed.filter((node) => node === 'n2')).toHaveLength(1);
    const unplaced = run.decisions.filter((decision) => !decision.node);
    expect(unplaced).toHaveLength(2);
    expect(unplaced[0]!.failureMessage).toBe(
      '0/2 nodes are available: 2 node(s) exceed max volume count. no new claims to deallocate, preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
  });

  it('counts the volumes of pods already on the node', () => {
    const running = { ...podWithClaim('running', 'data-0'), spec: { ...podWithClaim('running', 'data-0').spec!, nodeName: 'n1' } };
    const run = new Planner(buildProfile(undefined)).plan(clusterOf(nodes(), [running], storage(3, [1, 1])), [podWithClaim('db-1', 'data-1'), podWithClaim('db-2', 'data-2')], {
      explain: 'summary',
    });
    expect(run.decisions.map((decision) => decision.node ?? null)).toEqual(['n2', null]);
  });

  it.each([
    ['as a replica run', {}],
    ['replica by replica', { replicaRuns: false as const, reuseNodeResults: false }],
  ])('attaches a volume shared by identical replicas once per node (%s)', (_mode, options) => {
    const pods = Array.from({ length: 20 }, (_, index) => podWithClaim(`web-${index}`, 'data-0'));
    const run = new Planner(buildProfile(undefined)).plan(clusterOf(nodes(), [], storage(1, [1, 1])), pods, { explain: 'summary', ...options });
    expect(run.decisions.every((decision) => decision.node)).toBe(true);
  });

  it.each([
    ['as a replica run', {}],
    ['replica by replica', { replicaRuns: false as const, reuseNodeResults: false }],
  ])('stops identical replicas with an unbound claim once (%s): each node attaches it once', (_mode, options) => {
    const cluster = clusterOf(nodes(), [], {
      persistentVolumeClaims: [{ metadata: { name: 'scratch', namespace: 'default' }, spec: { storageClassName: 'gp3' } }],
      storageClasses: [{ metadata: { name: 'gp3' }, provisioner: DRIVER, volumeBindingMode: 'WaitForFirstConsumer' }],
      csiNodes: [csiNode('n1', 0), csiNode('n2', 1)],
    });
    const pods = Array.from({ length: 18 }, (_, index) => podWithClaim(`web-${index}`, 'scratch'));
    const run = new Planner(buildProfile(undefined)).plan(cluster, pods, { explain: 'summary', ...options });
    expect(run.decisions.every((decision) => decision.node === 'n2')).toBe(true);
  });

  it('names the driver, its limit and the attached and new volume counts in a full explanation', () => {
    const pods = Array.from({ length: 4 }, (_, index) => podWithClaim(`db-${index}`, `data-${index}`));
    const run = new Planner(buildProfile(undefined)).plan(clusterOf(nodes(), [], storage(4, [2, 1])), pods, { explain: 'full' });
    const last = run.decisions[3]!;
    expect(last.node ?? null).toBeNull();
    const filters = Object.fromEntries((last.nodes ?? []).map((node) => [node.node, node.filters]));
    expect(filters.n1).toEqual([
      { plugin: 'NodeVolumeLimits', reason: 'node(s) exceed max volume count', code: 'Unschedulable', details: [{ driver: DRIVER, attachLimit: 2, attachedVolumes: 2, newVolumes: 1 }] },
    ]);
    expect(filters.n2?.[0]?.details).toEqual([{ driver: DRIVER, attachLimit: 1, attachedVolumes: 1, newVolumes: 1 }]);
  });

  const attachment = (name: string, nodeName: string, pvName: string): V1VolumeAttachment => ({
    metadata: { name },
    spec: { attacher: DRIVER, nodeName, source: { persistentVolumeName: pvName } },
  });

  it.each([
    ['as a replica run', {}],
    ['replica by replica', { replicaRuns: false as const, reuseNodeResults: false }],
  ])('counts a VolumeAttachment of a volume no pod uses toward the limit (%s)', (_mode, options) => {
    // pv-9 is still attached to n1 (its pod is gone): n1 has room for one more volume, n2 for one.
    const objects = { ...storage(10, [2, 1]), volumeAttachments: [attachment('csi-detaching', 'n1', 'pv-9')] };
    const pods = Array.from({ length: 4 }, (_, index) => podWithClaim(`db-${index}`, `data-${index}`));
    const run = new Planner(buildProfile(undefined)).plan(clusterOf(nodes(), [], objects), pods, { explain: 'summary', ...options });
    const placed = run.decisions.map((decision) => decision.node ?? null);
    expect(placed.filter((node) => node === 'n1')).toHaveLength(1);
    expect(placed.filter((node) => node === 'n2')).toHaveLength(1);
    expect(run.decisions.filter((decision) => !decision.node)[0]!.failureMessage).toMatch(/^0\/2 nodes are available: 2 node\(s\) exceed max volume count\./);
  });

  it('counts a volume once when a pod on the node uses it and it has a VolumeAttachment', () => {
    const running = { ...podWithClaim('running', 'data-0'), spec: { ...podWithClaim('running', 'data-0').spec!, nodeName: 'n1' } };
    const objects = { ...storage(3, [2, 0]), volumeAttachments: [attachment('csi-running', 'n1', 'pv-0')] };
    const run = new Planner(buildProfile(undefined)).plan(clusterOf(nodes(), [running], objects), [podWithClaim('db-1', 'data-1'), podWithClaim('db-2', 'data-2')], { explain: 'summary' });
    expect(run.decisions.map((decision) => decision.node ?? null)).toEqual(['n1', null]);
  });

  it('keeps pods off a node without a driver that asks for it, with VolumeLimitScaling on (v1.35)', () => {
    const objects = {
      ...storage(2, [5, 5]),
      // n2 has a CSINode without the driver.
      csiNodes: [csiNode('n1', 5), { metadata: { name: 'n2' }, spec: { drivers: [] } }],
      csiDrivers: [{ metadata: { name: DRIVER }, spec: { preventPodSchedulingIfMissing: true } }],
    };
    const pods = [podWithClaim('db-0', 'data-0'), podWithClaim('db-1', 'data-1')];
    const on = resolveEmulation({ kubernetesVersion: 'v1.35', featureGates: { VolumeLimitScaling: true } });
    const gated = new Planner(buildProfile(undefined, 'schedulerConfig', undefined, on)).plan(clusterOf(nodes(), [], objects), pods, { explain: 'full' });
    expect(gated.decisions.map((decision) => decision.node)).toEqual(['n1', 'n1']);
    const n2 = (gated.decisions[0]!.nodes ?? []).find((node) => node.node === 'n2');
    expect(n2?.filters?.find((filter) => filter.plugin === 'NodeVolumeLimits')?.reason).toBe(`${DRIVER} CSI driver is not installed on the node`);
    const off = new Planner(buildProfile(undefined, 'schedulerConfig', undefined, resolveEmulation({ kubernetesVersion: 'v1.35' }))).plan(clusterOf(nodes(), [], objects), pods, { explain: 'summary' });
    expect(new Set(off.decisions.map((decision) => decision.node))).toEqual(new Set(['n1', 'n2']));
  });
});

