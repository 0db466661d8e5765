/**
 * The resource pools a node can use (k8s.io/dynamic-resource-allocation
 * structured/internal/incubating/pools_incubating.go GatherPools, the
 * allocator upstream runs with the default gates of v1.34 and v1.35):
 * slices of the node (nodeName), of a node selector matching it, or of all
 * nodes; with DRAPartitionableDevices also slices with per-device node
 * selection that have a device for the node, and every slice of shared
 * counters. Per pool (driver + pool name) only the slices of the newest
 * generation count.
 *
 * A pool is incomplete when it has fewer slices than resourceSliceCount.
 * From v1.35 (kubernetes commit 5e0d0608 "DRA allocator: partial support
 * transition between nodes, fix 'is incomplete'") the count includes slices
 * of other nodes: a multi-host pool whose slices target different nodes is
 * complete, and a pool whose driver published a newer generation elsewhere
 * is obsolete and skipped. Before, only the node's own slices counted.
 * Before v1.35 an incomplete pool keeps its devices for ExactCount requests
 * (release-table.ts DRA_POOL_RULES).
 * A pool is invalid when a device name repeats, or, with partitionable
 * devices, when a counter set name repeats or a device consumes an unknown
 * counter set or counter.
 *
 * Upstream builds the pool list from a Go map, so its order is random; podplan
 * orders pools by driver then pool name, and slices by name, so the same
 * input always allocates the same devices.
 */
import type { V1CounterSet, V1Device, V1NodeSelector, V1ResourceSlice } from '@kubernetes/client-node';
import { quantityNanos } from '../../../../kube/quantity.js';
import type { SelectableNode } from '../../node-affinity/node-selector-term.js';
import { NodeSelector } from '../../node-affinity/node-selector.js';

export interface PoolOptions {
  /** DRAPartitionableDevices. */
  readonly partitionableDevices: boolean;
  /** v1.35 on: completeness counts the pool's slices for other nodes too. */
  readonly completenessAcrossNodes: boolean;
  /** Before v1.35: an incomplete pool keeps its devices (ExactCount requests may take them). */
  readonly incompletePoolsAllocatable: boolean;
}

/** A counter set's counters in billionths. */
export type Counters = ReadonlyMap<string, bigint>;

export interface Pool {
  readonly driver: string;
  readonly pool: string;
  /** The slices with devices for this node (none when incomplete, unless incompletePoolsAllocatable). */
  readonly slices: readonly V1ResourceSlice[];
  /** With partitionable devices: the pool's device slices for other nodes (their allocated devices consume counters too). */
  readonly slicesNotTargetingNode: readonly V1ResourceSlice[];
  /** With partitionable devices: the pool's counter sets by name. */
  readonly counterSets: ReadonlyMap<string, Counters>;
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

/** pools_incubating.go NodeMatches. */
export function nodeMatches(node: SelectableNode, nodeName: string | undefined, allNodes: boolean | undefined, nodeSelector: V1NodeSelector | undefined): boolean {
  if (nodeName) return node.name === nodeName;
  if (allNodes) return true;
  if (nodeSelector) return selectorMatches(nodeSelector, node);
  return false;
}

const byName = (a: V1ResourceSlice, b: V1ResourceSlice): number => {
  const [left, right] = [a.metadata?.name ?? '', b.metadata?.name ?? ''];
  return left < right ? -1 : left > right ? 1 : 0;
};

function sharesCounters(slice: V1ResourceSlice): boolean {
  return (slice.spec.sharedCounters?.length ?? 0) > 0;
}

/** Whether the slice belongs in the node's view (GatherPools' first loop). */
function relevant(slice: V1ResourceSlice, node: SelectableNode, options: PoolOptions): boolean {
  const spec = slice.spec;
  if (!options.partitionableDevices && (spec.perDeviceNodeSelection !== undefined || sharesCounters(slice))) return false;
  if (sharesCounters(slice)) return true;
  if (spec.nodeName || spec.allNodes || spec.nodeSelector) return nodeMatches(node, spec.nodeName, spec.allNodes, spec.nodeSelector);
  if (spec.perDeviceNodeSelection) return (spec.devices ?? []).some((device) => nodeMatches(node, device.nodeName, device.allNodes, device.nodeSelector));
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

/** pools_incubating.go getAndValidateCounterSets. */
function counterSetsOf(slices: readonly V1ResourceSlice[]): Map<string, Counters> | string {
  const sets = new Map<string, Counters>();
  for (const slice of slices) {
    for (const counterSet of slice.spec.sharedCounters ?? ([] as V1CounterSet[])) {
      if (sets.has(counterSet.name)) return `duplicate counter set name ${counterSet.name}`;
      sets.set(counterSet.name, new Map(Object.entries(counterSet.counters ?? {}).map(([name, counter]) => [name, quantityNanos(counter.value)])));
    }
  }
  return sets;
}

/** pools_incubating.go validateDeviceCounterConsumption. */
function unknownCounter(counterSets: ReadonlyMap<string, Counters>, slices: readonly V1ResourceSlice[]): string | undefined {
  for (const slice of slices) {
    for (const device of slice.spec.devices ?? []) {
      for (const consumption of device.consumesCounters ?? []) {
        const counterSet = counterSets.get(consumption.counterSet);
        if (counterSet === undefined) return `counter set ${consumption.counterSet} not found`;
        for (const name of Object.keys(consumption.counters ?? {})) {
          if (!counterSet.has(name)) return `counter ${name} not found in counter set ${consumption.counterSet}`;
        }
      }
    }
  }
  return undefined;
}

interface PoolId {
  readonly driver: string;
  readonly pool: string;
}

const EMPTY: Pick<Pool, 'slices' | 'slicesNotTargetingNode' | 'counterSets'> = { slices: [], slicesNotTargetingNode: [], counterSets: new Map() };

function invalid(id: PoolId, reason: string): Pool {
  return { ...id, ...EMPTY, isIncomplete: false, isInvalid: true, invalidReason: reason };
}

/** pools_incubating.go buildPool. */
function buildPool(id: PoolId, slices: readonly V1ResourceSlice[], options: PoolOptions, allSlicesForPool: readonly V1ResourceSlice[] | undefined): Pool {
  const deviceSlices = options.partitionableDevices ? slices.filter((slice) => !sharesCounters(slice)) : slices;
  const duplicate = duplicateDevice(deviceSlices);
  if (duplicate !== undefined) return { ...invalid(id, `duplicate device name ${duplicate}`), slices: deviceSlices };
  if (!options.partitionableDevices) return { ...id, ...EMPTY, slices: deviceSlices, isIncomplete: false, isInvalid: false };
  const counterSets = counterSetsOf(slices.filter(sharesCounters));
  if (typeof counterSets === 'string') return invalid(id, counterSets);
  const unknown = unknownCounter(counterSets, slices);
  if (unknown !== undefined) return invalid(id, unknown);
  let slicesNotTargetingNode: V1ResourceSlice[] = [];
  if (allSlicesForPool !== undefined && allSlicesForPool.length !== slices.length) {
    const targeting = new Set(slices.map((slice) => slice.metadata?.name ?? ''));
    slicesNotTargetingNode = allSlicesForPool.filter((slice) => !targeting.has(slice.metadata?.name ?? '')).sort(byName);
    const unknownElsewhere = unknownCounter(counterSets, slicesNotTargetingNode);
    if (unknownElsewhere !== undefined) return invalid(id, unknownElsewhere);
  }
  return { ...id, slices: deviceSlices, slicesNotTargetingNode, counterSets, isIncomplete: false, isInvalid: false };
}

/** pools_incubating.go checkSlicesInPool: obsolete when some slice has a newer generation; else the pool's slices of this one. */
function slicesInPool(slices: readonly V1ResourceSlice[], id: PoolId, generation: number): { obsolete: boolean; all: V1ResourceSlice[] } {
  const all: V1ResourceSlice[] = [];
  for (const slice of slices) {
    if (slice.spec.driver !== id.driver || slice.spec.pool.name !== id.pool) continue;
    const sliceGeneration = Number(slice.spec.pool.generation ?? 0);
    if (sliceGeneration === generation) all.push(slice);
    else if (sliceGeneration > generation) return { obsolete: true, all: [] };
  }
  return { obsolete: false, all };
}

/**
 * The catalog's slices split once (catalogs never change an array in place,
 * dra-catalog.ts): a slice of one node by `spec.nodeName`, without per-device
 * node selection or shared counters, is relevant to that node and no other
 * under every option; the rest go through `relevant` per node. Upstream scans
 * every slice per node; the result is the same set, and gatherPools' result
 * does not depend on the order slices come in (pools and slices are sorted).
 */
interface SliceIndex {
  readonly byNodeName: ReadonlyMap<string, readonly V1ResourceSlice[]>;
  readonly others: readonly V1ResourceSlice[];
}

const sliceIndexes = new WeakMap<readonly V1ResourceSlice[], SliceIndex>();

function sliceIndex(slices: readonly V1ResourceSlice[]): SliceIndex {
  let index = sliceIndexes.get(slices);
  if (index !== undefined) return index;
  const byNodeName = new Map<string, V1ResourceSlice[]>();
  const others: V1ResourceSlice[] = [];
  for (const slice of slices) {
    const spec = slice.spec;
    if (spec.nodeName && spec.perDeviceNodeSelection === undefined && !sharesCounters(slice)) {
      const forNode = byNodeName.get(spec.nodeName);
      if (forNode === undefined) byNodeName.set(spec.nodeName, [slice]);
      else forNode.push(slice);
    } else {
      others.push(slice);
    }
  }
  sliceIndexes.set(slices, (index = { byNodeName, others }));
  return index;
}

const NO_SLICES: readonly V1ResourceSlice[] = [];

export function gatherPools(slices: readonly V1ResourceSlice[], node: SelectableNode, options: PoolOptions): Pool[] {
  const byPool = new Map<string, { id: PoolId; slices: V1ResourceSlice[] }>();
  const { byNodeName, others } = sliceIndex(slices);
  const ownSlices = byNodeName.get(node.name) ?? NO_SLICES;
  for (let position = 0; position < ownSlices.length + others.length; position++) {
    const own = position < ownSlices.length;
    const slice = own ? ownSlices[position]! : others[position - ownSlices.length]!;
    if (!own && !relevant(slice, node, options)) continue;
    const spec = slice.spec;
    const key = `${spec.driver}\u0000${spec.pool.name}`;
    const existing = byPool.get(key);
    if (existing === undefined) {
      byPool.set(key, { id: { driver: spec.driver, pool: spec.pool.name }, slices: [slice] });
      continue;
    }
    const current = Number(existing.slices[0].spec.pool.generation ?? 0);
    const generation = Number(spec.pool.generation ?? 0);
    if (generation < current) continue;
    if (generation > current) existing.slices = [];
    existing.slices.push(slice);
  }
  const pools: Pool[] = [];
  const ordered = [...byPool.values()].sort((a, b) => (a.id.driver === b.id.driver ? (a.id.pool < b.id.pool ? -1 : a.id.pool > b.id.pool ? 1 : 0) : a.id.driver < b.id.driver ? -1 : 1));
  for (const { id, slices: poolSlices } of ordered) {
    const sorted = [...poolSlices].sort(byName);
    const expected = Number(sorted[0].spec.pool.resourceSliceCount ?? 0);
    if (sorted.length === expected) {
      pools.push(buildPool(id, sorted, options, undefined));
      continue;
    }
    if (!options.completenessAcrossNodes) {
      pools.push(options.incompletePoolsAllocatable ? { ...buildPool(id, sorted, options, undefined), isIncomplete: true } : { ...id, ...EMPTY, isIncomplete: true, isInvalid: false });
      continue;
    }
    const { obsolete, all } = slicesInPool(slices, id, Number(sorted[0].spec.pool.generation ?? 0));
    if (obsolete) continue;
    if (all.length !== expected) {
      pools.push({ ...id, ...EMPTY, isIncomplete: true, isInvalid: false });
      continue;
    }
    pools.push(buildPool(id, sorted, options, all));
  }
  return pools;
}

/** A device of a pool, with where it comes from. */
export interface PoolDevice {
  readonly id: string;
  readonly driver: string;
  readonly pool: string;
  readonly device: V1Device;
  readonly slice: V1ResourceSlice;
  readonly source: Pool;
}

interface GatheredPools {
  readonly labels: SelectableNode['labels'];
  readonly options: PoolOptions;
  readonly pools: Pool[];
}

const gatheredByCatalog = new WeakMap<readonly V1ResourceSlice[], Map<string, GatheredPools>>();

function sameOptions(a: PoolOptions, b: PoolOptions): boolean {
  return a.partitionableDevices === b.partitionableDevices && a.completenessAcrossNodes === b.completenessAcrossNodes && a.incompletePoolsAllocatable === b.incompletePoolsAllocatable;
}

/**
 * gatherPools, kept per slice array and node: the pools depend only on the
 * slices, the node's name and labels, and the options, and upstream
 * gathering them again for every pod would find the same ones. Pools are
 * read-only to the allocator (devices in use live in its own maps).
 */
export function poolsForNode(slices: readonly V1ResourceSlice[], node: SelectableNode, options: PoolOptions): Pool[] {
  let byNode = gatheredByCatalog.get(slices);
  if (byNode === undefined) gatheredByCatalog.set(slices, (byNode = new Map()));
  const kept = byNode.get(node.name);
  if (kept !== undefined && kept.labels === node.labels && sameOptions(kept.options, options)) return kept.pools;
  const pools = gatherPools(slices, node, options);
  byNode.set(node.name, { labels: node.labels, options, pools });
  return pools;
}
