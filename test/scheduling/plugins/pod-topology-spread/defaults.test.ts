import type { V1ReplicaSet, V1ReplicationController, V1Service, V1StatefulSet } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { Code } from '../../../../src/scheduling/framework/status.js';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { CriticalPaths } from '../../../../src/scheduling/plugins/pod-topology-spread/critical-paths.js';
import { defaultSelector } from '../../../../src/scheduling/plugins/pod-topology-spread/default-selector.js';
import { podTopologySpread } from '../../../../src/scheduling/plugins/pod-topology-spread/index.js';
import { clusterOf, makeNode, makePod, type PodBuilder } from '../../../support/builders.js';
import { runScorePlugin } from '../../../support/plugin-harness.js';
import { runPreFilter, selectorView } from './support.js';

const service = (name: string, selector: Record<string, string> | undefined, namespace = 'default'): V1Service => ({
  metadata: { name, namespace },
  spec: selector === undefined ? {} : { selector },
});
const replicaSet = (name: string, selector: V1ReplicaSet['spec']): V1ReplicaSet => ({ metadata: { name, namespace: 'default' }, spec: selector });
const statefulSet = (name: string): V1StatefulSet => ({
  metadata: { name, namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'db' } }, serviceName: name, template: {} },
});
const replicationController = (name: string, selector: Record<string, string>): V1ReplicationController => ({
  metadata: { name, namespace: 'default' },
  spec: { selector },
});

function selectorFor(pod: PodBuilder, objects: Parameters<typeof clusterOf>[2]): ReturnType<typeof selectorView> {
  const cluster = clusterOf([], [], objects);
  return selectorView(defaultSelector(buildPodInfo(pod.obj()), cluster.objects));
}

// Semantics of pkg/scheduler/framework/plugins/helper/spread.go DefaultSelector and GetPodServices.
describe('defaultSelector', () => {
  it('merges the selectors of the Services of the pod namespace that select the pod', () => {
    const pod = makePod('p').labels({ app: 'web', tier: 'front' });
    expect(
      selectorFor(pod, {
        services: [
          service('web', { app: 'web' }),
          service('front', { tier: 'front' }),
          service('other', { app: 'db' }),
          service('elsewhere', { app: 'web', zone: 'x' }, 'other-namespace'),
          // A nil selector matches nothing, not everything.
          service('headless', undefined),
        ],
      }),
    ).toEqual(['app In web', 'tier In front']);
  });

  it('adds the controlling ReplicaSet or StatefulSet selector, found by name in the pod namespace', () => {
    const owned = makePod('p').labels({ app: 'web', 'pod-template-hash': 'abc' }).owner('ReplicaSet', 'web-abc');
    expect(
      selectorFor(owned, {
        replicaSets: [replicaSet('web-abc', { selector: { matchLabels: { app: 'web', 'pod-template-hash': 'abc' } } })],
      }),
    ).toEqual(['app In web', 'pod-template-hash In abc']);
    expect(selectorFor(makePod('db-0').label('app', 'db').owner('StatefulSet', 'db'), { statefulSets: [statefulSet('db')] })).toEqual([
      'app In db',
    ]);
  });

  it('merges a ReplicationController (core v1) selector into the Service labels', () => {
    const pod = makePod('p').labels({ app: 'web', rc: 'one' }).owner('ReplicationController', 'rc', 'v1');
    expect(selectorFor(pod, { services: [service('web', { app: 'web' })], replicationControllers: [replicationController('rc', { rc: 'one' })] })).toEqual([
      'app In web',
      'rc In one',
    ]);
  });

  it('ignores owners that are missing, not controllers, or of another group/version', () => {
    const wrongVersion = makePod('p').label('app', 'web').owner('ReplicaSet', 'rs', 'extensions/v1beta1');
    const objects = { replicaSets: [replicaSet('rs', { selector: { matchLabels: { app: 'web' } } })] };
    expect(selectorFor(wrongVersion, objects)).toEqual([]);
    expect(selectorFor(makePod('p').label('app', 'web').owner('ReplicaSet', 'missing'), objects)).toEqual([]);
    const notController = makePod('p').label('app', 'web').obj();
    notController.metadata!.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u' }];
    expect(selectorView(defaultSelector(buildPodInfo(notController), clusterOf([], [], objects).objects))).toEqual([]);
  });
});

describe('system default constraints', () => {
  const nodes = [
    makeNode('node-a').label('kubernetes.io/hostname', 'node-a').label('topology.kubernetes.io/zone', 'z1'),
    makeNode('node-b').label('kubernetes.io/hostname', 'node-b').label('topology.kubernetes.io/zone', 'z2'),
  ].map((node) => node.obj());

  it('do not filter: they are ScheduleAnyway, so PreFilter skips', () => {
    const cluster = clusterOf(nodes, [], { services: [service('web', { app: 'web' })] });
    const run = runPreFilter(makePod('p').label('app', 'web').obj(), cluster, { defaultingType: 'System' });
    expect(run.status?.code).toBe(Code.Skip);
  });

  it('score pods selected by a Service, spreading over hostnames and zones', () => {
    const existing = [makePod('w1').label('app', 'web').node('node-a').obj(), makePod('w2').label('app', 'web').node('node-a').obj()];
    const cluster = clusterOf(nodes, existing, { services: [service('web', { app: 'web' })] });
    const run = runScorePlugin(podTopologySpread({ defaultingType: 'System' }), makePod('p').label('app', 'web').obj(), cluster);
    // node-a: round(2*log(4) + 2 + 2*log(4) + 4) = 12, node-b: 6 → 100 * (12 + 6 - s) / 12.
    expect(run.raw).toEqual({ 'node-a': 12, 'node-b': 6 });
    expect(run.normalized).toEqual({ 'node-a': 50, 'node-b': 100 });
  });

  it('do not apply to pods nothing selects', () => {
    const cluster = clusterOf(nodes, [], { services: [service('web', { app: 'web' })] });
    const run = runScorePlugin(podTopologySpread({ defaultingType: 'System' }), makePod('p').label('app', 'batch').obj(), cluster);
    expect(run.preScore?.code).toBe(Code.Skip);
  });
});

// Semantics of podtopologyspread/filtering.go criticalPaths.update.
describe('CriticalPaths', () => {
  const view = (paths: CriticalPaths) => [
    [paths.first.topologyValue, paths.first.matchNum],
    [paths.second.topologyValue, paths.second.matchNum],
  ];

  it('keeps the minimum first and a value at least as large second', () => {
    const paths = new CriticalPaths();
    paths.update('z1', 3);
    paths.update('z2', 1);
    paths.update('z3', 2);
    expect(view(paths)).toEqual([
      ['z2', 1],
      ['z3', 2],
    ]);
  });

  it('re-orders when a recorded domain changes, as AddPod/RemovePod do', () => {
    const paths = new CriticalPaths();
    paths.update('z1', 0);
    paths.update('z2', 1);
    paths.update('z1', 2);
    expect(view(paths)).toEqual([
      ['z2', 1],
      ['z1', 2],
    ]);
  });

  it('clones independently', () => {
    const paths = new CriticalPaths();
    paths.update('z1', 1);
    const copy = paths.clone();
    copy.update('z1', 5);
    expect(paths.first.matchNum).toBe(1);
    expect(copy.first.matchNum).toBe(5);
  });
});

describe('constraint selectors', () => {
  it('fail PreFilter with an Error status when a labelSelector does not parse', () => {
    const cluster = clusterOf([makeNode('n').label('zone', 'z').obj()]);
    const pod = makePod('p').spreadConstraint(1, 'zone', 'DoNotSchedule', { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] });
    const run = runPreFilter(pod.obj(), cluster);
    expect(run.status?.code).toBe(Code.Error);
  });

  it('count nothing for an empty selector, while the incoming pod still matches itself', () => {
    const cluster = clusterOf(
      [makeNode('a').label('zone', 'z1').obj(), makeNode('b').label('zone', 'z2').obj()],
      [makePod('x').label('foo', '').node('a').obj()],
    );
    const run = runPreFilter(makePod('p').spreadConstraint(1, 'zone', 'DoNotSchedule', {}).obj(), cluster);
    expect(Object.fromEntries(run.state!.tpValueToMatchNum[0])).toEqual({ z1: 0, z2: 0 });
    expect(selectorView(run.state!.constraints[0].selector)).toEqual([]);
  });
});
