import { describe, expect, it } from 'vitest';
import { interPodAffinity } from '../../../../src/scheduling/plugins/inter-pod-affinity/index.js';
import { MAX_NAMED_PODS } from '../../../../src/scheduling/plugins/inter-pod-affinity/rejection-details.js';
import { clusterOf } from '../../../support/builders.js';
import { runFilterPlugin } from '../../../support/plugin-harness.js';
import { affinity, exists, inValues, node, pod, term } from './fixtures.js';

const nodes = [
  node('a1', { zone: 'a', hostname: 'a1' }),
  node('a2', { zone: 'a', hostname: 'a2' }),
  node('b1', { zone: 'b', hostname: 'b1' }),
  node('x1', { hostname: 'x1' }),
];

describe('InterPodAffinity rejection details', () => {
  it('names the affinity terms whose topology key the node lacks, before any other failing term', () => {
    const incoming = pod('incoming', {
      affinity: affinity({ required: [term('hostname', [inValues('app', 'db')]), term('zone', [exists('cache')])] }),
    });
    const pods = [pod('db-0', { node: 'b1', labels: { app: 'db', cache: 'yes' } })];
    const run = runFilterPlugin(interPodAffinity({}), incoming, clusterOf(nodes, pods));
    expect(run.nodes.x1?.details).toEqual([
      { kind: 'requiredAffinity', termIndex: 1, topologyKey: 'zone', selector: 'cache', namespaces: ['default'], cause: 'nodeLacksTopologyKey' },
    ]);
    expect(run.nodes.a1?.details).toEqual([
      {
        kind: 'requiredAffinity',
        termIndex: 0,
        topologyKey: 'hostname',
        selector: 'app=db',
        namespaces: ['default'],
        topologyValue: 'a1',
        cause: 'noMatchingPodInDomain',
      },
      {
        kind: 'requiredAffinity',
        termIndex: 1,
        topologyKey: 'zone',
        selector: 'cache',
        namespaces: ['default'],
        topologyValue: 'a',
        cause: 'noMatchingPodInDomain',
      },
    ]);
    expect(run.nodes.b1).toBeNull();
  });

  it('names the pods matching an anti-affinity term in the node\'s domain', () => {
    const incoming = pod('incoming', {
      labels: { app: 'web' },
      affinity: affinity({ antiRequired: [term('zone', [inValues('app', 'web')])] }),
    });
    const pods = [pod('web-0', { node: 'a1', labels: { app: 'web' } }), pod('web-1', { node: 'a2', labels: { app: 'web' } })];
    const run = runFilterPlugin(interPodAffinity({}), incoming, clusterOf(nodes, pods));
    expect(run.nodes.a2?.details).toEqual([
      {
        kind: 'requiredAntiAffinity',
        termIndex: 0,
        topologyKey: 'zone',
        selector: 'app=web',
        namespaces: ['default'],
        topologyValue: 'a',
        cause: 'matchingPodInDomain',
        pods: ['default/web-0', 'default/web-1'],
        matchingPods: 2,
      },
    ]);
    expect(run.nodes.b1).toBeNull();
    expect(run.nodes.x1).toBeNull();
  });

  it('names the existing pods whose anti-affinity rejects the pod, with their term and node', () => {
    const guard = affinity({ antiRequired: [term('hostname', [inValues('app', 'batch')]), term('zone', [inValues('app', 'web')])] });
    const pods = [pod('guard', { node: 'a1', labels: { app: 'guard' }, affinity: guard })];
    const run = runFilterPlugin(interPodAffinity({}), pod('incoming', { labels: { app: 'web' } }), clusterOf(nodes, pods));
    const expected = {
      kind: 'requiredAntiAffinity',
      termIndex: 1,
      topologyKey: 'zone',
      selector: 'app=web',
      namespaces: ['default'],
      topologyValue: 'a',
      cause: 'existingPodAntiAffinity',
      pod: 'default/guard',
      podNode: 'a1',
    };
    expect(run.nodes.a1?.details).toEqual([expected]);
    expect(run.nodes.a2?.details).toEqual([expected]);
    expect(run.nodes.b1).toBeNull();
  });

  it(`names at most ${MAX_NAMED_PODS} blocking pods while counting them all`, () => {
    const replicas = Array.from({ length: MAX_NAMED_PODS + 3 }, (_, index) =>
      pod(`web-${index}`, { node: 'b1', labels: { app: 'web' } }),
    );
    const incoming = pod('incoming', { affinity: affinity({ antiRequired: [term('zone', [inValues('app', 'web')])] }) });
    const [detail] = runFilterPlugin(interPodAffinity({}), incoming, clusterOf(nodes, replicas)).nodes.b1!.details;
    expect((detail.pods as string[]).length).toBe(MAX_NAMED_PODS);
    expect(detail.matchingPods).toBe(MAX_NAMED_PODS + 3);
  });
});
