/**
 * The resource pools a node can use (k8s.io/dynamic-resource-allocation
 * structured/internal/stable/pools_stable.go GatherPools): slices of the
 * node (nodeName), of a node selector matching it, or of all nodes; per
 * pool (driver + pool name) only the slices of the newest generation count.
 * A pool is incomplete when it has fewer slices than resourceSliceCount and
 * invalid when a device name repeats. Slices with per-device node selection
 * need DRAPartitionableDevices, which podplan does not enable: skipped.
 *
 * Upstream builds the pool list from a Go map, so its order is random; podplan
 * orders pools by driver then pool name, and slices by name, so the same
 * input always allocates the same devices.
 */
import type { V1Device, V1NodeSelector, V1ResourceSlice } from '@kubernetes/client-node';
import type { SelectableNode } from '../../node-affinity/node-selector-term.js';
import { NodeSelector } from '../../node-affinity/node-selector.js';

export interface Pool {
  readonly driver: string;
  readonly pool: string;
  readonly slices: readonly V1ResourceSlice[];
  readonly isIncomplete: boolean;
  readonly isInvalid: boolean;
  readonly invalidReason?: string;
}

const compiledSelectors = new WeakMap<V1NodeSelector, NodeSelector>();

function selectorMatches(selector: V1NodeSelector, node: SelectableNode): boolean {
  let compiled = compiledSelectors.get(selector);
  if (compiled === undefined) compiledSelectors.set(selector, (compiled = NodeSelector.compile(selector)));
  return compiled.matches(node);
}

/** pools_stable.go nodeMatches. */
export function nodeMatches(node: SelectableNode, nodeName: string | undefined, allNodes: boolean | undefined, nodeSelector: V1NodeSelector | undefined): boolean {
  if (nodeName) return node.name === nodeName;
  if (allNodes) return true;
  if (nodeSelector) return selectorMatches(nodeSelector, node);
  return false;
}

function duplicateDevice(slices: readonly V1ResourceSlice[]): string | undefined {
  const seen = new Set<string>();
  for (const slice of slices) {
    for (const device of slice.spec.devices ?? []) {
      if (seen.has(device.name)) return device.name;
      seen.add(device.name);
    }
  }
  return undefined;
}

export function gatherPools(slices: readonly V1ResourceSlice[], node: SelectableNode): Pool[] {
  const byPool = new Map<string, { driver: string; pool: string; slices: V1ResourceSlice[] }>();
  for (const slice of slices) {
    const spec = slice.spec;
    if (spec.perDeviceNodeSelection) continue;
    if (!(spec.nodeName || spec.allNodes || spec.nodeSelector)) continue;
    if (!nodeMatches(node, spec.nodeName, spec.allNodes, spec.nodeSelector)) continue;
    const key = `${spec.driver}\u0000${spec.pool.name}`;
    const existing = byPool.get(key);
    if (existing === undefined) {
      byPool.set(key, { driver: spec.driver, pool: spec.pool.name, slices: [slice] });
      continue;
    }
    const current = Number(existing.slices[0].spec.pool.generation ?? 0);
    const generation = Number(spec.pool.generation ?? 0);
    if (generation < current) continue;
    if (generation > current) existing.slices = [];
    existing.slices.push(slice);
  }
  const name = (slice: V1ResourceSlice): string => slice.metadata?.name ?? '';
  return [...byPool.values()]
    .sort((a, b) => (a.driver === b.driver ? (a.pool < b.pool ? -1 : a.pool > b.pool ? 1 : 0) : a.driver < b.driver ? -1 : 1))
    .map(({ driver, pool, slices: poolSlices }) => {
      const ordered = [...poolSlices].sort((a, b) => (name(a) < name(b) ? -1 : name(a) > name(b) ? 1 : 0));
      const duplicate = duplicateDevice(ordered);
      return {
        driver,
        pool,
        slices: ordered,
        isIncomplete: ordered.length !== Number(ordered[0].spec.pool.resourceSliceCount),
        isInvalid: duplicate !== undefined,
        ...(duplicate !== undefined && { invalidReason: `duplicate device name ${duplicate}` }),
      };
    });
}

/** A device of a pool, with where it comes from. */
export interface PoolDevice {
  readonly id: string;
  readonly driver: string;
  readonly pool: string;
  readonly device: V1Device;
  readonly slice: V1ResourceSlice;
}
