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
import { OverlayMap } from '../../../model/overlay-map.js';
import type { Pool } from './pools.js';

interface PoolsShape {
  /** The pools' content without their names: per pool its driver, flags and each slice's spec less node name and pool. */
  readonly content: string;
  /** Their devices' ids in search order. */
  readonly deviceIds: readonly string[];
  /** Each device id's position in deviceIds. */
  readonly positionById: ReadonlyMap<string, number>;
  /** Each pool's `driver/pool`, the ids of its devices less `/device`. */
  readonly poolPrefixes: readonly string[];
  /** Set when some device name has a `/` (invalid, but imported): its id's prefix is not its pool's, so ids are looked up one by one. */
  readonly slashInDeviceName: boolean;
}

/** Ids grouped by prefix (the id less its last `/` segment), per map: catalogs never change a map in place. */
const groupedMaps = new WeakMap<ReadonlyMap<string, unknown>, ReadonlyMap<string, readonly string[]>>();

function groupedByPool(map: ReadonlyMap<string, unknown>): ReadonlyMap<string, readonly string[]> {
  let grouped = groupedMaps.get(map);
  if (grouped !== undefined) return grouped;
  const groups = new Map<string, string[]>();
  for (const id of map.keys()) {
    const prefix = id.slice(0, id.lastIndexOf('/'));
    const group = groups.get(prefix);
    if (group === undefined) groups.set(prefix, [id]);
    else group.push(id);
  }
  groupedMaps.set(map, (grouped = groups));
  return grouped;
}

/** What positionsIn last answered for a shape: the ids in use it found under the shape's pools, in the order it walked them, and the positions. */
interface PositionsMemo {
  readonly ids: readonly string[];
  readonly positions: readonly number[] | undefined;
}

/**
 * Per shape (so per node), the last answer of positionsIn, whichever map of
 * devices in use asked: the answer depends only on the shape and those ids,
 * so a node whose pools' devices in use are the ones the previous pod saw —
 * every node but those the plan placed on since — gets the same positions
 * (the same array, which then keys its signature) for a walk over a few ids
 * instead of a new sorted array per node and pod.
 */
const positionsMemos = new WeakMap<PoolsShape, PositionsMemo>();
/** The signature of a shape with the devices at these positions in use (positions arrays come from one shape's memo). */
const signaturesByPositions = new WeakMap<readonly number[], string>();

/**
 * The devices in use, grouped by pool for signatures: a node's signature
 * then looks up its pools instead of each of its devices. An OverlayMap (a
 * plan's allocations over the cluster's) is grouped as its base, kept for
 * every pod while the base lasts, and its few changes.
 */
export class DevicesInUse {
  private readonly groups: readonly ReadonlyMap<string, readonly string[]>[];

  constructor(readonly devices: ReadonlyMap<string, unknown>) {
    this.groups = devices instanceof OverlayMap ? [groupedByPool(devices.base), groupedByPool(devices.changes)] : [groupedByPool(devices)];
  }

  /** The positions (in shape.deviceIds) of the shape's devices in use, ascending; undefined when none is. Read-only: it may be shared. */
  positionsIn(shape: PoolsShape): readonly number[] | undefined {
    if (shape.slashInDeviceName) {
      const found = shape.deviceIds.flatMap((id, position) => (this.devices.has(id) ? [position] : []));
      return found.length > 0 ? found : undefined;
    }
    const memo = positionsMemos.get(shape);
    if (memo !== undefined && this.sameIds(shape, memo.ids)) return memo.positions;
    const ids: string[] = [];
    let positions: number[] | undefined;
    for (const prefix of shape.poolPrefixes) {
      for (const group of this.groups) {
        for (const id of group.get(prefix) ?? []) {
          ids.push(id);
          const position = shape.positionById.get(id);
          if (position !== undefined) (positions ??= []).push(position);
        }
      }
    }
    // The same device may be in the base and the changes; the order of a map's keys is not the devices' order.
    const sorted = positions === undefined ? undefined : [...new Set(positions)].sort((a, b) => a - b);
    positionsMemos.set(shape, { ids, positions: sorted });
    return sorted;
  }

  /** Whether the ids in use under the shape's pools, walked as positionsIn walks them, are `ids`. */
  private sameIds(shape: PoolsShape, ids: readonly string[]): boolean {
    let index = 0;
    for (const prefix of shape.poolPrefixes) {
      for (const group of this.groups) {
        const found = group.get(prefix);
        if (found === undefined) continue;
        for (const id of found) if (ids[index++] !== id) return false;
      }
    }
    return index === ids.length;
  }
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
    shape = {
      content,
      deviceIds,
      positionById: new Map(deviceIds.map((id, position) => [id, position])),
      poolPrefixes: pools.map((pool) => `${pool.driver}/${pool.pool}`),
      slashInDeviceName: pools.some((pool) => pool.slices.some((slice) => (slice.spec.devices ?? []).some((device) => device.name.includes('/')))),
    };
  }
  poolsShapes.set(pools, shape);
  return shape;
}

/**
 * The node's class for a search over `pools` (the node's, from the catalog's
 * `catalogSlices`) with `inUse` devices in use: equal strings, same search;
 * undefined when the node must be searched on its own.
 */
export function equivalenceSignature(catalogSlices: readonly V1ResourceSlice[], pools: readonly Pool[], inUse: DevicesInUse, withShares?: DevicesInUse): string | undefined {
  const shape = poolsShape(catalogSlices, pools);
  if (shape === null) return undefined;
  // DRAConsumableCapacity: a device with shares consumed in the cluster makes the node unclassed.
  if (withShares?.positionsIn(shape) !== undefined) return undefined;
  // The positions of the devices in use (most nodes have none: the content alone, no new string).
  const positions = inUse.positionsIn(shape);
  if (positions === undefined) return shape.content;
  let signature = signaturesByPositions.get(positions);
  if (signature === undefined) signaturesByPositions.set(positions, (signature = `${shape.content}\u0002${positions.join(',')}`));
  return signature;
}
