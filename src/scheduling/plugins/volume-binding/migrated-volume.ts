/**
 * binder.go tryTranslatePVToCSI (v1.34): before checkBoundClaims checks a
 * bound PV's node affinity, an in-tree PV whose plugin is migrated on the
 * node is translated to CSI, so its zone affinity names the driver's
 * topology key (topology.ebs.csi.aws.com/zone, topology.gke.io/zone, ...)
 * and the node must carry that label. Only bound claims' PVs are translated:
 * findMatchingVolumes (FindMatchingVolume) checks the in-tree affinity.
 */
import type { V1CSINode, V1PersistentVolume } from '@kubernetes/client-node';
import { MIGRATED_PLUGINS_ANNOTATION } from '../../../kube/storage-stripping.js';
import {
  AWS_EBS_IN_TREE_PLUGIN,
  AZURE_DISK_IN_TREE_PLUGIN,
  CINDER_IN_TREE_PLUGIN,
  GCE_PD_IN_TREE_PLUGIN,
  inTreePluginOf,
  translatePersistentVolumeToCsi,
} from '../helper/csi-translation.js';


/**
 * isCSIMigrationOnForPlugin: AWS EBS, GCE PD, Azure Disk and Cinder always
 * (their gates are locked on in v1.32-v1.35). Portworx also needs the
 * CSIMigrationPortworx gate, which podplan does not emulate; its translation
 * changes no node affinity (plugins/portworx.go), so leaving it out changes
 * no decision.
 */
function isCsiMigrationOnForPlugin(plugin: string): boolean {
  return plugin === AWS_EBS_IN_TREE_PLUGIN || plugin === GCE_PD_IN_TREE_PLUGIN || plugin === AZURE_DISK_IN_TREE_PLUGIN || plugin === CINDER_IN_TREE_PLUGIN;
}

/** isPluginMigratedToCSIOnNode: the node has a CSINode whose migrated-plugins annotation (comma-separated) lists the plugin. */
function isPluginMigratedToCsiOnNode(plugin: string, csiNode: V1CSINode | undefined): boolean {
  const annotation = csiNode?.metadata?.annotations?.[MIGRATED_PLUGINS_ANNOTATION];
  if (annotation === undefined || annotation === '') return false;
  return annotation.split(',').includes(plugin);
}

/** Whether some node could see this PV translated (IsPVMigratable with migration on for its plugin); a cheap pre-check. */
export function mayTranslate(volume: V1PersistentVolume): boolean {
  const plugin = inTreePluginOf(volume.spec ?? {});
  return plugin !== undefined && isCsiMigrationOnForPlugin(plugin);
}

type Translated = V1PersistentVolume | { readonly error: string };

/** The translation does not depend on the node: one per PV object, so its affinity is compiled once (pv-matching.ts). */
const translations = new WeakMap<V1PersistentVolume, Translated>();

/** tryTranslatePVToCSI: the PV as checkBoundClaims checks it on a node with this CSINode, or upstream's error. */
export function tryTranslatePVToCsi(volume: V1PersistentVolume, csiNode: V1CSINode | undefined): Translated {
  const plugin = inTreePluginOf(volume.spec ?? {});
  if (plugin === undefined || !isCsiMigrationOnForPlugin(plugin) || !isPluginMigratedToCsiOnNode(plugin, csiNode)) return volume;
  let translated = translations.get(volume);
  if (translated === undefined) {
    const result = translatePersistentVolumeToCsi(volume);
    translated = result === undefined ? volume : 'error' in result ? { error: `could not translate pv: ${result.error}` } : result;
    translations.set(volume, translated);
  }
  return translated;
}
