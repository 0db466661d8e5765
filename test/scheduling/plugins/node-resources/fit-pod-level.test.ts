/**
 * NodeResourcesFit with pod-level resources (spec.resources), per release:
 * the pod-level cases of upstream fit_test.go TestEnoughRequests (run there
 * with podLevelResourcesEnabled), and the same pods where the emulated
 * release reads them differently:
 * - v1.34, v1.35: PodLevelResources beta and on → upstream's expectations;
 * - v1.32, v1.33: alpha and off → the pod-level requests are ignored
 *   (component-helpers PodRequests with SkipPodLevelResources), only the
 *   containers count;
 * - v1.33 with the gate turned on → as v1.34;
 * - v1.32 with the gate turned on → cpu and memory apply, hugepages-* do
 *   not (IsSupportedPodLevelResource before kubernetes PR 130577).
 */
import type { V1Pod, V1ResourceRequirements } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import type { PodRequestOptions } from '../../../../src/scheduling/model/pod-requests.js';
import { nodeResourcesFit } from '../../../../src/scheduling/plugins/node-resources/index.js';
import { podRequestOptionsOf, resolveEmulation } from '../../../../src/scheduling/release/emulation.js';
import { SUPPORTED_RELEASES } from '../../../../src/scheduling/release/kubernetes-release.js';
import { clusterOf } from '../../../support/builders.js';
import { runFilterPlugin } from '../../../support/plugin-harness.js';
import {
  boundTo,
  expectFilterStatus,
  hugePageResourceA,
  resourceNode,
  resourcePod,
  unresolvable,
  unschedulable,
  withInitContainers,
  type ExpectedFilter,
} from './support.js';

const NODE = 'node';
const cpu = 'Insufficient cpu';
const memory = 'Insufficient memory';
const hugepages = `Insufficient ${hugePageResourceA}`;
const short = (resourceName: string, requested: number, used: number, capacity: number) => ({
  resourceName,
  requested,
  used,
  capacity,
  unresolvable: requested > capacity,
});

/** upstream newPodLevelResourcesPod. */
function withPodLevel(pod: V1Pod, resources: V1ResourceRequirements): V1Pod {
  pod.spec!.resources = resources;
  return pod;
}

interface PodLevelCase {
  name: string;
  pod: () => V1Pod;
  /** upstream's node: NewNodeInfo(existing) or an empty NewNodeInfo(). */
  existing?: () => V1Pod;
  /** upstream's expectation (PodLevelResources on, hugepages supported). */
  podLevel: ExpectedFilter | null;
  /** With pod-level requests ignored (gate off). */
  containersOnly: ExpectedFilter | null;
  /** Gate on but hugepages-* not a pod-level resource (v1.32). */
  withoutPodLevelHugePages: ExpectedFilter | null;
}

// upstream fit_test.go TestEnoughRequests, the podLevelResourcesEnabled cases (node: makeResources(10, 20, 32, 5, 20, 5)).
const cases: PodLevelCase[] = [
  {
    name: 'both pod-level and container-level resources fit',
    pod: () => withPodLevel(resourcePod({ milliCPU: 1, memory: 1 }), { requests: { cpu: '1m', memory: '2' } }),
    existing: () => resourcePod({ milliCPU: 5, memory: 5 }),
    podLevel: null,
    containersOnly: null,
    withoutPodLevelHugePages: null,
  },
  {
    name: 'pod-level cpu resource not fit',
    pod: () => withPodLevel(resourcePod({ milliCPU: 1, memory: 1 }), { requests: { cpu: '7m', memory: '2' } }),
    existing: () => resourcePod({ milliCPU: 5, memory: 5 }),
    podLevel: { ...unschedulable(cpu), insufficient: [short('cpu', 7, 5, 10)] },
    containersOnly: null,
    withoutPodLevelHugePages: { ...unschedulable(cpu), insufficient: [short('cpu', 7, 5, 10)] },
  },
  {
    name: 'pod-level memory resource not fit',
    pod: () => withPodLevel(resourcePod({ milliCPU: 1, memory: 1 }), { requests: { cpu: '3m', memory: '2' } }),
    existing: () => resourcePod({ milliCPU: 5, memory: 19 }),
    podLevel: { ...unschedulable(memory), insufficient: [short('memory', 2, 19, 20)] },
    containersOnly: null,
    withoutPodLevelHugePages: { ...unschedulable(memory), insufficient: [short('memory', 2, 19, 20)] },
  },
  {
    name: 'pod-level hugepages resource fit',
    pod: () => withPodLevel(resourcePod(), { requests: { cpu: '3m', memory: '2', [hugePageResourceA]: '5' } }),
    podLevel: null,
    containersOnly: null,
    withoutPodLevelHugePages: null,
  },
  {
    name: 'both pod-level and container-level hugepages resource fit',
    pod: () =>
      withPodLevel(resourcePod({ milliCPU: 1, memory: 1, scalars: { [hugePageResourceA]: 3 } }), {
        requests: { cpu: '3m', memory: '2', [hugePageResourceA]: '5' },
      }),
    podLevel: null,
    containersOnly: null,
    withoutPodLevelHugePages: null,
  },
  {
    name: 'pod-level hugepages resource not fit',
    pod: () => withPodLevel(resourcePod(), { requests: { cpu: '3m', memory: '2', [hugePageResourceA]: '10' } }),
    podLevel: { ...unresolvable(hugepages), insufficient: [short(hugePageResourceA, 10, 0, 5)] },
    // Without pod-level requests the pod requests nothing at all (upstream's short-circuit: only a pod slot).
    containersOnly: null,
    // cpu 3m and memory 2 apply; the 10 hugepages do not.
    withoutPodLevelHugePages: null,
  },
  {
    name: 'one pod-level cpu resource fits and all init and non-init containers resources fit',
    pod: () => withInitContainers(withPodLevel(resourcePod({ milliCPU: 1, memory: 1 }), { requests: { cpu: '3m', memory: '2' } }), { milliCPU: 1, memory: 1 }),
    existing: () => resourcePod({ milliCPU: 5, memory: 19 }),
    podLevel: { ...unschedulable(memory), insufficient: [short('memory', 2, 19, 20)] },
    containersOnly: null,
    withoutPodLevelHugePages: { ...unschedulable(memory), insufficient: [short('memory', 2, 19, 20)] },
  },
];

function expectationFor(test: PodLevelCase, options: PodRequestOptions): ExpectedFilter | null {
  if (!options.podLevelResources) return test.containersOnly;
  return options.podLevelHugePages ? test.podLevel : test.withoutPodLevelHugePages;
}

function runCase(test: PodLevelCase, options: PodRequestOptions) {
  const existing = test.existing ? [boundTo(test.existing(), NODE)] : [];
  const run = runFilterPlugin(nodeResourcesFit(undefined), test.pod(), clusterOf([resourceNode(NODE, 10, 20, 32, 5, 20, 5)], existing), options);
  expect(run.preFilter).toBeNull();
  expectFilterStatus(run.nodes[NODE], expectationFor(test, options));
}

const emulations = [
  ...SUPPORTED_RELEASES.map((release) => ({ label: `${release} (defaults)`, request: { kubernetesVersion: release } })),
  { label: 'v1.32 with PodLevelResources=true', request: { kubernetesVersion: 'v1.32', featureGates: { PodLevelResources: true } } },
  { label: 'v1.33 with PodLevelResources=true', request: { kubernetesVersion: 'v1.33', featureGates: { PodLevelResources: true } } },
];

describe('NodeResourcesFit Filter: TestEnoughRequests pod-level resources, per release', () => {
  it('the releases read pod-level resources as the release table says', () => {
    const read = Object.fromEntries(emulations.map(({ label, request }) => [label, podRequestOptionsOf(resolveEmulation(request).features)]));
    expect(read).toEqual({
      'v1.32 (defaults)': { podLevelResources: false, podLevelHugePages: false },
      'v1.33 (defaults)': { podLevelResources: false, podLevelHugePages: true },
      'v1.34 (defaults)': { podLevelResources: true, podLevelHugePages: true },
      'v1.35 (defaults)': { podLevelResources: true, podLevelHugePages: true },
      'v1.32 with PodLevelResources=true': { podLevelResources: true, podLevelHugePages: false },
      'v1.33 with PodLevelResources=true': { podLevelResources: true, podLevelHugePages: true },
    });
  });

  for (const { label, request } of emulations) {
    describe(label, () => {
      it.each(cases)('$name', (test) => runCase(test, podRequestOptionsOf(resolveEmulation(request).features)));
    });
  }
});

describe('NodeResourcesFit Filter: bound pods with pod-level requests, per release', () => {
  // A bound pod whose pod-level request (6m) is larger than its containers' (1m): the node has 4m or 9m left.
  const existing = () => withPodLevel(resourcePod({ milliCPU: 1, memory: 1 }), { requests: { cpu: '6m' } });
  it.each<[string, ExpectedFilter | null]>([
    ['v1.33', null],
    ['v1.34', { ...unschedulable(cpu), insufficient: [short('cpu', 5, 6, 10)] }],
  ])('%s', (kubernetesVersion, want) => {
    const options = podRequestOptionsOf(resolveEmulation({ kubernetesVersion }).features);
    const run = runFilterPlugin(
      nodeResourcesFit(undefined),
      resourcePod({ milliCPU: 5, memory: 1 }),
      clusterOf([resourceNode(NODE, 10, 20, 32, 5, 20, 5)], [boundTo(existing(), NODE)]),
      options,
    );
    expectFilterStatus(run.nodes[NODE], want);
  });
});
