/**
 * VolumeZone, as upstream plugins/volumezone/volume_zone.go (v1.34):
 * PreFilter finds the zone/region labels of the PersistentVolumes bound to
 * the pod's claims (Skip when there are none; unbound WaitForFirstConsumer
 * claims are VolumeBinding's); Filter rejects nodes whose labels do not
 * carry one of each PV's values. No PreFilterExtensions upstream: the
 * answer does not depend on other pods.
 *
 * Not node-local: VolumeBinding's Reserve binds claims while a plan runs,
 * so two pods sharing a claim may see different PVs behind it.
 */
import type { V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { BETA_STORAGE_CLASS_ANNOTATION } from '../../../kube/storage-stripping.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin, PreFilterResult } from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { Status } from '../../framework/status.js';
import type { ClusterState } from '../../model/cluster-state.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { PodInfo } from '../../model/pod-info.js';
import { claimKey, type StorageCatalog } from '../../model/storage-catalog.js';
import { pvTopologies, TOPOLOGY_LABELS, translateToGaLabel, type PvTopology } from './pv-topology.js';

export const ErrReasonConflict = 'node(s) had no available volume zone';

const PRE_FILTER_STATE_KEY = `PreFilter${PluginNames.VolumeZone}`;

/**
 * component-helpers storage/volume GetPersistentVolumeClaimClass: the beta
 * annotation wins over spec.storageClassName.
 */
export function claimClass(claim: V1PersistentVolumeClaim): string {
  const annotated = claim.metadata?.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  if (annotated !== undefined) return annotated;
  return claim.spec?.storageClassName ?? '';
}

/**
 * The NotFound messages kube-scheduler's informer listers give
 * (apimachinery errors.NewNotFound with the listers' singular resources).
 */
const notFound = (resource: string, name: string): Status => Status.unresolvable(`${resource} "${name}" not found`);

/** upstream getPVbyPod: the topologies of the pod's bound PVs, or the status that stops the pod. */
export function podPvTopologies(pod: PodInfo, storage: StorageCatalog): PvTopology[] | Status {
  const topologies: PvTopology[] = [];
  for (const volume of pod.pod.spec?.volumes ?? []) {
    if (!volume.persistentVolumeClaim) continue;
    const claimName = volume.persistentVolumeClaim.claimName ?? '';
    if (claimName === '') return Status.unresolvable('PersistentVolumeClaim had no name');
    const claim = storage.persistentVolumeClaims.get(claimKey(pod.namespace, claimName));
    if (!claim) return notFound('persistentvolumeclaim', claimName);
    const volumeName = claim.spec?.volumeName ?? '';
    if (volumeName === '') {
      const className = claimClass(claim);
      if (className === '') return Status.unresolvable('PersistentVolumeClaim had no pv name and storageClass name');
      const storageClass = storage.storageClasses.get(className);
      if (!storageClass) return notFound('storageclass.storage.k8s.io', className);
      // Imported StorageClasses are defaulted to Immediate; objects built in code may leave it unset.
      if (!storageClass.volumeBindingMode) return Status.unresolvable(`VolumeBindingMode not set for StorageClass "${className}"`);
      if (storageClass.volumeBindingMode === 'WaitForFirstConsumer') continue;
      return Status.unresolvable('PersistentVolume had no name');
    }
    const persistentVolume = storage.persistentVolumes.get(volumeName);
    if (!persistentVolume) return notFound('persistentvolume', volumeName);
    topologies.push(...pvTopologies(persistentVolume));
  }
  return topologies;
}

export class VolumeZone implements PreFilterPlugin, FilterPlugin {
  readonly name = PluginNames.VolumeZone;

  preFilter(state: CycleState, pod: PodInfo, cluster: ClusterState): PreFilterResult {
    const topologies = podPvTopologies(pod, cluster.objects.storage);
    if (topologies instanceof Status) return { status: topologies };
    if (topologies.length === 0) return { status: Status.skip() };
    state.write(PRE_FILTER_STATE_KEY, topologies);
    return { status: null };
  }

  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status | null {
    const topologies = state.read<readonly PvTopology[]>(PRE_FILTER_STATE_KEY);
    // A node without any zone or region label passes: a single-zone cluster's nodes may carry none.
    if (!TOPOLOGY_LABELS.some((key) => node.labels[key] !== undefined)) return null;
    for (const topology of topologies) {
      // A PV's beta key also matches the node's GA key.
      const value = node.labels[topology.key] ?? node.labels[translateToGaLabel(topology.key)];
      if (value === undefined || !topology.values.has(value)) {
        return Status.unresolvable(ErrReasonConflict, { persistentVolume: topology.pvName, labelKey: topology.key, volumeValues: [...topology.values], nodeValue: value ?? null });
      }
    }
    return null;
  }
}
