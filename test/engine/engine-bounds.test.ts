/**
 * The bounds an engine task runs under, enforced where the work happens:
 * the deadline (PODPLAN_PLAN_TIMEOUT_MS) polled between replicas, the work
 * budget (PODPLAN_MAX_PLAN_WORK) checked against the cluster a plan really
 * runs on, and charged plan by plan for analyses — including the nodes
 * scale-up adds.
 */
import { describe, expect, it } from 'vitest';
import { InlineEngineRunner } from '../../src/engine/inline-engine-runner.js';
import { deployment, zonedNode } from '../e2e/plans-fixtures.js';
import { planTask, zonedCluster } from './engine-fixtures.js';

const runner = new InlineEngineRunner();

describe('engine bounds', () => {
  it('stops a plan past its deadline between two replicas, and says so', async () => {
    const outcome = await runner.run(planTask({ objects: zonedCluster(30) }, 200, { bounds: { timeoutMs: 0 } }));
    expect(outcome).toEqual({ kind: 'stopped', reason: 'timeout', done: 0 });
  });

  it('refuses a plan whose scenario grows the cluster past the work budget, before placing anything', async () => {
    const scenario = [{ op: 'addNodes', count: 100, template: zonedNode('template', 'a') }];
    const outcome = await runner.run(planTask({ objects: zonedCluster(3) }, 10, { plan: { scenario }, bounds: { maxWork: 500 } }));
    // 10 replicas × (3 + 100) nodes.
    expect(outcome).toEqual({ kind: 'stopped', reason: 'work', done: 0, work: 1_030 });
  });

  it('runs a plan within its bounds to the end', async () => {
    const outcome = await runner.run(planTask({ objects: zonedCluster(3) }, 10, { bounds: { timeoutMs: 60_000, maxWork: 30 } }));
    expect(outcome.kind).toBe('completed');
  });

  it("charges every plan of a scale-up search, on the enlarged cluster, to the analysis's budget", async () => {
    const analysis = {
      kind: 'scale-up' as const,
      request: { workloads: [deployment('web', 40)], nodeGroups: [{ name: 'general', template: zonedNode('template', 'a') }] },
    };
    const cluster = { objects: zonedCluster(1) };
    const unbounded = await runner.run({ cluster, job: { kind: 'analysis', analysis } });
    expect(unbounded.kind).toBe('analysed');
    // The first plan places 40 replicas on the 1 node there is (40 evaluations); the second tries one added node: 40 × 2.
    const bounded = await runner.run({ cluster, job: { kind: 'analysis', analysis }, bounds: { maxWork: 50 } });
    expect(bounded).toEqual({ kind: 'stopped', reason: 'work', done: 0, work: 40 * 1 + 40 * 2 });
  });

  it('stops an analysis at its deadline', async () => {
    const analysis = { kind: 'fit-suggestions' as const, request: { workloads: [deployment('web', 50)] } };
    const outcome = await runner.run({ cluster: { objects: zonedCluster(3) }, job: { kind: 'analysis', analysis }, bounds: { timeoutMs: 0 } });
    expect(outcome).toMatchObject({ kind: 'stopped', reason: 'timeout' });
  });
});
