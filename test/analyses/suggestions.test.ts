/**
 * "What would make it fit": each blocking rule relaxed alone and verified by
 * scheduling again, the smallest change first.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { suggestFixes } from '../../src/what-if/suggestions.js';
import { buildProfile } from '../../src/scheduling/config/build-profile.js';
import type { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { Planner } from '../../src/scheduling/planner/planner.js';
import { clusterOf, makeNode, makePod } from '../support/builders.js';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const planner = new Planner(buildProfile(undefined, 'schedulerConfig'));

const node = (name: string, zone: string, cpu = '2') => makeNode(name).labels({ [HOST]: name, [ZONE]: zone }).capacity({ cpu, memory: '4Gi', pods: '10' });

interface Case {
  readonly name: string;
  readonly cluster: () => ClusterState;
  readonly pod: () => V1Pod;
  readonly expected: readonly unknown[];
}

const cases: Case[] = [
  {
    name: 'a tainted node: tolerate the taint, or add a node like an untainted one',
    cluster: () => clusterOf([node('n1', 'a').taint('dedicated', 'db', 'NoSchedule').obj()]),
    pod: () => makePod('p').req({ cpu: '1' }).obj(),
    expected: [{ change: { kind: 'tolerateTaint', taint: { key: 'dedicated', value: 'db', effect: 'NoSchedule' } }, feasibleNodes: 1, node: 'n1' }],
  },
  {
    name: 'a request larger than any free room: lower it to the largest free amount',
    cluster: () => clusterOf([node('n1', 'a').obj(), node('n2', 'b').obj()], [makePod('busy').node('n1').req({ cpu: '1500m' }).obj()]),
    pod: () => makePod('p').req({ cpu: '2500m' }).obj(),
    expected: [
      // A fresh 2-CPU node would not hold 2500m either: verification drops the addNode candidates.
      { change: { kind: 'lowerRequest', resource: 'cpu', from: '2500m', to: '2000m' }, feasibleNodes: 1, node: 'n2' },
    ],
  },
  {
    name: 'a nodeSelector no node matches: drop it',
    cluster: () => clusterOf([node('n1', 'a').obj()]),
    pod: () => makePod('p').nodeSelector({ disk: 'ssd' }).obj(),
    expected: [{ change: { kind: 'dropAffinityTerm', path: 'spec.nodeSelector' }, feasibleNodes: 1, node: 'n1' }],
  },
  {
    name: 'required pod affinity to pods that do not exist: drop the term',
    cluster: () => clusterOf([node('n1', 'a').obj()]),
    pod: () => makePod('p').podAffinity(ZONE, { app: 'db' }).obj(),
    expected: [
      { change: { kind: 'dropAffinityTerm', path: 'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]' }, feasibleNodes: 1, node: 'n1' },
    ],
  },
  {
    name: 'a hard zone spread whose emptier zone is full: drop the constraint, or add a node in the emptier zone',
    cluster: () =>
      clusterOf(
        [node('a1', 'a').obj(), node('b1', 'b', '1').obj()],
        [makePod('w0').label('app', 'w').node('a1').req({ cpu: '500m' }).obj(), makePod('other').node('b1').req({ cpu: '1' }).obj()],
      ),
    pod: () => makePod('w1').label('app', 'w').req({ cpu: '500m' }).spreadConstraint(1, ZONE, 'DoNotSchedule', { matchLabels: { app: 'w' } }).obj(),
    expected: [
      { change: { kind: 'dropSpreadConstraint', path: 'spec.topologySpreadConstraints[0]', topologyKey: ZONE }, feasibleNodes: 1, node: 'a1' },
      // Another node in zone a would still skew the spread 2:0; one in zone b restores it.
      { change: { kind: 'addNode', zone: 'b', like: 'b1' }, feasibleNodes: 1, node: 'suggested-1' },
    ],
  },
];

describe('suggestFixes', () => {
  it.each(cases)('$name', ({ cluster, pod, expected }) => {
    expect(suggestFixes(planner, cluster(), pod())).toEqual(expected);
  });

  it('returns nothing for a pod that fits', () => {
    expect(suggestFixes(planner, clusterOf([node('n1', 'a').obj()]), makePod('p').obj())).toEqual([]);
  });

  it('every suggestion it makes, applied, schedules the pod (here: a taint and a selector at once block; neither alone is enough)', () => {
    const cluster = clusterOf([node('n1', 'a').taint('dedicated', 'db', 'NoSchedule').obj()]);
    const pod = makePod('p').nodeSelector({ disk: 'ssd' }).obj();
    // Only a fresh node like n1 could help, and it has the same taint and labels: no single change works.
    expect(suggestFixes(planner, cluster, pod)).toEqual([]);
  });
});
