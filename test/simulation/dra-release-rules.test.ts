/**
 * The DRA allocator's release- and gate-dependent rules through the planner
 * (structured allocator and DynamicResources; see release-table.ts): an
 * allocator error fails the pod's attempt with the Filter's error (upstream
 * statusError), device taints count only with DRADeviceTaints, pools
 * follow DRA_POOL_RULES, and firstAvailable selections are scored from v1.35.
 */
import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { executeSimulation, prepareSimulation } from '../../src/simulation/run-simulation.js';
import { claimDeployment, claimSpec, deviceClass, draNode, GPU_DRIVER, gpuDevices, resourceClaimTemplate, resourceSlice } from '../support/dra-objects.js';

type Json = Record<string, any>;

function plan(objects: Json[], workloads: Json[], release: { kubernetesVersion?: string; featureGates?: Record<string, boolean> } = {}) {
  const imported = importCluster(objects);
  const prepared = prepareSimulation(ClusterState.fromObjects(imported.objects), workloads, undefined, imported.objects, [], undefined, release);
  return executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' }).result;
}

const taintedSlice = (nodeName: string): Json => {
  const slice = resourceSlice({ node: nodeName, devices: 1 });
  slice.spec.devices[0].taints = [{ key: 'maintenance', value: 'true', effect: 'NoSchedule' }];
  return slice;
};

describe('DRA rules per release and gate', () => {
  it('a CEL runtime error in a class selector fails the pod with the Filter error, as upstream statusError', () => {
    const result = plan(
      [draNode('gpu-1'), resourceSlice({ node: 'gpu-1', devices: 1 }), deviceClass('gpu', [`device.attributes["${GPU_DRIVER}"].missing == "x"`]), resourceClaimTemplate('one-gpu')],
      [claimDeployment('train', 1, 'one-gpu')],
    );
    expect(result.placements[0].node).toBeNull();
    expect(result.placements[0].message).toBe('running "DynamicResources" filter plugin: class gpu: selector #0: CEL runtime error: no such key: missing');
  });

  it('a NoSchedule device taint keeps the device only with DRADeviceTaints on', () => {
    const objects = [draNode('gpu-1'), taintedSlice('gpu-1'), deviceClass(), resourceClaimTemplate('one-gpu')];
    expect(plan(objects, [claimDeployment('train', 1, 'one-gpu')]).summary.scheduled).toBe(1);
    const gated = plan(objects, [claimDeployment('train', 1, 'one-gpu')], { featureGates: { DRADeviceTaints: true } });
    expect(gated.summary.scheduled).toBe(0);
    expect(gated.placements[0].message).toBe('0/1 nodes are available: 1 cannot allocate all claims. still not schedulable, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
  });

  it('an incomplete pool: its devices are allocatable in v1.34, not in v1.35', () => {
    const objects = [draNode('gpu-1'), resourceSlice({ node: 'gpu-1', devices: 1, resourceSliceCount: 2 }), deviceClass(), resourceClaimTemplate('one-gpu')];
    expect(plan(objects, [claimDeployment('train', 1, 'one-gpu')], { kubernetesVersion: 'v1.34' }).summary.scheduled).toBe(1);
    expect(plan(objects, [claimDeployment('train', 1, 'one-gpu')], { kubernetesVersion: 'v1.35' }).summary.scheduled).toBe(0);
  });

  it('v1.35 scores firstAvailable: the node that satisfies the preferred subrequest wins, before v1.35 nodes tie', () => {
    const preferBig = resourceClaimTemplate(
      'prefer-two',
      claimSpec([
        {
          name: 'gpu',
          firstAvailable: [
            { name: 'two', deviceClassName: 'gpu', allocationMode: 'ExactCount', count: 2 },
            { name: 'one', deviceClassName: 'gpu', allocationMode: 'ExactCount', count: 1 },
          ],
        },
      ]),
    );
    const objects = [draNode('a-small'), draNode('b-large'), resourceSlice({ node: 'a-small', devices: 1 }), resourceSlice({ node: 'b-large', devices: gpuDevices(2) }), deviceClass(), preferBig];
    const newest = plan(objects, [claimDeployment('train', 1, 'prefer-two')], { kubernetesVersion: 'v1.35' });
    expect(newest.placements[0].node).toBe('b-large');
    expect(newest.placements[0].devices?.map((device) => device.request)).toEqual(['gpu/two', 'gpu/two']);
    // Without the score the two nodes tie (every other score is equal) and podplan's tie rule (node order) takes the first.
    const before = plan(objects, [claimDeployment('train', 1, 'prefer-two')], { kubernetesVersion: 'v1.34' });
    expect(before.placements[0].node).toBe('a-small');
    expect(before.placements[0].devices?.map((device) => device.request)).toEqual(['gpu/one']);
  });
});
