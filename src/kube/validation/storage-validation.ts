/**
 * What kube-apiserver refuses in the storage objects the volume plugins read
 * (pkg/apis/core/validation ValidatePersistentVolumeSpec and
 * ValidatePersistentVolumeClaimSpec, pkg/apis/storage/validation
 * ValidateStorageClass, ValidateCSINode and ValidateVolumeAttachmentV1),
 * and no more: an object the API server accepts imports.
 */
import { mapKeyPath, type FieldError } from '../field-error.js';
import { isJsonObject, type JsonObject } from '../json-object.js';
import { validateDnsSubdomain, validateLabelKey } from '../labels.js';
import { compareQuantities, isQuantity, quantityMilliValue } from '../quantity.js';
import { validateNodeSelector } from './affinity-validation.js';
import { validateCsiDriverName } from './csi-driver-name.js';
import { forbidden, integerField, invalid, listAt, NON_NEGATIVE, required, unsupported, wrongType } from './field-errors.js';
import { validateLabelSelector } from './label-selector-validation.js';
import { validateResourceList } from './resource-list.js';

/** core validation supportedAccessModes. */
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'] as const;
/** storage validation supportedVolumeBindingModes. */
export const VOLUME_BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'] as const;

/** core validation: accessModes required, each supported, ReadWriteOncePod alone. */
function validateAccessModes(modes: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const list = listAt(modes, path, errors);
  if (errors.length > 0) return errors;
  if (list.length === 0) return [required(path)];
  list.forEach((mode, index) => {
    if (!ACCESS_MODES.includes(mode as (typeof ACCESS_MODES)[number])) errors.push(unsupported(`${path}[${index}]`, mode, ACCESS_MODES));
  });
  if (list.includes('ReadWriteOncePod') && list.length > 1) errors.push(forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errors;
}

/** core ValidateClassName: a storage class name is a DNS subdomain. */
function validateClassName(name: unknown, path: string): FieldError[] {
  if (name === undefined || name === null || name === '') return [];
  if (typeof name !== 'string') return [wrongType(path, 'a string')];
  return validateDnsSubdomain(name).map((message) => invalid(path, name, message));
}

function validatePersistentVolume(volume: JsonObject, path: string): FieldError[] {
  const spec = isJsonObject(volume.spec) ? volume.spec : {};
  const errors = validateAccessModes(spec.accessModes, `${path}.spec.accessModes`);
  const capacityPath = `${path}.spec.capacity`;
  if (!isJsonObject(spec.capacity) || Object.keys(spec.capacity).length === 0) {
    errors.push(spec.capacity === undefined || spec.capacity === null || isJsonObject(spec.capacity) ? required(capacityPath) : wrongType(capacityPath, 'a map of resource names to quantities'));
  } else {
    // core validation: the capacity holds storage and nothing else.
    const names = Object.keys(spec.capacity);
    if (!names.includes('storage') || names.length > 1) errors.push(unsupported(capacityPath, names, ['storage']));
    errors.push(...validateResourceList(spec.capacity, capacityPath));
  }
  errors.push(...validateClassName(spec.storageClassName, `${path}.spec.storageClassName`));
  const nodeAffinity = spec.nodeAffinity;
  if (nodeAffinity !== undefined && nodeAffinity !== null) {
    const affinityPath = `${path}.spec.nodeAffinity`;
    if (!isJsonObject(nodeAffinity)) errors.push(wrongType(affinityPath, 'an object'));
    else if (nodeAffinity.required === undefined || nodeAffinity.required === null) {
      errors.push({ path: `${affinityPath}.required`, message: 'Required value: must specify required node constraints' });
    } else {
      // A stored PV, like a stored pod, gets ValidationOptionsForPersistentVolume's ratcheting: values are not label-checked.
      errors.push(...validateNodeSelector(nodeAffinity.required, `${affinityPath}.required`, false));
    }
  }
  return errors;
}

function validatePersistentVolumeClaim(claim: JsonObject, path: string): FieldError[] {
  const spec = isJsonObject(claim.spec) ? claim.spec : {};
  const errors = validateAccessModes(spec.accessModes, `${path}.spec.accessModes`);
  if (spec.selector !== undefined && spec.selector !== null) errors.push(...validateLabelSelector(spec.selector, `${path}.spec.selector`));
  errors.push(...validateClassName(spec.storageClassName, `${path}.spec.storageClassName`));
  const requestsPath = `${path}.spec.resources.requests`;
  const requests = isJsonObject(spec.resources) ? spec.resources.requests : undefined;
  const listErrors = validateResourceList(requests, requestsPath);
  errors.push(...listErrors);
  const storage = isJsonObject(requests) ? requests.storage : undefined;
  // core ValidatePersistentVolumeClaimSpec: a storage request is required and positive.
  if (storage === undefined || storage === null) errors.push(required(mapKeyPath(requestsPath, 'storage')));
  else if (listErrors.length === 0 && isQuantity(storage) && quantityMilliValue(storage as string | number) <= 0) {
    errors.push(invalid(mapKeyPath(requestsPath, 'storage'), storage, 'must be greater than zero'));
  }
  return errors;
}

/**
 * apps validation ValidateStatefulSetSpec: each volumeClaimTemplate is a
 * claim (ValidatePersistentVolumeClaimTemplate: a name, a valid claim spec),
 * and template names are unique.
 */
export function validateClaimTemplates(templates: unknown, path: string): FieldError[] {
  if (templates === undefined || templates === null) return [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  listAt(templates, path, errors).forEach((template, index) => {
    const at = `${path}[${index}]`;
    if (!isJsonObject(template)) return errors.push(wrongType(at, 'a PersistentVolumeClaim template'));
    const name = isJsonObject(template.metadata) ? template.metadata.name : undefined;
    if (typeof name !== 'string' || name === '') errors.push(required(`${at}.metadata.name`));
    else {
      errors.push(...validateDnsSubdomain(name).map((message) => invalid(`${at}.metadata.name`, name, message)));
      if (seen.has(name)) errors.push({ path: `${at}.metadata.name`, message: `Duplicate value: ${JSON.stringify(name)}` });
      seen.add(name);
    }
    errors.push(...validatePersistentVolumeClaim(template, at));
  });
  return errors;
}

/** core ValidateTopologySelectorTerm and storage validateAllowedTopologies. */
function validateAllowedTopologies(topologies: unknown, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const seenTerms: string[] = [];
  listAt(topologies, path, errors).forEach((term, termIndex) => {
    const termPath = `${path}[${termIndex}]`;
    if (!isJsonObject(term)) return errors.push(wrongType(termPath, 'a topology selector term'));
    const valuesByKey = new Map<string, string[]>();
    listAt(term.matchLabelExpressions, `${termPath}.matchLabelExpressions`, errors).forEach((expression, index) => {
      const at = `${termPath}.matchLabelExpressions[${index}]`;
      if (!isJsonObject(expression)) return errors.push(wrongType(at, 'an object'));
      const { key, values } = expression;
      const valueList = listAt(values, `${at}.values`, errors);
      if (valueList.length === 0) errors.push({ path: `${at}.values`, message: 'Required value: must specify as least one value' });
      valueList.forEach((value, valueIndex) => {
        if (valueList.indexOf(value) !== valueIndex) errors.push({ path: `${at}.values[${valueIndex}]`, message: `Duplicate value: ${JSON.stringify(value)}` });
      });
      if (typeof key !== 'string' || key === '') errors.push(required(`${at}.key`));
      else {
        errors.push(...validateLabelKey(key).map((message) => invalid(`${at}.key`, key, message)));
        if (valuesByKey.has(key)) errors.push({ path: `${at}.key`, message: `Duplicate value: ${JSON.stringify(key)}` });
        valuesByKey.set(key, valueList.map(String).sort());
      }
    });
    const identity = JSON.stringify([...valuesByKey.entries()].sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0)));
    if (seenTerms.includes(identity)) errors.push({ path: `${termPath}.matchLabelExpressions`, message: 'Duplicate value: ""' });
    seenTerms.push(identity);
  });
  return errors;
}

function validateStorageClass(storageClass: JsonObject, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const { provisioner, volumeBindingMode } = storageClass;
  if (typeof provisioner !== 'string' || provisioner === '') errors.push(required(`${path}.provisioner`));
  // Unset is defaulted to Immediate before validation (storage/v1 SetDefaults_StorageClass).
  if (volumeBindingMode !== undefined && volumeBindingMode !== null && !VOLUME_BINDING_MODES.includes(volumeBindingMode as 'Immediate')) {
    errors.push(unsupported(`${path}.volumeBindingMode`, volumeBindingMode, VOLUME_BINDING_MODES));
  }
  errors.push(...validateAllowedTopologies(storageClass.allowedTopologies, `${path}.allowedTopologies`));
  return errors;
}

/** storage validateCSINodeDrivers: each driver named once; allocatable.count not negative. */
function validateCsiNode(csiNode: JsonObject, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const spec = isJsonObject(csiNode.spec) ? csiNode.spec : {};
  const seen = new Set<string>();
  listAt(spec.drivers, `${path}.spec.drivers`, errors).forEach((driver, index) => {
    const at = `${path}.spec.drivers[${index}]`;
    if (!isJsonObject(driver)) return errors.push(wrongType(at, 'an object'));
    if (typeof driver.name !== 'string' || driver.name === '') errors.push(required(`${at}.name`));
    else if (seen.has(driver.name)) errors.push({ path: `${at}.name`, message: `Duplicate value: ${JSON.stringify(driver.name)}` });
    else seen.add(driver.name);
    if (isJsonObject(driver.allocatable)) errors.push(...integerField(driver.allocatable.count, `${at}.allocatable.count`, 'int32', NON_NEGATIVE));
  });
  return errors;
}

/**
 * storage ValidateCSIStorageCapacity: storageClassName required (a DNS
 * subdomain), nodeTopology a valid label selector, capacity and
 * maximumVolumeSize non-negative quantities.
 */
function validateCsiStorageCapacity(capacity: JsonObject, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const className = capacity.storageClassName;
  if (typeof className !== 'string' || className === '') errors.push(required(`${path}.storageClassName`));
  else errors.push(...validateClassName(className, `${path}.storageClassName`));
  if (capacity.nodeTopology !== undefined && capacity.nodeTopology !== null) errors.push(...validateLabelSelector(capacity.nodeTopology, `${path}.nodeTopology`));
  for (const field of ['capacity', 'maximumVolumeSize'] as const) {
    const value = capacity[field];
    if (value === undefined || value === null) continue;
    if (!isQuantity(value)) errors.push(invalid(`${path}.${field}`, value, 'must be a quantity, e.g. "100Gi"'));
    // Compared exactly: published capacities (16Ti, more) pass the milli-value range.
    else if (compareQuantities(String(value), '0') < 0) errors.push(invalid(`${path}.${field}`, value, 'must be greater than or equal to 0'));
  }
  return errors;
}

/**
 * storage ValidateVolumeAttachmentV1: spec.attacher a CSI driver name
 * (ValidateCSIDriverName), spec.source exactly one of persistentVolumeName
 * (non-empty) and inlineVolumeSpec, spec.nodeName a node name. An inline
 * spec is only checked to be an object: the plugin never reads it.
 */
function validateVolumeAttachment(attachment: JsonObject, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const specPath = `${path}.spec`;
  if (!isJsonObject(attachment.spec)) return [attachment.spec === undefined || attachment.spec === null ? required(specPath) : wrongType(specPath, 'an object')];
  const spec = attachment.spec;
  errors.push(...validateCsiDriverName(spec.attacher, `${specPath}.attacher`));
  const sourcePath = `${specPath}.source`;
  const source = spec.source;
  if (source !== undefined && source !== null && !isJsonObject(source)) errors.push(wrongType(sourcePath, 'an object'));
  else {
    const pvName = isJsonObject(source) ? source.persistentVolumeName : undefined;
    const inline = isJsonObject(source) ? source.inlineVolumeSpec : undefined;
    const hasPvName = pvName !== undefined && pvName !== null;
    const hasInline = inline !== undefined && inline !== null;
    const exactlyOne = 'must specify exactly one of inlineVolumeSpec and persistentVolumeName';
    if (!hasPvName && !hasInline) errors.push({ path: sourcePath, message: `Required value: ${exactlyOne}` });
    else if (hasPvName && hasInline) errors.push(forbidden(sourcePath, exactlyOne));
    else if (hasPvName) {
      if (typeof pvName !== 'string') errors.push(wrongType(`${sourcePath}.persistentVolumeName`, 'a string'));
      else if (pvName === '') errors.push({ path: `${sourcePath}.persistentVolumeName`, message: 'Required value: must specify non empty persistentVolumeName' });
    } else if (!isJsonObject(inline)) errors.push(wrongType(`${sourcePath}.inlineVolumeSpec`, 'an object'));
  }
  const nodeName = spec.nodeName ?? '';
  if (typeof nodeName !== 'string') errors.push(wrongType(`${specPath}.nodeName`, 'a string'));
  else errors.push(...validateDnsSubdomain(nodeName).map((message) => invalid(`${specPath}.nodeName`, nodeName, message)));
  const status = attachment.status;
  if (isJsonObject(status) && status.attached !== undefined && status.attached !== null && typeof status.attached !== 'boolean') errors.push(wrongType(`${path}.status.attached`, 'a boolean'));
  return errors;
}

export function validateStorageObject(
  kind: 'PersistentVolume' | 'PersistentVolumeClaim' | 'StorageClass' | 'CSINode' | 'CSIDriver' | 'CSIStorageCapacity' | 'VolumeAttachment',
  object: JsonObject,
  path: string,
): FieldError[] {
  switch (kind) {
    case 'PersistentVolume':
      return validatePersistentVolume(object, path);
    case 'PersistentVolumeClaim':
      return validatePersistentVolumeClaim(object, path);
    case 'StorageClass':
      return validateStorageClass(object, path);
    case 'CSINode':
      return validateCsiNode(object, path);
    case 'CSIDriver':
      return [];
    case 'CSIStorageCapacity':
      return validateCsiStorageCapacity(object, path);
    case 'VolumeAttachment':
      return validateVolumeAttachment(object, path);
  }
}
