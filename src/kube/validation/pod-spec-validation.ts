/**
 * The parts of core validation.go ValidatePodSpec that scheduling depends on:
 * containers (name, image, ports, resources with requests ≤ limits),
 * overhead and pod-level resources, nodeSelector, affinity, tolerations,
 * topology spread constraints and scheduling gates. Shared by the cluster importer and workload
 * expansion, so a pod is judged the same wherever it comes from.
 */
import { validatePodResourceClaims } from './pod-resource-claims-validation.js';
import { mapKeyPath, type FieldError } from '../field-error.js';
import { isJsonObject } from '../json-object.js';
import { validateDnsLabel, validateLabelMap } from '../labels.js';
import { compareQuantities, isQuantity } from '../quantity.js';
import { validateAffinity } from './affinity-validation.js';
import { integerField, invalid, required, unsupported, wrongType } from './field-errors.js';
import { validateResourceList } from './resource-list.js';
import { validateSchedulingGates } from './scheduling-gates-validation.js';
import { validateTolerations } from './toleration-validation.js';
import { validateTopologySpreadConstraints } from './topology-spread-validation.js';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'] as const;

export interface PodSpecValidationOptions {
  /**
   * The pod is already stored (imported from a cluster): the ratcheting
   * options upstream's GetValidationOptionsFromPodSpecAndMeta grants a pod
   * whose stored spec already breaks a newer rule are granted, since a
   * snapshot cannot show which rule a pod was created under.
   */
  readonly existingPod?: boolean;
}

export function validatePodSpec(spec: unknown, path: string, options: PodSpecValidationOptions = {}): FieldError[] {
  if (!isJsonObject(spec)) return [spec === undefined ? required(path) : wrongType(path, 'an object')];
  const errors: FieldError[] = [];
  if (!Array.isArray(spec.containers) || spec.containers.length === 0) {
    errors.push(required(`${path}.containers`));
  }
  const names = new Set<string>();
  for (const field of ['containers', 'initContainers'] as const) {
    const containers = spec[field];
    if (containers === undefined || containers === null) continue;
    if (!Array.isArray(containers)) {
      errors.push(wrongType(`${path}.${field}`, 'a list'));
      continue;
    }
    containers.forEach((container, index) => errors.push(...validateContainer(container, `${path}.${field}[${index}]`, names)));
  }
  errors.push(...validateResourceList(spec.overhead, `${path}.overhead`));
  if (spec.resources !== undefined && spec.resources !== null) errors.push(...validateResources(spec.resources, `${path}.resources`));
  errors.push(...validateLabelMap(spec.nodeSelector, `${path}.nodeSelector`));
  const stored = options.existingPod === true;
  errors.push(
    ...validateAffinity(spec.affinity, `${path}.affinity`, {
      allowInvalidLabelValueInRequiredNodeAffinity: stored,
      allowInvalidLabelValueInSelector: stored,
    }),
  );
  errors.push(...validateTolerations(spec.tolerations, `${path}.tolerations`));
  errors.push(...validateTopologySpreadConstraints(spec.topologySpreadConstraints, `${path}.topologySpreadConstraints`, stored));
  errors.push(...validateSchedulingGates(spec.schedulingGates, `${path}.schedulingGates`));
  errors.push(...validatePodResourceClaims(spec.resourceClaims, `${path}.resourceClaims`));
  if (spec.preemptionPolicy !== undefined && spec.preemptionPolicy !== null && !PREEMPTION_POLICIES.includes(spec.preemptionPolicy as 'Never')) {
    errors.push(unsupported(`${path}.preemptionPolicy`, spec.preemptionPolicy, PREEMPTION_POLICIES));
  }
  errors.push(...integerField(spec.priority, `${path}.priority`, 'int32'));
  for (const field of ['nodeName', 'schedulerName', 'priorityClassName'] as const) {
    if (spec[field] !== undefined && spec[field] !== null && typeof spec[field] !== 'string') errors.push(wrongType(`${path}.${field}`, 'a string'));
  }
  return errors;
}

function validateContainer(container: unknown, path: string, names: Set<string>): FieldError[] {
  if (!isJsonObject(container)) return [wrongType(path, 'an object')];
  const errors: FieldError[] = [];
  const { name, image } = container;
  if (typeof name !== 'string' || name === '') {
    errors.push(required(`${path}.name`));
  } else {
    errors.push(...validateDnsLabel(name).map((message) => invalid(`${path}.name`, name, message)));
    if (names.has(name)) errors.push({ path: `${path}.name`, message: `Duplicate value: ${JSON.stringify(name)}` });
    names.add(name);
  }
  if (typeof image !== 'string' || image.trim() === '') errors.push(required(`${path}.image`));
  if (container.ports !== undefined && container.ports !== null) {
    if (!Array.isArray(container.ports)) errors.push(wrongType(`${path}.ports`, 'a list'));
    else container.ports.forEach((port, index) => errors.push(...validatePort(port, `${path}.ports[${index}]`)));
  }
  if (container.resources !== undefined && container.resources !== null) errors.push(...validateResources(container.resources, `${path}.resources`));
  return errors;
}

function validatePort(port: unknown, path: string): FieldError[] {
  if (!isJsonObject(port)) return [wrongType(path, 'an object')];
  const errors: FieldError[] = [];
  const { containerPort, hostPort, protocol } = port;
  if (!Number.isInteger(containerPort) || (containerPort as number) < 1 || (containerPort as number) > 65535) {
    errors.push(invalid(`${path}.containerPort`, containerPort, 'must be between 1 and 65535, inclusive'));
  }
  if (hostPort !== undefined && hostPort !== null && (!Number.isInteger(hostPort) || (hostPort as number) < 0 || (hostPort as number) > 65535)) {
    errors.push(invalid(`${path}.hostPort`, hostPort, 'must be between 1 and 65535, inclusive'));
  }
  if (protocol !== undefined && protocol !== null && !PROTOCOLS.includes(protocol as 'TCP')) errors.push(unsupported(`${path}.protocol`, protocol, PROTOCOLS));
  return errors;
}

/** ValidateResourceRequirements: both lists well formed, and each request no larger than its limit. */
function validateResources(resources: unknown, path: string): FieldError[] {
  if (!isJsonObject(resources)) return [wrongType(path, 'an object')];
  const errors = [...validateResourceList(resources.requests, `${path}.requests`), ...validateResourceList(resources.limits, `${path}.limits`)];
  if (errors.length > 0 || !isJsonObject(resources.requests) || !isJsonObject(resources.limits)) return errors;
  for (const [resource, request] of Object.entries(resources.requests)) {
    const limit = resources.limits[resource];
    if (limit === undefined || !isQuantity(limit)) continue;
    if (compareQuantities(request as string, limit as string) > 0) {
      errors.push(invalid(mapKeyPath(`${path}.requests`, resource), request, `must be less than or equal to ${resource} limit of ${String(limit)}`));
    }
  }
  return errors;
}
