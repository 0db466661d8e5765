/**
 * Stored forms of the storage objects (issue 13): what the volume plugins of
 * the default profile read (volumebinding, volumezone, nodevolumelimits,
 * volumerestrictions in pkg/scheduler/framework/plugins, v1.34), nothing else.
 */
import type { DroppedFields } from './dropped-fields.js';
import { isJsonObject, type JsonObject } from './json-object.js';
import { stripMetadata } from './metadata-stripping.js';

/**
 * The pre-`storageClassName` annotation, still honoured by storage/util
 * GetPersistentVolumeClass and GetPersistentVolumeClaimClass.
 */
export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
/** component-helpers storage/volume AnnBindCompleted: the PV controller finished binding the claim. */
export const BIND_COMPLETED_ANNOTATION = 'pv.kubernetes.io/bind-completed';
/** component-helpers storage/volume AnnSelectedNode: the node VolumeBinding chose for provisioning. */
export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';
/** storage/util IsDefaultAnnotation and its beta form: the class DefaultStorageClass admission gives claims without one. */
export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
export const BETA_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';

/** v1.MigratedPluginsAnnotationKey on a CSINode: the in-tree plugins migrated to CSI there (binder.go isPluginMigratedToCSIOnNode). */
export const MIGRATED_PLUGINS_ANNOTATION = 'storage.alpha.kubernetes.io/migrated-plugins';

/** The only annotations a volume plugin (or the admission that creates claims) reads. */
const KEPT_ANNOTATIONS = [BETA_STORAGE_CLASS_ANNOTATION, BIND_COMPLETED_ANNOTATION, SELECTED_NODE_ANNOTATION, DEFAULT_CLASS_ANNOTATION, BETA_DEFAULT_CLASS_ANNOTATION, MIGRATED_PLUGINS_ANNOTATION];

/**
 * Volume sources VolumeRestrictions (in-tree disk conflicts) and
 * NodeVolumeLimits (CSI, and in-tree sources migrated to CSI) identify a
 * volume by, with the fields they compare.
 */
const IDENTIFYING_SOURCE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  csi: ['driver', 'volumeHandle', 'readOnly'],
  gcePersistentDisk: ['pdName', 'readOnly'],
  awsElasticBlockStore: ['volumeID'],
  rbd: ['monitors', 'pool', 'image', 'readOnly'],
  iscsi: ['targetPortal', 'iqn', 'lun', 'readOnly'],
  azureDisk: ['diskName', 'diskURI'],
  cinder: ['volumeID'],
  local: ['path'],
  hostPath: ['path'],
};

const PV_SPEC_FIELDS = ['capacity', 'accessModes', 'claimRef', 'storageClassName', 'nodeAffinity', 'volumeMode', ...Object.keys(IDENTIFYING_SOURCE_FIELDS)];
const CLAIM_REF_FIELDS = ['namespace', 'name', 'uid'];
const PVC_SPEC_FIELDS = ['volumeName', 'storageClassName', 'accessModes', 'resources', 'volumeMode', 'selector'];
const STORAGE_CLASS_FIELDS = ['apiVersion', 'kind', 'metadata', 'provisioner', 'volumeBindingMode', 'allowedTopologies'];
const CSI_NODE_DRIVER_FIELDS = ['name', 'allocatable', 'topologyKeys'];
/** VolumeBinding reads storageCapacity (CSIStorageCapacity tracking); attach limits apply to drivers that attach; NodeVolumeLimits reads preventPodSchedulingIfMissing (VolumeLimitScaling). */
const CSI_DRIVER_SPEC_FIELDS = ['attachRequired', 'storageCapacity', 'preventPodSchedulingIfMissing'];
const CSI_STORAGE_CAPACITY_FIELDS = ['apiVersion', 'kind', 'metadata', 'storageClassName', 'nodeTopology', 'capacity', 'maximumVolumeSize'];

/** Metadata plus the annotations the volume plugins read (KEPT_ANNOTATIONS). */
function stripStorageMetadata(metadata: unknown, dropped: DroppedFields): JsonObject {
  const kept = stripMetadata(metadata, dropped);
  const annotations = isJsonObject(metadata) && isJsonObject(metadata.annotations) ? metadata.annotations : undefined;
  const keptAnnotations: JsonObject = {};
  for (const key of KEPT_ANNOTATIONS) if (typeof annotations?.[key] === 'string') keptAnnotations[key] = annotations[key];
  if (Object.keys(keptAnnotations).length > 0) kept.annotations = keptAnnotations;
  return kept;
}

/** A volume source reduced to the fields that identify the volume (others counted as dropped). */
export function stripVolumeSource(field: string, source: unknown, dropped: DroppedFields, prefix: string): JsonObject {
  const kept = IDENTIFYING_SOURCE_FIELDS[field];
  if (kept === undefined) {
    if (isJsonObject(source) && Object.keys(source).length > 0) dropped.count(`${prefix}.${field}`);
    return {};
  }
  return dropped.pick(source, kept, `${prefix}.${field}`);
}

export function stripPersistentVolume(volume: JsonObject, dropped: DroppedFields): JsonObject {
  const spec = dropped.pick(volume.spec, PV_SPEC_FIELDS, 'spec');
  if (spec.claimRef !== undefined) spec.claimRef = dropped.pick(spec.claimRef, CLAIM_REF_FIELDS, 'spec.claimRef');
  for (const field of Object.keys(IDENTIFYING_SOURCE_FIELDS)) {
    if (spec[field] !== undefined) spec[field] = stripVolumeSource(field, spec[field], dropped, 'spec');
  }
  const stripped: JsonObject = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: stripStorageMetadata(volume.metadata, dropped), spec };
  if (volume.status !== undefined) stripped.status = dropped.pick(volume.status, ['phase'], 'status');
  return stripped;
}

/** A claim's spec (also a volumeClaimTemplate's or an ephemeral volume's template's) reduced to what VolumeBinding reads. */
export function stripClaimSpec(source: unknown, dropped: DroppedFields, prefix: string): JsonObject {
  const spec = dropped.pick(source, PVC_SPEC_FIELDS, prefix);
  if (spec.resources !== undefined) spec.resources = dropped.pick(spec.resources, ['requests'], `${prefix}.resources`);
  return spec;
}

/** An ephemeral volume keeps its claim template: the claim `<pod>-<volume>` is made from it. */
export function stripEphemeralSource(source: unknown, dropped: DroppedFields, prefix: string): JsonObject {
  const template = isJsonObject(source) ? source.volumeClaimTemplate : undefined;
  if (!isJsonObject(template)) return {};
  const metadata = dropped.pick(template.metadata, ['labels', 'annotations'], `${prefix}.volumeClaimTemplate.metadata`);
  return { volumeClaimTemplate: { metadata, spec: stripClaimSpec(template.spec, dropped, `${prefix}.volumeClaimTemplate.spec`) } };
}

export function stripPersistentVolumeClaim(claim: JsonObject, dropped: DroppedFields): JsonObject {
  const spec = stripClaimSpec(claim.spec, dropped, 'spec');
  const stripped: JsonObject = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: stripStorageMetadata(claim.metadata, dropped), spec };
  if (claim.status !== undefined) stripped.status = dropped.pick(claim.status, ['phase'], 'status');
  return stripped;
}

export function stripStorageClass(storageClass: JsonObject, dropped: DroppedFields): JsonObject {
  const { provisioner, volumeBindingMode, allowedTopologies } = dropped.pick(storageClass, STORAGE_CLASS_FIELDS, '');
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: stripStorageMetadata(storageClass.metadata, dropped),
    provisioner,
    // storage/v1 SetDefaults_StorageClass: an unset binding mode is Immediate.
    volumeBindingMode: volumeBindingMode ?? 'Immediate',
    ...(allowedTopologies !== undefined && { allowedTopologies }),
  };
}

export function stripCsiNode(csiNode: JsonObject, dropped: DroppedFields): JsonObject {
  const spec = dropped.pick(csiNode.spec, ['drivers'], 'spec');
  spec.drivers = Array.isArray(spec.drivers) ? spec.drivers.map((driver) => dropped.pick(driver, CSI_NODE_DRIVER_FIELDS, 'spec.drivers')) : [];
  return { apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', metadata: stripStorageMetadata(csiNode.metadata, dropped), spec };
}

/** CSIStorageCapacity: what binder.go hasEnoughCapacity reads (class, node topology, capacity, maximum volume size). */
export function stripCsiStorageCapacity(capacity: JsonObject, dropped: DroppedFields): JsonObject {
  const { storageClassName, nodeTopology, capacity: available, maximumVolumeSize } = dropped.pick(capacity, CSI_STORAGE_CAPACITY_FIELDS, '');
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'CSIStorageCapacity',
    metadata: stripMetadata(capacity.metadata, dropped),
    storageClassName,
    ...(nodeTopology !== undefined && nodeTopology !== null && { nodeTopology }),
    ...(available !== undefined && available !== null && { capacity: available }),
    ...(maximumVolumeSize !== undefined && maximumVolumeSize !== null && { maximumVolumeSize }),
  };
}

/**
 * VolumeAttachment: what NodeVolumeLimits reads (csi.go
 * getNodeVolumeAttachmentInfo): the node, the attacher and the PV. An
 * inline volume's attachment keeps no source (the plugin skips it either
 * way); status is not read.
 */
export function stripVolumeAttachment(attachment: JsonObject, dropped: DroppedFields): JsonObject {
  const spec = dropped.pick(attachment.spec, ['attacher', 'nodeName', 'source'], 'spec');
  spec.source = dropped.pick(spec.source, ['persistentVolumeName'], 'spec.source');
  if (attachment.status !== undefined) dropped.count('status');
  return { apiVersion: 'storage.k8s.io/v1', kind: 'VolumeAttachment', metadata: stripMetadata(attachment.metadata, dropped), spec };
}

export function stripCsiDriver(csiDriver: JsonObject, dropped: DroppedFields): JsonObject {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'CSIDriver',
    metadata: stripMetadata(csiDriver.metadata, dropped),
    spec: dropped.pick(csiDriver.spec, CSI_DRIVER_SPEC_FIELDS, 'spec'),
  };
}
