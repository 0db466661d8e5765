/**
 * Every entry of the pipeline checks its limits before any cluster is loaded
 * or any engine work starts: the sources and the engine given here fail the
 * test if they are called. Each entry is asked for more than the limits
 * allow, and must refuse with 422 (LimitExceededError) naming the setting.
 */
import { describe, expect, it } from 'vitest';
import { loadAppConfig } from '../../src/config/app-config.js';
import { LimitExceededError } from '../../src/common/errors/domain-error.js';
import type { EngineRunner } from '../../src/engine/engine-runner.js';
import type { ClusterSources } from '../../src/pipeline/cluster-sources.js';
import type { PlanAttempt, PlanFailure, PlanStore, PlanView } from '../../src/pipeline/plan-store.js';
import { RequestPipeline, type PipelineDependencies } from '../../src/pipeline/request-pipeline.js';
import { deployment, threeZones } from '../e2e/plans-fixtures.js';

const LIMITS = { ...loadAppConfig({}).limits, maxPlanReplicas: 100, maxPlanWork: 1_000, maxExplainCells: 500 };
const TOPOLOGY = '0b7c7c1e-7a63-4f43-9c39-6a0d9f8d1e21';

/** Records what was touched; anything that loads or runs throws, so a refusal must come first. */
function guardedPipeline(overrides: Partial<PipelineDependencies> = {}) {
  const touched: string[] = [];
  const forbidden = (what: string) => () => {
    touched.push(what);
    throw new Error(`${what} was called before the limits refused the request`);
  };
  const sources: ClusterSources = {
    // A summary is a row read, not a load: the limits need its node count.
    describeRevision: async (_team, topologyId, revision) => ({ topologyId, revision: revision ?? 1, nodes: 20, pods: 30 }),
    readRevision: forbidden('readRevision'),
    importInline: forbidden('importInline'),
  };
  const engine: EngineRunner = { offMainThread: true, run: forbidden('engine.run'), usage: () => ({ threads: 1, busy: 0, queued: 0, busySeconds: 0 }), close: async () => {} };
  const pipeline = new RequestPipeline({
    engine,
    sources,
    settings: { limits: LIMITS, planAsyncThreshold: 10, simulationThreadThreshold: 0 },
    ...overrides,
  });
  return { pipeline, touched };
}

async function expectRefusal(attempt: Promise<unknown>, setting: 'PODPLAN_MAX_PLAN_REPLICAS' | 'PODPLAN_MAX_PLAN_WORK' | 'PODPLAN_MAX_EXPLAIN_CELLS'): Promise<void> {
  const error = await attempt.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(LimitExceededError);
  expect((error as Error).message).toContain(`limit ${setting}=`);
}

const storedPlan = (replicas: number): PlanView => ({
  id: 'b2b5f7c4-1b7e-4d0e-9a39-5f1f1c1c1c1c',
  team: 'default',
  topologyId: TOPOLOGY,
  revision: 1,
  name: null,
  status: 'queued',
  request: { workloads: [deployment('web', replicas)], mode: 'exhaustive' },
  result: null,
  error: null,
  progress: { done: 0, total: replicas },
  timings: null,
  rerunOf: null,
  createdAt: new Date(0),
});

describe('the pipeline refuses before it loads: simulations', () => {
  it('inline cluster (REST, GraphQL, the offline command line)', async () => {
    const { pipeline, touched } = guardedPipeline();
    await expectRefusal(pipeline.simulate('default', { cluster: { objects: threeZones() }, workloads: [deployment('web', 60_000)] }), 'PODPLAN_MAX_PLAN_REPLICAS');
    expect(touched).toEqual([]);
  });

  it('saved topology: nodes from its stored summary', async () => {
    const { pipeline, touched } = guardedPipeline();
    // 60,000 replicas are refused as such; 100 replicas pass that limit, but not 100 × 20 nodes = 2,000 evaluations.
    await expectRefusal(pipeline.simulate('default', { topologyId: TOPOLOGY, workloads: [deployment('web', 60_000)] }), 'PODPLAN_MAX_PLAN_REPLICAS');
    await expectRefusal(pipeline.simulate('default', { topologyId: TOPOLOGY, workloads: [deployment('web', 100)], explain: 'full' }), 'PODPLAN_MAX_PLAN_WORK');
    expect(touched).toEqual([]);
  });

  it('explain: "full" within PODPLAN_MAX_EXPLAIN_CELLS, counting the nodes a scenario adds', async () => {
    const { pipeline, touched } = guardedPipeline();
    // 30 replicas × 20 nodes = 600 evaluations pass the work limit; 600 full-table cells do not pass 500.
    await expectRefusal(pipeline.simulate('default', { topologyId: TOPOLOGY, workloads: [deployment('web', 30)], explain: 'full' }), 'PODPLAN_MAX_EXPLAIN_CELLS');
    // 20 replicas × (20 + 6) nodes = 520 cells.
    const scenario = [{ op: 'addNodes', count: 6, template: {} }];
    await expectRefusal(pipeline.simulate('default', { topologyId: TOPOLOGY, workloads: [deployment('web', 20)], explain: 'full', scenario }), 'PODPLAN_MAX_EXPLAIN_CELLS');
    expect(touched).toEqual([]);
  });

  it('counts the nodes a scenario adds', async () => {
    const { pipeline, touched } = guardedPipeline();
    const scenario = [{ op: 'addNodes', count: 500, template: {} }];
    // 2 replicas × (20 + 500) nodes = 1,040 > 1,000.
    await expectRefusal(pipeline.simulate('default', { topologyId: TOPOLOGY, workloads: [deployment('web', 2)], scenario }), 'PODPLAN_MAX_PLAN_WORK');
    expect(touched).toEqual([]);
  });

  it('one replica explained by replay (podplan simulate --explain)', async () => {
    const { pipeline, touched } = guardedPipeline();
    await expectRefusal(pipeline.explainSimulatedReplica('default', { topologyId: TOPOLOGY, workloads: [deployment('web', 500)] }, 400), 'PODPLAN_MAX_PLAN_REPLICAS');
    expect(touched).toEqual([]);
  });
});

describe('the pipeline refuses before it loads: stored plans and jobs', () => {
  const failures: PlanFailure[] = [];
  const plans: PlanStore = {
    insert: () => Promise.reject(new Error('a refused plan was stored')),
    insertQueued: () => Promise.reject(new Error('a refused plan was queued')),
    fail: async () => true,
    setTimings: async () => {},
    findLive: async () => storedPlan(2),
  };

  it('a new plan, run now or queued: refused before validation, storage or the queue', async () => {
    const { pipeline, touched } = guardedPipeline({ plans });
    await expectRefusal(pipeline.createPlan('default', TOPOLOGY, { workloads: [deployment('web', 2_147_483_647)] }), 'PODPLAN_MAX_PLAN_REPLICAS');
    await expectRefusal(pipeline.createPlan('default', TOPOLOGY, { workloads: [deployment('web', 99)] }), 'PODPLAN_MAX_PLAN_WORK');
    expect(touched).toEqual([]);
  });

  it('a rerun of a stored request over the limits (lowered since it was stored)', async () => {
    const { pipeline, touched } = guardedPipeline({ plans });
    await expectRefusal(pipeline.rerunPlan(storedPlan(500), {}), 'PODPLAN_MAX_PLAN_REPLICAS');
    expect(touched).toEqual([]);
  });

  it('a queued plan taken by a worker whose limits it exceeds fails with the refusal, unloaded', async () => {
    const { pipeline, touched } = guardedPipeline({ plans });
    const attempt: PlanAttempt = {
      view: storedPlan(2_147_483_647),
      holder: 'worker test:1:000000, attempt 1',
      recordProgress: async () => true,
      complete: () => Promise.reject(new Error('a refused plan completed')),
      fail: async (failure) => {
        failures.push(failure);
        return true;
      },
      setTimings: async () => {},
    };
    await pipeline.runQueuedPlan(attempt, new AbortController().signal);
    expect(failures).toEqual([{ message: 'workloads: asks for 2147483647 replicas (limit PODPLAN_MAX_PLAN_REPLICAS=100)' }]);
    expect(touched).toEqual([]);
  });

  it("a stored replica's node table, replayed", async () => {
    const { pipeline, touched } = guardedPipeline({ plans });
    await expectRefusal(pipeline.explainStoredReplicas(storedPlan(500), new Set([3, 300])), 'PODPLAN_MAX_PLAN_REPLICAS');
    expect(touched).toEqual([]);
  });

  it("a request's replays share one work budget, charged before anything is loaded", async () => {
    const { pipeline, touched } = guardedPipeline({ plans });
    const charged: [number, number][] = [];
    const budget = {
      charge(replicas: number, nodes: number) {
        charged.push([replicas, nodes]);
        throw new LimitExceededError('nodes', 'the per-replica node tables this request asks for replay too much', 'PODPLAN_MAX_PLAN_WORK', 1_000);
      },
    };
    await expectRefusal(pipeline.explainStoredReplicas(storedPlan(40), new Set([5, 39]), budget), 'PODPLAN_MAX_PLAN_WORK');
    // Replayed as far as the last replica asked for (40 pods), on the revision's 20 nodes.
    expect(charged).toEqual([[40, 20]]);
    expect(touched).toEqual([]);
  });
});

describe('the pipeline refuses before it loads: analyses', () => {
  const cases = [
    ['capacity: workloads × maxReplicas', 'capacity', { workloads: [deployment('web', 1)], maxReplicas: 101 }, 'PODPLAN_MAX_PLAN_REPLICAS'],
    ['scale-up: the nodes it may add count too', 'scale-up', { workloads: [deployment('web', 90)], nodeGroups: [{ name: 'general', template: {} }] }, 'PODPLAN_MAX_PLAN_WORK'],
    ['failure-domains: the running pods it re-places count too', 'failure-domains', { workloads: [deployment('web', 30)] }, 'PODPLAN_MAX_PLAN_WORK'],
    ['fit-suggestions', 'fit-suggestions', { workloads: [deployment('web', 1_000)] }, 'PODPLAN_MAX_PLAN_REPLICAS'],
    ['compare-configs: once per configuration', 'compare-configs', { workloads: [deployment('web', 60)], configs: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] }, 'PODPLAN_MAX_PLAN_WORK'],
  ] as const;

  it.each(cases)('%s (saved topology)', async (_name, kind, body, setting) => {
    const { pipeline, touched } = guardedPipeline();
    await expectRefusal(pipeline.analyse(kind, 'default', { ...body, topologyId: TOPOLOGY }), setting);
    expect(touched).toEqual([]);
  });

  it.each(cases)('%s (inline cluster)', async (_name, kind, body, setting) => {
    const { pipeline, touched } = guardedPipeline();
    const objects = [...threeZones(), ...Array.from({ length: 200 }, (_, index) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${index}` } }))];
    await expectRefusal(pipeline.analyse(kind, 'default', { ...body, cluster: { objects } }), setting);
    expect(touched).toEqual([]);
  });
});
