/**
 * NodeResourcesFit PreFilter/Filter, ported from upstream
 * pkg/scheduler/framework/plugins/noderesources/fit_test.go. Expected codes
 * follow v1.33+ fitsRequest: a shortfall whose request alone exceeds the
 * node's allocatable is UnschedulableAndUnresolvable (InsufficientResource.Unresolvable).
 */
import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../../src/scheduling/framework/cycle-state.js';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { ErrReasonSidecarContainersDisabled, type NodeResourcesFit } from '../../../../src/scheduling/plugins/node-resources/fit-plugin.js';
import { Code } from '../../../../src/scheduling/framework/status.js';
import { resolveEmulation } from '../../../../src/scheduling/release/emulation.js';
import { nodeResourcesFit } from '../../../../src/scheduling/plugins/node-resources/index.js';
import { clusterOf, makeNode } from '../../../support/builders.js';
import { runFilterPlugin } from '../../../support/plugin-harness.js';
import {
  boundTo,
  expectFilterStatus,
  extendedResourceA,
  extendedResourceB,
  hugePageResourceA,
  kubernetesIOResourceA,
  kubernetesIOResourceB,
  resourceNode,
  resourcePod,
  unresolvable,
  unschedulable,
  withInitContainers,
  withOverhead,
  type ExpectedFilter,
} from './support.js';

const NODE = 'node';
const cpu = 'Insufficient cpu';
const memory = 'Insufficient memory';
const insufficient = (name: string) => `Insufficient ${name}`;
const short = (resourceName: string, requested: number, used: number, capacity: number) => ({
  resourceName,
  requested,
  used,
  capacity,
  unresolvable: requested > capacity,
});
const emptyPod = (): V1Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'empty', namespace: 'default' }, spec: { containers: [] } });

interface FilterCase {
  name: string;
  pod: V1Pod;
  existing: V1Pod;
  args?: Record<string, unknown>;
  want: ExpectedFilter | null;
}

function runCase(node: V1Node, test: FilterCase) {
  const plugin = nodeResourcesFit(test.args);
  const run = runFilterPlugin(plugin, test.pod, clusterOf([node], [boundTo(test.existing, NODE)]));
  expect(run.preFilter).toBeNull();
  expectFilterStatus(run.nodes[NODE], test.want);
}

// upstream fit_test.go TestEnoughRequests (node: makeResources(10, 20, 32, 5, 20, 5)).
const enoughRequestsCases: FilterCase[] = [
  { name: 'no resources requested always fits', pod: emptyPod(), existing: resourcePod({ milliCPU: 10, memory: 20 }), want: null },
  {
    name: 'too many resources fails',
    pod: resourcePod({ milliCPU: 1, memory: 1 }),
    existing: resourcePod({ milliCPU: 10, memory: 20 }),
    want: { ...unschedulable(cpu, memory), insufficient: [short('cpu', 1, 10, 10), short('memory', 1, 20, 20)] },
  },
  {
    name: 'too many resources fails due to init container cpu',
    pod: withInitContainers(resourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 3, memory: 1 }),
    existing: resourcePod({ milliCPU: 8, memory: 19 }),
    want: { ...unschedulable(cpu), insufficient: [short('cpu', 3, 8, 10)] },
  },
  {
    name: 'too many resources fails due to highest init container cpu',
    pod: withInitContainers(resourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 3, memory: 1 }, { milliCPU: 2, memory: 1 }),
    existing: resourcePod({ milliCPU: 8, memory: 19 }),
    want: { ...unschedulable(cpu), insufficient: [short('cpu', 3, 8, 10)] },
  },
  {
    name: 'too many resources fails due to init container memory',
    pod: withInitContainers(resourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 1, memory: 3 }),
    existing: resourcePod({ milliCPU: 9, memory: 19 }),
    want: { ...unschedulable(memory), insufficient: [short('memory', 3, 19, 20)] },
  },
  {
    name: 'too many resources fails due to highest init container memory',
    pod: withInitContainers(resourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 1, memory: 3 }, { milliCPU: 1, memory: 2 }),
    existing: resourcePod({ milliCPU: 9, memory: 19 }),
    want: { ...unschedulable(memory), insufficient: [short('memory', 3, 19, 20)] },
  },
  {
    name: "init container fits because it's the max, not sum, of containers and init containers",
    pod: withInitContainers(resourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 1, memory: 1 }),
    existing: resourcePod({ milliCPU: 9, memory: 19 }),
    want: null,
  },
  {
    name: "multiple init containers fit because it's the max, not sum, of containers and init containers",
    pod: withInitContainers(resourcePod({ milliCPU: 1, memory: 1 }), { milliCPU: 1, memory: 1 }, { milliCPU: 1, memory: 1 }),
    existing: resourcePod({ milliCPU: 9, memory: 19 }),
    want: null,
  },
  { name: 'both resources fit', pod: resourcePod({ milliCPU: 1, memory: 1 }), existing: resourcePod({ milliCPU: 5, memory: 5 }), want: null },
  {
    name: 'one resource memory fits',
    pod: resourcePod({ milliCPU: 2, memory: 1 }),
    existing: resourcePod({ milliCPU: 9, memory: 5 }),
    want: { ...unschedulable(cpu), insufficient: [short('cpu', 2, 9, 10)] },
  },
  {
    name: 'one resource cpu fits',
    pod: resourcePod({ milliCPU: 1, memory: 2 }),
    existing: resourcePod({ milliCPU: 5, memory: 19 }),
    want: { ...unschedulable(memory), insufficient: [short('memory', 2, 19, 20)] },
  },
  { name: 'equal edge case', pod: resourcePod({ milliCPU: 5, memory: 1 }), existing: resourcePod({ milliCPU: 5, memory: 19 }), want: null },
  {
    name: 'equal edge case for init container',
    pod: withInitContainers(resourcePod({ milliCPU: 4, memory: 1 }), { milliCPU: 5, memory: 1 }),
    existing: resourcePod({ milliCPU: 5, memory: 19 }),
    want: null,
  },
  { name: 'extended resource fits', pod: resourcePod({ scalars: { [extendedResourceA]: 1 } }), existing: resourcePod({}), want: null },
  {
    name: 'extended resource fits for init container',
    pod: withInitContainers(resourcePod({}), { scalars: { [extendedResourceA]: 1 } }),
    existing: resourcePod({}),
    want: null,
  },
  {
    name: 'extended resource capacity enforced',
    pod: resourcePod({ milliCPU: 1, memory: 1, scalars: { [extendedResourceA]: 10 } }),
    existing: resourcePod({ scalars: { [extendedResourceA]: 0 } }),
    want: { ...unresolvable(insufficient(extendedResourceA)), insufficient: [short(extendedResourceA, 10, 0, 5)] },
  },
  {
    name: 'extended resource capacity enforced for init container',
    pod: withInitContainers(resourcePod({}), { milliCPU: 1, memory: 1, scalars: { [extendedResourceA]: 10 } }),
    existing: resourcePod({ scalars: { [extendedResourceA]: 0 } }),
    want: { ...unresolvable(insufficient(extendedResourceA)), insufficient: [short(extendedResourceA, 10, 0, 5)] },
  },
  {
    name: 'extended resource allocatable enforced',
    pod: resourcePod({ milliCPU: 1, memory: 1, scalars: { [extendedResourceA]: 1 } }),
    existing: resourcePod({ scalars: { [extendedResourceA]: 5 } }),
    want: { ...unschedulable(insufficient(extendedResourceA)), insufficient: [short(extendedResourceA, 1, 5, 5)] },
  },
  {
    name: 'extended resource allocatable enforced for init container',
    pod: withInitContainers(resourcePod({}), { milliCPU: 1, memory: 1, scalars: { [extendedResourceA]: 1 } }),
    existing: resourcePod({ scalars: { [extendedResourceA]: 5 } }),
    want: { ...unschedulable(insufficient(extendedResourceA)), insufficient: [short(extendedResourceA, 1, 5, 5)] },
  },
  {
    name: 'extended resource allocatable enforced for multiple containers',
    pod: resourcePod(
      { milliCPU: 1, memory: 1, scalars: { [extendedResourceA]: 3 } },
      { milliCPU: 1, memory: 1, scalars: { [extendedResourceA]: 3 } },
    ),
    existing: resourcePod({ scalars: { [extendedResourceA]: 2 } }),
    want: { ...unresolvable(insufficient(extendedResourceA)), insufficient: [short(extendedResourceA, 6, 2, 5)] },
  },
  {
    name: 'extended resource allocatable admits multiple init containers',
    pod: withInitContainers(
      resourcePod({}),
      { milliCPU: 1, memory: 1, scalars: { [extendedResourceA]: 3 } },
      { milliCPU: 1, memory: 1, scalars: { [extendedResourceA]: 3 } },
    ),
    existing: resourcePod({ scalars: { [extendedResourceA]: 2 } }),
    want: null,
  },
  {
    name: 'extended resource allocatable enforced for multiple init containers',
    pod: withInitContainers(
      resourcePod({}),
      { milliCPU: 1, memory: 1, scalars: { [extendedResourceA]: 6 } },
      { milliCPU: 1, memory: 1, scalars: { [extendedResourceA]: 3 } },
    ),
    existing: resourcePod({ scalars: { [extendedResourceA]: 2 } }),
    want: { ...unresolvable(insufficient(extendedResourceA)), insufficient: [short(extendedResourceA, 6, 2, 5)] },
  },
  {
    name: 'extended resource allocatable enforced for unknown resource',
    pod: resourcePod({ milliCPU: 1, memory: 1, scalars: { [extendedResourceB]: 1 } }),
    existing: resourcePod({}),
    want: { ...unresolvable(insufficient(extendedResourceB)), insufficient: [short(extendedResourceB, 1, 0, 0)] },
  },
  {
    name: 'extended resource allocatable enforced for unknown resource for init container',
    pod: withInitContainers(resourcePod({}), { milliCPU: 1, memory: 1, scalars: { [extendedResourceB]: 1 } }),
    existing: resourcePod({}),
    want: { ...unresolvable(insufficient(extendedResourceB)), insufficient: [short(extendedResourceB, 1, 0, 0)] },
  },
  {
    name: 'kubernetes.io resource capacity enforced',
    pod: resourcePod({ milliCPU: 1, memory: 1, scalars: { [kubernetesIOResourceA]: 10 } }),
    existing: resourcePod({}),
    want: { ...unresolvable(insufficient(kubernetesIOResourceA)), insufficient: [short(kubernetesIOResourceA, 10, 0, 0)] },
  },
  {
    name: 'kubernetes.io resource capacity enforced for init container',
    pod: withInitContainers(resourcePod({}), { milliCPU: 1, memory: 1, scalars: { [kubernetesIOResourceB]: 10 } }),
    existing: resourcePod({}),
    want: { ...unresolvable(insufficient(kubernetesIOResourceB)), insufficient: [short(kubernetesIOResourceB, 10, 0, 0)] },
  },
  {
    name: 'hugepages resource capacity enforced',
    pod: resourcePod({ milliCPU: 1, memory: 1, scalars: { [hugePageResourceA]: 10 } }),
    existing: resourcePod({ scalars: { [hugePageResourceA]: 0 } }),
    want: { ...unresolvable(insufficient(hugePageResourceA)), insufficient: [short(hugePageResourceA, 10, 0, 5)] },
  },
  {
    name: 'hugepages resource capacity enforced for init container',
    pod: withInitContainers(resourcePod({}), { milliCPU: 1, memory: 1, scalars: { [hugePageResourceA]: 10 } }),
    existing: resourcePod({ scalars: { [hugePageResourceA]: 0 } }),
    want: { ...unresolvable(insufficient(hugePageResourceA)), insufficient: [short(hugePageResourceA, 10, 0, 5)] },
  },
  {
    name: 'hugepages resource allocatable enforced for multiple containers',
    pod: resourcePod(
      { milliCPU: 1, memory: 1, scalars: { [hugePageResourceA]: 3 } },
      { milliCPU: 1, memory: 1, scalars: { [hugePageResourceA]: 3 } },
    ),
    existing: resourcePod({ scalars: { [hugePageResourceA]: 2 } }),
    want: { ...unresolvable(insufficient(hugePageResourceA)), insufficient: [short(hugePageResourceA, 6, 2, 5)] },
  },
  {
    name: 'skip checking ignored extended resource',
    pod: resourcePod({ milliCPU: 1, memory: 1, scalars: { [extendedResourceB]: 1 } }),
    existing: resourcePod({}),
    args: { ignoredResources: ['example.com/bbb'] },
    want: null,
  },
  {
    name: 'resources + pod overhead fits',
    pod: withOverhead(resourcePod({ milliCPU: 1, memory: 1 }), { cpu: '3m', memory: '13' }),
    existing: resourcePod({ milliCPU: 5, memory: 5 }),
    want: null,
  },
  {
    name: 'requests + overhead does not fit for memory',
    pod: withOverhead(resourcePod({ milliCPU: 1, memory: 1 }), { cpu: '1m', memory: '15' }),
    existing: resourcePod({ milliCPU: 5, memory: 5 }),
    want: { ...unschedulable(memory), insufficient: [short('memory', 16, 5, 20)] },
  },
  {
    name: 'skip checking ignored extended resource via resource groups',
    pod: resourcePod({ milliCPU: 1, memory: 1, scalars: { [extendedResourceB]: 1, [kubernetesIOResourceA]: 1 } }),
    existing: resourcePod({}),
    args: { ignoredResourceGroups: ['example.com'] },
    want: { ...unresolvable(insufficient(kubernetesIOResourceA)), insufficient: [short(kubernetesIOResourceA, 1, 0, 0)] },
  },
  {
    name: 'skip checking extended resource request with quantity zero via resource groups',
    pod: resourcePod({ milliCPU: 1, memory: 1, scalars: { [extendedResourceA]: 0 } }),
    existing: resourcePod({ scalars: { [extendedResourceA]: 6 } }),
    want: null,
  },
  {
    name: 'skip checking resource request with quantity zero',
    pod: resourcePod({ scalars: { [extendedResourceA]: 1 } }),
    existing: resourcePod({ milliCPU: 20, memory: 30, scalars: { [extendedResourceA]: 1 } }),
    want: null,
  },
];

describe('NodeResourcesFit Filter: TestEnoughRequests', () => {
  it.each(enoughRequestsCases)('$name', (test) => runCase(resourceNode(NODE, 10, 20, 32, 5, 20, 5), test));
});

// upstream fit_test.go TestNotEnoughRequests (node: makeAllocatableResources(10, 20, 1, 0, 0, 0)).
const notEnoughRequestsCases: FilterCase[] = [
  {
    name: "even without specified resources, predicate fails when there's no space for additional pod",
    pod: emptyPod(),
    existing: resourcePod({ milliCPU: 10, memory: 20 }),
    want: { ...unschedulable('Too many pods'), insufficient: [{ resourceName: 'pods', requested: 1, used: 1, capacity: 1, unresolvable: false }] },
  },
  {
    name: "even if both resources fit, predicate fails when there's no space for additional pod",
    pod: resourcePod({ milliCPU: 1, memory: 1 }),
    existing: resourcePod({ milliCPU: 5, memory: 5 }),
    want: unschedulable('Too many pods'),
  },
  {
    name: "even for equal edge case, predicate fails when there's no space for additional pod",
    pod: resourcePod({ milliCPU: 5, memory: 1 }),
    existing: resourcePod({ milliCPU: 5, memory: 19 }),
    want: unschedulable('Too many pods'),
  },
  {
    name: "even for equal edge case, predicate fails when there's no space for additional pod due to init container",
    pod: withInitContainers(resourcePod({ milliCPU: 5, memory: 1 }), { milliCPU: 5, memory: 1 }),
    existing: resourcePod({ milliCPU: 5, memory: 19 }),
    want: unschedulable('Too many pods'),
  },
];

describe('NodeResourcesFit Filter: TestNotEnoughRequests', () => {
  it.each(notEnoughRequestsCases)('$name', (test) => runCase(resourceNode(NODE, 10, 20, 1, 0, 0, 0), test));
});

// upstream fit_test.go TestStorageRequests (node: makeResources(10, 20, 32, 5, 20, 5)).
const storageRequestsCases: FilterCase[] = [
  {
    name: 'empty storage requested, and pod fits',
    pod: resourcePod({ milliCPU: 1, memory: 1 }),
    existing: resourcePod({ milliCPU: 2, memory: 10 }),
    want: null,
  },
  {
    name: 'storage ephemeral local storage request exceeds allocatable',
    pod: resourcePod({ ephemeralStorage: 25 }),
    existing: resourcePod({ milliCPU: 2, memory: 2 }),
    want: { ...unresolvable('Insufficient ephemeral-storage'), insufficient: [short('ephemeral-storage', 25, 0, 20)] },
  },
  {
    name: 'ephemeral local storage is sufficient',
    pod: withInitContainers(resourcePod({ ephemeralStorage: 5 })),
    existing: resourcePod({ milliCPU: 2, memory: 2, ephemeralStorage: 10 }),
    want: null,
  },
  { name: 'pod fits', pod: resourcePod({ ephemeralStorage: 10 }), existing: resourcePod({ milliCPU: 2, memory: 2 }), want: null },
];

describe('NodeResourcesFit Filter: TestStorageRequests', () => {
  it.each(storageRequestsCases)('$name', (test) => runCase(resourceNode(NODE, 10, 20, 32, 5, 20, 5), test));
});

// upstream fit_test.go TestRestartableInitContainers; node allocatable (2m cpu, 0, 1 pod, 0, 0, 0), no pods.
// SidecarContainers is GA and locked from v1.33, so "disabled" is v1.32 with SidecarContainers=false.
// (There the API-server emulation already drops restartPolicy from pods podplan creates; the PreFilter
// check guards pods that reach the scheduler with it anyway.)
describe('NodeResourcesFit Filter: TestRestartableInitContainers', () => {
  const regular = (): V1Pod => ({ metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'regular' }] } });
  /** upstream newPodWithRestartableInitContainers(request, sidecarRequest), requests in millicores. */
  const withSidecar = (request?: number, sidecarRequest?: number): V1Pod => {
    const cpuRequests = (milli: number | undefined) => (milli === undefined ? {} : { resources: { requests: { cpu: `${milli}m` } } });
    return {
      metadata: { name: 'p', namespace: 'default' },
      spec: {
        containers: [{ name: 'regular', ...cpuRequests(request) }],
        initContainers: [{ name: 'restartable-init', restartPolicy: 'Always', ...cpuRequests(sidecarRequest) }],
      },
    };
  };
  const sidecarsOff = resolveEmulation({ kubernetesVersion: 'v1.32', featureGates: { SidecarContainers: false } }).features;
  it.each([
    { name: 'allow pod without restartable init containers if sidecar containers is disabled', pod: regular(), disabled: true, preFilter: null, want: null },
    {
      name: 'not allow pod with restartable init containers if sidecar containers is disabled',
      pod: withSidecar(),
      disabled: true,
      preFilter: ErrReasonSidecarContainersDisabled,
      want: null,
    },
    { name: 'allow pod without restartable init containers if sidecar containers is enabled', pod: regular(), disabled: false, preFilter: null, want: null },
    { name: 'allow pod with restartable init containers if sidecar containers is enabled', pod: withSidecar(), disabled: false, preFilter: null, want: null },
    {
      name: "allow pod if the total requested resources do not exceed the node's allocatable resources",
      pod: withSidecar(1, 1),
      disabled: false,
      preFilter: null,
      want: null,
    },
    // The sidecar keeps running beside the regular container: 1m + 2m of the node's 2m.
    {
      name: "not allow pod if the total requested resources do exceed the node's allocatable resources",
      pod: withSidecar(1, 2),
      disabled: false,
      preFilter: null,
      want: unresolvable(cpu),
    },
  ])('$name', ({ pod, disabled, preFilter, want }) => {
    const plugin = disabled ? nodeResourcesFit(undefined, sidecarsOff) : nodeResourcesFit(undefined);
    const run = runFilterPlugin(plugin, pod, clusterOf([resourceNode(NODE, 2, 0, 1, 0, 0, 0)]));
    if (preFilter !== null) {
      expect([run.preFilter?.code, run.preFilter?.reasons]).toEqual([Code.UnschedulableAndUnresolvable, [preFilter]]);
      return;
    }
    expect(run.preFilter).toBeNull();
    if (want === null) expect(run.nodes[NODE]).toBeNull();
    else expectFilterStatus(run.nodes[NODE], want);
  });
});

describe('NodeResourcesFit Filter: scalar resources upstream does not count', () => {
  // framework.Resource keeps only cpu, memory, ephemeral-storage and scalar names (IsScalarResourceName);
  // a request for e.g. `storage` is never checked, even on a node that has none.
  it('ignores a request for a non-scalar resource name', () => {
    const pod = resourcePod({ milliCPU: 1, memory: 1, scalars: { storage: 5 } });
    const node = makeNode(NODE).capacity({ cpu: '10m', memory: '20', pods: '32' }).obj();
    expect(runFilterPlugin(nodeResourcesFit(undefined), pod, clusterOf([node])).nodes[NODE]).toBeNull();
  });

  it('reports several shortfalls in one status, pods first, then cpu, memory, ephemeral-storage, scalars by name', () => {
    const node = makeNode(NODE).capacity({ cpu: '1m', memory: '1', 'ephemeral-storage': '1', pods: '1', 'b.example/x': '1' }).obj();
    const pod = resourcePod({ milliCPU: 2, memory: 2, ephemeralStorage: 2, scalars: { 'b.example/x': 2, 'a.example/y': 1 } });
    const existing = boundTo(resourcePod({}), NODE);
    const status = runFilterPlugin(nodeResourcesFit(undefined), pod, clusterOf([node], [existing])).nodes[NODE];
    expectFilterStatus(
      status,
      unresolvable(
        'Too many pods',
        'Insufficient cpu',
        'Insufficient memory',
        'Insufficient ephemeral-storage',
        'Insufficient a.example/y',
        'Insufficient b.example/x',
      ),
    );
  });
});

// upstream fit_test.go TestPreFilterDisabled: Filter without its PreFilter's state is an error
// (upstream returns fwk.AsStatus(fwk.ErrNotFound)), never a pass. Our framework always runs
// PreFilter first, so the plugin's missing state surfaces as a thrown error naming it.
describe('NodeResourcesFit Filter: TestPreFilterDisabled', () => {
  it('TestPreFilterDisabled', () => {
    const plugin = nodeResourcesFit(undefined) as NodeResourcesFit;
    const cluster = clusterOf([makeNode(NODE).obj()]);
    expect(() => plugin.filter(new CycleState(), buildPodInfo(emptyPod()), cluster.node(NODE)!)).toThrow(
      'cycle state has no "PreFilterNodeResourcesFit"; its PreFilter/PreScore did not run',
    );
  });
});
