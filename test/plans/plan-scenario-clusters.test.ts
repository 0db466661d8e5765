/**
 * PlanScenarioClusters keeps the edited clusters of recently read scenario
 * plans: one preparation per plan however many reads (concurrent ones too),
 * the least recently read dropped beyond its capacity, a failed preparation
 * and a deleted plan's entry not kept.
 */
import { describe, expect, it } from 'vitest';
import { PlanScenarioClusters } from '../../src/plans/domain/plan-scenario-clusters.js';
import type { NodeUsage } from '../../src/topologies/domain/node-usage.js';

function counted() {
  const calls: string[] = [];
  const compute = (planId: string) => async (): Promise<readonly NodeUsage[]> => {
    calls.push(planId);
    return [{ name: `${planId}-node` } as NodeUsage];
  };
  return { calls, compute };
}

describe('PlanScenarioClusters', () => {
  it('prepares a plan once for every read, concurrent first reads included', async () => {
    const clusters = new PlanScenarioClusters(2);
    const { calls, compute } = counted();
    const [first, second] = await Promise.all([clusters.getOrCompute('p1', compute('p1')), clusters.getOrCompute('p1', compute('p1'))]);
    expect(await clusters.getOrCompute('p1', compute('p1'))).toBe(first);
    expect(second).toBe(first);
    expect(calls).toEqual(['p1']);
  });

  it('drops the least recently read plan beyond its capacity', async () => {
    const clusters = new PlanScenarioClusters(2);
    const { calls, compute } = counted();
    await clusters.getOrCompute('p1', compute('p1'));
    await clusters.getOrCompute('p2', compute('p2'));
    await clusters.getOrCompute('p1', compute('p1')); // p1 read last: p2 goes first
    await clusters.getOrCompute('p3', compute('p3'));
    await clusters.getOrCompute('p1', compute('p1'));
    await clusters.getOrCompute('p2', compute('p2'));
    expect(calls).toEqual(['p1', 'p2', 'p3', 'p2']);
  });

  it('keeps no failed preparation, and forgets a deleted plan', async () => {
    const clusters = new PlanScenarioClusters(2);
    const { calls, compute } = counted();
    await expect(clusters.getOrCompute('p1', () => Promise.reject(new Error('timed out')))).rejects.toThrow('timed out');
    await clusters.getOrCompute('p1', compute('p1'));
    clusters.forget('p1');
    await clusters.getOrCompute('p1', compute('p1'));
    expect(calls).toEqual(['p1', 'p1']);
  });
});
