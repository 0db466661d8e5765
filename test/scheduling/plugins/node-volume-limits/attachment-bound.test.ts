/**
 * NodeVolumeLimits' shortcut for nodes far below their limit
 * (attachment-bound.ts): the bound counts what filterAttachableVolumes could
 * add per pod, and a pod that could end Filter with an error leaves the node
 * to the exact walk, so upstream's error still comes back.
 */
import type { V1CSINode, V1PersistentVolume, V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { Code } from '../../../../src/scheduling/framework/status.js';
import { nodeAttachmentBound, UNBOUNDED } from '../../../../src/scheduling/plugins/node-volume-limits/attachment-bound.js';
import { nodeVolumeLimits } from '../../../../src/scheduling/plugins/node-volume-limits/index.js';
import { ErrReasonMaxVolumeCountExceeded } from '../../../../src/scheduling/plugins/node-volume-limits/node-volume-limits-plugin.js';
import { clusterOf, makeNode, makePod } from '../../../support/builders.js';
import { runFilterPlugin } from '../../../support/plugin-harness.js';

const EBS = 'ebs.csi.aws.com';
const csiNode = (name: string, count: number): V1CSINode => ({ metadata: { name }, spec: { drivers: [{ name: EBS, nodeID: name, allocatable: { count } }] } });
const boundClaim = (name: string): V1PersistentVolumeClaim => ({ metadata: { name, namespace: 'default' }, spec: { volumeName: `pv-${name}` } });
const csiVolume = (name: string): V1PersistentVolume => ({ metadata: { name: `pv-${name}` }, spec: { csi: { driver: EBS, volumeHandle: `vol-${name}` } } });

function boundOf(pods: ReturnType<typeof makePod>[]): number {
  const cluster = clusterOf([makeNode('n1').obj()], pods.map((pod) => pod.node('n1').obj()));
  return nodeAttachmentBound(cluster.nodes[0]!, { boundGeneration: -1, bound: 0 }, 0);
}

describe('NodeVolumeLimits attachment bound', () => {
  it('counts the claim volumes of the pods on the node, not their other volumes', () => {
    const pods = [
      makePod('a').volume({ name: 'data', persistentVolumeClaim: { claimName: 'data-a' } }).volume({ name: 'config', configMap: { name: 'c' } }),
      makePod('b').volume({ name: 'data', persistentVolumeClaim: { claimName: 'data-b' } }).volume({ name: 'logs', persistentVolumeClaim: { claimName: 'logs-b' } }),
      makePod('c').volume({ name: 'scratch', emptyDir: {} }),
    ];
    expect(boundOf(pods)).toBe(3);
  });

  it.each([
    ['a generic ephemeral volume', { name: 'scratch', ephemeral: {} }],
    ['an in-tree EBS volume', { name: 'disk', awsElasticBlockStore: { volumeID: 'vol-1' } }],
    ['a claim volume without a claim name', { name: 'data', persistentVolumeClaim: { claimName: '' } }],
  ])('has none when a pod has %s', (_what, volume) => {
    expect(boundOf([makePod('a').volume({ name: 'data', persistentVolumeClaim: { claimName: 'data-a' } }), makePod('b').volume(volume)])).toBe(UNBOUNDED);
  });

  it("still returns upstream's error for a pod on the node whose ephemeral claim is not its own, far below the limit", () => {
    const other = { metadata: { name: 'owner-scratch', namespace: 'default', ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'owner', uid: 'owner-uid', controller: true }] }, spec: {} };
    const existing = makePod('existing').uid('existing-uid').node('n1').volume({ name: 'scratch', ephemeral: {} }).obj();
    // The ephemeral volume's claim is `<pod>-<volume>`: rename the pod so its claim is the one another pod owns.
    existing.metadata!.name = 'owner';
    const cluster = clusterOf([makeNode('n1').obj()], [existing], {
      persistentVolumeClaims: [other as V1PersistentVolumeClaim, boundClaim('new')],
      persistentVolumes: [csiVolume('new')],
      csiNodes: [csiNode('n1', 100)],
    });
    const run = runFilterPlugin(nodeVolumeLimits(undefined), makePod('new').volume({ name: 'data', persistentVolumeClaim: { claimName: 'new' } }).obj(), cluster);
    expect(run.nodes['n1']?.code).toBe(Code.Error);
  });

  it('counts exactly on a node at its limit, where the bound cannot decide', () => {
    const claims = ['a', 'b', 'new'].map(boundClaim);
    const volumes = ['a', 'b', 'new'].map(csiVolume);
    // Two pods share claim a: two volumes attached, limit 3, so the new one fits although the pods have three claim volumes.
    const pods = [
      makePod('p1').node('n1').volume({ name: 'data', persistentVolumeClaim: { claimName: 'a' } }).volume({ name: 'more', persistentVolumeClaim: { claimName: 'b' } }).obj(),
      makePod('p2').node('n1').volume({ name: 'data', persistentVolumeClaim: { claimName: 'a' } }).obj(),
    ];
    const newPod = makePod('new').volume({ name: 'data', persistentVolumeClaim: { claimName: 'new' } }).obj();
    const fits = runFilterPlugin(nodeVolumeLimits(undefined), newPod, clusterOf([makeNode('n1').obj()], pods, { persistentVolumeClaims: claims, persistentVolumes: volumes, csiNodes: [csiNode('n1', 3)] }));
    expect(fits.nodes['n1']).toBeNull();
    const full = runFilterPlugin(nodeVolumeLimits(undefined), newPod, clusterOf([makeNode('n1').obj()], pods, { persistentVolumeClaims: claims, persistentVolumes: volumes, csiNodes: [csiNode('n1', 2)] }));
    expect({ code: full.nodes['n1']?.code, reasons: full.nodes['n1']?.reasons }).toEqual({ code: Code.Unschedulable, reasons: [ErrReasonMaxVolumeCountExceeded] });
  });
});
