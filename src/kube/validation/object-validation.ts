/**
 * Per-kind checks of imported cluster objects: what the API server would
 * have refused and scheduling relies on (names, labels, quantities, taints,
 * selectors, pod specs). Each returns every problem it finds.
 */
import type { FieldError } from '../field-error.js';
import { isJsonObject, type JsonObject } from '../json-object.js';
import { validateDnsLabel, validateDnsSubdomain, validateLabelKey, validateLabelMap, validateLabelValue } from '../labels.js';
import type { ClusterKind } from '../object-kinds.js';
import { integerField, invalid, NON_NEGATIVE, required, unsupported, wrongType } from './field-errors.js';
import { validateLabelSelector } from './label-selector-validation.js';
import { validatePodSpec } from './pod-spec-validation.js';
import { validateResourceList } from './resource-list.js';
import { validateDraObject } from './dra-validation.js';
import { validateStorageObject } from './storage-validation.js';
import { TAINT_EFFECTS } from './toleration-validation.js';

/** ObjectMeta: a name (DNS subdomain, or DNS label for namespaces), a DNS-label namespace, valid labels. */
export function validateMetadata(object: JsonObject, kind: string, path: string): FieldError[] {
  const metadata = object.metadata;
  if (!isJsonObject(metadata)) return [required(`${path}.metadata.name`)];
  const errors: FieldError[] = [];
  const { name, namespace } = metadata;
  if (typeof name !== 'string' || name === '') {
    errors.push(required(`${path}.metadata.name`));
  } else {
    const problems = kind === 'Namespace' ? validateDnsLabel(name) : validateDnsSubdomain(name);
    errors.push(...problems.map((message) => invalid(`${path}.metadata.name`, name, message)));
  }
  if (namespace !== undefined && namespace !== null && namespace !== '') {
    if (typeof namespace !== 'string') errors.push(wrongType(`${path}.metadata.namespace`, 'a string'));
    else errors.push(...validateDnsLabel(namespace).map((message) => invalid(`${path}.metadata.namespace`, namespace, message)));
  }
  errors.push(...validateLabelMap(metadata.labels, `${path}.metadata.labels`));
  return errors;
}

function validateTaints(taints: unknown, path: string): FieldError[] {
  if (taints === undefined || taints === null) return [];
  if (!Array.isArray(taints)) return [wrongType(path, 'a list')];
  return taints.flatMap((taint, index): FieldError[] => {
    const at = `${path}[${index}]`;
    if (!isJsonObject(taint)) return [wrongType(at, 'an object')];
    const errors: FieldError[] = [];
    const { key, value, effect } = taint;
    if (typeof key !== 'string' || key === '') errors.push(required(`${at}.key`));
    else errors.push(...validateLabelKey(key).map((message) => invalid(`${at}.key`, key, message)));
    if (value !== undefined && value !== null) {
      if (typeof value !== 'string') errors.push(wrongType(`${at}.value`, 'a string'));
      else errors.push(...validateLabelValue(value).map((message) => invalid(`${at}.value`, value, message)));
    }
    if (effect === undefined || effect === null || effect === '') errors.push(required(`${at}.effect`));
    else if (!TAINT_EFFECTS.includes(effect as 'NoSchedule')) errors.push(unsupported(`${at}.effect`, effect, TAINT_EFFECTS));
    return errors;
  });
}

function validateNode(node: JsonObject, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (isJsonObject(node.status)) {
    errors.push(...validateResourceList(node.status.capacity, `${path}.status.capacity`));
    errors.push(...validateResourceList(node.status.allocatable, `${path}.status.allocatable`));
  }
  if (isJsonObject(node.spec)) errors.push(...validateTaints(node.spec.taints, `${path}.spec.taints`));
  return errors;
}

/** Workload controllers already in the cluster: the selector the default spread finds owners by, and template labels. */
function validateController(controller: JsonObject, kind: ClusterKind, path: string): FieldError[] {
  const spec = controller.spec;
  if (!isJsonObject(spec)) return [];
  const errors =
    kind === 'ReplicationController'
      ? validateLabelMap(spec.selector, `${path}.spec.selector`)
      : validateLabelSelector(spec.selector, `${path}.spec.selector`);
  errors.push(...integerField(spec.replicas, `${path}.spec.replicas`, 'int32', NON_NEGATIVE));
  if (isJsonObject(spec.template) && isJsonObject(spec.template.metadata)) {
    errors.push(...validateLabelMap(spec.template.metadata.labels, `${path}.spec.template.metadata.labels`));
  }
  return errors;
}

export function validateClusterObject(kind: ClusterKind, object: JsonObject, path: string): FieldError[] {
  const errors = validateMetadata(object, kind, path);
  switch (kind) {
    case 'Node':
      errors.push(...validateNode(object, path));
      break;
    case 'Pod':
      errors.push(...validatePodSpec(object.spec, `${path}.spec`, { existingPod: true }));
      break;
    case 'Service':
      if (isJsonObject(object.spec)) errors.push(...validateLabelMap(object.spec.selector, `${path}.spec.selector`));
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'ReplicationController':
      errors.push(...validateController(object, kind, path));
      break;
    case 'PriorityClass':
      // PriorityClass.value is an int32.
      if (object.value === undefined || object.value === null) errors.push(required(`${path}.value`));
      else errors.push(...integerField(object.value, `${path}.value`, 'int32'));
      break;
    case 'PodDisruptionBudget':
      if (isJsonObject(object.spec)) errors.push(...validateLabelSelector(object.spec.selector, `${path}.spec.selector`));
      break;
    case 'Namespace':
      break;
    case 'PersistentVolume':
    case 'PersistentVolumeClaim':
    case 'StorageClass':
    case 'CSINode':
    case 'CSIDriver':
    case 'CSIStorageCapacity':
    case 'VolumeAttachment':
      errors.push(...validateStorageObject(kind, object, path));
      break;
    case 'ResourceSlice':
    case 'DeviceClass':
    case 'ResourceClaim':
    case 'ResourceClaimTemplate':
      errors.push(...validateDraObject(kind, object, path));
      break;
  }
  return errors;
}

