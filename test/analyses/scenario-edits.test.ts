/** Scenario edits on a fork: each op's effect, edits in order, validation paths, and the input cluster left untouched. */
import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../src/scheduling/config/build-profile.js';
import type { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { applyScenario } from '../../src/simulation/scenario/apply-scenario.js';
import { parseScenario } from '../../src/simulation/scenario/scenario-edits.js';
import { InvalidInputError } from '../../src/kube/field-error.js';
import { clusterOf, makeNode, makePod } from '../support/builders.js';

const ZONE = 'topology.kubernetes.io/zone';
const profile = buildProfile(undefined, 'schedulerConfig');

function threeNodes(): ClusterState {
  const nodes = ['a', 'b', 'c'].map((zone) => makeNode(`${zone}1`).labels({ [ZONE]: zone }).capacity({ cpu: '2', memory: '4Gi', pods: '10' }).obj());
  const pods = [
    makePod('web-0').label('app', 'web').node('a1').req({ cpu: '500m' }).owner('StatefulSet', 'web').obj(),
    makePod('web-1').label('app', 'web').node('b1').req({ cpu: '500m' }).owner('StatefulSet', 'web').obj(),
    makePod('web-2').label('app', 'web').node('c1').req({ cpu: '500m' }).owner('StatefulSet', 'web').obj(),
    makePod('cache').label('app', 'cache').node('a1').req({ cpu: '100m' }).obj(),
  ];
  return clusterOf(nodes, pods);
}

const apply = (cluster: ClusterState, edits: unknown[]) => applyScenario(cluster, parseScenario(edits), profile);
const podNames = (cluster: ClusterState) => cluster.nodes.flatMap((node) => node.pods.map((pod) => `${node.name}/${pod.name}`)).sort();

function pathsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors.map((fieldError) => `${fieldError.path}: ${fieldError.message}`);
    throw error;
  }
  return [];
}

describe('scenario edits', () => {
  it('adds nodes from a template, named <prefix>-<n> and spread round-robin over the zones', () => {
    const template = { metadata: { labels: { pool: 'extra' } }, status: { capacity: { cpu: '4', memory: '8Gi', pods: '20' } } };
    const { cluster, summary } = apply(threeNodes(), [{ op: 'addNodes', template, count: 3, namePrefix: 'x', zones: ['d', 'e'] }]);
    const added = ['x-1', 'x-2', 'x-3'].map((name) => cluster.node(name)!);
    expect(added.map((node) => [node.labels[ZONE], node.labels['kubernetes.io/hostname'], node.labels.pool])).toEqual([
      ['d', 'x-1', 'extra'],
      ['e', 'x-2', 'extra'],
      ['d', 'x-3', 'extra'],
    ]);
    // Allocatable defaults to capacity, as for an imported node.
    expect(added[0].allocatable).toMatchObject({ cpu: 4000, pods: 20 });
    expect(summary).toEqual({
      original: { nodes: 3, pods: 4, pendingPods: 0, unschedulableNodes: 0, zones: ['a', 'b', 'c'] },
      edited: { nodes: 6, pods: 4, pendingPods: 0, unschedulableNodes: 0, zones: ['a', 'b', 'c', 'd', 'e'] },
      edits: 1,
    });
  });

  it('removes a zone by selector, taking its pods with it, and leaves the input cluster as it was', () => {
    const original = threeNodes();
    const { cluster } = apply(original, [{ op: 'removeNodes', selector: `${ZONE}=a` }]);
    expect(podNames(cluster)).toEqual(['b1/web-1', 'c1/web-2']);
    expect(podNames(original)).toEqual(['a1/cache', 'a1/web-0', 'b1/web-1', 'c1/web-2']);
  });

  it.each([
    { name: 'cordon', edits: [{ op: 'cordon', names: ['b1'] }], check: (cluster: ClusterState) => expect(cluster.node('b1')!.unschedulable).toBe(true) },
    {
      name: 'cordon then uncordon',
      edits: [{ op: 'cordon', names: ['b1'] }, { op: 'uncordon', selector: '' }],
      check: (cluster: ClusterState) => expect(cluster.nodes.some((node) => node.unschedulable)).toBe(false),
    },
    {
      name: 'taint replaces a taint of the same key and effect',
      edits: [
        { op: 'taint', names: ['a1'], taint: { key: 'gpu', value: 'x', effect: 'NoSchedule' } },
        { op: 'taint', names: ['a1'], taint: { key: 'gpu', value: 'y', effect: 'NoSchedule' } },
      ],
      check: (cluster: ClusterState) => expect(cluster.node('a1')!.taints).toEqual([{ key: 'gpu', value: 'y', effect: 'NoSchedule' }]),
    },
    {
      name: 'untaint removes by key and effect, as kubectl taint key:effect-',
      edits: [
        { op: 'taint', names: ['a1'], taint: { key: 'gpu', value: 'x', effect: 'NoSchedule' } },
        { op: 'untaint', names: ['a1'], taint: { key: 'gpu', effect: 'NoSchedule' } },
      ],
      check: (cluster: ClusterState) => expect(cluster.node('a1')!.taints).toEqual([]),
    },
    {
      name: 'label sets and removes (null) labels',
      edits: [{ op: 'label', selector: `${ZONE}=b`, labels: { tier: 'gold', [ZONE]: null } }],
      check: (cluster: ClusterState) => expect(cluster.node('b1')!.labels).toEqual({ tier: 'gold' }),
    },
    {
      name: 'removePods by selector',
      edits: [{ op: 'removePods', selector: 'app=cache' }],
      check: (cluster: ClusterState) => expect(podNames(cluster)).toEqual(['a1/web-0', 'b1/web-1', 'c1/web-2']),
    },
    {
      name: 'removePods by owner',
      edits: [{ op: 'removePods', owner: { kind: 'StatefulSet', name: 'web' } }],
      check: (cluster: ClusterState) => expect(podNames(cluster)).toEqual(['a1/cache']),
    },
    {
      name: 'scale a StatefulSet down removes the highest ordinals',
      edits: [{ op: 'scale', kind: 'StatefulSet', name: 'web', replicas: 1 }],
      check: (cluster: ClusterState) => expect(podNames(cluster)).toEqual(['a1/cache', 'a1/web-0']),
    },
    {
      name: 'scale a StatefulSet up places the next ordinals with the scheduler',
      edits: [{ op: 'scale', kind: 'StatefulSet', name: 'web', replicas: 5 }],
      check: (cluster: ClusterState) => {
        const names = podNames(cluster).map((entry) => entry.split('/')[1]);
        expect(names.filter((name) => name.startsWith('web-')).sort()).toEqual(['web-0', 'web-1', 'web-2', 'web-3', 'web-4']);
      },
    },
  ])('$name', ({ edits, check }) => {
    check(apply(threeNodes(), edits).cluster);
  });

  it('warns when a selector selects nothing', () => {
    expect(apply(threeNodes(), [{ op: 'cordon', selector: 'pool=none' }]).warnings).toEqual([{ path: 'scenario[0].selector', message: 'selects no node' }]);
  });

  it.each([
    { edits: [{ op: 'explode' }], expected: [expect.stringMatching(/^scenario\[0\]\.op: /)] },
    { edits: [{ op: 'cordon' }], expected: ['scenario[0].names: give either names or selector'] },
    { edits: [{ op: 'cordon', names: ['a1'], selector: 'x=y' }], expected: ['scenario[0].names: give either names or selector'] },
    { edits: [{ op: 'taint', names: ['a1'], taint: { key: 'k', effect: 'Sometimes' } }], expected: [expect.stringMatching(/^scenario\[0\]\.taint\.effect: /)] },
    { edits: [{ op: 'cordon', selector: 'a in (' }], expected: [expect.stringMatching(/^scenario\[0\]\.selector: unable to parse selector/)] },
    { edits: [{ op: 'removeNodes', names: ['nope'] }], expected: ['scenario[0].names[0]: node "nope" is not in the cluster'] },
    { edits: [{ op: 'scale', kind: 'Deployment', name: 'ghost', replicas: 2 }], expected: ['scenario[0].name: Deployment default/ghost has no pods in the cluster to scale'] },
    {
      edits: [{ op: 'addNodes', template: { status: { capacity: { cpu: 'many' } } }, count: 1 }],
      expected: [expect.stringMatching(/^scenario\[0\]\.template\.status\.capacity\.cpu: /)],
    },
  ])('refuses $edits.0.op with the field path', ({ edits, expected }) => {
    expect(pathsOf(() => apply(threeNodes(), edits))).toEqual(expected);
  });
});
