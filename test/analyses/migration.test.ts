/**
 * Node-pool migration on hand-solvable clusters: the exact number of target
 * nodes per zone, prices, pods no target node fits, keepOld, maxCount; and
 * the property that the answer's plan places every moved pod on the final
 * cluster (old pool gone, target nodes added).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INSTANCE_TYPE, migrate, node, nodeGroup, pod, ZONE } from './right-sizing-fixtures.js';

const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'w' } } }] };
const oldPool = { [INSTANCE_TYPE]: 'm5.4xlarge' };

/** Two 16-cpu old nodes, one per zone, with eight 1.5-cpu pods spread over the zones; a DaemonSet pod on each. */
function twoZonePool() {
  return ['a', 'b'].flatMap((zone) => [
    node(`old-${zone}`, { cpu: '16', zone, labels: oldPool }),
    ...[0, 1, 2, 3].map((index) => pod(`w-${zone}${index}`, `old-${zone}`, { cpu: '1500m', labels: { app: 'w' }, spec: spread })),
    pod(`logs-${zone}`, `old-${zone}`, { owner: 'DaemonSet/logs', cpu: '100m' }),
  ]);
}

describe('migration: hand-solvable pools', () => {
  it('eight 1.5-cpu pods spread over two zones need exactly four 4-cpu nodes, two per zone', () => {
    const result = migrate({ cluster: { objects: twoZonePool() }, from: `${INSTANCE_TYPE}=m5.4xlarge`, nodeGroups: [nodeGroup('c5', { zones: ['a', 'b'], price: 0.2 })], fromPrice: 0.8 });
    expect(result.feasible).toBe(true);
    expect(result.fromNodes).toEqual(['old-a', 'old-b']);
    expect(result.added.map(({ nodeGroup: group, zone, count }) => ({ group, zone, count }))).toEqual([
      { group: 'c5', zone: 'a', count: 2 },
      { group: 'c5', zone: 'b', count: 2 },
    ]);
    expect(result.totalNodes).toBe(4);
    expect(result.totalPrice).toBe(0.8);
    expect(result.cost).toEqual({ before: 1.6, after: 0.8 });
    expect(result.goneWithNodes).toBe(2);
    expect(result.placements).toHaveLength(8);
    expect(result.placements.every((placement) => placement.to.startsWith('c5-'))).toBe(true);
    expect(result.plan.summary).toMatchObject({ replicas: 8, scheduled: 8, unschedulable: 0 });
    expect(result.unmovable).toEqual([]);
  });

  it('the cheaper group wins with prices; maxCount caps a group', () => {
    const body = { cluster: { objects: twoZonePool() }, from: `${INSTANCE_TYPE}=m5.4xlarge` };
    const cheap = migrate({ ...body, nodeGroups: [nodeGroup('c5-large', { cpu: '8', zones: ['a', 'b'], price: 1 }), nodeGroup('c5', { zones: ['a', 'b'], price: 0.2 })] });
    expect(cheap.added.map((addition) => addition.nodeGroup)).toEqual(['c5', 'c5']);
    expect(cheap.totalPrice).toBe(0.8);
    const capped = migrate({ ...body, nodeGroups: [nodeGroup('c5', { zones: ['a', 'b'], maxCount: 2 })] });
    expect(capped.feasible).toBe(false);
    expect(capped.totalNodes).toBe(2);
    expect(capped.unmovable).toHaveLength(4);
    expect(capped.unmovable[0].message).toContain('(every node group reached its maxCount)');
  });

  it('a pod no target node fits cannot move, with its FailedScheduling text', () => {
    const objects = [
      node('old', { cpu: '16', labels: oldPool }),
      pod('small', 'old', { cpu: '1' }),
      pod('huge', 'old', { cpu: '12' }),
      pod('gpu-only', 'old', { spec: { nodeSelector: { accelerator: 'gpu' } } }),
    ];
    const result = migrate({ cluster: { objects }, from: `${INSTANCE_TYPE}=m5.4xlarge`, nodeGroups: [nodeGroup('c5')] });
    expect(result.feasible).toBe(false);
    expect(result.totalNodes).toBe(1);
    expect(result.unmovable.map((entry) => [entry.pod, entry.from, entry.message])).toEqual([
      ['gpu-only', 'old', "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."],
      // 12 cpu is more than a c5 has at all: preemption cannot help (noderesources/fit.go: unresolvable).
      ['huge', 'old', '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.'],
    ]);
    expect(result.placements.map((placement) => [placement.pod, placement.to])).toEqual([['small', 'c5-1']]);
  });

  it('keepOld: the old nodes stay cordoned and still count as zones, so spreading needs a node in their zone', () => {
    const objects = [
      node('old-a', { zone: 'a', labels: oldPool }),
      node('stay-b', { zone: 'b' }),
      pod('w-0', 'old-a', { labels: { app: 'w' }, spec: spread }),
      pod('w-1', 'stay-b', { labels: { app: 'w' }, spec: spread }),
    ];
    const body = { cluster: { objects }, from: `${INSTANCE_TYPE}=m5.4xlarge`, nodeGroups: [nodeGroup('c5', { zones: ['a', 'b'] })] };
    const removed = migrate(body);
    expect(removed.totalNodes).toBe(0);
    expect(removed.placements).toEqual([{ pod: 'w-0', namespace: 'default', from: 'old-a', to: 'stay-b' }]);
    const kept = migrate({ ...body, keepOld: true });
    expect(kept.added.map((addition) => [addition.zone, addition.count])).toEqual([['a', 1]]);
  });

  it('a selector matching no node is refused at its path', () => {
    expect(() => migrate({ cluster: { objects: twoZonePool() }, from: 'pool=none', nodeGroups: [nodeGroup('c5')] })).toThrow(/selects no node/);
  });
});

describe('migration: the plan places every movable pod', () => {
  it('on random pools', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ zone: fc.constantFrom('a', 'b'), pods: fc.array(fc.constantFrom('500m', '1', '2'), { maxLength: 5 }) }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('2', '4'),
        (pool, templateCpu) => {
          const objects = pool.flatMap((entry, index) => [
            node(`old-${index}`, { cpu: '8', zone: entry.zone, labels: oldPool }),
            ...entry.pods.map((cpu, podIndex) => pod(`p-${index}-${podIndex}`, `old-${index}`, { cpu })),
          ]);
          const result = migrate({ cluster: { objects }, from: `${INSTANCE_TYPE}=m5.4xlarge`, nodeGroups: [nodeGroup('c5', { cpu: templateCpu, zones: ['a', 'b'] })] });
          const moved = pool.reduce((sum, entry) => sum + entry.pods.length, 0);
          expect(result.placements.length + result.unmovable.length).toBe(moved);
          expect(result.plan.summary.unschedulable).toBe(0);
          expect(result.unmovable.every((entry) => templateCpu === '2' && entry.message.includes('Insufficient cpu'))).toBe(true);
        },
      ),
      { numRuns: 25, seed: 20261202 },
    );
  });
});
