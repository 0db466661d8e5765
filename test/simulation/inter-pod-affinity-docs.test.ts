/**
 * The inter-pod affinity examples of the Kubernetes documentation
 * (concepts/scheduling-eviction/assign-pod-node: pod-with-pod-affinity.yaml,
 * the redis-cache / web-server Deployments) and the frontend/backend
 * patterns they describe, run end to end through the engine (workload
 * expansion → default profile → placements), with node-level and zone-level
 * variants. Expected placements are worked out by hand from upstream rules.
 */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { emptyClusterObjects, type ClusterObjects } from '../../src/kube/cluster-objects.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { executeSimulation, prepareSimulation } from '../../src/simulation/run-simulation.js';
import type { SimulationResult } from '../../src/simulation/simulation-result.js';
import { makeNode, makePod } from '../support/builders.js';
import { podWithPodAffinity, redisCache, webServer } from '../support/docs-examples.js';

function zonedNodes(zones: string[], perZone: number) {
  return zones.flatMap((zone) =>
    Array.from({ length: perZone }, (_, index) =>
      makeNode(`${zone}${index + 1}`)
        .labels({ 'kubernetes.io/hostname': `${zone}${index + 1}`, 'topology.kubernetes.io/zone': zone })
        .capacity({ cpu: '4', memory: '16Gi', pods: '110' })
        .obj(),
    ),
  );
}

function simulate(objects: Partial<ClusterObjects>, workloads: unknown[], explain: 'summary' | 'full' = 'summary'): SimulationResult {
  const clusterObjects = { ...emptyClusterObjects(), ...objects };
  const prepared = prepareSimulation(ClusterState.fromObjects(clusterObjects), workloads, undefined, clusterObjects);
  return executeSimulation(prepared, { explain, mode: 'exhaustive' }).result;
}

const placedOn = (result: SimulationResult, workload: string) =>
  result.placements.filter((placement) => placement.workload.name === workload).map((placement) => placement.node);

describe('docs: pod-with-pod-affinity.yaml', () => {
  const nodes = zonedNodes(['a', 'b', 'c'], 2);
  const pods = [
    makePod('s1-in-a').labels({ security: 'S1' }).node('a1').req({ cpu: '100m' }).obj(),
    makePod('s1-in-b').labels({ security: 'S1' }).node('b1').req({ cpu: '100m' }).obj(),
    makePod('s2-in-a').labels({ security: 'S2' }).node('a2').req({ cpu: '100m' }).obj(),
  ];

  it('lands in a zone with a security=S1 pod, avoiding the zone with security=S2', () => {
    const result = simulate({ nodes, pods }, [parse(podWithPodAffinity)], 'full');
    const [placement] = result.placements;
    expect(placement.zone).toBe('b');
    // b2 wins over b1 on NodeResourcesFit/BalancedAllocation: b1 already runs the S1 pod.
    expect(placement.node).toBe('b2');
    const zoneC = placement.nodes!.filter((node) => node.node.startsWith('c'));
    expect(zoneC.map((node) => node.filters)).toEqual([
      [{ plugin: 'InterPodAffinity', reason: "node(s) didn't match pod affinity rules", code: 'UnschedulableAndUnresolvable', details: expect.anything() }],
      [{ plugin: 'InterPodAffinity', reason: "node(s) didn't match pod affinity rules", code: 'UnschedulableAndUnresolvable', details: expect.anything() }],
    ]);
    const zoneA = placement.nodes!.find((node) => node.node === 'a1')!;
    const zoneB = placement.nodes!.find((node) => node.node === 'b2')!;
    expect(zoneA.scores!.InterPodAffinity.normalized).toBe(0);
    expect(zoneB.scores!.InterPodAffinity.normalized).toBe(100);
  });

  it('is unplaceable when no pod carries security=S1, with upstream\'s message', () => {
    const result = simulate({ nodes, pods: [pods[2]] }, [parse(podWithPodAffinity)]);
    expect(result.placements[0].node).toBeNull();
    expect(result.placements[0].message).toBe("0/6 nodes are available: 6 node(s) didn't match pod affinity rules. no new claims to deallocate, preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.");
  });
});

describe('docs: redis-cache and web-server Deployments on a three-node cluster', () => {
  const nodes = zonedNodes(['a'], 3);

  it('spreads the caches one per node and co-locates one web server with each', () => {
    const result = simulate({ nodes }, [parse(redisCache), parse(webServer(3))]);
    const caches = placedOn(result, 'redis-cache');
    const webs = placedOn(result, 'web-server');
    expect(new Set(caches)).toEqual(new Set(['a1', 'a2', 'a3']));
    expect(new Set(webs)).toEqual(new Set(['a1', 'a2', 'a3']));
    expect(result.summary).toEqual({ replicas: 6, scheduled: 6, unschedulable: 0 });
  });

  it('leaves a fourth web server unplaceable: its own anti-affinity rejects every node', () => {
    const result = simulate({ nodes }, [parse(redisCache), parse(webServer(4))]);
    const fourth = result.placements.filter((placement) => placement.workload.name === 'web-server')[3];
    expect(fourth.node).toBeNull();
    expect(fourth.message).toBe("0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules. no new claims to deallocate, preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.");
  });

  it('repels a new app=store pod through the existing caches\' anti-affinity (the symmetric rule)', () => {
    const stray = makePod('stray-store').labels({ app: 'store' }).container().obj();
    const result = simulate({ nodes }, [parse(redisCache), stray]);
    const last = result.placements.at(-1)!;
    expect(last.node).toBeNull();
    expect(last.message).toBe("0/3 nodes are available: 3 node(s) didn't satisfy existing pods anti-affinity rules. no new claims to deallocate, preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.");
  });

  it('places the web servers nowhere when no cache runs yet', () => {
    const result = simulate({ nodes }, [parse(webServer(1))]);
    expect(result.placements[0].message).toBe("0/3 nodes are available: 3 node(s) didn't match pod affinity rules. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.");
  });
});

describe('frontend and backend patterns', () => {
  const deployment = (name: string, replicas: number, labels: Record<string, string>, affinity: object) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { affinity, containers: [{ name, image: `${name}:1`, resources: { requests: { cpu: '100m', memory: '128Mi' } } }] },
      },
    },
  });
  const hostname = 'kubernetes.io/hostname';
  const zone = 'topology.kubernetes.io/zone';
  const requiredTerm = (topologyKey: string, app: string) => ({ topologyKey, labelSelector: { matchLabels: { app } } });

  it('required affinity frontend → backend on hostname: every frontend joins a backend node', () => {
    const nodes = zonedNodes(['a', 'b'], 2);
    const backend = deployment('backend', 2, { app: 'backend' }, { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [requiredTerm(hostname, 'backend')] } });
    const frontend = deployment('frontend', 4, { app: 'frontend' }, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [requiredTerm(hostname, 'backend')] } });
    const result = simulate({ nodes }, [backend, frontend]);
    const backendNodes = new Set(placedOn(result, 'backend'));
    expect(backendNodes.size).toBe(2);
    for (const node of placedOn(result, 'frontend')) expect(backendNodes.has(node!)).toBe(true);
  });

  it('required anti-affinity spreads frontends across nodes, then across zones at zone level', () => {
    const nodes = zonedNodes(['a', 'b', 'c'], 2);
    const perNode = deployment('frontend', 6, { app: 'frontend' }, { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [requiredTerm(hostname, 'frontend')] } });
    expect(new Set(placedOn(simulate({ nodes }, [perNode]), 'frontend')).size).toBe(6);

    const perZone = deployment('frontend', 5, { app: 'frontend' }, { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [requiredTerm(zone, 'frontend')] } });
    const result = simulate({ nodes }, [perZone]);
    expect(new Set(result.placements.filter((placement) => placement.node).map((placement) => placement.zone))).toEqual(new Set(['a', 'b', 'c']));
    expect(result.summary).toEqual({ replicas: 5, scheduled: 3, unschedulable: 2 });
    expect(result.placements[3].message).toBe("0/6 nodes are available: 6 node(s) didn't match pod anti-affinity rules. no new claims to deallocate, preemption: 0/6 nodes are available: 6 No preemption victims found for incoming pod.");
  });

  it('preferred affinity of weight 1 pulls a frontend next to its backend', () => {
    const nodes = zonedNodes(['a'], 3);
    const backendPod = makePod('backend-0').labels({ app: 'backend' }).node('a2').req({ cpu: '100m', memory: '128Mi' }).obj();
    const frontend = deployment('frontend', 1, { app: 'frontend' }, {
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: requiredTerm(hostname, 'backend') }] },
    });
    const result = simulate({ nodes, pods: [backendPod] }, [frontend]);
    expect(result.placements[0].node).toBe('a2');
    expect(result.placements[0].candidates![0].scores.InterPodAffinity).toEqual({ raw: 1, normalized: 100, weighted: 200 });
  });

  it('self-affinity: the first replica may land anywhere, the rest follow it into its zone', () => {
    const nodes = zonedNodes(['a', 'b', 'c'], 2);
    const together = deployment('together', 4, { app: 'together' }, { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [requiredTerm(zone, 'together')] } });
    const result = simulate({ nodes }, [together]);
    expect(result.summary.scheduled).toBe(4);
    expect(new Set(result.placements.map((placement) => placement.zone)).size).toBe(1);
  });
});
