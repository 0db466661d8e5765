/**
 * The DRA objects the DynamicResources plugin and the structured allocator
 * read, indexed once per plan as upstream's listers and the scheduler's
 * claim assume cache (plugins/dynamicresources/dra_manager.go): classes by
 * name, claims and claim templates by namespace/name, every ResourceSlice,
 * and the devices already allocated (allocateddevices.go: every allocated
 * claim's results, except admin-access ones, which do not take a device).
 * A plan's allocations replace claims through `withAllocatedClaims`, so
 * forks never see each other's (OverlayMap).
 */
import type { ResourceV1ResourceClaim, V1DeviceClass, V1ResourceClaimTemplate, V1ResourceSlice } from '@kubernetes/client-node';
import type { ClusterObjects } from '../../kube/cluster-objects.js';
import { OverlayMap } from './overlay-map.js';

export interface DraCatalog {
  readonly resourceSlices: readonly V1ResourceSlice[];
  readonly deviceClasses: ReadonlyMap<string, V1DeviceClass>;
  /** Keyed `namespace/name`. */
  readonly resourceClaims: ReadonlyMap<string, ResourceV1ResourceClaim>;
  /** Keyed `namespace/name`. */
  readonly resourceClaimTemplates: ReadonlyMap<string, V1ResourceClaimTemplate>;
  /** Device ids (`driver/pool/device`) allocated to some claim without admin access. */
  readonly allocatedDevices: ReadonlyMap<string, true>;
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
  };
}

/** The catalog with these claims added or replaced (a plan's new claims, or claims it allocated and reserved). */
export function withResourceClaims(catalog: DraCatalog, claims: Iterable<ResourceV1ResourceClaim>): DraCatalog {
  const list = [...claims];
  if (list.length === 0) return catalog;
  const taken = list.flatMap(devicesTakenBy).map((id) => [id, true] as const);
  return {
    ...catalog,
    resourceClaims: OverlayMap.over(catalog.resourceClaims).with(list.map((claim) => [namespacedKey(claim), claim] as const)),
    allocatedDevices: taken.length > 0 ? OverlayMap.over(catalog.allocatedDevices).with(taken) : catalog.allocatedDevices,
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
  return { ...catalog, resourceClaims: claims, allocatedDevices: allocated };
}
