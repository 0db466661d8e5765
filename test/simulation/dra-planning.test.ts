/**
 * DRA in plans (issue 16): the DynamicResources plugin with the structured
 * allocator through the planner. Each replica's claim comes from the
 * Deployment's ResourceClaimTemplate (named as the resourceclaim controller
 * does), Reserve takes its devices, and later replicas see them taken.
 */
import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { generatedResourceClaimName } from '../../src/simulation/planned-resource-claims.js';
import { executeSimulation, prepareSimulation } from '../../src/simulation/run-simulation.js';
import { allocatedClaim, claimSpec, deviceClass, exactRequest, GPU_DRIVER, resourceClaim, resourceClaimTemplate, resourceSlice } from '../support/dra-objects.js';

type Json = Record<string, any>;

const node = (name: string, labels: Record<string, string> = {}): Json => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
  status: { allocatable: { cpu: '32', memory: '128Gi', pods: '110' } },
});

const deployment = (name: string, replicas: number, claims: Json[]): Json => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'trainer', image: 'trainer:1', resources: { requests: { cpu: '1' }, claims: claims.map((claim) => ({ name: claim.name })) } }], resourceClaims: claims },
    },
  },
});

function plan(objects: Json[], workloads: Json[], release: { kubernetesVersion?: string } = {}) {
  const imported = importCluster(objects);
  const prepared = prepareSimulation(ClusterState.fromObjects(imported.objects), workloads, undefined, imported.objects, [], undefined, release);
  return executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' });
}

describe('DRA planning', () => {
  it('a node with 2 GPUs and a 3-replica Deployment claiming 1 GPU each: 2 placed, the third reports upstream\'s message', () => {
    const { result, run } = plan(
      [node('gpu-1'), resourceSlice({ node: 'gpu-1', devices: 2 }), deviceClass(), resourceClaimTemplate('one-gpu')],
      [deployment('train', 3, [{ name: 'gpu', resourceClaimTemplateName: 'one-gpu' }])],
    );
    expect(result.summary).toEqual({ replicas: 3, scheduled: 2, unschedulable: 1 });
    const [first, second, third] = result.placements;
    expect(first.devices).toEqual([{ claim: generatedResourceClaimName(first.pod, 'gpu'), request: 'gpu', driver: GPU_DRIVER, pool: 'gpu-1', device: 'gpu-0' }]);
    expect(second.devices?.[0].device).toBe('gpu-1');
    expect(third.node).toBeNull();
    expect(third.message).toBe('0/1 nodes are available: 1 cannot allocate all claims. still not schedulable, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
    // The claims were allocated and reserved in the plan's cluster.
    const claim = run.cluster.objects.dra.resourceClaims.get(`default/${generatedResourceClaimName(first.pod, 'gpu')}`);
    expect(claim?.status?.reservedFor?.[0].name).toBe(first.pod);
    expect(claim?.status?.allocation?.nodeSelector?.nodeSelectorTerms[0].matchFields?.[0].values).toEqual(['gpu-1']);
  });

  it('a claim whose selector matches only one node\'s devices lands there', () => {
    const { result } = plan(
      [
        node('a'),
        node('b'),
        resourceSlice({ node: 'a', devices: 2, model: 'l4' }),
        resourceSlice({ node: 'b', devices: 2, model: 'h100' }),
        deviceClass(),
        resourceClaimTemplate('h100', claimSpec([exactRequest({ selectors: [`device.attributes["${GPU_DRIVER}"].model == "h100"`] })])),
      ],
      [deployment('infer', 2, [{ name: 'gpu', resourceClaimTemplateName: 'h100' }])],
    );
    expect(result.placements.map((placement) => placement.node)).toEqual(['b', 'b']);
    expect(result.placements.flatMap((placement) => placement.devices?.map((device) => device.device))).toEqual(['gpu-0', 'gpu-1']);
  });

  it('devices allocated in the cluster stay taken; an allocated claim keeps its devices and pins its pod to its node', () => {
    const pinned: Json = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'shared-user', namespace: 'default', uid: 'uid-shared-user' }, spec: { containers: [{ name: 'c', image: 'x' }], resourceClaims: [{ name: 'gpu', resourceClaimName: 'shared' }] } };
    const { result } = plan(
      [node('a'), node('b'), resourceSlice({ node: 'a', devices: 2 }), resourceSlice({ node: 'b', devices: 1 }), deviceClass(), resourceClaimTemplate('one-gpu'), allocatedClaim('taken', 'b', ['gpu-0'], ['other']), allocatedClaim('shared', 'a', ['gpu-1'])],
      [pinned, deployment('train', 2, [{ name: 'gpu', resourceClaimTemplateName: 'one-gpu' }])],
    );
    const [shared, first, second] = result.placements;
    expect(shared.node).toBe('a');
    expect(shared.devices).toEqual([{ claim: 'shared', request: 'gpu', driver: GPU_DRIVER, pool: 'a', device: 'gpu-1' }]);
    expect(first.node).toBe('a');
    expect(first.devices?.[0].device).toBe('gpu-0');
    expect(second.node).toBeNull();
    expect(second.message).toContain('2 cannot allocate all claims');
  });

  it('PreEnqueue and PreFilter reasons: a missing claim and a claim not created yet keep the pod out of the queue (upstream PreEnqueue), a missing device class is a PreFilter rejection', () => {
    const pod = (name: string, claim: Json): Json => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'x' }], resourceClaims: [claim] } });
    const { result } = plan(
      [node('a'), resourceSlice({ node: 'a' }), deviceClass(), resourceClaim('no-class', claimSpec([exactRequest({ deviceClassName: 'tpu' })]))],
      [pod('p1', { name: 'gpu', resourceClaimName: 'missing' }), pod('p2', { name: 'gpu', resourceClaimName: 'no-class' }), pod('p3', { name: 'gpu', resourceClaimTemplateName: 'nope' })],
    );
    expect(result.placements.map((placement) => placement.message)).toEqual([
      'resourceclaim "missing" not found',
      '0/1 nodes are available: request gpu: device class tpu does not exist. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
      'pod "default/p3": ResourceClaim not created yet',
    ]);
  });

  it('with DynamicResourceAllocation off (v1.33 default) claims are not allocated', () => {
    const { result } = plan(
      [node('a'), resourceSlice({ node: 'a', devices: 1 }), deviceClass(), resourceClaimTemplate('one-gpu')],
      [deployment('train', 2, [{ name: 'gpu', resourceClaimTemplateName: 'one-gpu' }])],
      { kubernetesVersion: 'v1.33' },
    );
    expect(result.summary.scheduled).toBe(2);
    expect(result.placements[0].devices).toBeUndefined();
  });
});
