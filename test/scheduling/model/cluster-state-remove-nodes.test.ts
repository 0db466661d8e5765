/**
 * ClusterState.removeNodes: one pass for a whole failure domain. It must
 * leave the same cluster as removing the nodes one at a time (positions,
 * name index, pods returned in the order of the names), and a fork taken
 * before the removal must not see it.
 */
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { ClusterState } from '../../../src/scheduling/model/cluster-state.js';
import { clusterOf } from '../../support/builders.js';

const node = (name: string): V1Node => ({ metadata: { name, labels: { 'kubernetes.io/hostname': name } }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } });
const pod = (name: string, nodeName: string): V1Pod => ({
  metadata: { name, namespace: 'default', labels: { app: name } },
  spec: { nodeName, containers: [{ name: 'c', resources: { requests: { cpu: '100m' } } }] },
});

function cluster(): ClusterState {
  const names = ['n0', 'n1', 'n2', 'n3', 'n4', 'n5'];
  return clusterOf(names.map(node), names.flatMap((name) => [pod(`${name}-a`, name), pod(`${name}-b`, name)]));
}

const shape = (state: ClusterState) => ({
  nodes: state.nodes.map((info) => info.name),
  positions: state.nodes.map((info) => state.indexOf(info.name)),
  pods: state.nodes.map((info) => info.pods.map((podInfo) => podInfo.pod.metadata!.name)),
});

describe('ClusterState.removeNodes', () => {
  const cases: { name: string; remove: string[] }[] = [
    { name: 'none', remove: [] },
    { name: 'the first node', remove: ['n0'] },
    { name: 'the last node', remove: ['n5'] },
    { name: 'every other node, out of order', remove: ['n3', 'n1', 'n5'] },
    { name: 'every node', remove: ['n5', 'n4', 'n3', 'n2', 'n1', 'n0'] },
  ];
  for (const testCase of cases) {
    it(`${testCase.name}: the same cluster and pods as removing one at a time`, () => {
      const batch = cluster();
      const oneByOne = cluster();
      // Write to a node first, so the fork's owned positions are remapped too.
      const forkedBatch = batch.fork();
      const forkedOneByOne = oneByOne.fork();
      forkedBatch.addPod(forkedBatch.nodes[2].pods[0], 'n4');
      forkedOneByOne.addPod(forkedOneByOne.nodes[2].pods[0], 'n4');
      const removed = forkedBatch.removeNodes(testCase.remove).map((podInfo) => podInfo.pod.metadata!.name);
      const removedOneByOne = testCase.remove.flatMap((name) => forkedOneByOne.removeNode(name)).map((podInfo) => podInfo.pod.metadata!.name);
      expect(removed).toEqual(removedOneByOne);
      expect(removed).toEqual(testCase.remove.flatMap((name) => [`${name}-a`, `${name}-b`, ...(name === 'n4' ? ['n2-a'] : [])]));
      expect(shape(forkedBatch)).toEqual(shape(forkedOneByOne));
      for (const name of testCase.remove) expect(forkedBatch.node(name)).toBeUndefined();
      // Later writes land on the right node, and the parent never sees any of it.
      if (forkedBatch.nodes.length > 0) {
        const last = forkedBatch.nodes[forkedBatch.nodes.length - 1].name;
        forkedBatch.addPod(batch.nodes[0].pods[0], last);
        expect(forkedBatch.node(last)!.pods.map((podInfo) => podInfo.pod.metadata!.name)).toContain('n0-a');
      }
      expect(shape(batch)).toEqual(shape(cluster()));
    });
  }

  it('refuses a name that is not in the cluster, or the same name twice, and changes nothing', () => {
    const state = cluster();
    expect(() => state.removeNodes(['n1', 'nope'])).toThrow('node nope is not in the cluster');
    expect(() => state.removeNodes(['n1', 'n1'])).toThrow('node n1 is not in the cluster');
    expect(shape(state)).toEqual(shape(cluster()));
  });
});
