/**
 * Fixture helpers mirroring upstream noderesources tests: newResourcePod
 * (every container requests cpu, memory, pods and ephemeral-storage, plus
 * scalars), newResourceInitPod, newResourceOverheadPod and the
 * makeResources node of fit_test.go.
 */
import type { V1Container, V1Node, V1Pod } from '@kubernetes/client-node';
import { expect } from 'vitest';
import type { Status } from '../../../../src/scheduling/framework/status.js';
import { Code } from '../../../../src/scheduling/framework/status.js';
import { makeNode } from '../../../support/builders.js';

export const extendedResourceA = 'example.com/aaa';
export const extendedResourceB = 'example.com/bbb';
export const kubernetesIOResourceA = 'kubernetes.io/something';
export const kubernetesIOResourceB = 'subdomain.kubernetes.io/something';
export const hugePageResourceA = 'hugepages-2Mi';

/** upstream framework.Resource, as the tests fill it. */
export interface Usage {
  milliCPU?: number;
  memory?: number;
  ephemeralStorage?: number;
  scalars?: Record<string, number>;
}

function container(name: string, usage: Usage): V1Container {
  const requests: Record<string, string> = {
    cpu: `${usage.milliCPU ?? 0}m`,
    memory: String(usage.memory ?? 0),
    pods: '0',
    'ephemeral-storage': String(usage.ephemeralStorage ?? 0),
  };
  for (const [resource, quantity] of Object.entries(usage.scalars ?? {})) requests[resource] = String(quantity);
  return { name, image: 'registry.example/app:1', resources: { requests } };
}

let podCounter = 0;

/** upstream newResourcePod: one container per usage. */
export function resourcePod(...usages: Usage[]): V1Pod {
  podCounter++;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${podCounter}`, namespace: 'default' },
    spec: { containers: usages.map((usage, index) => container(`c${index}`, usage)) },
  };
}

/** upstream newResourceInitPod: init containers with these usages. */
export function withInitContainers(pod: V1Pod, ...usages: Usage[]): V1Pod {
  pod.spec!.initContainers = usages.map((usage, index) => container(`init${index}`, usage));
  return pod;
}

export function withOverhead(pod: V1Pod, overhead: Record<string, string>): V1Pod {
  pod.spec!.overhead = overhead;
  return pod;
}

export function boundTo(pod: V1Pod, nodeName: string): V1Pod {
  pod.spec!.nodeName = nodeName;
  return pod;
}

/** upstream makeAllocatableResources(milliCPU, memory, pods, extendedA, storage, hugePageA). */
export function resourceNode(name: string, milliCPU: number, memory: number, pods: number, extendedA: number, storage: number, hugePageA: number): V1Node {
  return makeNode(name)
    .capacity({
      cpu: `${milliCPU}m`,
      memory: String(memory),
      pods: String(pods),
      [extendedResourceA]: String(extendedA),
      'ephemeral-storage': String(storage),
      [hugePageResourceA]: String(hugePageA),
    })
    .obj();
}

export interface ExpectedFilter {
  code: Code;
  reasons: string[];
  /** The shortfalls (upstream wantInsufficientResources), when the case lists them. */
  insufficient?: { resourceName: string; requested: number; used: number; capacity: number; unresolvable: boolean }[];
}

export const unschedulable = (...reasons: string[]): ExpectedFilter => ({ code: Code.Unschedulable, reasons });
export const unresolvable = (...reasons: string[]): ExpectedFilter => ({ code: Code.UnschedulableAndUnresolvable, reasons });

export function expectFilterStatus(got: Status | null, want: ExpectedFilter | null): void {
  if (want === null) {
    expect(got).toBeNull();
    return;
  }
  expect(got).not.toBeNull();
  expect({ code: got!.code, reasons: got!.reasons }).toEqual({ code: want.code, reasons: want.reasons });
  if (want.insufficient) expect(got!.details).toEqual(want.insufficient);
}
