/** The embedded store's queue: order, concurrency, retries up to the limit, duplicates, and stop. */
import { describe, expect, it } from 'vitest';
import { InProcessPlanQueue } from '../../src/jobs/queue/in-process-plan-queue.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('InProcessPlanQueue', () => {
  it('runs jobs in arrival order, at most `concurrency` at once', async () => {
    const queue = new InProcessPlanQueue(0);
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    await queue.consume(async (planId) => {
      started.push(planId);
      const gate = deferred();
      gates.set(planId, gate);
      await gate.promise;
    }, 2);
    for (const planId of ['a', 'b', 'c']) await queue.enqueue(planId);
    await settle();
    expect(started).toEqual(['a', 'b']);
    gates.get('a')!.resolve();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    gates.get('b')!.resolve();
    gates.get('c')!.resolve();
    await queue.stop();
  });

  it('retries a job whose handler throws, up to the retry limit', async () => {
    const queue = new InProcessPlanQueue(2);
    let attempts = 0;
    await queue.consume(async () => {
      attempts += 1;
      throw new Error('database unavailable');
    }, 1);
    await queue.enqueue('flaky');
    for (let tick = 0; tick < 10; tick++) await settle();
    expect(attempts).toBe(3);
    await queue.stop();
  });

  it('does not queue a plan that is already waiting', async () => {
    const queue = new InProcessPlanQueue(0);
    await queue.enqueue('twice');
    await queue.enqueue('twice');
    const seen: string[] = [];
    await queue.consume(async (planId) => {
      seen.push(planId);
    }, 1);
    await settle();
    expect(seen).toEqual(['twice']);
    await queue.stop();
  });

  it('waits for running jobs on stop and starts no new ones', async () => {
    const queue = new InProcessPlanQueue(0);
    const gate = deferred();
    const seen: string[] = [];
    await queue.consume(async (planId) => {
      seen.push(planId);
      await gate.promise;
    }, 1);
    await queue.enqueue('running');
    await queue.enqueue('waiting');
    await settle();
    let stopped = false;
    const stopping = queue.stop().then(() => (stopped = true));
    await settle();
    expect(stopped).toBe(false);
    gate.resolve();
    await stopping;
    expect(seen).toEqual(['running']);
  });
});
