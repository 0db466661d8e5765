/**
 * NodeResourcesFit with DRAExtendedResource (fit.go PreFilter withDeviceClass
 * and fitsRequest): an extended resource a DeviceClass maps is left to
 * DynamicResources on a node that does not serve it by device plugin
 * (absent from allocatable, or 0 there: kubernetes PR 133784); a node that
 * advertises it is checked as before; unmapped names, and every name with
 * the gate off, are checked as any extended resource.
 */
import type { V1DeviceClass } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { Code } from '../../../../src/scheduling/framework/status.js';
import { nodeResourcesFit } from '../../../../src/scheduling/plugins/node-resources/index.js';
import { resolveEmulation } from '../../../../src/scheduling/release/emulation.js';
import { clusterOf, makeNode, makePod } from '../../../support/builders.js';
import { runFilterPlugin } from '../../../support/plugin-harness.js';

const NODE = 'node-1';
const gpuClass: V1DeviceClass = { metadata: { name: 'gpu' }, spec: { extendedResourceName: 'example.com/gpu' } };
const gateOn = resolveEmulation({ kubernetesVersion: 'v1.35', featureGates: { DRAExtendedResource: true } }).features;
const gateOff = resolveEmulation({ kubernetesVersion: 'v1.35' }).features;
const gateOnV134 = resolveEmulation({ kubernetesVersion: 'v1.34', featureGates: { DRAExtendedResource: true } }).features;

function filter(gate: 'on' | 'off' | 'on in v1.34', node: ReturnType<typeof makeNode>, requests: Record<string, string>, classes: V1DeviceClass[] = [gpuClass]) {
  const plugin = nodeResourcesFit(undefined, gate === 'on' ? gateOn : gate === 'off' ? gateOff : gateOnV134);
  const pod = makePod('p').req({ cpu: '1', ...requests }).obj();
  const run = runFilterPlugin(plugin, pod, clusterOf([node.obj()], [], { deviceClasses: classes }));
  const status = run.nodes[NODE];
  return status === null ? null : { code: status.code, reasons: status.reasons };
}

const plainNode = () => makeNode(NODE).capacity({ cpu: '4', memory: '8Gi', pods: '110' });

describe('NodeResourcesFit Filter: extended resources backed by DRA', () => {
  it.each([
    ['a mapped name the node does not advertise', { 'example.com/gpu': '2' }, null],
    ['the implicit name of a class', { 'deviceclass.resource.kubernetes.io/gpu': '1' }, null],
    ['an unmapped name the node does not advertise', { 'example.com/nic': '1' }, { code: Code.UnschedulableAndUnresolvable, reasons: ['Insufficient example.com/nic'] }],
  ] as const)('gate on: %s', (_name, requests, want) => {
    expect(filter('on', plainNode(), requests)).toEqual(want);
  });

  it('gate on: a node advertising 0 of a mapped name leaves it to DRA', () => {
    expect(filter('on', makeNode(NODE).capacity({ cpu: '4', memory: '8Gi', pods: '110', 'example.com/gpu': '0' }), { 'example.com/gpu': '1' })).toBeNull();
  });

  it('gate on: a node serving a mapped name by device plugin is checked against its allocatable', () => {
    const node = makeNode(NODE).capacity({ cpu: '4', memory: '8Gi', pods: '110', 'example.com/gpu': '1' });
    expect(filter('on', node, { 'example.com/gpu': '2' })).toEqual({ code: Code.UnschedulableAndUnresolvable, reasons: ['Insufficient example.com/gpu'] });
    expect(filter('on', node, { 'example.com/gpu': '1' })).toBeNull();
  });

  it('gate off (every release\'s default): a mapped name is an ordinary extended resource', () => {
    expect(filter('off', plainNode(), { 'example.com/gpu': '1' })).toEqual({ code: Code.UnschedulableAndUnresolvable, reasons: ['Insufficient example.com/gpu'] });
  });

  describe('v1.34 (release-1.34 fit.go withDeviceClass and fitsRequest: `(okDynamic || resourceToDeviceClass == nil) && !okScalar`)', () => {
    it('a mapped name the node does not list is left to DRA, as in v1.35', () => {
      expect(filter('on in v1.34', plainNode(), { 'example.com/gpu': '2' })).toBeNull();
    });

    it('a node listing a mapped name at 0 serves it by device plugin: checked, and short', () => {
      const node = makeNode(NODE).capacity({ cpu: '4', memory: '8Gi', pods: '110', 'example.com/gpu': '0' });
      expect(filter('on in v1.34', node, { 'example.com/gpu': '1' })).toEqual({ code: Code.UnschedulableAndUnresolvable, reasons: ['Insufficient example.com/gpu'] });
    });

    it('beside an extended resource name, the implicit name of a class with an explicit one is not mapped: checked, and short', () => {
      expect(filter('on in v1.34', plainNode(), { 'example.com/gpu': '1', 'deviceclass.resource.kubernetes.io/gpu': '1' })).toEqual({
        code: Code.UnschedulableAndUnresolvable,
        reasons: ['Insufficient deviceclass.resource.kubernetes.io/gpu'],
      });
    });

    it('a pod asking for no extended resource name leaves the mapping nil: every scalar the node does not list is skipped (hugepages too)', () => {
      expect(filter('on in v1.34', plainNode(), { 'deviceclass.resource.kubernetes.io/gpu': '1' })).toBeNull();
      expect(filter('on in v1.34', plainNode(), { 'hugepages-2Mi': '2Mi' })).toBeNull();
      // v1.35 checks them (the implicit name is mapped there, so it goes to DRA; hugepages are short).
      expect(filter('on', plainNode(), { 'hugepages-2Mi': '2Mi' })).toEqual({ code: Code.UnschedulableAndUnresolvable, reasons: ['Insufficient hugepages-2Mi'] });
      // A scalar the node does list is still checked.
      const node = makeNode(NODE).capacity({ cpu: '4', memory: '8Gi', pods: '110', 'hugepages-2Mi': '0' });
      expect(filter('on in v1.34', node, { 'hugepages-2Mi': '2Mi' })).toEqual({ code: Code.UnschedulableAndUnresolvable, reasons: ['Insufficient hugepages-2Mi'] });
    });

    it('an unmapped extended resource name the node does not list is checked, as in v1.35', () => {
      expect(filter('on in v1.34', plainNode(), { 'example.com/nic': '1' })).toEqual({ code: Code.UnschedulableAndUnresolvable, reasons: ['Insufficient example.com/nic'] });
    });
  });
});
