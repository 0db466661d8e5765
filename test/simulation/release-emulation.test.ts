/**
 * The same cluster and workload planned as each supported release: what
 * the release table says differs does differ, end to end (workload
 * expansion → profile → FailedScheduling text), and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { emptyClusterObjects, type ClusterObjects } from '../../src/kube/cluster-objects.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import type { EmulationRequest } from '../../src/scheduling/release/emulation.js';
import { executeSimulation, prepareSimulation } from '../../src/simulation/run-simulation.js';
import { makeNode } from '../support/builders.js';

const nodes = [
  makeNode('tainted').labels({ 'topology.kubernetes.io/zone': 'a' }).capacity({ cpu: '4', memory: '8Gi', pods: '110' }).taint('dedicated', 'gpu', 'NoSchedule').obj(),
  makeNode('small').labels({ 'topology.kubernetes.io/zone': 'b' }).capacity({ cpu: '1', memory: '8Gi', pods: '110' }).obj(),
];

const deployment = (spec: Record<string, unknown>) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec } },
});
const bigPod = deployment({ containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '2' } } }] });

function plan(workloads: unknown[], release: EmulationRequest, objects: Partial<ClusterObjects> = {}) {
  const clusterObjects = { ...emptyClusterObjects(), nodes, ...objects };
  const prepared = prepareSimulation(ClusterState.fromObjects(clusterObjects), workloads, undefined, clusterObjects, [], undefined, release);
  return { prepared, result: executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' }).result };
}

// 2 CPUs fit neither node: the 1-CPU node's shortfall is unresolvable (InsufficientResource.Unresolvable, v1.33+ and v1.32 alike here).
describe('one unplaceable replica in each release', () => {
  it.each([
    ['v1.32', '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.'],
    ['v1.33', '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {dedicated: gpu}. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.'],
    // PR 134740 (and its 1.34 cherry-pick) hides the taint; DynamicResources (on from 1.34) answers first in PostFilter.
    ['v1.34', '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.'],
    ['v1.35', '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.'],
  ])('%s says it in its own words and names itself', (kubernetesVersion, message) => {
    const { result } = plan([bigPod], { kubernetesVersion });
    expect(result.kubernetesVersion).toBe(kubernetesVersion);
    expect(result.placements[0].message).toBe(message);
  });

  it('plans as the cluster\'s own release when the request names none', () => {
    const { result } = plan([bigPod], {}, { clusterVersion: { gitVersion: 'v1.33.4+k3s1', source: 'serverVersion' } });
    expect(result.kubernetesVersion).toBe('v1.33');
    expect(result.warnings).toEqual([]);
  });

  it('plans an unsupported cluster release as the nearest supported one, and says so', () => {
    const { result } = plan([bigPod], {}, { clusterVersion: { gitVersion: 'v1.29.11', source: 'kubeletVersion' } });
    expect(result.kubernetesVersion).toBe('v1.32');
    expect(result.warnings).toContainEqual({
      path: 'kubernetesVersion',
      message: 'the cluster runs v1.29.11, which podplan does not emulate; planned as v1.32, the nearest supported release (set kubernetesVersion to choose)',
    });
  });
});

describe('gates that change what the API server stores for a created pod', () => {
  const podLevel = deployment({ resources: { requests: { cpu: '3' } }, containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '100m' } } }] });

  it('PodLevelResources off (v1.33): spec.resources is dropped, so the containers\' requests count', () => {
    const { prepared } = plan([podLevel], { kubernetesVersion: 'v1.33' });
    expect(prepared.workloads[0].pods[0].spec?.resources).toBeUndefined();
  });

  it('PodLevelResources on (v1.34): the pod-level request counts and fits no node', () => {
    const { prepared, result } = plan([podLevel], { kubernetesVersion: 'v1.34' });
    expect(prepared.workloads[0].pods[0].spec?.resources).toEqual({ requests: { cpu: '3' } });
    expect(result.placements[0].node).toBeNull();
  });

  it('PodLevelResources turned on in v1.33 by the request keeps spec.resources', () => {
    const { prepared } = plan([podLevel], { kubernetesVersion: 'v1.33', featureGates: { PodLevelResources: true } });
    expect(prepared.workloads[0].pods[0].spec?.resources).toEqual({ requests: { cpu: '3' } });
  });

  it('MatchLabelKeysInPodAffinity off (v1.32): matchLabelKeys are dropped, not merged', () => {
    const affinity = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, matchLabelKeys: ['app'] }],
      },
    };
    const workload = deployment({ affinity, containers: [{ name: 'web', image: 'nginx' }] });
    const off = plan([workload], { kubernetesVersion: 'v1.32', featureGates: { MatchLabelKeysInPodAffinity: false } }).prepared.workloads[0].pods[0];
    expect(off.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.[0]).toEqual({ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] } });
    const on = plan([workload], { kubernetesVersion: 'v1.32' }).prepared.workloads[0].pods[0];
    expect(on.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.[0].labelSelector?.matchExpressions).toEqual([
      { key: 'tier', operator: 'DoesNotExist' },
      { key: 'app', operator: 'In', values: ['web'] },
    ]);
  });

  it('refuses a locked gate with the request\'s path', () => {
    expect(() => plan([bigPod], { kubernetesVersion: 'v1.33', featureGates: { SidecarContainers: false } })).toThrow(
      'featureGates.SidecarContainers: cannot set feature gate SidecarContainers to false, feature is locked to true in v1.33',
    );
  });
});

// Pods already in the cluster: the scheduler reads their pod-level requests only where PodLevelResources is on
// (framework PodInfo.CalculateResource: SkipPodLevelResources = !enabled), whatever the API server once stored.
describe('pod-level resources of pods already in the cluster, per release', () => {
  const running = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'running', namespace: 'default' },
    spec: {
      nodeName: 'small',
      resources: { requests: { cpu: '900m' } },
      containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '100m' } } }],
    },
    status: { phase: 'Running' },
  };
  // 500m fits beside the running pod's 100m of containers, not beside its 900m pod-level request.
  const halfCore = deployment({
    tolerations: [],
    nodeSelector: { 'topology.kubernetes.io/zone': 'b' },
    containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '500m' } } }],
  });
  it.each([
    ['v1.32', {}, 'small'],
    ['v1.33', {}, 'small'],
    ['v1.33', { PodLevelResources: true }, null],
    ['v1.34', {}, null],
    ['v1.35', {}, null],
    ['v1.35', { PodLevelResources: false }, 'small'],
  ] as const)('%s %o', (kubernetesVersion, featureGates, node) => {
    const { result } = plan([halfCore], { kubernetesVersion, featureGates }, { pods: [running as never] });
    expect(result.placements[0].node).toBe(node);
  });

  it('the indexed cluster state is left as the newest release counts it', () => {
    const clusterObjects = { ...emptyClusterObjects(), nodes, pods: [running as never] };
    const cluster = ClusterState.fromObjects(clusterObjects);
    prepareSimulation(cluster, [halfCore], undefined, clusterObjects, [], undefined, { kubernetesVersion: 'v1.33' });
    expect(cluster.node('small')!.requested.cpu).toBe(900);
  });
});
