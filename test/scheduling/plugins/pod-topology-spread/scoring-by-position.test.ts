/**
 * Score by node position (scoring-by-position.ts) against Score node by
 * node (scoring.ts scoreNode, upstream's per-node Score), on the shapes the
 * upstream tables do not reach: nodes lacking the hostname label or the
 * zone label under default spreading, two domain constraints (term by
 * term), several hostname constraints, nodeTaintsPolicy Honor with tainted
 * nodes, nodes missing a required key (ignored), and a feasible subset.
 */
import type { V1LabelSelector, V1Pod, V1ReplicaSet } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { PreScorePlugin, ScorePlugin } from '../../../../src/scheduling/framework/interfaces.js';
import { podTopologySpread } from '../../../../src/scheduling/plugins/pod-topology-spread/index.js';
import { clusterOf, makeNode, makePod, type NodeBuilder, type PodBuilder } from '../../../support/builders.js';
import { runScorePlugin } from '../../../support/plugin-harness.js';
import { fooSelector, scoreByPosition, UNSCHEDULABLE_TAINT_KEY } from './support.js';

const HOSTNAME = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const REGION = 'topology.kubernetes.io/region';

/** A node with the hostname label (unless `hostname` is false) and the given zone / region. */
function node(name: string, { zone, region, hostname = true }: { zone?: string; region?: string; hostname?: boolean } = {}): NodeBuilder {
  const builder = makeNode(name);
  if (hostname) builder.label(HOSTNAME, name);
  if (zone !== undefined) builder.label(ZONE, zone);
  if (region !== undefined) builder.label(REGION, region);
  return builder;
}

const appSelector: V1LabelSelector = { matchLabels: { app: 'web' } };
const replicaSet: V1ReplicaSet = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs-web', namespace: 'default' }, spec: { selector: appSelector } };
/** A pod of ReplicaSet rs-web: default spreading over its selector. */
const owned = (name: string) => makePod(name).labels({ app: 'web', foo: '' }).owner('ReplicaSet', 'rs-web');
const on = (name: string, nodeName: string, labels: Record<string, string> = { app: 'web', foo: '' }): V1Pod => makePod(name).node(nodeName).labels(labels).obj();

interface PositionCase {
  name: string;
  pod: PodBuilder;
  nodes: NodeBuilder[];
  existingPods: V1Pod[];
  /** The feasible nodes (default: all). */
  feasible?: string[];
  args?: Record<string, unknown>;
}

const zonedHosts = (count: number, zoneOf: (index: number) => string | undefined, hostname: (index: number) => boolean = () => true) =>
  Array.from({ length: count }, (_, index) => node(`n${index}`, { zone: zoneOf(index), hostname: hostname(index) }));

const cases: PositionCase[] = [
  {
    name: 'default spreading, every node labelled, matching pods on a few nodes',
    pod: owned('p'),
    nodes: zonedHosts(9, (index) => `z${index % 3}`),
    existingPods: [on('e1', 'n0'), on('e2', 'n0'), on('e3', 'n4'), on('e4', 'n8', { app: 'other' })],
  },
  {
    name: 'default spreading, some nodes lack the zone label',
    pod: owned('p'),
    nodes: zonedHosts(8, (index) => (index % 3 === 0 ? undefined : `z${index % 2}`)),
    existingPods: [on('e1', 'n0'), on('e2', 'n1'), on('e3', 'n3'), on('e4', 'n5')],
  },
  {
    name: 'default spreading, some nodes lack the hostname label (one holding matching pods)',
    pod: owned('p'),
    nodes: zonedHosts(8, (index) => `z${index % 2}`, (index) => index % 3 !== 1),
    existingPods: [on('e1', 'n1'), on('e2', 'n2'), on('e3', 'n2'), on('e4', 'n6')],
  },
  {
    name: 'default spreading, no matching pod anywhere',
    pod: owned('p'),
    nodes: zonedHosts(6, (index) => `z${index % 2}`),
    existingPods: [on('e1', 'n1', { app: 'other' })],
  },
  {
    name: 'default spreading over a feasible subset in rotated order',
    pod: owned('p'),
    nodes: zonedHosts(10, (index) => `z${index % 4}`),
    existingPods: [on('e1', 'n2'), on('e2', 'n3'), on('e3', 'n7'), on('e4', 'n9')],
    feasible: ['n7', 'n8', 'n9', 'n1', 'n2', 'n3'],
  },
  {
    name: 'own zone and hostname constraints, nodes lacking the zone are ignored',
    pod: makePod('p').labels({ foo: '' }).spreadConstraint(1, ZONE, 'ScheduleAnyway', fooSelector).spreadConstraint(2, HOSTNAME, 'ScheduleAnyway', fooSelector),
    nodes: zonedHosts(8, (index) => (index % 4 === 3 ? undefined : `z${index % 2}`)),
    existingPods: [on('e1', 'n0'), on('e2', 'n3'), on('e3', 'n4'), on('e4', 'n4')],
  },
  {
    name: 'own zone and region constraints (two domain constraints)',
    pod: makePod('p').labels({ foo: '' }).spreadConstraint(1, ZONE, 'ScheduleAnyway', fooSelector).spreadConstraint(3, REGION, 'ScheduleAnyway', fooSelector),
    nodes: Array.from({ length: 8 }, (_, index) => node(`n${index}`, { zone: `z${index % 4}`, region: `r${index % 2}` })),
    existingPods: [on('e1', 'n0'), on('e2', 'n1'), on('e3', 'n5'), on('e4', 'n6')],
  },
  {
    name: 'two hostname constraints with different selectors',
    pod: makePod('p')
      .labels({ foo: '', app: 'web' })
      .spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector)
      .spreadConstraint(2, HOSTNAME, 'ScheduleAnyway', appSelector)
      .spreadConstraint(1, ZONE, 'ScheduleAnyway', appSelector),
    nodes: zonedHosts(6, (index) => `z${index % 2}`),
    existingPods: [on('e1', 'n0', { foo: '' }), on('e2', 'n1'), on('e3', 'n1', { app: 'web' }), on('e4', 'n4', { app: 'web' })],
  },
  {
    name: 'only a hostname constraint',
    pod: makePod('p').labels({ foo: '' }).spreadConstraint(1, HOSTNAME, 'ScheduleAnyway', fooSelector),
    nodes: zonedHosts(5, (index) => `z${index % 2}`, (index) => index !== 3),
    existingPods: [on('e1', 'n0'), on('e2', 'n2'), on('e3', 'n2')],
  },
  {
    name: 'only a zone constraint, nodeTaintsPolicy Honor with tainted nodes',
    pod: makePod('p').labels({ foo: '' }).spreadConstraint(1, ZONE, 'ScheduleAnyway', fooSelector, { nodeTaintsPolicy: 'Honor' }),
    nodes: zonedHosts(8, (index) => `z${index % 3}`).map((builder, index) => (index % 3 === 1 ? builder.taint(UNSCHEDULABLE_TAINT_KEY, '', 'NoSchedule') : builder)),
    existingPods: [on('e1', 'n0'), on('e2', 'n1'), on('e3', 'n4'), on('e4', 'n5')],
  },
  {
    name: 'List defaulting over zone only, nodes lacking it ignored',
    pod: owned('p'),
    nodes: zonedHosts(6, (index) => (index === 2 ? undefined : `z${index % 2}`)),
    existingPods: [on('e1', 'n0'), on('e2', 'n2')],
    args: { defaultingType: 'List', defaultConstraints: [{ maxSkew: 2, topologyKey: ZONE, whenUnsatisfiable: 'ScheduleAnyway' }] },
  },
];

describe('PodTopologySpread Score by node position equals Score node by node', () => {
  it.each(cases)('$name', (testCase) => {
    const cluster = clusterOf(
      testCase.nodes.map((builder) => builder.obj()),
      testCase.existingPods,
      { replicaSets: [replicaSet] },
    );
    const names = testCase.feasible ?? cluster.nodes.map((each) => each.name);
    const args = testCase.args ?? { defaultingType: 'System' };
    const reference = runScorePlugin(podTopologySpread(args), testCase.pod.obj(), cluster, names);
    expect(reference.preScore).toBeNull();
    const plugin = podTopologySpread(args) as unknown as PreScorePlugin & ScorePlugin;
    for (const labelIndex of [true, false]) {
      expect(scoreByPosition(plugin, testCase.pod.obj(), cluster, names, { labelIndex })).toEqual({ raw: reference.raw, normalized: reference.normalized });
    }
  });
});
