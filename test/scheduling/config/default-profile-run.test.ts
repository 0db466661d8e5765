import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../../src/scheduling/config/build-profile.js';
import { CycleState } from '../../../src/scheduling/framework/cycle-state.js';
import { Framework } from '../../../src/scheduling/framework/framework.js';
import { buildPodInfo } from '../../../src/scheduling/model/pod-info.js';
import { clusterOf, makeNode, makePod } from '../../support/builders.js';

const capacity = { cpu: '4', memory: '8Gi', pods: '110' };

describe('the built default profile, run by the framework', () => {
  it("rejects each node with upstream's reason from the plugin that owns it", () => {
    const cluster = clusterOf([
      makeNode('cordoned').capacity(capacity).unschedulable().obj(),
      makeNode('tainted').capacity(capacity).taint('dedicated', 'gpu', 'NoSchedule').obj(),
      makeNode('elsewhere').capacity(capacity).label('zone', 'b').obj(),
      makeNode('fits').capacity(capacity).label('zone', 'a').obj(),
    ]);
    const framework = new Framework(buildProfile(undefined));
    const pod = buildPodInfo(makePod('web').req({ cpu: '100m' }).nodeAffinityIn('zone', ['a']).obj());
    const state = new CycleState();
    const preFilter = framework.runPreFilter(state, pod, cluster);
    expect(preFilter.status).toBeNull();
    const failures = Object.fromEntries(
      cluster.nodes.map((node) => [
        node.name,
        framework.runAllFilters(state, pod, node, preFilter.filters).map((status) => [status.plugin, status.message]),
      ]),
    );
    expect(failures).toEqual({
      cordoned: [
        ['NodeUnschedulable', 'node(s) were unschedulable'],
        ['NodeAffinity', "node(s) didn't match Pod's node affinity/selector"],
      ],
      tainted: [
        ['TaintToleration', 'node(s) had untolerated taint(s)'],
        ['NodeAffinity', "node(s) didn't match Pod's node affinity/selector"],
      ],
      elsewhere: [['NodeAffinity', "node(s) didn't match Pod's node affinity/selector"]],
      fits: [],
    });
  });

  it('prefers the node without an intolerable PreferNoSchedule taint', () => {
    const cluster = clusterOf([
      makeNode('soft-tainted').capacity(capacity).taint('spot', 'true', 'PreferNoSchedule').obj(),
      makeNode('clean').capacity(capacity).obj(),
    ]);
    const framework = new Framework(buildProfile({ plugins: { score: { enabled: [{ name: 'TaintToleration', weight: 3 }], disabled: [{ name: '*' }] } } }));
    const pod = buildPodInfo(makePod('web').req({ cpu: '100m' }).obj());
    const table = framework.runScoring(new CycleState(), pod, cluster.nodes, cluster);
    expect([...table.totals]).toEqual([0, 300]);
  });
});
