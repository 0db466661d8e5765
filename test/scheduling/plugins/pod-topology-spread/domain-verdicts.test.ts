/**
 * Filter's verdicts are kept per domain (domain-verdicts.ts) only while the
 * PreFilter state's counts are unchanged: AddPod and RemovePod (preemption's
 * dry runs) and a clone's own changes must show in the next Filter, as
 * upstream's Filter reads the counts afresh on every call.
 */
import { describe, expect, it } from 'vitest';
import type { CycleState } from '../../../../src/scheduling/framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin } from '../../../../src/scheduling/framework/interfaces.js';
import type { Status } from '../../../../src/scheduling/framework/status.js';
import { buildPodInfo, type PodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { clusterOf, makePod } from '../../../support/builders.js';
import { fooSelector, podOn, runPreFilter, twoZonesFourNodes } from './support.js';

type Plugin = FilterPlugin & PreFilterPlugin;

/** zone1: one matching pod (node-a), zone2: none; maxSkew 1 over zones. */
function setUp() {
  const cluster = clusterOf(
    twoZonesFourNodes().map((node) => node.obj()),
    [podOn('p-a1', 'node-a').obj()],
  );
  const run = runPreFilter(makePod('p').label('foo', '').spreadConstraint(1, 'zone', 'DoNotSchedule', fooSelector).obj(), cluster);
  const plugin = run.plugin as unknown as Plugin;
  const verdicts = (state: CycleState): Record<string, string> =>
    Object.fromEntries(cluster.nodes.map((node) => [node.name, outcome(plugin.filter(state, run.pod, node))]));
  const matching = (name: string): PodInfo => buildPodInfo(podOn(name, 'node-x').obj());
  return { cluster, run, plugin, verdicts, matching };
}

const outcome = (status: Status | null) => (status === null ? 'pass' : `${status.code}: ${JSON.stringify(status.details)}`);

describe('PodTopologySpread Filter verdicts per domain', () => {
  it('follow AddPod and RemovePod on the same state', () => {
    const { cluster, run, plugin, verdicts, matching } = setUp();
    const before = verdicts(run.cycleState);
    expect(Object.values(before).map((each) => each === 'pass')).toEqual([false, false, true, true]);
    // Two matching pods join zone2: zone2 is now the fuller domain.
    plugin.addPod!(run.cycleState, run.pod, matching('m1'), cluster.node('node-x')!, cluster);
    plugin.addPod!(run.cycleState, run.pod, matching('m2'), cluster.node('node-x')!, cluster);
    const after = verdicts(run.cycleState);
    expect(Object.values(after).map((each) => each === 'pass')).toEqual([true, true, false, false]);
    expect(after['node-x']).toContain('"matchingPods":2');
    plugin.removePod!(run.cycleState, run.pod, matching('m1'), cluster.node('node-x')!, cluster);
    plugin.removePod!(run.cycleState, run.pod, matching('m2'), cluster.node('node-x')!, cluster);
    expect(verdicts(run.cycleState)).toEqual(before);
  });

  it('of a clone change with the clone only', () => {
    const { cluster, run, plugin, verdicts, matching } = setUp();
    const before = verdicts(run.cycleState);
    const copy = run.cycleState.clone();
    plugin.addPod!(copy, run.pod, matching('m1'), cluster.node('node-x')!, cluster);
    plugin.addPod!(copy, run.pod, matching('m2'), cluster.node('node-x')!, cluster);
    expect(verdicts(copy)['node-x']).not.toBe('pass');
    expect(verdicts(run.cycleState)).toEqual(before);
  });
});
