/** The engine on the calling thread: outcomes, the revision cache and stopping — the contract EngineThreadPool shares. */
import { describe, expect, it } from 'vitest';
import { InlineEngineRunner } from '../../src/engine/inline-engine-runner.js';
import { zonedCluster, planTask } from './engine-fixtures.js';

describe('InlineEngineRunner', () => {
  it('places every replica and reports progress up to the total', async () => {
    const progress: number[] = [];
    const outcome = await new InlineEngineRunner().run(planTask({ objects: zonedCluster(3) }, 5), { onProgress: (done) => progress.push(done) });
    expect(outcome.kind).toBe('completed');
    if (outcome.kind !== 'completed') return;
    expect(outcome.result.summary).toEqual({ replicas: 5, scheduled: 5, unschedulable: 0 });
    expect(progress.at(-1)).toBe(5);
  });

  it('counts replicas without placing any when asked only to validate', async () => {
    const outcome = await new InlineEngineRunner().run(planTask({ objects: zonedCluster(3) }, 12, { validateOnly: true }));
    expect(outcome).toEqual({ kind: 'validated', replicas: 12, nodes: 3 });
  });

  it('returns field errors for bad workloads instead of throwing', async () => {
    const outcome = await new InlineEngineRunner().run(planTask({ objects: zonedCluster(3) }, 1, { plan: { workloads: [{ apiVersion: 'apps/v1', kind: 'Deployment' }] } }));
    expect(outcome.kind).toBe('invalid');
    if (outcome.kind !== 'invalid') return;
    expect(outcome.errors.map((error) => error.path)).toContain('workloads[0].metadata.name');
  });

  it('loads and indexes a cached revision once, however many tasks use it', async () => {
    const runner = new InlineEngineRunner();
    let loads = 0;
    const loadObjects = async () => {
      loads += 1;
      return zonedCluster(3);
    };
    for (let run = 0; run < 3; run++) {
      const outcome = await runner.run(planTask({ cacheKey: 'topology@1' }, 2), { loadObjects });
      expect(outcome.kind).toBe('completed');
    }
    expect(loads).toBe(1);
  });

  it('refuses a cache key it does not hold when no loader is given', async () => {
    await expect(new InlineEngineRunner().run(planTask({ cacheKey: 'unknown@1' }, 1))).rejects.toThrow(/not indexed here/);
  });

  it('does not start a task whose signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await new InlineEngineRunner().run(planTask({ objects: zonedCluster(3) }, 5), { signal: controller.signal })).toEqual({ kind: 'stopped', reason: 'cancelled', done: 0 });
  });
});
