/**
 * Reduces imported objects to the fields scheduling reads, so stored
 * topologies stay small (real dumps are mostly managedFields, env and
 * status.conditions) and nothing downstream depends on what was dropped.
 */
import { drainAnnotations } from './drain-annotations.js';
import { DroppedFields } from './dropped-fields.js';
import { stripDeviceClass, stripResourceClaim, stripResourceClaimTemplate, stripResourceSlice } from './dra-stripping.js';
import { isJsonObject, type JsonObject } from './json-object.js';
import { stripMetadata } from './metadata-stripping.js';
import type { ClusterKind } from './object-kinds.js';
import {
  stripCsiDriver,
  stripCsiStorageCapacity,
  stripCsiNode,
  stripPersistentVolume,
  stripPersistentVolumeClaim,
  stripStorageClass,
  stripVolumeAttachment,
  stripEphemeralSource,
  stripVolumeSource,
} from './storage-stripping.js';

const POD_SPEC_FIELDS = [
  'nodeName',
  'schedulerName',
  'priority',
  'priorityClassName',
  'preemptionPolicy',
  'affinity',
  'tolerations',
  'nodeSelector',
  'topologySpreadConstraints',
  'schedulingGates',
  'overhead',
  'resources',
  'hostNetwork',
  // How long a deleted pod may take to stop: when a node drain stops waiting for it (consolidation).
  'terminationGracePeriodSeconds',
  'volumes',
  'resourceClaims',
  'containers',
  'initContainers',
];
const CONTAINER_FIELDS = ['name', 'image', 'resources', 'ports', 'restartPolicy'];
/** NodePorts reads hostIP, hostPort and protocol; containerPort is the default hostPort under hostNetwork. */
const CONTAINER_PORT_FIELDS = ['containerPort', 'hostPort', 'hostIP', 'protocol'];
const POD_STATUS_FIELDS = ['phase', 'startTime', 'nominatedNodeName', 'resourceClaimStatuses'];
const NODE_SPEC_FIELDS = ['taints', 'unschedulable'];
const NODE_STATUS_FIELDS = ['allocatable', 'capacity', 'images'];
const WORKLOAD_SPEC_FIELDS = ['replicas', 'selector', 'template', 'serviceName', 'podManagementPolicy'];
const PRIORITY_CLASS_FIELDS = ['apiVersion', 'kind', 'metadata', 'value', 'globalDefault', 'preemptionPolicy'];
const PDB_STATUS_FIELDS = ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'];

export function stripPodSpec(spec: unknown, dropped: DroppedFields, prefix = 'spec'): JsonObject {
  const kept = dropped.pick(spec, POD_SPEC_FIELDS, prefix);
  for (const field of ['containers', 'initContainers'] as const) {
    if (!Array.isArray(kept[field])) continue;
    kept[field] = kept[field].map((container) => {
      const strippedContainer = dropped.pick(container, CONTAINER_FIELDS, `${prefix}.${field}`);
      if (Array.isArray(strippedContainer.ports)) {
        strippedContainer.ports = strippedContainer.ports.map((port) => dropped.pick(port, CONTAINER_PORT_FIELDS, `${prefix}.${field}.ports`));
      }
      return strippedContainer;
    });
  }
  if (Array.isArray(kept.volumes)) kept.volumes = kept.volumes.map((volume) => stripVolume(volume, dropped, `${prefix}.volumes`));
  return kept;
}

/**
 * A pod volume keeps its name, the claim it names (persistentVolumeClaim,
 * read by the volume plugins) and the identifying fields of the sources
 * VolumeRestrictions and NodeVolumeLimits count; other sources keep only
 * their kind, so a warning can say which.
 */
function stripVolume(volume: unknown, dropped: DroppedFields, prefix: string): JsonObject {
  if (!isJsonObject(volume)) return {};
  const stripped: JsonObject = { name: volume.name };
  for (const [field, value] of Object.entries(volume)) {
    if (field === 'name') continue;
    stripped[field] =
      field === 'persistentVolumeClaim'
        ? dropped.pick(value, ['claimName', 'readOnly'], `${prefix}.${field}`)
        : field === 'ephemeral'
          ? stripEphemeralSource(value, dropped, `${prefix}.${field}`)
          : // A memory-backed emptyDir is no local storage to a node drain (consolidation's localstorage rule).
            field === 'emptyDir'
            ? dropped.pick(value, ['medium'], `${prefix}.${field}`)
            : stripVolumeSource(field, value, dropped, prefix);
  }
  return stripped;
}

export function stripPod(pod: JsonObject, dropped: DroppedFields): JsonObject {
  const metadata = stripMetadata(pod.metadata, dropped);
  // The annotations a node drain reads (consolidation); every other annotation is counted as dropped.
  const annotations = drainAnnotations(pod.metadata);
  if (annotations) metadata.annotations = annotations;
  const stripped: JsonObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: stripPodSpec(pod.spec, dropped),
  };
  if (pod.status !== undefined) stripped.status = dropped.pick(pod.status, POD_STATUS_FIELDS, 'status');
  return stripped;
}

/** A pod template keeps what a pod made from it needs: labels and the spec. */
export function stripPodTemplate(template: unknown, dropped: DroppedFields, prefix: string): JsonObject {
  if (!isJsonObject(template)) return {};
  return {
    metadata: dropped.pick(template.metadata, ['labels'], `${prefix}.metadata`),
    spec: stripPodSpec(template.spec, dropped, `${prefix}.spec`),
  };
}

function stripNode(node: JsonObject, dropped: DroppedFields): JsonObject {
  const status = dropped.pick(node.status, NODE_STATUS_FIELDS, 'status');
  if (Array.isArray(status.images)) {
    status.images = status.images.map((image) => dropped.pick(image, ['names', 'sizeBytes'], 'status.images'));
  }
  // The API server defaults allocatable to capacity when the kubelet reports none.
  if (status.allocatable === undefined && status.capacity !== undefined) status.allocatable = { ...(status.capacity as JsonObject) };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: stripMetadata(node.metadata, dropped),
    spec: dropped.pick(node.spec, NODE_SPEC_FIELDS, 'spec'),
    status,
  };
}

function stripWorkload(workload: JsonObject, kind: ClusterKind, apiVersion: string, dropped: DroppedFields): JsonObject {
  const spec = dropped.pick(workload.spec, WORKLOAD_SPEC_FIELDS, 'spec');
  if (spec.template !== undefined) spec.template = stripPodTemplate(spec.template, dropped, 'spec.template');
  if (workload.status !== undefined) dropped.count('status');
  return { apiVersion, kind, metadata: stripMetadata(workload.metadata, dropped), spec };
}

/** The stored form of an imported object of a kind podplan reads. */
export function stripObject(kind: ClusterKind, apiVersion: string, object: JsonObject, dropped: DroppedFields): JsonObject {
  switch (kind) {
    case 'Pod':
      return stripPod(object, dropped);
    case 'Node':
      return stripNode(object, dropped);
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'ReplicationController':
      return stripWorkload(object, kind, apiVersion, dropped);
    case 'Service':
      if (object.status !== undefined) dropped.count('status');
      return { apiVersion, kind, metadata: stripMetadata(object.metadata, dropped), spec: dropped.pick(object.spec, ['selector'], 'spec') };
    case 'Namespace':
      if (object.spec !== undefined) dropped.count('spec');
      if (object.status !== undefined) dropped.count('status');
      return { apiVersion, kind, metadata: stripMetadata(object.metadata, dropped) };
    case 'PriorityClass': {
      const { value, globalDefault, preemptionPolicy } = dropped.pick(object, PRIORITY_CLASS_FIELDS, '');
      return {
        apiVersion,
        kind,
        metadata: stripMetadata(object.metadata, dropped),
        value,
        ...(globalDefault !== undefined && { globalDefault }),
        ...(preemptionPolicy !== undefined && { preemptionPolicy }),
      };
    }
    case 'PodDisruptionBudget':
      return {
        apiVersion,
        kind,
        metadata: stripMetadata(object.metadata, dropped),
        spec: isJsonObject(object.spec) ? object.spec : {},
        status: dropped.pick(object.status, PDB_STATUS_FIELDS, 'status'),
      };
    case 'PersistentVolume':
      return stripPersistentVolume(object, dropped);
    case 'PersistentVolumeClaim':
      return stripPersistentVolumeClaim(object, dropped);
    case 'StorageClass':
      return stripStorageClass(object, dropped);
    case 'CSINode':
      return stripCsiNode(object, dropped);
    case 'CSIDriver':
      return stripCsiDriver(object, dropped);
    case 'CSIStorageCapacity':
      return stripCsiStorageCapacity(object, dropped);
    case 'VolumeAttachment':
      return stripVolumeAttachment(object, dropped);
    case 'ResourceSlice':
      return stripResourceSlice(object, dropped);
    case 'DeviceClass':
      return stripDeviceClass(object, dropped);
    case 'ResourceClaim':
      return stripResourceClaim(object, dropped);
    case 'ResourceClaimTemplate':
      return stripResourceClaimTemplate(object, dropped);
  }
}
