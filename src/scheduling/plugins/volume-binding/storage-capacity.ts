/**
 * Storage capacity tracking, as upstream binder.go (v1.34) hasEnoughCapacity,
 * capacitySufficient and nodeHasAccess: a claim to provision through a CSI
 * driver whose CSIDriver says `storageCapacity: true` needs a
 * CSIStorageCapacity object (storage.k8s.io/v1) of the claim's class whose
 * nodeTopology selects the node and whose maximumVolumeSize (or, without
 * one, capacity) holds the claim's request. A provisioner without a
 * CSIDriver, a driver that does not opt in, or a claim without a storage
 * request is not checked.
 *
 * Like kube-scheduler, a plan does not take provisioned sizes off the
 * objects: the driver's external-provisioner publishes new capacities later,
 * and the scheduler reads only the objects it has.
 */
import type { V1CSIStorageCapacity, V1PersistentVolumeClaim, V1StorageClass } from '@kubernetes/client-node';
import { compileLabelSelector, type CompiledSelector } from '../../../kube/label-selector.js';
import { compareQuantities } from '../../../kube/quantity.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { StorageCatalog } from '../../model/storage-catalog.js';

/** Whether the class's provisioner is a CSI driver that opted into capacity tracking (the only case hasEnoughCapacity checks). */
export function tracksCapacity(storageClass: V1StorageClass, storage: StorageCatalog): boolean {
  return storage.csiDrivers.get(storageClass.provisioner ?? '')?.spec?.storageCapacity === true;
}

/** capacitySufficient: maximumVolumeSize is more precise than capacity when published; neither means no room. */
function capacitySufficient(capacity: V1CSIStorageCapacity, request: string): boolean {
  const limit = capacity.maximumVolumeSize ?? capacity.capacity;
  return limit !== undefined && limit !== null && compareQuantities(String(limit), request) >= 0;
}

const selectors = new WeakMap<V1CSIStorageCapacity, CompiledSelector>();

/** nodeHasAccess: no nodeTopology means the storage is unavailable; `{}` selects every node. */
function nodeHasAccess(node: NodeInfo, capacity: V1CSIStorageCapacity): boolean {
  if (!capacity.nodeTopology) return false;
  let selector = selectors.get(capacity);
  if (selector === undefined) {
    try {
      selector = compileLabelSelector(capacity.nodeTopology, 'nodeTopology');
    } catch {
      // Upstream logs the conversion error and treats the object as not accessible.
      selector = compileLabelSelector(null);
    }
    selectors.set(capacity, selector);
  }
  return selector.matches(node.labels);
}

/** hasEnoughCapacity for one claim of a class that provisions, on one node. */
export function hasEnoughCapacity(claim: V1PersistentVolumeClaim, storageClass: V1StorageClass, node: NodeInfo, storage: StorageCatalog): boolean {
  const request = claim.spec?.resources?.requests?.storage;
  if (request === undefined || request === null) return true;
  if (!tracksCapacity(storageClass, storage)) return true;
  for (const capacity of storage.csiStorageCapacities.get(storageClass.metadata?.name ?? '') ?? []) {
    if (capacitySufficient(capacity, String(request)) && nodeHasAccess(node, capacity)) return true;
  }
  return false;
}
