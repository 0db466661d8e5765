/**
 * The engine on worker threads, from a compiled private copy (threads need
 * JavaScript): same result as on the calling thread, a revision indexed once
 * per thread, progress, stopping a running task and dropping a queued one.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineThreadPool as EngineThreadPoolType } from '../../src/engine/engine-thread-pool.js';
import { InlineEngineRunner } from '../../src/engine/inline-engine-runner.js';
import { planTask, zonedCluster } from './engine-fixtures.js';
import { buildPrivateCopy, type PrivateBuild } from '../jobs/support/private-build.js';

describe('EngineThreadPool', () => {
  let build: PrivateBuild;
  let EngineThreadPool: typeof EngineThreadPoolType;
  const pools: EngineThreadPoolType[] = [];
  const pool = (size: number) => {
    const created = new EngineThreadPool(size);
    pools.push(created);
    return created;
  };

  beforeAll(async () => {
    build = await buildPrivateCopy();
    const module = (await import(pathToFileURL(join(build.directory, 'src/engine/engine-thread-pool.js')).href)) as typeof import('../../src/engine/engine-thread-pool.js');
    EngineThreadPool = module.EngineThreadPool;
  });

  afterAll(async () => {
    await Promise.all(pools.map((created) => created.close()));
    await build?.remove();
  });

  it('gives the same result as the engine on the calling thread', async () => {
    const task = planTask({ objects: zonedCluster(6) }, 20);
    const [threaded, inline] = await Promise.all([pool(1).run(task), new InlineEngineRunner().run(task)]);
    expect(threaded.kind).toBe('completed');
    expect(threaded).toEqual(inline);
  });

  it('reports the nodes a plan sees after its scenario, as on the calling thread', async () => {
    const scenario = [
      { op: 'label', names: ['node-0'], labels: { 'topology.kubernetes.io/zone': 'e' } },
      { op: 'addNodes', template: zonedCluster(1).nodes[0], count: 1, namePrefix: 'extra', zones: ['d'] },
    ];
    const base = planTask({ objects: zonedCluster(3) }, 2, { plan: { scenario }, validateOnly: true });
    const task = { ...base, job: { ...base.job, nodeLabels: true, nodeObjects: true } } as typeof base;
    const [threaded, inline] = await Promise.all([pool(1).run(task), new InlineEngineRunner().run(task)]);
    expect(threaded).toEqual(inline);
    if (threaded.kind !== 'validated') throw new Error(`expected a validation, got ${threaded.kind}`);
    const zones = Object.fromEntries((threaded.nodeLabels ?? []).map(([node, labels]) => [node, labels['topology.kubernetes.io/zone']]));
    expect(zones).toEqual({ 'node-0': 'e', 'node-1': 'b', 'node-2': 'c', 'extra-1': 'd' });
    expect(threaded.nodeObjects!.nodes.map((node) => node.metadata?.name)).toEqual(['node-0', 'node-1', 'node-2', 'extra-1']);
  });

  it('indexes a cached revision once per thread and reuses it for later tasks', async () => {
    const threads = pool(1);
    let loads = 0;
    const loadObjects = async () => {
      loads += 1;
      return zonedCluster(6);
    };
    const outcomes = [];
    for (let run = 0; run < 3; run++) outcomes.push(await threads.run(planTask({ cacheKey: 'topology@1' }, 4), { loadObjects }));
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['completed', 'completed', 'completed']);
    expect(loads).toBe(1);
  });

  it('reports progress up to the total', async () => {
    const progress: [number, number][] = [];
    await pool(1).run(planTask({ objects: zonedCluster(30) }, 200), { onProgress: (done, total) => progress.push([done, total]) });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toEqual([200, 200]);
  });

  it('stops a running task between two replicas when its signal aborts', async () => {
    const controller = new AbortController();
    const outcome = await pool(1).run(planTask({ objects: zonedCluster(300) }, 2_000), {
      onProgress: () => controller.abort(),
      signal: controller.signal,
    });
    expect(outcome.kind).toBe('stopped');
    if (outcome.kind === 'stopped') expect(outcome.done).toBeLessThan(2_000);
  });

  it('drops a queued task whose signal aborts before a thread is free', async () => {
    const threads = pool(1);
    const controller = new AbortController();
    const running = threads.run(planTask({ objects: zonedCluster(30) }, 100));
    const queued = threads.run(planTask({ objects: zonedCluster(3) }, 1), { signal: controller.signal });
    controller.abort();
    expect(await queued).toEqual({ kind: 'stopped', reason: 'cancelled', done: 0 });
    expect((await running).kind).toBe('completed');
  });

  it('fails a task naming a revision no thread holds when there is no loader', async () => {
    await expect(pool(1).run(planTask({ cacheKey: 'unknown@1' }, 1))).rejects.toThrow(/not indexed here/);
  });
});
