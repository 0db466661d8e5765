import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../src/scheduling/framework/cycle-state.js';
import { Framework } from '../../../src/scheduling/framework/framework.js';
import type { PostFilterPlugin, PostFilterResult, PreFilterPlugin } from '../../../src/scheduling/framework/interfaces.js';
import { Code, Status } from '../../../src/scheduling/framework/status.js';
import { buildPodInfo } from '../../../src/scheduling/model/pod-info.js';
import { scheduleOne } from '../../../src/scheduling/planner/schedule-one.js';
import { runPostFilterPlugins } from '../../../src/scheduling/preemption/run-post-filter.js';
import { clusterOf, makeNode, makePod } from '../../support/builders.js';
import { capacity, fitPlugin, profileOf } from './support.js';

const postFilter = (name: string, result: PostFilterResult): PostFilterPlugin => ({ name, postFilter: () => result });

// As upstream runtime/framework.go RunPostFilterPlugins: the semantics its loop implements.
describe('runPostFilterPlugins', () => {
  const run = (...plugins: PostFilterPlugin[]) => {
    const cluster = clusterOf([makeNode('node1').obj()]);
    const framework = new Framework(profileOf([]));
    const state = new CycleState();
    const pod = buildPodInfo(makePod('p').obj());
    return runPostFilterPlugins(plugins, state, pod, cluster, new Map(), framework.filterRunner(framework.runPreFilter(state, pod, cluster)));
  };

  it('a plugin that succeeds decides, after earlier rejections', () => {
    const outcome = run(
      postFilter('First', { status: Status.unschedulable('first') }),
      postFilter('Second', { status: new Status(Code.Success, []), nominatedNode: 'node1' }),
    );
    expect(outcome.status.code).toBe(Code.Success);
    expect(outcome.status.plugin).toBe('Second');
    expect(outcome.result?.nominatedNode).toBe('node1');
  });

  it('joins every rejection, attributed to the first plugin', () => {
    const outcome = run(postFilter('First', { status: Status.unschedulable('first') }), postFilter('Second', { status: Status.unschedulable('second') }));
    expect(outcome.status).toEqual(new Status(Code.Unschedulable, ['first', 'second'], [], 'First'));
  });

  it('stops at UnschedulableAndUnresolvable and at Error', () => {
    const never = postFilter('Never', { status: new Status(Code.Success, []) });
    expect(run(postFilter('Stop', { status: Status.unresolvable('stop') }), never).status.plugin).toBe('Stop');
    const failed = run(postFilter('Broken', { status: Status.error('broken') }), never);
    expect([failed.status.code, failed.status.plugin, failed.result]).toEqual([Code.Error, 'Broken', undefined]);
  });
});

describe('scheduleOne after a PreFilter rejection', () => {
  it('leaves every node to preemption when the rejection is Unschedulable, as upstream', () => {
    const rejecting: PreFilterPlugin = { name: 'Rejecting', preFilter: () => ({ status: Status.unschedulable('rejected in PreFilter') }) };
    const cluster = clusterOf(
      [makeNode('node1').capacity(capacity({ cpu: '1' })).obj()],
      [makePod('low').node('node1').req({ cpu: '800m' }).obj()],
    );
    const framework = new Framework(profileOf([rejecting, fitPlugin()]));
    const pod = buildPodInfo(makePod('high').priority(1000).req({ cpu: '500m' }).obj());
    const decision = scheduleOne(framework, cluster, pod, { explain: 'summary', topCandidates: 3 });
    expect(decision.failureMessage).toBe('0/1 nodes are available: rejected in PreFilter.');
    expect(decision.preemption?.nominatedNode).toBe('node1');
    expect(decision.preemption?.victims.map((victim) => victim.name)).toEqual(['low']);
  });

  it('does not preempt for an UnschedulableAndUnresolvable PreFilter rejection', () => {
    const rejecting: PreFilterPlugin = { name: 'Rejecting', preFilter: () => ({ status: Status.unresolvable('cannot ever fit') }) };
    const cluster = clusterOf([makeNode('node1').capacity(capacity({ cpu: '1' })).obj()], [makePod('low').node('node1').obj()]);
    const framework = new Framework(profileOf([rejecting, fitPlugin()]));
    const decision = scheduleOne(framework, cluster, buildPodInfo(makePod('high').priority(1000).obj()), { explain: 'summary', topCandidates: 3 });
    expect(decision.failureMessage).toBe(
      '0/1 nodes are available: cannot ever fit. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
    expect(decision.preemption).toBeUndefined();
  });
});
