/**
 * Nodes the allocator cannot tell apart. A search (structured-allocator.ts
 * AllocationRun) reads, of the node, only its pools: their order, driver,
 * flags and slices' devices (what selectors, taints, constraints and
 * counts read), and which of their devices are in use. It reads the pool
 * and node names only to name devices in its results and to pin the
 * allocation to the node (createNodeSelector), and device ids are distinct
 * on one node whatever the pool names are. So two nodes whose pools match
 * in all of that, names aside, get the same verdict and the same requests
 * and subrequests (what Filter and Score use), with devices that differ
 * only in the pool name. Upstream runs the allocator for every node
 * (dynamicresources.go Filter); podplan runs it once per such class of
 * nodes per pod.
 *
 * A node whose pools read anything else of the node or of other nodes is
 * in no class (its signature is undefined) and is allocated on its own:
 * per-device node selection (nodeMatches against the node), shared
 * counters (what devices of other nodes consume).
 */
import type { V1ResourceSlice } from '@kubernetes/client-node';
import { deviceId } from '../../../model/dra-catalog.js';
import type { Pool } from './pools.js';

interface PoolsShape {
  /** The pools' content without their names: per pool its driver, flags and each slice's spec less node name and pool. */
  readonly content: string;
  /** Their devices' ids in search order. */
  readonly deviceIds: readonly string[];
}

/** Content ids per catalog (slice array), so equal slices of different nodes share one short id. */
const sliceContentIds = new WeakMap<readonly V1ResourceSlice[], { readonly ids: Map<string, number>; readonly bySlice: WeakMap<V1ResourceSlice, number> }>();
/** Per pool list (poolsForNode keeps one per node): its shape, or null when the node is in no class. */
const poolsShapes = new WeakMap<readonly Pool[], PoolsShape | null>();

function sliceContentId(catalogSlices: readonly V1ResourceSlice[], slice: V1ResourceSlice): number {
  let interned = sliceContentIds.get(catalogSlices);
  if (interned === undefined) sliceContentIds.set(catalogSlices, (interned = { ids: new Map(), bySlice: new WeakMap() }));
  let id = interned.bySlice.get(slice);
  if (id !== undefined) return id;
  // The node name and pool differ between equivalent nodes; everything else of the spec is compared.
  const { nodeName: _nodeName, pool: _pool, ...rest } = slice.spec;
  const content = JSON.stringify(rest);
  id = interned.ids.get(content);
  if (id === undefined) interned.ids.set(content, (id = interned.ids.size));
  interned.bySlice.set(slice, id);
  return id;
}

function poolsShape(catalogSlices: readonly V1ResourceSlice[], pools: readonly Pool[]): PoolsShape | null {
  let shape = poolsShapes.get(pools);
  if (shape !== undefined) return shape;
  const readsOtherNodes = pools.some((pool) => pool.counterSets.size > 0 || pool.slicesNotTargetingNode.length > 0);
  const readsTheNode = pools.some((pool) => pool.slices.some((slice) => slice.spec.perDeviceNodeSelection !== undefined));
  if (readsOtherNodes || readsTheNode) {
    shape = null;
  } else {
    const content = pools
      .map((pool) => `${pool.driver}\u0000${pool.isIncomplete ? 'I' : ''}${pool.isInvalid ? `X${pool.invalidReason ?? ''}` : ''}\u0000${pool.slices.map((slice) => sliceContentId(catalogSlices, slice)).join(',')}`)
      .join('\u0001');
    const deviceIds = pools.flatMap((pool) => pool.slices.flatMap((slice) => (slice.spec.devices ?? []).map((device) => deviceId(pool.driver, pool.pool, device.name))));
    shape = { content, deviceIds };
  }
  poolsShapes.set(pools, shape);
  return shape;
}

/**
 * The node's class for a search over `pools` (the node's, from the catalog's
 * `catalogSlices`) with `allocatedDevices` in use: equal strings, same
 * search; undefined when the node must be searched on its own.
 */
export function equivalenceSignature(catalogSlices: readonly V1ResourceSlice[], pools: readonly Pool[], allocatedDevices: ReadonlyMap<string, true>): string | undefined {
  const shape = poolsShape(catalogSlices, pools);
  if (shape === null) return undefined;
  // The positions of the devices in use (most nodes have none: the content alone, no new string).
  let signature = shape.content;
  const ids = shape.deviceIds;
  for (let position = 0; position < ids.length; position++) {
    if (allocatedDevices.has(ids[position])) signature += `\u0002${position}`;
  }
  return signature;
}
