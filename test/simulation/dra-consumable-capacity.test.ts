/**
 * Consumable capacity (DRAConsumableCapacity, alpha and off in v1.34 and
 * v1.35) through the planner: replicas share a multi-allocatable device
 * while its capacity lasts (Reserve records each share and what it
 * consumes), shares already allocated in the topology count, and with the
 * gate off the device is dedicated, as upstream.
 */
import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { executeSimulation, prepareSimulation } from '../../src/simulation/run-simulation.js';
import { claimDeployment, claimSpec, deviceClass, draNode, GPU_DRIVER, memoryTemplate, resourceClaim, resourceClaimTemplate, resourceSlice, sharedGpuSlice } from '../support/dra-objects.js';

type Json = Record<string, any>;

const on = { featureGates: { DRAConsumableCapacity: true } };

function plan(objects: Json[], workloads: Json[], release: { kubernetesVersion?: string; featureGates?: Record<string, boolean> } = {}) {
  const imported = importCluster(objects);
  const prepared = prepareSimulation(ClusterState.fromObjects(imported.objects), workloads, undefined, imported.objects, [], undefined, release);
  return executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' }).result;
}

describe('DRA consumable capacity in plans', () => {
  it('replicas share the device while its capacity lasts (12Gi rounds up to 16Gi: two fit in 40Gi), only with the gate on', () => {
    const objects = [draNode('gpu-1'), sharedGpuSlice('gpu-1'), deviceClass(), memoryTemplate('twelve', '12Gi')];
    const shared = plan(objects, [claimDeployment('infer', 3, 'twelve')], on);
    expect(shared.summary.scheduled).toBe(2);
    expect(shared.placements.map((placement) => placement.devices?.map((device) => device.device))).toEqual([['gpu-0'], ['gpu-0'], undefined]);
    // Each placement names its share and what it consumes (the claim's allocation result); 12Gi rounds up to 16Gi.
    const [first, second] = shared.placements.slice(0, 2).map((placement) => placement.devices![0]);
    expect(first).toMatchObject({ request: 'gpu', shareID: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/), consumedCapacity: { memory: '16Gi' } });
    expect(second).toMatchObject({ consumedCapacity: { memory: '16Gi' } });
    expect(second.shareID).not.toBe(first.shareID);
    expect(shared.placements[2].message).toBe('0/1 nodes are available: 1 cannot allocate all claims. still not schedulable, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
    // v1.35's default: the gate is off, the device is dedicated to the first replica.
    expect(plan(objects, [claimDeployment('infer', 3, 'twelve')]).summary.scheduled).toBe(1);
  });

  it('shares allocated in the topology consume capacity; a dedicated allocation of the device takes it whole', () => {
    const share = (name: string, result: Json): Json =>
      resourceClaim(name, claimSpec([{ name: 'gpu', exactly: { deviceClassName: 'gpu', capacity: { requests: { memory: '24Gi' } } } }]), {
        status: { allocation: { devices: { results: [{ request: 'gpu', driver: GPU_DRIVER, pool: 'gpu-1', device: 'gpu-0', ...result }] } } },
      });
    const base = [draNode('gpu-1'), sharedGpuSlice('gpu-1'), deviceClass(), memoryTemplate('twelve', '12Gi')];
    const withShare = [...base, share('running', { shareID: '3f6c1a52-8a0e-4b61-9f0d-2b8d0c4e7a11', consumedCapacity: { memory: '24Gi' } })];
    expect(plan(withShare, [claimDeployment('infer', 3, 'twelve')], on).summary.scheduled).toBe(1);
    const dedicated = [...base, share('running', {})];
    expect(plan(dedicated, [claimDeployment('infer', 3, 'twelve')], on).summary.scheduled).toBe(0);
  });

  it('a distinctAttribute constraint places two requests on devices with different values', () => {
    const gpus = [0, 1, 2].map((index) => ({ name: `gpu-${index}`, allowMultipleAllocations: true, attributes: { numa: { int: index < 2 ? 0 : 1 } } }));
    const twoNumas = resourceClaimTemplate(
      'two-numas',
      claimSpec(
        [
          { name: 'a', exactly: { deviceClassName: 'gpu' } },
          { name: 'b', exactly: { deviceClassName: 'gpu' } },
        ],
        [{ distinctAttribute: `${GPU_DRIVER}/numa` }],
      ),
    );
    const result = plan([draNode('gpu-1'), resourceSlice({ node: 'gpu-1', devices: gpus }), deviceClass(), twoNumas], [claimDeployment('pair', 1, 'two-numas')], on);
    expect(result.placements[0].devices?.map((device) => device.device)).toEqual(['gpu-0', 'gpu-2']);
  });
});
