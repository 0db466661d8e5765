/**
 * What-if analyses over REST against real Postgres, on the 3 zones × 2 nodes
 * (4 CPU each) cluster, where every answer can be worked out by hand.
 * Requests go through the typed client generated from openapi.json
 * (testApp.api()); refused input through raw HTTP, as the typed client
 * would not let most of it be written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components, operations } from '../../src/cli/server/podplan-api.js';
import type { PodplanApi } from '../../src/cli/server/server-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { batch, deployment, nodeTemplate, threeZones, webAcrossZones } from './analyses-fixtures.js';

const PROBLEM_JSON = /application\/problem\+json/;
/** kube-scheduler's FailedScheduling text, preemption's part included (no victim of lower priority exists). */
const NO_VICTIMS = ' no new claims to deallocate, preemption: 0/6 nodes are available: 6 No preemption victims found for incoming pod.';
const ANTI_AFFINITY_FULL = `0/6 nodes are available: 6 node(s) didn't match pod anti-affinity rules.${NO_VICTIMS}`;

/** The JSON body an operation of the typed client takes. */
type BodyOf<Operation extends keyof operations> = NonNullable<operations[Operation]['requestBody']>['content']['application/json'];

type ScaleUpAnswer = components['schemas']['ScaleUpResult'];
/** A scale-up answer of the kind the test expects (asserted), typed as that kind. */
function feasible(answer: ScaleUpAnswer | undefined) {
  expect(answer?.feasible).toBe(true);
  return answer as Extract<ScaleUpAnswer, { feasible: true }>;
}
function infeasible(answer: ScaleUpAnswer | undefined) {
  expect(answer?.feasible).toBe(false);
  return answer as Extract<ScaleUpAnswer, { feasible: false }>;
}

describe('what-if analyses over REST', () => {
  let testApp: TestApp;
  let api: PodplanApi;
  let topologyId: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    api = await testApp.api();
    const { data, response } = await api.POST('/v1/topologies', { body: { name: 'three-zones', objects: threeZones() } });
    expect(response.status).toBe(201);
    topologyId = data!.id;
  });

  afterAll(async () => {
    await testApp?.close();
  });

  const call = {
    capacity: (body: BodyOf<'analyzeCapacity'>) => api.POST('/v1/analyses/capacity', { body }),
    scaleUp: (body: BodyOf<'analyzeScaleUp'>) => api.POST('/v1/analyses/scale-up', { body }),
    failureDomains: (body: BodyOf<'analyzeFailureDomains'>) => api.POST('/v1/analyses/failure-domains', { body }),
    fitSuggestions: (body: BodyOf<'suggestFits'>) => api.POST('/v1/analyses/fit-suggestions', { body }),
    compareConfigs: (body: BodyOf<'compareSchedulerConfigs'>) => api.POST('/v1/analyses/compare-configs', { body }),
    simulate: (body: BodyOf<'simulate'>) => api.POST('/v1/simulations', { body }),
    plan: (body: BodyOf<'createPlan'>) => api.POST('/v1/topologies/{id}/plans', { params: { path: { id: topologyId } }, body }),
  };
  /** Refused input, sent as it is: the typed client would not let most of it be written. */
  const postRaw = (path: string, body: object) => testApp.http().post(path).send(body);

  describe('capacity', () => {
    it('fits 3 more zone-exclusive replicas, one per zone, and stops on the anti-affinity rule', async () => {
      const { data: body, response } = await call.capacity({ topologyId, workloads: [webAcrossZones()], maxReplicas: 10 });
      expect(response.status).toBe(200);
      const [web] = body!.workloads;
      expect(web).toMatchObject({
        workload: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' },
        additionalReplicas: 3,
        limitedBy: ANTI_AFFINITY_FULL,
        reachedMaxReplicas: false,
        byZone: { a: 1, b: 1, c: 1 },
      });
      // The placed replicas' own anti-affinity keeps a fourth out of every zone, so dropping the new pod's term alone cannot help.
      expect(web.suggestions).toEqual([]);
    });

    it('fits 48 unconstrained 500m replicas (8 per 4-CPU node), and says a node in any zone makes room', async () => {
      const { data: body, response } = await call.capacity({ cluster: { objects: threeZones() }, workloads: [batch(1)], maxReplicas: 100 });
      expect(response.status).toBe(200);
      const [result] = body!.workloads;
      expect(result.additionalReplicas).toBe(48);
      expect(result.limitedBy).toBe(`0/6 nodes are available: 6 Insufficient cpu.${NO_VICTIMS}`);
      expect(Object.values(result.byNode)).toEqual([8, 8, 8, 8, 8, 8]);
      expect(result.suggestions.map((suggestion: any) => suggestion.change)).toEqual([
        { kind: 'addNode', zone: 'a', like: 'a1' },
        { kind: 'addNode', zone: 'b', like: 'b1' },
        { kind: 'addNode', zone: 'c', like: 'c1' },
      ]);
      expect(result.suggestions[0]).toMatchObject({ feasibleNodes: 1, node: 'suggested-1' });
    });

    it('says how many of the replicas a Deployment asks for fit: 48 of 60, and warns when maxReplicas is below what it asks', async () => {
      const { data: body, response } = await call.capacity({ cluster: { objects: threeZones() }, workloads: [batch(60)], maxReplicas: 100 });
      expect(response.status).toBe(200);
      expect(body!.workloads[0]).toMatchObject({ additionalReplicas: 48, requestedReplicas: 60, requestedReplicasFit: 48 });
      const { data: capped } = await call.capacity({ cluster: { objects: threeZones() }, workloads: [batch(60)], maxReplicas: 10 });
      expect(capped!.workloads[0]).toMatchObject({ additionalReplicas: 10, reachedMaxReplicas: true, requestedReplicas: 60, requestedReplicasFit: 10 });
      expect(capped!.warnings).toContainEqual({ path: 'workloads[0]', message: 'Deployment default/batch asks for 60 replicas but maxReplicas is 10: replicas were counted up to 10' });
    });

    it('stops at maxReplicas without a limiting message', async () => {
      const { data: body, response } = await call.capacity({ topologyId, workloads: [batch(1)], maxReplicas: 5 });
      expect(body!.workloads[0]).toMatchObject({ additionalReplicas: 5, limitedBy: null, reachedMaxReplicas: true });
    });

    it('joint mode fills workloads in order on one cluster: 3 web replicas leave room for 45 batch ones', async () => {
      const { data: body, response } = await call.capacity({ topologyId, workloads: [webAcrossZones(), batch(1)], mode: 'joint', maxReplicas: 100 });
      expect(body!.workloads.map((entry: any) => entry.additionalReplicas)).toEqual([3, 45]);
    });

    it('answers on the edited cluster when given a scenario, reporting both summaries', async () => {
      const { data: body, response } = await call.capacity({
        topologyId,
        workloads: [webAcrossZones()],
        scenario: [{ op: 'addNodes', template: nodeTemplate('4'), count: 2, namePrefix: 'extra', zones: ['d', 'e'] }],
      });
      expect(response.status).toBe(200);
      expect(body!.workloads[0].additionalReplicas).toBe(5);
      expect(body!.scenario).toMatchObject({ original: { nodes: 6, zones: ['a', 'b', 'c'] }, edited: { nodes: 8, zones: ['a', 'b', 'c', 'd', 'e'] } });
    });

    it('refuses a bad maxReplicas with a path', async () => {
      const refused = await postRaw('/v1/analyses/capacity', { topologyId, workloads: [batch(1)], maxReplicas: 0 });
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(refused.body.errors).toEqual([{ path: 'maxReplicas', message: expect.any(String) }]);
    });
  });

  describe('scale-up', () => {
    it('knows no number of nodes in zones a-c can host 5 zone-exclusive replicas, and says why', async () => {
      const { data: body, response } = await call.scaleUp({
        topologyId,
        workloads: [webAcrossZones()],
        nodeGroups: [{ name: 'general', template: nodeTemplate('4'), zones: ['a', 'b', 'c'] }],
      });
      expect(response.status).toBe(200);
      // One more node in each of a, b and c (9 in all) still leaves no zone without a web replica.
      expect(infeasible(body).reason).toMatch(
        /^no node from the given groups lets another replica be placed \(after adding 0\); 2 of 5 replicas stay unplaceable\. With one more node of every group in every allowed zone, default\/web-\S+: 0\/9 nodes are available: 9 node\(s\) didn't match pod anti-affinity rules\./,
      );
    });

    it('adds one node in each of two new zones, and returns the plan that places all 5', async () => {
      const { data: body, response } = await call.scaleUp({
        topologyId,
        workloads: [webAcrossZones()],
        nodeGroups: [{ name: 'general', template: nodeTemplate('4'), zones: ['a', 'b', 'c', 'd', 'e'] }],
      });
      expect(body!).toMatchObject({
        feasible: true,
        added: [
          { nodeGroup: 'general', zone: 'd', count: 1, nodes: ['general-1'] },
          { nodeGroup: 'general', zone: 'e', count: 1, nodes: ['general-2'] },
        ],
        totalNodes: 2,
        totalPrice: null,
      });
      expect(feasible(body).plan.summary).toEqual({ replicas: 5, scheduled: 5, unschedulable: 0 });
    });

    it('picks the cheapest mix when groups have prices: a 2-CPU node for the 4 replicas that do not fit', async () => {
      const { data: body, response } = await call.scaleUp({
        topologyId,
        workloads: [batch(52)],
        nodeGroups: [
          { name: 'large', template: nodeTemplate('8'), zones: ['a'], price: 0.3 },
          { name: 'small', template: nodeTemplate('2'), zones: ['a'], price: 0.1 },
        ],
      });
      expect(body!).toMatchObject({ feasible: true, added: [{ nodeGroup: 'small', zone: 'a', count: 1 }], totalNodes: 1, totalPrice: 0.1 });
      expect(feasible(body).plan.summary.scheduled).toBe(52);
    });

    it('names the rule when no template can take a replica: a GPU pool whose taint the pods do not tolerate', async () => {
      const gpuTemplate = { ...nodeTemplate('4'), spec: { taints: [{ key: 'gpu', value: 'true', effect: 'NoSchedule' }] } };
      const { data: body, response } = await call.scaleUp({
        topologyId,
        workloads: [batch(50)],
        nodeGroups: [{ name: 'gpu', template: gpuTemplate, zones: ['a'] }],
      });
            expect(infeasible(body).reason).toMatch(/^no node from the given groups lets another replica be placed \(after adding 0\); 2 of 50 replicas stay unplaceable\. With one more node of every group in every allowed zone, default\/batch-\S+: 0\/7 nodes are available: 1 node\(s\) had untolerated taint\(s\), 6 Insufficient cpu\./);
    });

    it('respects maxCount and reports it as the reason', async () => {
      const { data: body, response } = await call.scaleUp({
        topologyId,
        workloads: [batch(60)],
        nodeGroups: [{ name: 'small', template: nodeTemplate('2'), zones: ['a'], maxCount: 1 }],
      });
            expect(infeasible(body).reason).toMatch(/^the node groups reached their maxCount \(1 nodes added\); 8 of 60 replicas stay unplaceable/);
    });

    it('refuses a template that is not a valid Node with its path', async () => {
      const refused = await postRaw('/v1/analyses/scale-up', {
        topologyId,
        workloads: [batch(1)],
        nodeGroups: [{ name: 'bad', template: { status: { capacity: { cpu: 'lots' } } } }],
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].path).toMatch(/^nodeGroups\[0\]\.template\.status\.capacity/);
    });
  });

  describe('failure domains', () => {
    it('zone-exclusive replicas lose one per zone and cannot come back; spread replicas always recover', async () => {
      const { data: body, response } = await call.failureDomains({ topologyId, workloads: [webAcrossZones(), deployment('api', 3)] });
      expect(response.status).toBe(200);
      expect(body!.topologyKey).toBe('topology.kubernetes.io/zone');
      const zoneB = body!.domains.find((domain: any) => domain.domain === 'b')!;
      expect(zoneB.nodes).toBe(2);
      expect(zoneB.workloads[0]).toMatchObject({ lost: 1, rescheduled: 0, unplaceable: 1 });
      expect(zoneB.workloads[0].messages[0]).toMatch(/^0\/4 nodes are available: .*anti-affinity/);
      expect(zoneB.workloads[1].unplaceable).toBe(0);
      expect(body!.verdicts).toEqual([
        expect.objectContaining({ workload: expect.objectContaining({ name: 'web' }), fullyRecovers: false, worstDomain: 'a' }),
        expect.objectContaining({ workload: expect.objectContaining({ name: 'api' }), fullyRecovers: true }),
      ]);
    });

    it('without workloads studies every workload running in the cluster, per host', async () => {
      const objects = [
        ...threeZones(),
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo', namespace: 'default' }, spec: { nodeName: 'a1', containers: [{ name: 'c', image: 'c' }] } },
      ];
      const { data: body, response } = await call.failureDomains({ cluster: { objects }, topologyKey: 'kubernetes.io/hostname' });
      expect(body!.domains).toHaveLength(6);
      const a1 = body!.domains.find((domain: any) => domain.domain === 'a1')!;
      expect(a1.workloads).toEqual([
        { workload: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'solo' }, lost: 1, rescheduled: 1, unplaceable: 0, messages: [] },
      ]);
      expect(body!.verdicts[0]).toMatchObject({ fullyRecovers: true, worstDomain: 'a1' });
    });
  });

  describe('scenarios in simulations and plans', () => {
    it('plans on the edited copy: losing zone b leaves 2 of the web replicas placed', async () => {
      const { data: body, response } = await call.simulate({
        topologyId,
        workloads: [webAcrossZones()],
        scenario: [{ op: 'removeNodes', selector: 'topology.kubernetes.io/zone=b' }],
      });
      expect(response.status).toBe(200);
      expect(body!.summary).toEqual({ replicas: 5, scheduled: 2, unschedulable: 3 });
      expect(body!.scenario).toMatchObject({ original: { nodes: 6 }, edited: { nodes: 4, zones: ['a', 'c'] } });
      const topology = await api.GET('/v1/topologies/{id}', { params: { path: { id: topologyId } } });
      expect(topology.data!.summary.nodes).toBe(6);
    });

    it('refuses an edit naming a node that does not exist, with the path of the name', async () => {
      const refused = await postRaw('/v1/simulations', { topologyId, workloads: [batch(1)], scenario: [{ op: 'cordon', names: ['a1', 'z9'] }] });
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([{ path: 'scenario[0].names[1]', message: 'node "z9" is not in the cluster' }]);
    });

    it('diffs a plan with its cordoned twin: replicas on zone a move, none is lost', async () => {
      const first = await call.plan({ workloads: [deployment('api', 3)] });
      const second = await call.plan({
        workloads: [deployment('api', 3)],
        scenario: [{ op: 'cordon', selector: 'topology.kubernetes.io/zone=a' }],
      });
      expect(second.response.status).toBe(201);
      const diff = await api.GET('/v1/plans/{first}/diff/{second}', { params: { path: { first: first.data!.id, second: second.data!.id } } });
      expect(diff.response.status).toBe(200);
      const movedFromA = first.data!.placements.filter((placement) => placement.zone === 'a').length;
      expect(movedFromA).toBeGreaterThan(0);
      expect(diff.data!.moved.filter((move) => move.fromZone === 'a')).toHaveLength(movedFromA);
      expect(diff.data!.moved.every((move) => move.toZone !== 'a')).toBe(true);
      expect(diff.data).toMatchObject({ newlyPlaced: [], newlyUnplaceable: [], onlyInFirst: 0, onlyInSecond: 0 });
    });
  });

  describe('what would make it fit', () => {
    it('offers, for each replica the cluster cannot take, only the single changes the scheduler confirms', async () => {
      const tainted = threeZones().map((node) => ({ ...node, spec: { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] } }));
      const { data: body, response } = await call.fitSuggestions({ cluster: { objects: tainted }, workloads: [deployment('api', 1)] });
      expect(response.status).toBe(200);
      expect(body!.summary).toEqual({ replicas: 1, scheduled: 0, unschedulable: 1 });
      const [replica] = body!.unplaceable;
      expect(replica.message).toMatch(/^0\/6 nodes are available: 6 node\(s\) had untolerated taint\(s\)\./);
      // A node like the existing ones carries the same taint, so only tolerating it helps.
      expect(replica.suggestions).toEqual([
        { change: { kind: 'tolerateTaint', taint: { key: 'dedicated', value: 'db', effect: 'NoSchedule' } }, feasibleNodes: 6, node: expect.any(String) },
      ]);
    });
  });

  describe('what would make it fit, with node groups', () => {
    it('suggests a node of each group in each of its zones instead of copies of existing nodes', async () => {
      const { data: body, response } = await call.fitSuggestions({
        cluster: { objects: threeZones() },
        workloads: [batch(49)],
        nodeGroups: [{ name: 'big', template: nodeTemplate('8'), zones: ['a', 'd'] }],
      });
      expect(response.status).toBe(200);
      expect(body!.unplaceable).toHaveLength(1);
      expect(body!.unplaceable[0].suggestions).toEqual([
        { change: { kind: 'addNode', zone: 'a', nodeGroup: 'big' }, feasibleNodes: 1, node: 'big-1' },
        { change: { kind: 'addNode', zone: 'd', nodeGroup: 'big' }, feasibleNodes: 1, node: 'big-1' },
      ]);
    });
  });

  describe('failure domains of everything in the cluster', () => {
    it('with study "all", the submitted workloads are placed and then every workload is studied', async () => {
      const objects = [
        ...threeZones(),
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo', namespace: 'default' }, spec: { nodeName: 'b1', containers: [{ name: 'c', image: 'c' }] } },
      ];
      const { data: body, response } = await call.failureDomains({ cluster: { objects }, workloads: [webAcrossZones()], study: 'all' });
      expect(response.status).toBe(200);
      expect(body!.verdicts.map((verdict: any) => [verdict.workload.kind, verdict.workload.name, verdict.fullyRecovers])).toEqual([
        ['Deployment', 'web', false],
        ['Pod', 'solo', true],
      ]);
    });
  });

  describe('stored analyses', () => {
    it('keeps an analysis run on a saved topology beside its plans, and nothing for an inline cluster', async () => {
      const { data: run } = await call.failureDomains({ topologyId, workloads: [webAcrossZones()] });
      expect(run).toMatchObject({ id: expect.any(String), kind: 'failure-domains', topologyId, revision: 1, createdAt: expect.any(String) });
      const stored = await api.GET('/v1/analyses/{id}', { params: { path: { id: run!.id! } } });
      expect(stored.response.status).toBe(200);
      expect(stored.data).toEqual({ ...run, request: { workloads: [webAcrossZones()], topologyKey: 'topology.kubernetes.io/zone', study: 'workloads' } });
      const listed = await api.GET('/v1/topologies/{id}/analyses', { params: { path: { id: topologyId }, query: { limit: 500 } } });
      expect(listed.data!.items).toContainEqual({ id: run!.id, kind: 'failure-domains', topologyId, revision: 1, createdAt: run!.createdAt });
      const inline = await call.capacity({ cluster: { objects: threeZones() }, workloads: [batch(1)], maxReplicas: 1 });
      expect(inline.data!.id).toBeUndefined();
    });

    it('answers 404 for an analysis that does not exist', async () => {
      const { response } = await api.GET('/v1/analyses/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
    });
  });

  describe('scheduler configuration comparison', () => {
    it('a MostAllocated bin-packing profile puts 6 replicas on one node where the default spreads them over all 6', async () => {
      // Bin-packing as the scheduler docs configure it: MostAllocated, without the spreading scores that would outvote it.
      const binPacking = {
        apiVersion: 'kubescheduler.config.k8s.io/v1',
        kind: 'KubeSchedulerConfiguration',
        profiles: [
          {
            plugins: { score: { disabled: [{ name: 'PodTopologySpread' }, { name: 'NodeResourcesBalancedAllocation' }] } },
            pluginConfig: [{ name: 'NodeResourcesFit', args: { scoringStrategy: { type: 'MostAllocated' } } }],
          },
        ],
      };
      const { data: body, response } = await call.compareConfigs({
        topologyId,
        workloads: [batch(6)],
        configs: [{ name: 'default' }, { name: 'bin-packing', schedulerConfig: binPacking }],
      });
      expect(response.status).toBe(200);
      const [least, most] = body!.configs;
      expect(least.summary.scheduled).toBe(6);
      expect(most.summary.scheduled).toBe(6);
      expect(least.utilisation.nodesInUse).toBe(6);
      expect(least.utilisation.cpu).toEqual({ mean: 0.125, min: 0.125, max: 0.125, stddev: 0 });
      expect(most.utilisation.nodesInUse).toBe(1);
      expect(most.utilisation.nodes).toEqual([{ node: 'a1', cpu: 0.75, memory: 0.0938, pods: 6 }]);
      expect(most.utilisation.cpu.max).toBe(0.75);
      expect(most.utilisation.cpu.stddev).toBeGreaterThan(0.25);
      expect(least.diffFromFirst).toBeUndefined();
      expect(most.diffFromFirst!.moved).toHaveLength(5);
    });
  });
});
