/**
 * The DRA objects the DynamicResources plugin and the structured allocator
 * read, indexed once per plan as upstream's listers and the scheduler's
 * claim assume cache (plugins/dynamicresources/dra_manager.go): classes by
 * name, claims and claim templates by namespace/name, every ResourceSlice,
 * and the devices already allocated (allocateddevices.go: every allocated
 * claim's results, except admin-access ones, which do not take a device).
 * With DRAConsumableCapacity a result with a shareID is a share of a
 * multi-allocatable device, not the device: the scheduler's allocated state
 * (GatherAllocatedState) then counts only the other results as devices in
 * use, and adds up what the shares consume per device.
 * A plan's allocations replace claims through `withAllocatedClaims`, so
 * forks never see each other's (OverlayMap).
 */
import type { ResourceV1ResourceClaim, V1DeviceClass, V1ResourceClaimTemplate, V1ResourceSlice } from '@kubernetes/client-node';
import type { ClusterObjects } from '../../kube/cluster-objects.js';
import { quantityNanos } from '../../kube/quantity.js';
import { OverlayMap } from './overlay-map.js';

/** Consumed amounts in billionths by capacity name, per device id (schedulerapi.ConsumedCapacityCollection). */
export type AggregatedCapacity = ReadonlyMap<string, ReadonlyMap<string, bigint>>;

export interface DraCatalog {
  readonly resourceSlices: readonly V1ResourceSlice[];
  readonly deviceClasses: ReadonlyMap<string, V1DeviceClass>;
  /** Keyed `namespace/name`. */
  readonly resourceClaims: ReadonlyMap<string, ResourceV1ResourceClaim>;
  /** Keyed `namespace/name`. */
  readonly resourceClaimTemplates: ReadonlyMap<string, V1ResourceClaimTemplate>;
  /** Device ids (`driver/pool/device`) allocated to some claim without admin access. */
  readonly allocatedDevices: ReadonlyMap<string, true>;
  /** With DRAConsumableCapacity: those of allocatedDevices taken by a result without a shareID (the same map when no result has one). */
  readonly dedicatedDevices: ReadonlyMap<string, true>;
  /** With DRAConsumableCapacity: what the results with a shareID consume, summed per device. */
  readonly aggregatedCapacity: AggregatedCapacity;
}

/** structured.DeviceID as a string: driver, pool and device name. */
export function deviceId(driver: string, pool: string, device: string): string {
  return `${driver}/${pool}/${device}`;
}

export function resourceClaimKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function namespacedKey(object: { metadata?: { name?: string; namespace?: string } }): string {
  return resourceClaimKey(object.metadata?.namespace || 'default', object.metadata?.name ?? '');
}

/** allocateddevices.go foreachAllocatedDevice: the devices a claim's allocation takes. */
export function devicesTakenBy(claim: ResourceV1ResourceClaim): string[] {
  const results = claim.status?.allocation?.devices?.results ?? [];
  return results.filter((result) => result.adminAccess !== true).map((result) => deviceId(result.driver, result.pool, result.device));
}

/** allocateddevices.go foreachAllocatedDevice with DRAConsumableCapacity: the devices taken whole (results without a shareID). */
function dedicatedDevicesTakenBy(claim: ResourceV1ResourceClaim): string[] {
  const results = claim.status?.allocation?.devices?.results ?? [];
  return results.filter((result) => result.adminAccess !== true && result.shareID === undefined).map((result) => deviceId(result.driver, result.pool, result.device));
}

/** foreachAllocatedDevice's consumedCapacityCallback: per shared result with consumedCapacity, the device and the amounts. */
function sharesTakenBy(claim: ResourceV1ResourceClaim): [string, Map<string, bigint>][] {
  const results = claim.status?.allocation?.devices?.results ?? [];
  return results
    .filter((result) => result.adminAccess !== true && result.shareID !== undefined && result.consumedCapacity !== undefined)
    .map((result) => [deviceId(result.driver, result.pool, result.device), new Map(Object.entries(result.consumedCapacity ?? {}).map(([name, value]) => [name, quantityNanos(value)]))]);
}

function hasShares(claim: ResourceV1ResourceClaim | undefined): boolean {
  return (claim?.status?.allocation?.devices?.results ?? []).some((result) => result.shareID !== undefined);
}

/** `totals` with each share's amounts added (sign 1) or taken away (sign -1), per device. */
function addShares(totals: Map<string, Map<string, bigint>>, base: AggregatedCapacity, shares: readonly [string, ReadonlyMap<string, bigint>][], sign: 1n | -1n): void {
  for (const [id, amounts] of shares) {
    let entry = totals.get(id);
    if (entry === undefined) totals.set(id, (entry = new Map(base.get(id) ?? [])));
    for (const [name, amount] of amounts) entry.set(name, (entry.get(name) ?? 0n) + sign * amount);
  }
}

/** The dedicated devices and aggregated capacity of a list of claims (the whole state, built once). */
function allocatedState(claims: Iterable<ResourceV1ResourceClaim>, allocated: ReadonlyMap<string, true>): Pick<DraCatalog, 'dedicatedDevices' | 'aggregatedCapacity'> {
  const list = [...claims];
  if (!list.some(hasShares)) return { dedicatedDevices: allocated, aggregatedCapacity: new Map() };
  const dedicated = new Map<string, true>();
  const totals = new Map<string, Map<string, bigint>>();
  for (const claim of list) {
    for (const id of dedicatedDevicesTakenBy(claim)) dedicated.set(id, true);
    addShares(totals, new Map(), sharesTakenBy(claim), 1n);
  }
  return { dedicatedDevices: dedicated, aggregatedCapacity: totals };
}

export function buildDraCatalog(objects: Pick<ClusterObjects, 'resourceSlices' | 'deviceClasses' | 'resourceClaims' | 'resourceClaimTemplates'>): DraCatalog {
  const claims = objects.resourceClaims ?? [];
  const allocated = new Map<string, true>();
  for (const claim of claims) for (const id of devicesTakenBy(claim)) allocated.set(id, true);
  return {
    resourceSlices: objects.resourceSlices ?? [],
    deviceClasses: new Map((objects.deviceClasses ?? []).map((deviceClass) => [deviceClass.metadata?.name ?? '', deviceClass])),
    resourceClaims: new Map(claims.map((claim) => [namespacedKey(claim), claim])),
    resourceClaimTemplates: new Map((objects.resourceClaimTemplates ?? []).map((template) => [namespacedKey(template), template])),
    allocatedDevices: allocated,
    ...allocatedState(claims, allocated),
  };
}

/** The catalog with these claims added or replaced (a plan's new claims, or claims it allocated and reserved). */
export function withResourceClaims(catalog: DraCatalog, claims: Iterable<ResourceV1ResourceClaim>): DraCatalog {
  const list = [...claims];
  if (list.length === 0) return catalog;
  const taken = list.flatMap(devicesTakenBy).map((id) => [id, true] as const);
  const allocatedDevices = taken.length > 0 ? OverlayMap.over(catalog.allocatedDevices).with(taken) : catalog.allocatedDevices;
  // The replaced claims' shares come off before the new ones go on (Reserve replaces claims allocated earlier too).
  const previous = list.map((claim) => catalog.resourceClaims.get(namespacedKey(claim)));
  if (catalog.dedicatedDevices === catalog.allocatedDevices && !list.some(hasShares) && !previous.some(hasShares)) {
    return { ...catalog, resourceClaims: OverlayMap.over(catalog.resourceClaims).with(list.map((claim) => [namespacedKey(claim), claim] as const)), allocatedDevices, dedicatedDevices: allocatedDevices };
  }
  const dedicated = list.flatMap(dedicatedDevicesTakenBy).map((id) => [id, true] as const);
  const totals = new Map<string, Map<string, bigint>>();
  addShares(totals, catalog.aggregatedCapacity, previous.flatMap((claim) => (claim ? sharesTakenBy(claim) : [])), -1n);
  addShares(totals, catalog.aggregatedCapacity, list.flatMap(sharesTakenBy), 1n);
  return {
    ...catalog,
    resourceClaims: OverlayMap.over(catalog.resourceClaims).with(list.map((claim) => [namespacedKey(claim), claim] as const)),
    allocatedDevices,
    dedicatedDevices: dedicated.length > 0 ? OverlayMap.over(catalog.dedicatedDevices).with(dedicated) : catalog.dedicatedDevices,
    aggregatedCapacity: totals.size > 0 ? OverlayMap.over(catalog.aggregatedCapacity).with(totals) : catalog.aggregatedCapacity,
  };
}

/** The catalog with these ResourceSlices added (the slices of nodes a scenario or a node group adds). */
export function withResourceSlices(catalog: DraCatalog, slices: readonly V1ResourceSlice[]): DraCatalog {
  if (slices.length === 0) return catalog;
  return { ...catalog, resourceSlices: [...catalog.resourceSlices, ...slices] };
}

/**
 * The catalog after claims were deleted and others replaced (pods gone with
 * their node: the garbage collector deletes the claims they owned, the
 * resourceclaim controller drops them from reservedFor and deallocates a
 * claim nobody reserves). Devices are counted again from every claim.
 */
export function withClaimChanges(catalog: DraCatalog, deleted: ReadonlySet<string>, replaced: readonly ResourceV1ResourceClaim[]): DraCatalog {
  if (deleted.size === 0 && replaced.length === 0) return catalog;
  const claims = new Map(catalog.resourceClaims);
  for (const key of deleted) claims.delete(key);
  for (const claim of replaced) claims.set(namespacedKey(claim), claim);
  const allocated = new Map<string, true>();
  for (const claim of claims.values()) for (const id of devicesTakenBy(claim)) allocated.set(id, true);
  return { ...catalog, resourceClaims: claims, allocatedDevices: allocated, ...allocatedState(claims.values(), allocated) };
}
