/**
 * The structured allocator against upstream's TestAllocator table
 * (k8s.io/dynamic-resource-allocation structured/internal/allocatortesting/
 * allocator_testing.go, v1.35), case names kept, fixtures rebuilt with the
 * same facts (./allocator-cases). Upstream compares results with ConsistOf:
 * the order of a claim's devices and of node selector requirements does not
 * matter, so both are sorted before comparing.
 */
import type { V1NodeSelector } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { AllocatorError, StructuredAllocator, type ClaimAllocation } from '../../../../src/scheduling/plugins/dynamic-resources/allocator/structured-allocator.js';
import { BASIC_CASES } from './allocator-cases/basic-cases.js';
import { BINDING_CONDITION_CASES, EXPERIMENTAL_ALLOCATOR_CASES } from './allocator-cases/binding-condition-cases.js';
import { FIXED_SHARE_ID, aggregatedCapacity, features, node, node1, region1, type AllocatorCase } from './allocator-cases/builders.js';
import { CONSTRAINT_CASES } from './allocator-cases/constraint-cases.js';
import { CONSUMABLE_CAPACITY_CASES } from './allocator-cases/consumable-capacity-cases.js';
import { PARTITIONABLE_CASES } from './allocator-cases/partitionable-cases.js';
import { POOL_CASES, POOL_CASES_BEFORE_V1_35 } from './allocator-cases/pool-cases.js';
import { PRIORITIZED_LIST_CASES } from './allocator-cases/prioritized-list-cases.js';
import { TAINT_CASES } from './allocator-cases/taint-cases.js';

const byJson = <T>(items: readonly T[]): T[] => [...items].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));

function normalisedSelector(selector: V1NodeSelector): V1NodeSelector {
  return {
    nodeSelectorTerms: selector.nodeSelectorTerms.map((term) => ({
      ...(term.matchExpressions && { matchExpressions: byJson(term.matchExpressions.map((requirement) => ({ ...requirement, values: byJson(requirement.values ?? []) }))) }),
      ...(term.matchFields && { matchFields: byJson(term.matchFields.map((requirement) => ({ ...requirement, values: byJson(requirement.values ?? []) }))) }),
    })),
  };
}

/** As upstream's test: any shareID becomes the fixed one (upstream's are random). */
function normalisedDevice(device: ClaimAllocation['devices'][number]): ClaimAllocation['devices'][number] {
  return device.shareID === undefined ? device : { ...device, shareID: FIXED_SHARE_ID };
}

function normalised(allocations: readonly ClaimAllocation[] | undefined): unknown[] {
  return (allocations ?? []).map((allocation) => ({
    ...allocation,
    devices: byJson(allocation.devices.map(normalisedDevice)),
    ...(allocation.nodeSelector && { nodeSelector: normalisedSelector(allocation.nodeSelector) }),
  }));
}


export function runAllocatorCase(scenario: AllocatorCase & { expectNumAllocateOneInvocations?: number }): void {
  const allocator = new StructuredAllocator(
    features(scenario.features ?? {}),
    scenario.claims ?? [],
    new Map((scenario.allocatedDevices ?? []).map((id) => [id, true] as const)),
    new Map((scenario.classes ?? []).map((deviceClass) => [deviceClass.metadata?.name ?? '', deviceClass])),
    scenario.slices ?? [],
    aggregatedCapacity(scenario),
  );
  const target = scenario.node ?? node(node1, region1);
  if (scenario.expectError !== undefined) {
    let thrown: unknown;
    try {
      allocator.allocate(target);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AllocatorError);
    expect((thrown as Error).message).toContain(scenario.expectError);
    return;
  }
  expect(normalised(allocator.allocate(target))).toEqual(normalised(scenario.expectResults));
  if (scenario.expectNumAllocateOneInvocations !== undefined) expect(allocator.numAllocateOneInvocations).toBe(scenario.expectNumAllocateOneInvocations);
}

const TABLES: Record<string, Record<string, AllocatorCase & { expectNumAllocateOneInvocations?: number }>> = {
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

for (const [table, cases] of Object.entries(TABLES)) {
  describe(`StructuredAllocator: upstream TestAllocator (${table})`, () => {
    it.each(Object.entries(cases))('%s', (_name, scenario) => runAllocatorCase(scenario));
  });
}
