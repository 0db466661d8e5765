/**
 * Node classes (allocator/node-equivalence.ts): Filter's allocatedRequests
 * searches once per class of nodes the allocator cannot tell apart, and must
 * answer for every node exactly as a search of that node alone (allocate on
 * a fresh allocator) does.
 */
import type { V1ResourceSlice } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { StructuredAllocator, type AllocatorFeatures } from '../../../../src/scheduling/plugins/dynamic-resources/allocator/structured-allocator.js';
import { OverlayMap } from '../../../../src/scheduling/model/overlay-map.js';
import type { SelectableNode } from '../../../../src/scheduling/plugins/node-affinity/node-selector-term.js';
import { BASIC_CASES } from './allocator-cases/basic-cases.js';
import { BINDING_CONDITION_CASES, EXPERIMENTAL_ALLOCATOR_CASES } from './allocator-cases/binding-condition-cases.js';
import {
  ALL_NODES,
  aggregatedCapacity,
  allDevicesRequest,
  claim,
  classA,
  device,
  deviceClass,
  driverA,
  features,
  matchAttribute,
  node,
  node1,
  PER_DEVICE,
  prioritizedRequest,
  region1,
  request,
  slice,
  subRequest,
  withNodeSelection,
  type AllocatorCase,
} from './allocator-cases/builders.js';
import { CONSTRAINT_CASES } from './allocator-cases/constraint-cases.js';
import { CONSUMABLE_CAPACITY_CASES } from './allocator-cases/consumable-capacity-cases.js';
import { PARTITIONABLE_CASES } from './allocator-cases/partitionable-cases.js';
import { POOL_CASES, POOL_CASES_BEFORE_V1_35 } from './allocator-cases/pool-cases.js';
import { PRIORITIZED_LIST_CASES } from './allocator-cases/prioritized-list-cases.js';
import { TAINT_CASES } from './allocator-cases/taint-cases.js';

type Outcome = { readonly requests: readonly (readonly string[])[] | undefined } | { readonly error: string };

function outcome(search: () => readonly (readonly string[])[] | undefined): Outcome {
  try {
    return { requests: search() };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function allocatorFor(scenario: AllocatorCase, slices: readonly V1ResourceSlice[], allocatedDevices: readonly string[]): StructuredAllocator {
  // The copies of devices with shares in use have the same shares.
  const capacity = aggregatedCapacity(scenario);
  for (const [id, amounts] of [...capacity]) {
    const [driver, pool, ...deviceName] = id.split('/');
    capacity.set(`${driver}/${COPY}${pool}/${deviceName.join('/')}`, amounts);
  }
  return new StructuredAllocator(
    features(scenario.features ?? {}),
    scenario.claims ?? [],
    new Map(allocatedDevices.map((id) => [id, true] as const)),
    new Map((scenario.classes ?? []).map((deviceClassObject) => [deviceClassObject.metadata?.name ?? '', deviceClassObject])),
    slices,
    capacity,
  );
}

/** What a search of the node alone allocates, as request names per claim. */
function aloneOutcome(scenario: AllocatorCase, slices: readonly V1ResourceSlice[], allocatedDevices: readonly string[], target: SelectableNode): Outcome {
  return outcome(() => allocatorFor(scenario, slices, allocatedDevices).allocate(target)?.map((allocation) => allocation.devices.map((device) => device.request)));
}

const COPY = 'copy-';

/**
 * The case's world with a copy of its node: the node's own slices again under
 * new slice and pool names for `copy-<node>` (a prefix keeps their order),
 * the same labels, and the copies of the devices in use in use too.
 */
function withCopiedNode(scenario: AllocatorCase): { slices: V1ResourceSlice[]; allocatedDevices: string[]; target: SelectableNode; copy: SelectableNode } {
  const target = scenario.node ?? node(node1, region1);
  const copy = { ...target, name: COPY + target.name };
  const slices = [...(scenario.slices ?? [])];
  const copiedPools = new Set<string>();
  for (const original of scenario.slices ?? []) {
    if (original.spec.nodeName !== target.name) continue;
    copiedPools.add(`${original.spec.driver}/${original.spec.pool.name}/`);
    slices.push({ ...original, metadata: { ...original.metadata, name: COPY + (original.metadata?.name ?? '') }, spec: { ...original.spec, nodeName: copy.name, pool: { ...original.spec.pool, name: COPY + original.spec.pool.name } } });
  }
  const allocatedDevices = [...(scenario.allocatedDevices ?? [])];
  for (const id of scenario.allocatedDevices ?? []) {
    const [driver, pool, ...deviceName] = id.split('/');
    if (copiedPools.has(`${driver}/${pool}/`)) allocatedDevices.push(`${driver}/${COPY}${pool}/${deviceName.join('/')}`);
  }
  return { slices, allocatedDevices, target, copy };
}

const TABLES: Record<string, Record<string, AllocatorCase>> = {
  basic: BASIC_CASES,
  constraints: CONSTRAINT_CASES,
  'prioritized list': PRIORITIZED_LIST_CASES,
  pools: POOL_CASES,
  'pools before v1.35': POOL_CASES_BEFORE_V1_35,
  'partitionable devices': PARTITIONABLE_CASES,
  'device taints': TAINT_CASES,
  'binding conditions': BINDING_CONDITION_CASES,
  'experimental allocator': EXPERIMENTAL_ALLOCATOR_CASES,
  'consumable capacity': CONSUMABLE_CAPACITY_CASES,
};

describe('node classes: every upstream TestAllocator case, its node and a renamed copy of it, answer as searched alone', () => {
  for (const [table, cases] of Object.entries(TABLES)) {
    it.each(Object.entries(cases))(`${table}: %s`, (_name, scenario) => {
      const { slices, allocatedDevices, target, copy } = withCopiedNode(scenario);
      const shared = allocatorFor(scenario, slices, allocatedDevices);
      // The node first, so its copy may take the node's class verdict.
      const [targetOutcome, copyOutcome] = [target, copy].map((each) => outcome(() => shared.allocatedRequests(each)));
      expect(targetOutcome).toEqual(aloneOutcome(scenario, slices, allocatedDevices, target));
      expect(copyOutcome).toEqual(aloneOutcome(scenario, slices, allocatedDevices, copy));
    });
  }
});

const gpu = (name: string, model: string) => device(name, { attributes: { model: { string: model } } });
const nodeSlice = (nodeName: string, models: string[]) => slice(`${nodeName}-slice`, nodeName, nodeName, driverA, models.map((model, index) => gpu(`gpu-${index}`, model)));
const nodeNamed = (name: string): SelectableNode => ({ name, labels: {} });
const ALL_FEATURES: AllocatorFeatures = features({ adminAccess: true, prioritizedList: true, partitionableDevices: true, deviceTaints: true });

describe('node classes: which nodes share a search', () => {
  const classes = [deviceClass(classA, driverA)];
  const twoOfOneModel = claim('claim-0', [request('req-0', classA, 2)], [matchAttribute(`${driverA}/model`)]);
  const bigOrSmall = claim('claim-0', [prioritizedRequest('req-0', subRequest('big', classA, 3), subRequest('small', classA, 1))]);
  const everyDevice = claim('claim-0', [allDevicesRequest('req-0', classA)]);
  const models = { a: ['x', 'x', 'y', 'y'], b: ['x', 'x', 'y', 'y'], c: ['x', 'x', 'y', 'y'], d: ['x', 'y', 'y', 'z'], e: ['x', 'x', 'y', 'y'] };
  const slices = Object.entries(models).map(([name, list]) => nodeSlice(name, list));
  // b has one x in use (2 of model y left), c both x and one y (no pair left), e as b: the same positions in use.
  const inUse = ['driver-a/b/gpu-0', 'driver-a/c/gpu-0', 'driver-a/c/gpu-1', 'driver-a/c/gpu-2', 'driver-a/e/gpu-0'];

  it.each([
    ['two devices of one model', twoOfOneModel],
    ['firstAvailable: three devices, else one', bigOrSmall],
    ['every device (All)', everyDevice],
  ])('%s: each node answers as searched alone', (_name, pod) => {
    const scenario: AllocatorCase = { features: ALL_FEATURES, claims: [pod], classes };
    const shared = allocatorFor(scenario, slices, inUse);
    for (const name of Object.keys(models)) {
      expect(outcome(() => shared.allocatedRequests(nodeNamed(name))), name).toEqual(aloneOutcome(scenario, slices, inUse, nodeNamed(name)));
    }
  });

  it('searches once for nodes alike with the same positions in use, again for different content or devices in use', () => {
    const scenario: AllocatorCase = { features: ALL_FEATURES, claims: [twoOfOneModel], classes };
    const shared = allocatorFor(scenario, slices, inUse);
    const stepsAfter = (name: string): number => {
      shared.allocatedRequests(nodeNamed(name));
      return shared.numAllocateOneInvocations;
    };
    const afterA = stepsAfter('a');
    expect(afterA).toBeGreaterThan(0);
    const afterB = stepsAfter('b');
    expect(afterB, 'b: a device in use').toBeGreaterThan(afterA);
    const afterC = stepsAfter('c');
    expect(afterC, 'c: other devices in use').toBeGreaterThan(afterB);
    const afterD = stepsAfter('d');
    expect(afterD, 'd: other models').toBeGreaterThan(afterC);
    expect(stepsAfter('e'), 'e: as b').toBe(afterD);
    expect(shared.allocatedRequests(nodeNamed('e'))).toEqual([['req-0', 'req-0']]);
    expect(shared.allocatedRequests(nodeNamed('c'))).toBeUndefined();
  });

  it('devices in use from a plan (over the cluster\'s, as an OverlayMap) give each node the answer of its search alone', () => {
    const scenario: AllocatorCase = { features: ALL_FEATURES, claims: [twoOfOneModel], classes };
    // The cluster's claims hold b's and c's first devices and twelve of another driver; the plan took the rest; e's is in both.
    const elsewhere = Array.from({ length: 12 }, (_, index) => `driver-z/z/dev-${index}`);
    const overlay = OverlayMap.over(new Map([...inUse.slice(0, 2), 'driver-a/e/gpu-0', ...elsewhere].map((id) => [id, true] as const))).with(inUse.slice(2).map((id) => [id, true] as const));
    expect([overlay.base.size, overlay.changes.size], 'the overlay keeps both parts').toEqual([15, 3]);
    const shared = new StructuredAllocator(ALL_FEATURES, [twoOfOneModel], overlay, new Map(classes.map((each) => [each.metadata!.name!, each])), slices);
    for (const name of Object.keys(models)) {
      expect(outcome(() => shared.allocatedRequests(nodeNamed(name))), name).toEqual(aloneOutcome(scenario, slices, inUse, nodeNamed(name)));
    }
  });

  it('pod after pod on the same slices (one allocator each, as Filter makes), a node answers for the devices in use now, not those the previous pod saw', () => {
    const scenario: AllocatorCase = { features: ALL_FEATURES, claims: [twoOfOneModel], classes };
    // b's devices in use change from pod to pod (a plan placing on b, then a claim released); a's never do.
    const steps: string[][] = [[], ['driver-a/b/gpu-0', 'driver-a/b/gpu-2'], ['driver-a/b/gpu-0', 'driver-a/b/gpu-2'], ['driver-a/b/gpu-0'], []];
    const answers = steps.map((taken) => {
      const shared = allocatorFor(scenario, slices, taken);
      for (const name of ['a', 'b']) expect(outcome(() => shared.allocatedRequests(nodeNamed(name))), `${name} with ${taken.join(',')}`).toEqual(aloneOutcome(scenario, slices, taken, nodeNamed(name)));
      return outcome(() => shared.allocatedRequests(nodeNamed('b')));
    });
    expect(answers).toEqual([{ requests: [['req-0', 'req-0']] }, { requests: undefined }, { requests: undefined }, { requests: [['req-0', 'req-0']] }, { requests: [['req-0', 'req-0']] }]);
  });

  it('a device named with a slash (not valid, but imported) still counts as in use', () => {
    const odd = [slice('o-slice', 'o', 'o', driverA, [gpu('x/0', 'x'), gpu('x/1', 'x')]), slice('p-slice', 'p', 'p', driverA, [gpu('x/0', 'x'), gpu('x/1', 'x')])];
    const scenario: AllocatorCase = { features: ALL_FEATURES, claims: [twoOfOneModel], classes };
    const taken = ['driver-a/p/x/0'];
    const shared = allocatorFor(scenario, odd, taken);
    expect(shared.allocatedRequests(nodeNamed('o'))).toEqual([['req-0', 'req-0']]);
    expect(shared.allocatedRequests(nodeNamed('p'))).toBeUndefined();
    expect(aloneOutcome(scenario, odd, taken, nodeNamed('p'))).toEqual({ requests: undefined });
  });

  it('a node whose pools depend on the node (per-device node selection) is searched on its own', () => {
    // Both nodes see the same pool; only per-device node selection keeps them apart.
    const perDevice = [slice('shared-slice', PER_DEVICE, 'shared', driverA, [withNodeSelection(gpu('gpu-0', 'x'), ALL_NODES), withNodeSelection(gpu('gpu-1', 'x'), ALL_NODES)])];
    const scenario: AllocatorCase = { features: ALL_FEATURES, claims: [claim('claim-0', [request('req-0', classA, 1)])], classes };
    const shared = allocatorFor(scenario, perDevice, []);
    shared.allocatedRequests(nodeNamed('p'));
    const afterP = shared.numAllocateOneInvocations;
    expect(shared.allocatedRequests(nodeNamed('q'))).toEqual([['req-0']]);
    expect(shared.numAllocateOneInvocations).toBeGreaterThan(afterP);
  });
});
