/**
 * Why a node cannot satisfy a claim (issue 16): DynamicResources' rejection
 * details name the request, its class and selectors, how many of the node's
 * devices match and how many of those are free, and what fails first.
 */
import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { executeSimulation, prepareSimulation } from '../../src/simulation/run-simulation.js';
import { claimSpec, deviceClass, exactRequest, GPU_DRIVER, resourceClaimTemplate, resourceSlice } from '../support/dra-objects.js';

type Json = Record<string, any>;

const node = (name: string): Json => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } }, status: { allocatable: { cpu: '32', memory: '128Gi', pods: '110' } } });

const deployment = (name: string, replicas: number, template: string): Json => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'c' }], resourceClaims: [{ name: 'gpu', resourceClaimTemplateName: template }] } } },
});

function rejections(objects: Json[], workload: Json, replica: number): Record<string, Json[]> {
  const imported = importCluster(objects);
  const prepared = prepareSimulation(ClusterState.fromObjects(imported.objects), [workload], undefined, imported.objects, [], undefined, {});
  const { result } = executeSimulation(prepared, { explain: 'full', mode: 'exhaustive' });
  const placement = result.placements[replica];
  return Object.fromEntries((placement.nodes ?? []).filter((row) => !row.feasible).map((row) => [row.node, (row.filters ?? []).find((filter) => filter.plugin === 'DynamicResources')?.details as Json[]]));
}

const H100 = `device.attributes["${GPU_DRIVER}"].model == "h100"`;

describe('DynamicResources explanations', () => {
  it('a selector that matches none of the node\'s devices, and a node without devices', () => {
    const objects = [node('a'), node('b'), node('cpu'), resourceSlice({ node: 'a', devices: 2, model: 'l4' }), resourceSlice({ node: 'b', devices: 2, model: 'h100' }), deviceClass(), resourceClaimTemplate('h100', claimSpec([exactRequest({ selectors: [H100] })]))];
    const details = rejections(objects, deployment('infer', 1, 'h100'), 0);
    const claim = expect.stringMatching(/^infer-[a-z0-9]+-[a-z0-9]{5}-gpu-[a-z0-9]{5}$/);
    expect(details.a).toEqual([
      {
        claim,
        requests: [{ claim, request: 'gpu', deviceClass: 'gpu', count: 1, selectors: [H100], devices: 2, matching: 0, free: 0, failure: `request gpu: selector \`${H100}\` matches none of the 2 device(s) left of the node's 2` }],
      },
    ]);
    expect(details.cpu[0].requests[0]).toMatchObject({ devices: 0, matching: 0, free: 0, failure: 'no ResourceSlice offers devices to this node' });
  });

  it('too few free devices: the third 1-GPU replica on a 2-GPU node', () => {
    const details = rejections([node('gpu-1'), resourceSlice({ node: 'gpu-1', devices: 2 }), deviceClass(), resourceClaimTemplate('one-gpu')], deployment('train', 3, 'one-gpu'), 2);
    expect(details['gpu-1'][0].requests[0]).toMatchObject({ request: 'gpu', count: 1, devices: 2, matching: 2, free: 0, failure: 'needs 1, 0 of 2 matching device(s) free' });
  });

  it('a device class selector that rules out every device is named as the class\'s', () => {
    const objects = [node('a'), resourceSlice({ node: 'a', devices: 2 }), deviceClass('gpu', [`device.driver == "other.example.com"`]), resourceClaimTemplate('one-gpu')];
    const details = rejections(objects, deployment('train', 1, 'one-gpu'), 0);
    expect(details.a[0].requests[0].failure).toBe('device class gpu: selector `device.driver == "other.example.com"` matches none of the 2 device(s) left of the node\'s 2');
  });

  it('enough devices for each request alone, but the matchAttribute constraint fails', () => {
    // Two GPUs of different models; the claim wants two that share a model.
    const devices = [
      { name: 'gpu-0', attributes: { model: { string: 'a100' } } },
      { name: 'gpu-1', attributes: { model: { string: 'h100' } } },
    ];
    const spec = claimSpec([exactRequest({ name: 'first' }), exactRequest({ name: 'second' })], [{ requests: ['first', 'second'], matchAttribute: `${GPU_DRIVER}/model` }]);
    const details = rejections([node('a'), resourceSlice({ node: 'a', devices }), deviceClass(), resourceClaimTemplate('pair', spec)], deployment('pair', 1, 'pair'), 0);
    expect(details.a[0].requests.map((request: Json) => [request.request, request.matching, request.free, request.failure])).toEqual([
      ['first', 2, 2, undefined],
      ['second', 2, 2, undefined],
    ]);
    expect(details.a[0].failure).toBe(`every request alone has enough free devices, but no choice satisfies matchAttribute ${GPU_DRIVER}/model (requests first, second)`);
  });
});
