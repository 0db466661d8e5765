/**
 * NodeVolumeLimits' summary of the nodes (cluster-attachment-bounds.ts)
 * looks again only at the positions the cluster wrote since its last
 * PreFilter (ClusterState.nodeWrites). Differential check: on random
 * clusters edited step by step (pods bound and removed, forks, node objects
 * replaced, nodes added and removed), the summary kept across the steps
 * equals one counted from scratch over every node after each step.
 */
import type { V1CSINode, V1Node, V1Pod, V1Volume } from '@kubernetes/client-node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClusterState } from '../../../../src/scheduling/model/cluster-state.js';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { ClusterAttachmentBounds, clusterAttachmentBounds } from '../../../../src/scheduling/plugins/node-volume-limits/cluster-attachment-bounds.js';
import { clusterOf, makeNode, makePod } from '../../../support/builders.js';

const EBS = 'ebs.csi.aws.com';
const PD = 'pd.csi.storage.gke.io';
/** Names of the nodes a case starts with and those a step may add (their CSINodes exist from the start). */
const NODE_NAMES = Array.from({ length: 10 }, (_, index) => `n${index}`);

const csiNodeArbitrary = fc.constantFrom('none', 'ebs-2', 'ebs-3', 'ebs-and-pd', 'no-count');

function csiNodeOf(name: string, kind: string): V1CSINode | undefined {
  if (kind === 'none') return undefined;
  const drivers = kind === 'ebs-and-pd' ? [EBS, PD] : [EBS];
  const count = kind === 'ebs-3' ? 3 : 2;
  return { metadata: { name }, spec: { drivers: drivers.map((driver) => ({ name: driver, nodeID: name, ...(kind !== 'no-count' && { allocatable: { count } }) })) } };
}

/** What a pod mounts: claim volumes (each adds one to the bound), or one that leaves its node unbounded. */
const podVolumesArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 3 }).map((claims) => ({ claims, unbounded: false })) },
  { weight: 1, arbitrary: fc.constant({ claims: 0, unbounded: true }) },
);

let podSerial = 0;
function podOf(spec: { claims: number; unbounded: boolean }, nodeName?: string): V1Pod {
  const name = `p${podSerial++}`;
  const pod = makePod(name).req({ cpu: '10m' });
  if (nodeName !== undefined) pod.node(nodeName);
  for (let index = 0; index < spec.claims; index++) pod.volume({ name: `data-${index}`, persistentVolumeClaim: { claimName: `${name}-${index}` } });
  pod.volume({ name: 'config', configMap: { name: 'c' } } as V1Volume);
  if (spec.unbounded) pod.volume({ name: 'scratch', ephemeral: {} });
  return pod.obj();
}

const stepArbitrary = fc.oneof(
  fc.record({ kind: fc.constant('add-pod' as const), node: fc.nat(), volumes: podVolumesArbitrary }),
  fc.record({ kind: fc.constant('remove-pod' as const), node: fc.nat(), pod: fc.nat() }),
  fc.record({ kind: fc.constant('fork' as const) }),
  fc.record({ kind: fc.constant('update-node' as const), node: fc.nat() }),
  fc.record({ kind: fc.constant('add-node' as const) }),
  fc.record({ kind: fc.constant('remove-node' as const), node: fc.nat() }),
  fc.record({ kind: fc.constant('prefilter' as const) }),
  fc.record({ kind: fc.constant('prefilter' as const) }),
);

type Step = typeof stepArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** The summary's counts in a form two summaries can be compared by (empty histogram entries left out). */
function counts(summary: ClusterAttachmentBounds): unknown {
  const histograms = [...summary.byLimits]
    .map(([limits, histogram]) => ({
      limits: JSON.stringify([...limits]),
      unbounded: histogram.unbounded,
      bounds: histogram.counts.flatMap((count, bound) => (count ? [[bound, count]] : [])),
    }))
    .filter((histogram) => histogram.unbounded !== 0 || histogram.bounds.length > 0)
    .sort((a, b) => (a.limits < b.limits ? -1 : a.limits > b.limits ? 1 : 0));
  return { withCsiNode: summary.withCsiNode, withoutCsiNode: summary.withoutCsiNode, histograms };
}

function apply(cluster: ClusterState, step: Step): ClusterState {
  const nodes = cluster.nodes;
  switch (step.kind) {
    case 'add-pod':
      if (nodes.length > 0) cluster.addPod(buildPodInfo(podOf(step.volumes)), nodes[step.node % nodes.length]!.name);
      return cluster;
    case 'remove-pod': {
      const node = nodes.length > 0 ? nodes[step.node % nodes.length]! : undefined;
      if (node !== undefined && node.pods.length > 0) cluster.removePod(node.pods[step.pod % node.pods.length]!.key, node.name);
      return cluster;
    }
    case 'fork':
      // Later steps edit the fork; the parent is left as it was (the copy-on-write contract).
      return cluster.fork();
    case 'update-node':
      if (nodes.length > 0) cluster.updateNode(nodes[step.node % nodes.length]!.name, (node) => ({ ...node, metadata: { ...node.metadata, labels: { ...node.metadata?.labels, edited: 'yes' } } }));
      return cluster;
    case 'add-node': {
      const name = NODE_NAMES.find((candidate) => cluster.node(candidate) === undefined);
      if (name !== undefined) cluster.addNode(makeNode(name).capacity({ cpu: '8', memory: '16Gi', pods: '50' }).obj());
      return cluster;
    }
    case 'remove-node':
      if (nodes.length > 1) cluster.removeNode(nodes[step.node % nodes.length]!.name);
      return cluster;
    case 'prefilter':
      return cluster;
  }
}

describe('NodeVolumeLimits node summary, kept across cluster edits', () => {
  it('equals the summary counted from scratch after every step', () => {
    let checks = 0;
    let withBounds = 0;
    fc.assert(
      fc.property(
        fc.array(csiNodeArbitrary, { minLength: NODE_NAMES.length, maxLength: NODE_NAMES.length }),
        fc.array(fc.array(podVolumesArbitrary, { maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        fc.array(stepArbitrary, { minLength: 1, maxLength: 30 }),
        (csiKinds, podsPerNode, steps) => {
          const nodes: V1Node[] = podsPerNode.map((_, index) => makeNode(NODE_NAMES[index]!).capacity({ cpu: '8', memory: '16Gi', pods: '50' }).obj());
          const pods = podsPerNode.flatMap((specs, index) => specs.map((spec) => podOf(spec, NODE_NAMES[index])));
          const csiNodes = NODE_NAMES.flatMap((name, index) => csiNodeOf(name, csiKinds[index]!) ?? []);
          let cluster = clusterOf(nodes, pods, { csiNodes });
          const storage = cluster.objects.storage;
          // The kept summary is read at 'prefilter' steps and at the end, so several writes may come between two reads.
          const check = (when: string) => {
            const kept = clusterAttachmentBounds(cluster, storage);
            const fromScratch = new ClusterAttachmentBounds();
            fromScratch.update(cluster, storage);
            expect(counts(kept), when).toEqual(counts(fromScratch));
            checks++;
            if ([...fromScratch.byLimits.values()].some((histogram) => histogram.largest() > 0)) withBounds++;
          };
          check('at the start');
          steps.forEach((step, index) => {
            cluster = apply(cluster, step);
            if (step.kind === 'prefilter') check(`at step ${index}`);
          });
          check('at the end');
        },
      ),
      { seed: 20261213, numRuns: 400 },
    );
    expect(checks).toBeGreaterThan(1000);
    // Most checks compare non-empty histograms (nodes with limits and claim volumes), not only empty summaries.
    expect(withBounds).toBeGreaterThan(checks / 2);
  });
});
