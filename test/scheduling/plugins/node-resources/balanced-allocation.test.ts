/**
 * NodeResourcesBalancedAllocation, ported from upstream
 * pkg/scheduler/framework/plugins/noderesources/balanced_allocation_test.go
 * TestNodeResourcesBalancedAllocation. Expectations follow the current
 * scorer: std = |cpu − memory| / 2 on fractions capped at 1, plain requests,
 * and PreScore Skip for pods requesting nothing (kubernetes#129138). The
 * volume-count case depended on the removed BalanceAttachedNodeVolumes gate.
 */
import type { V1Pod } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { CycleState } from '../../../../src/scheduling/framework/cycle-state.js';
import { PluginArgsError, type ScorePlugin } from '../../../../src/scheduling/framework/interfaces.js';
import { buildPodInfo } from '../../../../src/scheduling/model/pod-info.js';
import { Code } from '../../../../src/scheduling/framework/status.js';
import { nodeResourcesBalancedAllocation } from '../../../../src/scheduling/plugins/node-resources/index.js';
import { clusterOf, makePod } from '../../../support/builders.js';
import { runScorePlugin } from '../../../support/plugin-harness.js';
import { nodeWith, podOn, podRequesting } from './scoring-support.js';

/** upstream makeNode(name, milliCPU, memory). */
const node = (name: string, milliCPU: number, memory: number) => nodeWith(name, { cpu: `${milliCPU}m`, memory: String(memory), pods: '100' });
const noResources = () => podRequesting();
const cpuOnly = (nodeName?: string): V1Pod => {
  const requests = [{ cpu: '1000m', memory: '0' }, { cpu: '2000m', memory: '0' }];
  return nodeName ? podOn(nodeName, ...requests) : podRequesting(...requests);
};
const cpuAndMemory = (nodeName?: string): V1Pod => {
  const requests = [{ cpu: '1000m', memory: '2000' }, { cpu: '2000m', memory: '3000' }];
  return nodeName ? podOn(nodeName, ...requests) : podRequesting(...requests);
};

describe('NodeResourcesBalancedAllocation: TestNodeResourcesBalancedAllocation', () => {
  it.each([
    { name: 'nothing scheduled, nothing requested', pod: noResources(), nodes: [node('machine1', 4000, 10000), node('machine2', 4000, 10000)], pods: [] },
    {
      name: 'no resources requested, pods scheduled',
      pod: noResources(),
      nodes: [node('machine1', 4000, 10000), node('machine2', 4000, 10000)],
      pods: [podOn('machine1'), podOn('machine1'), podOn('machine2'), podOn('machine2')],
    },
    {
      name: 'no resources requested, pods scheduled with resources',
      pod: noResources(),
      nodes: [node('machine1', 10000, 20000), node('machine2', 10000, 20000)],
      pods: [cpuOnly('machine1'), cpuOnly('machine1'), cpuOnly('machine2'), cpuAndMemory('machine2')],
    },
    {
      name: 'zero node resources, pods scheduled with resources',
      pod: noResources(),
      nodes: [node('machine1', 0, 0), node('machine2', 0, 0)],
      pods: [cpuOnly('machine1'), cpuAndMemory('machine2')],
    },
  ])('$name: best-effort pod, PreScore skips', ({ pod, nodes, pods }) => {
    const run = runScorePlugin(nodeResourcesBalancedAllocation(undefined), pod, clusterOf(nodes, pods));
    expect(run.preScore?.code).toBe(Code.Skip);
  });

  it.each([
    {
      // machine1: cpu 3000/4000 = .75, memory 5000/10000 = .5 → (1 − .125) × 100 = 87; machine2: .5, .5 → 100
      name: 'nothing scheduled, resources requested, differently sized machines',
      pod: cpuAndMemory(),
      nodes: [node('machine1', 4000, 10000), node('machine2', 6000, 10000)],
      pods: [] as V1Pod[],
      expected: { machine1: 87, machine2: 100 },
    },
    {
      // machine1: cpu 6000/10000 = .6, memory 5000/20000 = .25 → 82; machine2: .6, 10000/20000 = .5 → 95
      name: 'resources requested, pods scheduled with resources',
      pod: cpuAndMemory(),
      nodes: [node('machine1', 10000, 20000), node('machine2', 10000, 20000)],
      pods: [cpuOnly('machine1'), cpuAndMemory('machine2')],
      expected: { machine1: 82, machine2: 95 },
    },
    {
      // machine2: .6, 10000/50000 = .2 → 80
      name: 'resources requested, pods scheduled with resources, differently sized machines',
      pod: cpuAndMemory(),
      nodes: [node('machine1', 10000, 20000), node('machine2', 10000, 50000)],
      pods: [cpuOnly('machine1'), cpuAndMemory('machine2')],
      expected: { machine1: 82, machine2: 80 },
    },
    {
      // cpu 6000/4000 capped at 1; machine1 memory 0 → 50; machine2 memory 5000/10000 = .5 → 75
      name: 'requested resources exceed node capacity',
      pod: cpuOnly(),
      nodes: [node('machine1', 4000, 10000), node('machine2', 4000, 10000)],
      pods: [cpuOnly('machine1'), cpuAndMemory('machine2')],
      expected: { machine1: 50, machine2: 75 },
    },
  ])('$name', ({ pod, nodes, pods, expected }) => {
    const run = runScorePlugin(nodeResourcesBalancedAllocation(undefined), pod, clusterOf(nodes, pods));
    expect(run.preScore).toBeNull();
    expect(run.raw).toEqual(expected);
  });

  it('uses plain requests, not the 100m/200Mi defaults, for pods without requests', () => {
    // An existing container without requests adds nothing (NonZeroRequested is for NodeResourcesFit only).
    const existing = makePod('e').node('machine1').container().obj();
    const run = runScorePlugin(nodeResourcesBalancedAllocation(undefined), cpuAndMemory(), clusterOf([node('machine1', 6000, 10000)], [existing]));
    expect(run.raw).toEqual({ machine1: 100 });
  });

  it('includes a scalar resource the pod requests, and skips it on nodes without it', () => {
    const resources = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }, { name: 'nvidia.com/gpu', weight: 1 }];
    const pod = podRequesting({ cpu: '3000m', memory: '5000', 'nvidia.com/gpu': '1' });
    const withGpu = nodeWith('gpu', { cpu: '6000m', memory: '10000', 'nvidia.com/gpu': '4', pods: '100' });
    const withoutGpu = nodeWith('plain', { cpu: '6000m', memory: '10000', pods: '100' });
    const run = runScorePlugin(nodeResourcesBalancedAllocation({ resources }), pod, clusterOf([withGpu, withoutGpu]));
    // gpu: fractions .5, .5, .25 → mean 5/12, std = sqrt(((1/12)² × 2 + (1/6)²) / 3) ≈ .1179 → 88; plain: .5, .5 → 100
    expect(run.raw).toEqual({ gpu: 88, plain: 100 });
  });
});

describe('NodeResourcesBalancedAllocation args', () => {
  it.each([
    { name: 'duplicate resource name', args: { resources: [{ name: 'cpu', weight: 1 }, { name: 'cpu', weight: 1 }] }, path: 'resources[1].name', message: 'Duplicate value: "cpu"' },
    { name: 'weight other than 1', args: { resources: [{ name: 'cpu', weight: 2 }] }, path: 'resources[0].weight', message: 'Invalid value: 2: must be 1' },
    { name: 'unknown field', args: { resource: [] }, path: 'resource', message: 'unknown field "resource"' },
  ])('rejects $name (validation_pluginargs.go ValidateNodeResourcesBalancedAllocationArgs)', ({ args, path, message }) => {
    expect(() => nodeResourcesBalancedAllocation(args)).toThrow(message);
    try {
      nodeResourcesBalancedAllocation(args);
    } catch (error) {
      expect(error).toBeInstanceOf(PluginArgsError);
      expect((error as PluginArgsError).path).toBe(path);
    }
  });
});

// upstream balanced_allocation_test.go TestNodeResourcesBalancedAllocation as of v1.35 (release-1.35):
// the scalar-resource cases and those renamed since the table above was ported. (Upstream master,
// after v1.35, scores the change in balance instead — kubernetes PR 135573 — which no release
// podplan emulates has.) The DRA extended-resource cases are left out: claims are not simulated.
describe('NodeResourcesBalancedAllocation: TestNodeResourcesBalancedAllocation (v1.35 scalar cases)', () => {
  const gpu = 'nvidia.com/gpu';
  const withGpu = [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }, { name: gpu, weight: 1 }];
  /** upstream makeNode(name, milliCPU, memory, scalars): allocatable cpu, memory, pods 100 and the scalars. */
  const scalarNode = (name: string, milliCPU: number, memory: number, scalars: Record<string, string> = {}) =>
    nodeWith(name, { cpu: `${milliCPU}m`, memory: String(memory), pods: '100', ...scalars });
  const cpuAndMemoryAndGPU = (nodeName: string) => podOn(nodeName, { cpu: '1000m', memory: '2000' }, { cpu: '2000m', memory: '3000', [gpu]: '3' });
  it.each([
    {
      name: 'include scalar resource on a node for balanced resource allocation',
      pod: podRequesting({ memory: '0', [gpu]: '1' }),
      nodes: [scalarNode('node1', 3500, 40000, { [gpu]: '8' }), scalarNode('node2', 3500, 40000, { [gpu]: '8' })],
      pods: [cpuAndMemory('node2'), cpuAndMemoryAndGPU('node1')],
      resources: withGpu,
      expected: { node1: 70, node2: 65 },
    },
    {
      name: 'node without the scalar resource should skip the scalar resource',
      pod: cpuAndMemory(),
      nodes: [scalarNode('node1', 3500, 40000, { [gpu]: '8' }), scalarNode('node2', 3500, 40000)],
      pods: [] as V1Pod[],
      resources: withGpu,
      expected: { node1: 63, node2: 63 },
    },
    {
      name: 'requested resources at node capacity',
      pod: cpuOnly(),
      nodes: [scalarNode('node1', 6000, 10000), scalarNode('node2', 6000, 10000)],
      pods: [cpuOnly('node1'), cpuAndMemory('node2')],
      resources: undefined,
      expected: { node1: 50, node2: 75 },
    },
  ])('$name', ({ pod, nodes, pods, resources, expected }) => {
    const run = runScorePlugin(nodeResourcesBalancedAllocation(resources ? { resources } : undefined), pod, clusterOf(nodes, pods));
    expect(run.preScore).toBeNull();
    expect(run.raw).toEqual(expected);
  });

  it('resources requested, pods scheduled with resources if PreScore not called', () => {
    const plugin = nodeResourcesBalancedAllocation(undefined) as ScorePlugin;
    const cluster = clusterOf([scalarNode('node1', 10000, 20000), scalarNode('node2', 10000, 20000)], [cpuOnly('node1'), cpuAndMemory('node2')]);
    const pod = buildPodInfo(cpuAndMemory());
    expect(Object.fromEntries(cluster.nodes.map((node) => [node.name, plugin.score(new CycleState(), pod, node)]))).toEqual({ node1: 82, node2: 95 });
  });
});
