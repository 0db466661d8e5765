/**
 * The pod request aggregation (src/scheduling/model/pod-requests.ts) against
 * upstream staging/src/k8s.io/component-helpers/resource/helpers_test.go
 * (TestPodResourceRequests: sidecar and init container cases) and the
 * scheduler's non-zero defaults (framework/types.go calculateResource,
 * resource_allocation.go calculatePodResourceRequestList).
 */
import type { V1Container, V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { podNonZeroRequests, podRequests, podScoringRequests } from '../../../src/scheduling/model/pod-requests.js';

const container = (name: string, requests: Record<string, string>, restartPolicy?: 'Always'): V1Container => ({
  name,
  resources: { requests },
  ...(restartPolicy ? { restartPolicy } : {}),
});
const sidecar = (name: string, requests: Record<string, string>) => container(name, requests, 'Always');
const pod = (containers: V1Container[], initContainers: V1Container[] = [], extra: Partial<V1Pod['spec']> = {}): V1Pod => ({
  metadata: { name: 'p', namespace: 'default' },
  spec: { containers, initContainers, ...extra },
});

// upstream helpers_test.go TestPodResourceRequests (cpu in millicores here).
describe('podRequests: TestPodResourceRequests', () => {
  it.each([
    {
      description: 'restartable init container',
      pod: pod([container('container-1', { cpu: '1' })], [sidecar('restartable-init-1', { cpu: '1' })]),
      expected: { cpu: 2000 },
    },
    {
      description: 'multiple restartable init containers',
      pod: pod(
        [container('container-1', { cpu: '1' })],
        [
          container('init-1', { cpu: '5' }),
          sidecar('restartable-init-1', { cpu: '1' }),
          sidecar('restartable-init-2', { cpu: '2' }),
          sidecar('restartable-init-3', { cpu: '3' }),
        ],
      ),
      // max(5, 1 + 2 + 3 + 1) = 7
      expected: { cpu: 7000 },
    },
    {
      description: 'multiple restartable and regular init containers',
      pod: pod(
        [container('container-1', { cpu: '1' })],
        [
          container('init-1', { cpu: '5' }),
          sidecar('restartable-init-1', { cpu: '1' }),
          sidecar('restartable-init-2', { cpu: '2' }),
          container('init-2', { cpu: '5' }),
          sidecar('restartable-init-3', { cpu: '3' }),
        ],
      ),
      // init-2 needs 5 plus the sidecars already running (1 + 2) = 8; the one starting after it does not count.
      expected: { cpu: 8000 },
    },
    {
      description: 'restartable-init, init and regular',
      pod: pod([container('container-1', { cpu: '100' })], [sidecar('restartable-init-1', { cpu: '10' }), container('init-1', { cpu: '200' })]),
      // max(100 + 10, 200 + 10) = 210
      expected: { cpu: 210000 },
    },
    {
      description: 'larger init container wins per resource',
      pod: pod([container('c', { cpu: '1', memory: '1Gi' })], [container('i', { cpu: '2', memory: '512Mi' })]),
      expected: { cpu: 2000, memory: 1024 * 1024 * 1024 },
    },
    {
      description: 'pod overhead is added',
      pod: pod([container('c', { cpu: '1', memory: '1Gi' })], [], { overhead: { cpu: '250m', memory: '120Mi' } }),
      expected: { cpu: 1250, memory: (1024 + 120) * 1024 * 1024 },
    },
    {
      description: 'pod-level requests replace the container aggregate for cpu and memory',
      pod: pod([container('c', { cpu: '1', memory: '1Gi', 'ephemeral-storage': '1Gi' })], [], { resources: { requests: { cpu: '2', memory: '2Gi' } } }),
      expected: { cpu: 2000, memory: 2 * 1024 * 1024 * 1024, 'ephemeral-storage': 1024 * 1024 * 1024 },
    },
  ])('$description', ({ pod: subject, expected }) => {
    expect(podRequests(subject)).toEqual(expected);
  });
});

describe('podNonZeroRequests: containers without cpu/memory requests count 100m / 200Mi', () => {
  const defaultMemory = 200 * 1024 * 1024;
  it.each([
    { description: 'a container without requests', pod: pod([{ name: 'c' }]), expected: { cpu: 100, memory: defaultMemory } },
    { description: 'each container is defaulted on its own', pod: pod([container('a', { cpu: '1' }), { name: 'b' }]), expected: { cpu: 1100, memory: 2 * defaultMemory } },
    { description: 'an explicit zero is kept', pod: pod([container('a', { cpu: '0', memory: '0' })]), expected: { cpu: 0, memory: 0 } },
    { description: 'a pod without containers requests nothing', pod: pod([]), expected: { cpu: 0, memory: 0 } },
  ])('$description', ({ pod: subject, expected }) => {
    expect(podNonZeroRequests(subject)).toEqual(expected);
  });
});

// framework/types.go PodInfo.CalculateResource + getNonMissingContainerRequests, and
// resource_allocation.go calculatePodResourceRequest (NonMissingContainerRequests always, then pod-level).
describe('pod-level requests: what is filtered, counted on the node and scored', () => {
  const defaultMemory = 200 * 1024 * 1024;
  const gib = 1024 * 1024 * 1024;
  const off = { podLevelResources: false, podLevelHugePages: true };
  const v132 = { podLevelResources: true, podLevelHugePages: false };
  it.each([
    {
      description: 'pod-level cpu and memory replace the containers; no default is needed',
      pod: pod([{ name: 'a' }, { name: 'b' }], [], { resources: { requests: { cpu: '2', memory: '1Gi' } } }),
      requests: { cpu: 2000, memory: gib },
      nonZero: { cpu: 2000, memory: gib },
      scoring: { cpu: 2000, memory: gib },
    },
    {
      description: 'pod-level cpu only, no container names memory: each container defaults memory',
      pod: pod([{ name: 'a' }, { name: 'b' }], [], { resources: { requests: { cpu: '2' } } }),
      requests: { cpu: 2000 },
      nonZero: { cpu: 2000, memory: 2 * defaultMemory },
      scoring: { cpu: 2000, memory: 2 * defaultMemory },
    },
    {
      description: 'pod-level cpu only, one container names memory: the node counts no default, the scorer defaults the other',
      pod: pod([container('a', { memory: '1Gi' }), { name: 'b' }], [], { resources: { requests: { cpu: '2' } } }),
      requests: { cpu: 2000, memory: gib },
      nonZero: { cpu: 2000, memory: gib },
      scoring: { cpu: 2000, memory: gib + defaultMemory },
    },
    {
      description: 'pod-level hugepages replace the containers\' hugepages',
      pod: pod([container('a', { cpu: '1', 'hugepages-2Mi': '4Mi' })], [], { resources: { requests: { 'hugepages-2Mi': '10Mi' } } }),
      requests: { cpu: 1000, 'hugepages-2Mi': 10 * 1024 * 1024 },
      nonZero: { cpu: 1000, memory: defaultMemory },
      scoring: { cpu: 1000, memory: defaultMemory },
    },
    {
      description: 'a name pod-level resources do not support is not applied',
      pod: pod([container('a', { cpu: '1', 'ephemeral-storage': '1Gi' })], [], { resources: { requests: { 'ephemeral-storage': '5Gi' } } }),
      requests: { cpu: 1000, 'ephemeral-storage': gib },
      nonZero: { cpu: 1000, memory: defaultMemory },
      scoring: { cpu: 1000, memory: defaultMemory },
    },
  ])('$description', ({ pod: subject, requests, nonZero, scoring }) => {
    expect(podRequests(subject)).toEqual(requests);
    expect(podNonZeroRequests(subject)).toEqual(nonZero);
    expect(podScoringRequests(subject)).toEqual(scoring);
  });

  it('PodLevelResources off: only the containers count', () => {
    const subject = pod([container('a', { cpu: '1' })], [], { resources: { requests: { cpu: '2', memory: '1Gi' } } });
    expect(podRequests(subject, off)).toEqual({ cpu: 1000 });
    expect(podNonZeroRequests(subject, off)).toEqual({ cpu: 1000, memory: defaultMemory });
  });

  it('v1.32 with the gate on: pod-level hugepages are not applied, cpu and memory are', () => {
    const subject = pod([container('a', { cpu: '1', 'hugepages-2Mi': '4Mi' })], [], { resources: { requests: { cpu: '2', 'hugepages-2Mi': '10Mi' } } });
    expect(podRequests(subject, v132)).toEqual({ cpu: 2000, 'hugepages-2Mi': 4 * 1024 * 1024 });
  });
});
