/**
 * The claim and PV behind a node's volume rejection, in one sentence per
 * claim, added to a full explanation's VolumeBinding and VolumeZone
 * failures as `explanation` (e.g. "claim data-db-1 is bound to pv-123 in
 * zone us-east-1b"): the plugins record which claim or PV failed
 * (`details`), this renders it with what the cluster says about that claim,
 * PV and StorageClass — the same sentence a placement's `volumes` entry
 * carries.
 */
import { PluginNames } from '../scheduling/framework/names.js';
import { claimKey, type StorageCatalog } from '../scheduling/model/storage-catalog.js';
import type { FilterFailure, NodeExplanation } from '../scheduling/planner/decision.js';
import { ErrReasonBindConflict, ErrReasonNotEnoughSpace } from '../scheduling/plugins/volume-binding/find-pod-volumes.js';
import { claimExplanation } from './placement-volumes.js';

/** A class whose PVs are made by hand: it provisions nothing (volumebinding's notSupportedProvisioner). */
const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

/** A filter failure with the sentence naming the claims and PVs behind it (volume plugins only). */
export type ExplainedFilterFailure = FilterFailure & { readonly explanation?: string };

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** An unbound claim no available PV on this node satisfies, and (if its class provisions) where the class may provision. */
function bindConflict(claimName: string, className: string | undefined, storage: StorageCatalog): string {
  const storageClass = className === undefined ? undefined : storage.storageClasses.get(className);
  if (!storageClass) return `claim ${claimName} is unbound and no available PV fits this node`;
  const head = `claim ${claimName} is unbound and no available PV of StorageClass ${className} fits this node`;
  if (!storageClass.provisioner || storageClass.provisioner === NO_PROVISIONER) return `${head}; ${className} provisions none`;
  const topologies = (storageClass.allowedTopologies ?? []).flatMap((term) => (term.matchLabelExpressions ?? []).map((expression) => `${expression.key} in (${expression.values.join(', ')})`));
  return topologies.length > 0 ? `${head}; ${className} provisions only where ${topologies.join('; ')}` : head;
}

/** A claim to provision whose class's driver tracks capacity, with no CSIStorageCapacity reaching the node that holds its request. */
function notEnoughSpace(claimName: string, className: string | undefined, namespace: string, storage: StorageCatalog): string {
  const request = text(storage.persistentVolumeClaims.get(claimKey(namespace, claimName))?.spec?.resources?.requests?.storage);
  const asks = request === undefined ? '' : ` for ${request}`;
  return `claim ${claimName} is provisioned by StorageClass ${className ?? ''}, and no CSIStorageCapacity of it that reaches this node has room${asks}`;
}

function volumeBindingSentences(failure: FilterFailure, namespace: string, storage: StorageCatalog): string[] {
  return (failure.details ?? []).flatMap((detail) => {
    const claimName = text(detail.claim);
    if (claimName === undefined) return [];
    if (detail.reason === ErrReasonBindConflict) return [bindConflict(claimName, text(detail.storageClass), storage)];
    if (detail.reason === ErrReasonNotEnoughSpace) return [notEnoughSpace(claimName, text(detail.storageClass), namespace, storage)];
    return [claimExplanation(claimName, storage.persistentVolumeClaims.get(claimKey(namespace, claimName)), storage)];
  });
}

/** VolumeZone names the PV; the claim is the one its claimRef names. */
function volumeZoneSentences(failure: FilterFailure, storage: StorageCatalog): string[] {
  return (failure.details ?? []).flatMap((detail) => {
    const volumeName = text(detail.persistentVolume);
    if (volumeName === undefined) return [];
    const claimRef = storage.persistentVolumes.get(volumeName)?.spec?.claimRef;
    const claimName = text(claimRef?.name);
    if (claimName === undefined) {
      const values = Array.isArray(detail.volumeValues) ? detail.volumeValues.join(' or ') : '';
      return [`${volumeName} is in ${String(detail.labelKey ?? 'zone')} ${values}`.trimEnd()];
    }
    return [claimExplanation(claimName, storage.persistentVolumeClaims.get(claimKey(claimRef?.namespace || 'default', claimName)), storage)];
  });
}

function explained(failure: FilterFailure, namespace: string, storage: StorageCatalog): ExplainedFilterFailure {
  const sentences =
    failure.plugin === PluginNames.VolumeBinding
      ? volumeBindingSentences(failure, namespace, storage)
      : failure.plugin === PluginNames.VolumeZone
        ? volumeZoneSentences(failure, storage)
        : [];
  if (sentences.length === 0) return failure;
  return { ...failure, explanation: [...new Set(sentences)].join('; ') };
}

/** The nodes with each volume failure explained; nodes without one are returned as they are. */
export function withVolumeExplanations(nodes: readonly NodeExplanation[], namespace: string, storage: StorageCatalog): NodeExplanation[] {
  return nodes.map((node) => {
    const filters = node.filters;
    if (!filters || !filters.some((failure) => failure.plugin === PluginNames.VolumeBinding || failure.plugin === PluginNames.VolumeZone)) return node;
    return { ...node, filters: filters.map((failure) => explained(failure, namespace, storage)) };
  });
}
