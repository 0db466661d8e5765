/**
 * Preemption through the planner: the FailedScheduling text with its
 * "preemption: " part, victims evicted from the plan's cluster, the pod placed
 * on its nominated node, PDB-aware choice, preemptionPolicy Never, and
 * evicted pods placed again on request.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { V1Deployment, V1Node, V1Pod } from '@kubernetes/client-node';
import { Planner, type PlanOptions } from '../../../src/scheduling/planner/planner.js';
import { clusterOf, makeNode, makePod } from '../../support/builders.js';
import { capacity, defaultFilterPlugins, makePdb, profileOf } from './support.js';

const planner = () => new Planner(profileOf(defaultFilterPlugins()));
const node = (name: string, cpu: string) => makeNode(name).capacity(capacity({ cpu, memory: '4Gi' })).obj();
const running = (name: string, nodeName: string, cpu: string, priority: number, labels: Record<string, string> = {}) =>
  makePod(name).node(nodeName).priority(priority).labels(labels).req({ cpu }).obj();
const pending = (name: string, cpu: string, priority: number) => makePod(name).priority(priority).req({ cpu }).obj();

function plan(nodes: V1Node[], pods: V1Pod[], toPlace: V1Pod[], extra: Parameters<typeof clusterOf>[2] = {}, options: PlanOptions = {}) {
  return planner().plan(clusterOf(nodes, pods, extra), toPlace, options);
}

describe('planner with DefaultPreemption', () => {
  it('evicts the lower-priority pod and places the pod on the nominated node', () => {
    const run = plan([node('node1', '1')], [running('low', 'node1', '800m', 0)], [pending('high', '500m', 1000)]);
    const [decision] = run.decisions;
    expect(decision.node).toBe('node1');
    expect(decision.preemption).toEqual({
      nominatedNode: 'node1',
      pdbViolations: 0,
      victims: [{ podKey: 'default/low', namespace: 'default', name: 'low', node: 'node1', priority: 0, violatesPdb: false }],
      // upstream FitError of the preempting cycle: PostFilter succeeded, so it adds nothing.
      failureMessage: '0/1 nodes are available: 1 Insufficient cpu.',
    });
    expect(run.cluster.node('node1')?.pods.map((pod) => pod.key)).toEqual(['default/high']);
  });

  it('prefers the node whose eviction violates no PodDisruptionBudget', () => {
    const run = plan(
      [node('node1', '1'), node('node2', '1')],
      [running('guarded', 'node1', '800m', 0, { app: 'db' }), running('free', 'node2', '800m', 0)],
      [pending('high', '500m', 1000)],
      { podDisruptionBudgets: [makePdb('db').matchLabel('app', 'db').disruptionsAllowed(0).obj()] },
    );
    expect(run.decisions[0].node).toBe('node2');
    expect(run.decisions[0].preemption?.victims.map((victim) => [victim.name, victim.violatesPdb])).toEqual([['free', false]]);
  });

  it('evicts a PDB-protected pod when that is the only way, and says it violates the budget', () => {
    const run = plan(
      [node('node1', '1')],
      [running('guarded', 'node1', '800m', 0, { app: 'db' })],
      [pending('high', '500m', 1000)],
      { podDisruptionBudgets: [makePdb('db').matchLabel('app', 'db').disruptionsAllowed(0).obj()] },
    );
    expect(run.decisions[0].node).toBe('node1');
    expect(run.decisions[0].preemption).toMatchObject({ pdbViolations: 1, victims: [{ name: 'guarded', violatesPdb: true }] });
  });

  it('reprieves the pods the preemptor does not need gone, most important first', () => {
    const run = plan(
      [node('node1', '1')],
      [running('a', 'node1', '300m', 10), running('b', 'node1', '300m', 20), running('c', 'node1', '200m', 30)],
      [pending('high', '500m', 1000)],
    );
    // With all three gone 1000m is free; c (30) then b (20) are reprieved (700m, then 1000m used); a (10) no longer fits.
    expect(run.decisions[0].preemption?.victims.map((victim) => victim.name)).toEqual(['a']);
  });

  it('reports preemptionPolicy Never in the FailedScheduling text and evicts nothing', () => {
    const pod = pending('high', '500m', 1000);
    pod.spec!.preemptionPolicy = 'Never';
    const run = plan([node('node1', '1')], [running('low', 'node1', '800m', 0)], [pod]);
    expect(run.decisions[0].node).toBeNull();
    expect(run.decisions[0].failureMessage).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    );
    expect(run.decisions[0].preemption).toBeUndefined();
    expect(run.cluster.node('node1')?.pods.map((pod) => pod.key)).toEqual(['default/low']);
  });

  it('says preemption is not helpful where the failure is unresolvable', () => {
    const tainted = makeNode('node1').capacity(capacity({ cpu: '1' })).taint('dedicated', 'db', 'NoSchedule').obj();
    const run = plan([tainted], [running('low', 'node1', '100m', 0)], [pending('high', '100m', 1000)]);
    expect(run.decisions[0].failureMessage).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint(s). preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });

  it('resolves priority from the PriorityClass a plan pod names', () => {
    const pod = pending('critical', '500m', 0);
    delete pod.spec!.priority;
    pod.spec!.priorityClassName = 'system-cluster-critical';
    const run = plan([node('node1', '1')], [running('low', 'node1', '800m', 0)], [pod]);
    expect(run.decisions[0].node).toBe('node1');
    expect(run.decisions[0].preemption?.victims.map((victim) => victim.name)).toEqual(['low']);
  });

  it('leaves evicted pods unplaced unless asked, then places them highest priority first', () => {
    const nodes = [node('node1', '1'), node('node2', '1')];
    const pods = [running('low', 'node1', '600m', 1), running('lower', 'node1', '300m', 0), running('busy', 'node2', '500m', 2000)];
    const toPlace = [pending('high', '1', 1000)];
    const reported = plan(nodes, pods, toPlace);
    expect(reported.decisions.map((decision) => decision.podKey)).toEqual(['default/high']);
    expect(reported.decisions[0].preemption?.victims.map((victim) => victim.name)).toEqual(['low', 'lower']);

    const replaced = plan(nodes, pods, toPlace, {}, { rescheduleEvicted: true });
    expect(replaced.decisions.map((decision) => [decision.podKey, decision.node])).toEqual([
      ['default/high', 'node1'],
      ['default/low', null],
      ['default/lower', 'node2'],
    ]);
    expect(replaced.decisions[1].failureMessage).toBe(
      '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
  });

  it('plans the same in faithful mode for a given seed', () => {
    const nodes = ['node1', 'node2', 'node3'].map((name) => node(name, '1'));
    const pods = nodes.map((each, index) => running(`low${index}`, each.metadata!.name!, '800m', 0));
    const faithful = (seed: number) => plan(nodes, pods, [pending('high', '500m', 1000)], {}, { mode: 'faithful', seed }).decisions[0];
    expect(faithful(7)).toEqual(faithful(7));
    expect(faithful(7).preemption?.victims).toHaveLength(1);
    expect(faithful(7).node).toBe(faithful(7).preemption?.nominatedNode);
  });
});

const K3S_CAPTURE = new URL('../../../../shared/realdata/troubleshoot-k3s-bundle/', import.meta.url).pathname;

function items<T>(file: string): T[] {
  return (JSON.parse(readFileSync(join(K3S_CAPTURE, file), 'utf8')) as { items: T[] }).items;
}

describe('real capture: troubleshoot-k3s-bundle', () => {
  // The capture lives beside the repository (../shared/realdata) and is required: a missing capture fails here.
  it('has the capture: a single k3s node whose cpu is spent', () => {
    expect(existsSync(K3S_CAPTURE), `${K3S_CAPTURE} is missing`).toBe(true);
    expect(items<V1Node>('nodes.json')).toHaveLength(1);
  });

  it('one more cpu-intensive-app replica fails with upstream FailedScheduling text, preemption included', () => {
    const nodes = items<V1Node>('nodes.json');
    const pods = [...items<V1Pod>('pods-default.json'), ...items<V1Pod>('pods-kube-system.json')];
    const deployment = items<V1Deployment>('deployments-default.json').find((each) => each.metadata?.name === 'cpu-intensive-app')!;
    const template = deployment.spec!.template;
    const replica: V1Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'cpu-intensive-app-planned', namespace: 'default', labels: template.metadata?.labels ?? {} },
      spec: template.spec!,
    };
    const run = planner().plan(clusterOf(nodes, pods), [replica]);
    expect(run.decisions[0].node).toBeNull();
    expect(run.decisions[0].failureMessage).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    );
  });
});

describe('planner in faithful mode', () => {
  it('filters against the nodes as earlier placements left them', () => {
    const nodes = ['node1', 'node2'].map((name) => makeNode(name).capacity({ pods: '1', cpu: '1' }).obj());
    const run = planner().plan(clusterOf(nodes), ['a', 'b', 'c'].map((name) => makePod(name).obj()), { mode: 'faithful' });
    expect(run.decisions.map((decision) => decision.node === null)).toEqual([false, false, true]);
    expect(run.decisions[2].failureMessage).toBe(
      '0/2 nodes are available: 2 Too many pods. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.',
    );
  });
});
