/**
 * The part of k8s.io/csi-translation-lib the volume plugins use (v1.34):
 * which in-tree volume plugins have a CSI driver, the driver's name, the
 * volume handle an in-tree volume becomes once translated (NodeVolumeLimits
 * tells volumes apart by `<driver>/<handle>`), and the node affinity a
 * translated PV has (VolumeBinding checks it, ./csi-topology-translation.ts).
 */
import type { V1PersistentVolume, V1Volume } from '@kubernetes/client-node';
import { LABEL_FAILURE_DOMAIN_BETA_ZONE, LABEL_TOPOLOGY_ZONE } from '../volume-zone/pv-topology.js';
import { translateTopologyFromInTreeToCsi } from './csi-topology-translation.js';

/** csi-translation-lib/plugins: in-tree plugin names (`kubernetes.io/...`). */
export const AWS_EBS_IN_TREE_PLUGIN = 'kubernetes.io/aws-ebs';
export const GCE_PD_IN_TREE_PLUGIN = 'kubernetes.io/gce-pd';
export const AZURE_DISK_IN_TREE_PLUGIN = 'kubernetes.io/azure-disk';
export const CINDER_IN_TREE_PLUGIN = 'kubernetes.io/cinder';

export const AWS_EBS_DRIVER = 'ebs.csi.aws.com';
export const GCE_PD_DRIVER = 'pd.csi.storage.gke.io';
export const AZURE_DISK_DRIVER = 'disk.csi.azure.com';
export const CINDER_DRIVER = 'cinder.csi.openstack.org';

/**
 * csi-translation-lib translations.go inTreePlugins: every in-tree plugin with
 * a CSI driver, by in-tree name. Those without one of the four constants
 * above are never migrated on a node (nodevolumelimits/utils.go
 * isCSIMigrationOn: Azure File, vSphere and RBD are off; Portworx needs its
 * CSIMigrationPortworx gate, which podplan does not emulate), so their
 * volumes are not counted.
 */
const CSI_DRIVER_BY_IN_TREE_PLUGIN: ReadonlyMap<string, string> = new Map([
  [GCE_PD_IN_TREE_PLUGIN, GCE_PD_DRIVER],
  [AWS_EBS_IN_TREE_PLUGIN, AWS_EBS_DRIVER],
  [CINDER_IN_TREE_PLUGIN, CINDER_DRIVER],
  [AZURE_DISK_IN_TREE_PLUGIN, AZURE_DISK_DRIVER],
  ['kubernetes.io/azure-file', 'file.csi.azure.com'],
  ['kubernetes.io/vsphere-volume', 'csi.vsphere.vmware.com'],
  ['kubernetes.io/portworx-volume', 'pxd.portworx.com'],
  ['kubernetes.io/rbd', 'rbd.csi.ceph.com'],
]);

/** The volume-source field of each in-tree plugin a pod or PV can name (csi-translation-lib plugins' CanSupport). */
const IN_TREE_PLUGIN_BY_SOURCE: ReadonlyMap<string, string> = new Map([
  ['gcePersistentDisk', GCE_PD_IN_TREE_PLUGIN],
  ['awsElasticBlockStore', AWS_EBS_IN_TREE_PLUGIN],
  ['cinder', CINDER_IN_TREE_PLUGIN],
  ['azureDisk', AZURE_DISK_IN_TREE_PLUGIN],
  ['azureFile', 'kubernetes.io/azure-file'],
  ['vsphereVolume', 'kubernetes.io/vsphere-volume'],
  ['portworxVolume', 'kubernetes.io/portworx-volume'],
  ['rbd', 'kubernetes.io/rbd'],
]);

/** A volume as NodeVolumeLimits counts it. */
export interface CsiVolume {
  readonly driver: string;
  readonly volumeHandle: string;
}

/** The in-tree plugin a volume source belongs to (GetInTreePluginNameFromSpec), if it has a CSI driver. */
export function inTreePluginOf(source: object): string | undefined {
  for (const [field, plugin] of IN_TREE_PLUGIN_BY_SOURCE) {
    if ((source as Record<string, unknown>)[field] != null) return plugin;
  }
  return undefined;
}

/** IsInlineMigratable / IsPVMigratable: the source is one csi-translation-lib can translate. */
export function isMigratable(source: object): boolean {
  return inTreePluginOf(source) !== undefined;
}

/** IsMigratableIntreePluginByName: a StorageClass provisioner that is an in-tree plugin with a CSI driver. */
export function isMigratableInTreePluginName(name: string): boolean {
  return CSI_DRIVER_BY_IN_TREE_PLUGIN.has(name);
}

/** GetCSINameFromInTreeName. */
export function csiDriverOfInTreePlugin(plugin: string): string | undefined {
  return CSI_DRIVER_BY_IN_TREE_PLUGIN.get(plugin);
}

/** The outcome of a translation: the CSI volume, or the error upstream's translator returns. */
export type Translation = CsiVolume | { readonly error: string };

/** csi-translation-lib plugins/aws_ebs.go KubernetesVolumeIDToEBSVolumeID: `aws://<zone>/vol-…` or a bare id. */
function ebsVolumeId(kubernetesId: string): string | { readonly error: string } {
  if (!kubernetesId.startsWith('aws://')) return kubernetesId;
  let url: URL;
  try {
    url = new URL(kubernetesId);
  } catch {
    return { error: `Invalid disk name (${kubernetesId})` };
  }
  const awsId = url.pathname.replace(/^\/+|\/+$/g, '');
  if (!/^vol-[^/]*$/.test(awsId)) return { error: `Invalid format for AWS volume (${kubernetesId})` };
  return awsId;
}

const GCE_UNSPECIFIED = 'UNSPECIFIED';

/** plugins/gce_pd.go volIDZonalFmt: `projects/<project>/zones/<zone>/disks/<name>`. */
const gceZonalHandle = (zone: string, pdName: string): string => `projects/${GCE_UNSPECIFIED}/zones/${zone}/disks/${pdName}`;

/** plugins/gce_pd.go getRegionFromZones: every zone `<region>-<letter>` of one region. */
function gceRegionFromZones(zones: readonly string[]): string | { readonly error: string } {
  const regions = new Set<string>();
  for (const zone of zones) {
    const parts = zone.split('-');
    if (parts.length < 3) return { error: `Failed to parse region from zone name ${zone}` };
    regions.add(parts.slice(0, -1).join('-'));
  }
  if (regions.size !== 1) return { error: `Multiple or no regions gotten from zones, got: ${[...regions].join(',')}` };
  return [...regions][0]!;
}

function translated(driver: string, handle: string | { readonly error: string }): Translation {
  return typeof handle === 'string' ? { driver, volumeHandle: handle } : handle;
}

/**
 * TranslateInTreeInlineVolumeToCSI for the four plugins that can be migrated
 * on a node (see CSI_DRIVER_BY_IN_TREE_PLUGIN); undefined for the others.
 */
export function translateInlineVolume(volume: V1Volume): Translation | undefined {
  if (volume.awsElasticBlockStore) return translated(AWS_EBS_DRIVER, ebsVolumeId(volume.awsElasticBlockStore.volumeID ?? ''));
  // An inline PD names no zone: the handle has an unspecified one.
  if (volume.gcePersistentDisk) return { driver: GCE_PD_DRIVER, volumeHandle: gceZonalHandle(GCE_UNSPECIFIED, volume.gcePersistentDisk.pdName ?? '') };
  if (volume.azureDisk) return { driver: AZURE_DISK_DRIVER, volumeHandle: volume.azureDisk.diskURI ?? '' };
  if (volume.cinder) return { driver: CINDER_DRIVER, volumeHandle: volume.cinder.volumeID ?? '' };
  return undefined;
}

/** plugins/gce_pd.go TranslateInTreePVToCSI: the PV's zone label(s) pick a zonal or regional handle. */
function gcePersistentVolumeHandle(volume: V1PersistentVolume, pdName: string): string | { readonly error: string } {
  const labels = volume.metadata?.labels ?? {};
  let zonesLabel = labels[LABEL_FAILURE_DOMAIN_BETA_ZONE] ?? '';
  const zonesTopology = labels[LABEL_TOPOLOGY_ZONE] ?? '';
  if (zonesLabel !== '' && zonesTopology !== '') {
    if (zonesLabel !== zonesTopology) return { error: `PV ${volume.metadata?.name ?? ''} has both ${LABEL_FAILURE_DOMAIN_BETA_ZONE} and ${LABEL_TOPOLOGY_ZONE} labels, but they are not the same` };
  } else if (zonesTopology !== '') {
    zonesLabel = zonesTopology;
  }
  const zones = zonesLabel.split('__');
  if (zones.length === 1 && zones[0] !== '') return gceZonalHandle(zones[0]!, pdName);
  if (zones.length > 1) {
    const region = gceRegionFromZones(zones);
    return typeof region === 'string' ? `projects/${GCE_UNSPECIFIED}/regions/${region}/disks/${pdName}` : region;
  }
  return gceZonalHandle(GCE_UNSPECIFIED, pdName);
}

/** TranslateInTreePVToCSI for the four plugins that can be migrated on a node; undefined for the others. */
export function translatePersistentVolume(volume: V1PersistentVolume): Translation | undefined {
  const spec = volume.spec ?? {};
  if (spec.awsElasticBlockStore) return translated(AWS_EBS_DRIVER, ebsVolumeId(spec.awsElasticBlockStore.volumeID ?? ''));
  if (spec.gcePersistentDisk) return translated(GCE_PD_DRIVER, gcePersistentVolumeHandle(volume, spec.gcePersistentDisk.pdName ?? ''));
  if (spec.azureDisk) return { driver: AZURE_DISK_DRIVER, volumeHandle: spec.azureDisk.diskURI ?? '' };
  if (spec.cinder) return { driver: CINDER_DRIVER, volumeHandle: spec.cinder.volumeID ?? '' };
  return undefined;
}

/**
 * nodevolumelimits/utils.go isCSIMigrationOn (v1.34): AWS EBS, GCE PD, Azure
 * Disk and Cinder are migrated wherever the node has a CSINode; nothing is
 * without one.
 */
export function isCsiMigrationOn(hasCsiNode: boolean, plugin: string | undefined): boolean {
  if (!hasCsiNode || plugin === undefined) return false;
  return plugin === AWS_EBS_IN_TREE_PLUGIN || plugin === GCE_PD_IN_TREE_PLUGIN || plugin === AZURE_DISK_IN_TREE_PLUGIN || plugin === CINDER_IN_TREE_PLUGIN;
}

/** The zonal topology keys of the CSI drivers (plugins/aws_ebs.go, gce_pd.go, openstack_cinder.go). */
export const AWS_EBS_TOPOLOGY_KEY = 'topology.ebs.csi.aws.com/zone';
export const GCE_PD_TOPOLOGY_KEY = 'topology.gke.io/zone';
export const CINDER_TOPOLOGY_KEY = 'topology.cinder.csi.openstack.org/zone';

/**
 * TranslateInTreePVToCSI as far as the PV's node affinity goes, for the four
 * plugins above: AWS EBS, GCE PD and Cinder rewrite their zone topology to
 * the driver's key (translateTopologyFromInTreeToCSI); Azure Disk leaves the
 * affinity as it is (plugins/azure_disk.go translates no topology). The
 * volume handle is worked out as upstream does, so a PV it cannot translate
 * (a malformed EBS volume ID, GCE zones of several regions) gives upstream's
 * error. undefined: not one of the four.
 */
export function translatePersistentVolumeToCsi(volume: V1PersistentVolume): V1PersistentVolume | { readonly error: string } | undefined {
  const translation = translatePersistentVolume(volume);
  if (translation === undefined) return undefined;
  if ('error' in translation) return translation;
  const spec = volume.spec ?? {};
  const topologyKey = spec.awsElasticBlockStore ? AWS_EBS_TOPOLOGY_KEY : spec.gcePersistentDisk ? GCE_PD_TOPOLOGY_KEY : spec.cinder ? CINDER_TOPOLOGY_KEY : undefined;
  const nodeAffinity = topologyKey === undefined ? spec.nodeAffinity : translateTopologyFromInTreeToCsi(volume, topologyKey);
  const translatedSpec = { ...spec, csi: { driver: translation.driver, volumeHandle: translation.volumeHandle }, ...(nodeAffinity !== undefined && { nodeAffinity }) };
  delete translatedSpec.awsElasticBlockStore;
  delete translatedSpec.gcePersistentDisk;
  delete translatedSpec.azureDisk;
  delete translatedSpec.cinder;
  return { ...volume, spec: translatedSpec };
}
