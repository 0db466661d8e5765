/**
 * Extended resources backed by DRA through the planner (DRAExtendedResource,
 * alpha and off in v1.34 and v1.35): a Deployment asking for
 * `example.com/gpu` in its container requests, nodes without the resource in
 * allocatable, a DeviceClass mapping the name. With the gate on, NodeResourcesFit
 * leaves the resource to DynamicResources, which allocates devices of the
 * class through a claim per pod; with it off, the pods need the resource in
 * allocatable, as any extended resource.
 */
import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { executeSimulation, prepareSimulation } from '../../src/simulation/run-simulation.js';
import { deviceClass, draNode, resourceSlice } from '../support/dra-objects.js';

type Json = Record<string, any>;

const deployment = (replicas: number, resource: string): Json => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'train', namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'train' } },
    template: { metadata: { labels: { app: 'train' } }, spec: { containers: [{ name: 'main', image: 'main:1', resources: { requests: { cpu: '1', [resource]: '1' }, limits: { [resource]: '1' } } }] } },
  },
});

function plan(replicas: number, resource: string, featureGates: Record<string, boolean>, kubernetesVersion: 'v1.34' | 'v1.35' = 'v1.35') {
  const gpuClass = deviceClass();
  gpuClass.spec.extendedResourceName = 'example.com/gpu';
  const plainClass = deviceClass('plain');
  const imported = importCluster([draNode('gpu-1'), resourceSlice({ node: 'gpu-1', devices: 2 }), gpuClass, plainClass]);
  const prepared = prepareSimulation(ClusterState.fromObjects(imported.objects), [deployment(replicas, resource)], undefined, imported.objects, [], undefined, { kubernetesVersion, featureGates });
  return executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' }).result;
}

describe('extended resources backed by DRA in a plan', () => {
  it('with DRAExtendedResource on, two replicas take the node\'s two devices and the third waits, as DynamicResources words it', () => {
    const result = plan(3, 'example.com/gpu', { DRAExtendedResource: true });
    expect(result.placements.map((placement) => placement.node)).toEqual(['gpu-1', 'gpu-1', null]);
    const devices = result.placements.slice(0, 2).map((placement) => placement.devices?.map(({ request, device }) => ({ request, device })));
    expect(devices).toEqual([[{ request: 'container-0-request-1', device: 'gpu-0' }], [{ request: 'container-0-request-1', device: 'gpu-1' }]]);
    expect(result.placements[0].devices?.[0].claim).toMatch(/^train-[a-z0-9]+-[a-z0-9]{5}-extended-resources-[a-z0-9]{5}$/);
    expect(result.placements[2].message).toBe('0/1 nodes are available: 1 cannot allocate all claims. still not schedulable, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
  });

  it('the implicit name deviceclass.resource.kubernetes.io/<class> asks for the same devices', () => {
    const result = plan(2, 'deviceclass.resource.kubernetes.io/gpu', { DRAExtendedResource: true });
    expect(result.placements.map((placement) => placement.node)).toEqual(['gpu-1', 'gpu-1']);
    expect(result.placements.map((placement) => placement.devices?.length)).toEqual([1, 1]);
  });

  it('v1.34 with the gate on: the explicit name takes devices as in v1.35', () => {
    const result = plan(3, 'example.com/gpu', { DRAExtendedResource: true }, 'v1.34');
    expect(result.placements.map((placement) => placement.node)).toEqual(['gpu-1', 'gpu-1', null]);
    expect(result.placements[2].message).toBe('0/1 nodes are available: 1 cannot allocate all claims. still not schedulable, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
  });

  it('v1.34 with the gate on: an implicit name allocates no device (release-1.34 reads only IsExtendedResourceName) and NodeResourcesFit skips it (no mapping): the pods land without devices', () => {
    const result = plan(3, 'deviceclass.resource.kubernetes.io/plain', { DRAExtendedResource: true }, 'v1.34');
    expect(result.placements.map((placement) => placement.node)).toEqual(['gpu-1', 'gpu-1', 'gpu-1']);
    expect(result.placements.map((placement) => placement.devices ?? [])).toEqual([[], [], []]);
  });

  it('with the gate off (the default), the resource must be in allocatable', () => {
    const result = plan(1, 'example.com/gpu', {});
    expect(result.placements[0].node).toBeNull();
    expect(result.placements[0].message).toMatch(/^0\/1 nodes are available: 1 Insufficient example.com\/gpu\./);
  });
});
