/**
 * Metamorphic properties of the analyses on random small clusters and
 * workloads (seeded): capacity's N places N replicas and N+1 does not; a
 * scale-up answer, applied as a scenario, places every replica; a domain's
 * lost replicas are each either rescheduled or unplaceable; every
 * suggestion, applied, lets the pod be scheduled.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCapacity } from '../../src/what-if/capacity.js';
import { withReplicas } from '../../src/what-if/capacity-workloads.js';
import { analyzeFailureDomains } from '../../src/what-if/failure-domains.js';
import { searchScaleUp } from '../../src/what-if/scale-up.js';
import { addNodeWithDaemonSetsOf } from '../../src/what-if/daemon-set-overhead.js';
import { emptyClusterObjects } from '../../src/kube/cluster-objects.js';
import type { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { Planner } from '../../src/scheduling/planner/planner.js';
import { executeSimulation, prepareSimulation } from '../../src/simulation/run-simulation.js';
import { compileNodeTemplate } from '../../src/simulation/scenario/node-template.js';
import { clusterOf, makeNode } from '../support/builders.js';

const ZONE = 'topology.kubernetes.io/zone';
const HOST = 'kubernetes.io/hostname';
const RUNS = { numRuns: 25, seed: 20261127 };

const clusterArbitrary = fc.array(fc.record({ cpu: fc.constantFrom('1', '2', '4'), zone: fc.constantFrom('a', 'b', 'c') }), { minLength: 1, maxLength: 5 });
const workloadArbitrary = fc.record({
  replicas: fc.integer({ min: 1, max: 10 }),
  cpu: fc.constantFrom('300m', '500m', '900m'),
  antiAffinity: fc.constantFrom(undefined, HOST, ZONE),
  spread: fc.boolean(),
});

type ClusterSpec = typeof clusterArbitrary extends fc.Arbitrary<infer T> ? T : never;
type WorkloadSpec = typeof workloadArbitrary extends fc.Arbitrary<infer T> ? T : never;

function clusterFrom(spec: ClusterSpec): ClusterState {
  return clusterOf(spec.map((node, index) => makeNode(`n${index}`).labels({ [HOST]: `n${index}`, [ZONE]: node.zone }).capacity({ cpu: node.cpu, memory: '8Gi', pods: '20' }).obj()));
}

function deploymentFrom(spec: WorkloadSpec) {
  const labels = { app: 'w' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'w', namespace: 'default' },
    spec: {
      replicas: spec.replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: 'c', image: 'c', resources: { requests: { cpu: spec.cpu } } }],
          ...(spec.antiAffinity
            ? { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: spec.antiAffinity, labelSelector: { matchLabels: labels } }] } } }
            : {}),
          ...(spec.spread ? { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: ZONE, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: labels } }] } : {}),
        },
      },
    },
  };
}

const prepare = (cluster: ClusterState, workloads: unknown[], scenario?: unknown[]) =>
  prepareSimulation(cluster, workloads, undefined, emptyClusterObjects(), [], scenario);

describe('analyses properties', () => {
  it('capacity N: N replicas all place, and replica N+1 does not', () => {
    fc.assert(
      fc.property(clusterArbitrary, workloadArbitrary, (clusterSpec, workloadSpec) => {
        const cluster = clusterFrom(clusterSpec);
        const maxReplicas = 30;
        const prepared = prepare(cluster, [withReplicas(deploymentFrom(workloadSpec), maxReplicas)]);
        const [result] = computeCapacity(new Planner(prepared.profile), prepared.cluster, prepared.workloads, 'each', maxReplicas);
        const n = result.additionalReplicas;
        const exact = executeSimulation(prepare(cluster, [withReplicas(deploymentFrom(workloadSpec), Math.max(n, 1))]), { explain: 'summary', mode: 'exhaustive' });
        if (n > 0) expect(exact.result.summary.scheduled).toBe(n);
        if (result.reachedMaxReplicas) return;
        const oneMore = executeSimulation(prepare(cluster, [withReplicas(deploymentFrom(workloadSpec), n + 1)]), { explain: 'summary', mode: 'exhaustive' });
        expect(oneMore.result.placements.map((placement) => placement.node !== null)).toEqual([...Array(n).fill(true), false]);
        expect(oneMore.result.placements[n].message).toBe(result.limitedBy);
      }),
      RUNS,
    );
  });

  it('a scale-up answer applied as addNodes edits places every replica', () => {
    const template = { status: { capacity: { cpu: '2', memory: '8Gi', pods: '20' } } };
    fc.assert(
      fc.property(clusterArbitrary, workloadArbitrary, fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { minLength: 1, maxLength: 4 }), (clusterSpec, workloadSpec, zones) => {
        const cluster = clusterFrom(clusterSpec);
        const prepared = prepare(cluster, [deploymentFrom(workloadSpec)]);
        const groups = [{ name: 'extra', template: compileNodeTemplate(template, 't'), zones: [...new Set(zones)] }];
        const pods = prepared.workloads.flatMap((workload) => workload.pods);
        const answer = searchScaleUp(new Planner(prepared.profile), prepared.cluster, pods, groups, addNodeWithDaemonSetsOf(prepared.cluster, prepared.profile.podRequestOptions));
        if (!answer.feasible) {
          expect(answer.reason).toMatch(/replicas stay unplaceable/);
          return;
        }
        const scenario = answer.added.map((addition) => ({ op: 'addNodes', template, count: addition.count, namePrefix: addition.nodeGroup, zones: [addition.zone] }));
        const replayed = executeSimulation(prepare(cluster, [deploymentFrom(workloadSpec)], scenario), { explain: 'summary', mode: 'exhaustive' });
        expect(replayed.result.summary.unschedulable).toBe(0);
      }),
      RUNS,
    );
  });

  it('every lost replica is either rescheduled or unplaceable, and each is lost in exactly one zone', () => {
    fc.assert(
      fc.property(clusterArbitrary, workloadArbitrary, (clusterSpec, workloadSpec) => {
        const prepared = prepare(clusterFrom(clusterSpec), [deploymentFrom(workloadSpec)]);
        const { result, run } = executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' });
        const analysis = analyzeFailureDomains(new Planner(prepared.profile), run.cluster, [prepared.workloads[0].ref], ZONE);
        const impacts = analysis.domains.map((domain) => domain.workloads[0]);
        for (const impact of impacts) expect(impact.rescheduled + impact.unplaceable).toBe(impact.lost);
        expect(impacts.reduce((sum, impact) => sum + impact.lost, 0)).toBe(result.summary.scheduled);
        expect(analysis.verdicts[0].fullyRecovers).toBe(impacts.every((impact) => impact.unplaceable === 0));
      }),
      RUNS,
    );
  });
});
