/**
 * SchedulingGates: upstream's PreEnqueue table, then what a plan makes of a
 * gated pod (never attempted, leaves the cluster as it was, scheduled once
 * the plugin is disabled, as upstream's queue would let it through).
 */
import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../../../src/scheduling/config/build-profile.js';
import { isPreEnqueuePlugin } from '../../../../src/scheduling/framework/interfaces.js';
import { Code } from '../../../../src/scheduling/framework/status.js';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { Planner } from '../../../../src/scheduling/planner/planner.js';
import { schedulingGates } from '../../../../src/scheduling/plugins/scheduling-gates/index.js';
import { SCHEDULING_GATED_MESSAGE } from '../../../../src/scheduling/plugins/scheduling-gates/scheduling-gates-plugin.js';
import { clusterOf, makeNode, makePod } from '../../../support/builders.js';

// Ported from kubernetes/kubernetes pkg/scheduler/framework/plugins/schedulinggates/scheduling_gates_test.go, TestPreEnqueue.
const preEnqueueCases: { name: string; pod: V1Pod; want: { code: Code; message: string } | null }[] = [
  { name: 'pod does not carry scheduling gates', pod: makePod('p').obj(), want: null },
  {
    name: 'pod carries scheduling gates',
    pod: makePod('p').schedulingGates(['foo', 'bar']).obj(),
    want: { code: Code.UnschedulableAndUnresolvable, message: 'waiting for scheduling gates: [foo bar]' },
  },
];

describe('SchedulingGates PreEnqueue (upstream TestPreEnqueue)', () => {
  it.each(preEnqueueCases)('$name', ({ pod, want }) => {
    const plugin = schedulingGates(undefined);
    if (!isPreEnqueuePlugin(plugin)) throw new Error('SchedulingGates must PreEnqueue');
    const status = plugin.preEnqueue(buildPodInfo(pod), clusterOf([]));
    expect(status === null ? null : { code: status.code, message: status.message }).toEqual(want);
  });
});

describe('a plan with gated pods', () => {
  const cluster = () => clusterOf([makeNode('a').capacity({ cpu: '1', pods: '10' }).obj()]);
  const gated = makePod('gated').container({ cpu: '800m' }).schedulingGates(['example.com/quota']).obj();
  const next = makePod('next').container({ cpu: '800m' }).obj();

  it('never attempts a gated pod: no node evaluated, the PodScheduled condition message, the PreEnqueue status kept', () => {
    const run = new Planner(buildProfile(undefined)).plan(cluster(), [gated]);
    const [decision] = run.decisions;
    expect(decision).toMatchObject({ node: null, evaluatedNodes: 0, feasibleNodes: 0, candidates: [], rejections: [], failureMessage: SCHEDULING_GATED_MESSAGE });
    expect(decision.failureMessage).toBe('Scheduling is blocked due to non-empty scheduling gates');
    expect(decision.preEnqueueRejection).toEqual({
      plugin: 'SchedulingGates',
      reason: 'waiting for scheduling gates: [example.com/quota]',
      code: Code.UnschedulableAndUnresolvable,
      details: [{ schedulingGates: ['example.com/quota'] }],
    });
    expect(decision.preemption).toBeUndefined();
  });

  it('holds no resources: the pod after it is scheduled as if the gated one were absent', () => {
    const run = new Planner(buildProfile(undefined)).plan(cluster(), [gated, next]);
    expect(run.decisions.map((decision) => decision.node)).toEqual([null, 'a']);
  });

  it('is scheduled when the profile disables SchedulingGates, as upstream then never consults the gates', () => {
    const profile = buildProfile({ plugins: { multiPoint: { disabled: [{ name: 'SchedulingGates' }] } } });
    const run = new Planner(profile).plan(cluster(), [gated, next]);
    expect(run.decisions.map((decision) => decision.node)).toEqual(['a', null]);
  });

  it('gates every replica of a run of identical pods, in both engine modes', () => {
    const replicas = Array.from({ length: 20 }, (_, index) => makePod(`r-${index}`).container({ cpu: '10m' }).schedulingGates(['g']).obj());
    for (const mode of ['exhaustive', 'faithful'] as const) {
      const run = new Planner(buildProfile(undefined)).plan(cluster(), replicas, { mode });
      expect(run.decisions.every((decision) => decision.node === null && decision.preEnqueueRejection?.plugin === 'SchedulingGates')).toBe(true);
    }
  });
});
