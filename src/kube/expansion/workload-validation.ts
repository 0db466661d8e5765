/**
 * Checks a workload the way `kubectl apply` would be refused: metadata, the
 * apps/v1 spec (replicas, a non-empty selector that matches the template's
 * labels — apps validation.go ValidateDeploymentSpec and friends), the pod
 * spec (after matchLabelKeys merging, as the API server validates it), and
 * the priority class the Priority admission plugin must find.
 */
import type { V1PriorityClass } from '@kubernetes/client-node';
import type { FieldError } from '../field-error.js';
import { isJsonObject, type JsonObject } from '../json-object.js';
import { compileLabelSelector } from '../label-selector.js';
import { validateLabelMap } from '../labels.js';
import { integerField, invalid, NON_NEGATIVE, required, wrongType } from '../validation/field-errors.js';
import { validateLabelSelector } from '../validation/label-selector-validation.js';
import { validateMetadata } from '../validation/object-validation.js';
import { validatePodSpec } from '../validation/pod-spec-validation.js';
import { validateClaimTemplates } from '../validation/storage-validation.js';
import { resolvePriority } from './priority-resolution.js';

export type WorkloadKind = 'Deployment' | 'ReplicaSet' | 'StatefulSet' | 'Pod';

/** The pod spec of a workload and where it sits in the input. */
export interface PodSource {
  spec: JsonObject;
  specPath: string;
  labels: Record<string, string>;
}

export function podSourceOf(kind: WorkloadKind, object: JsonObject, path: string): PodSource | undefined {
  if (kind === 'Pod') {
    const metadata = isJsonObject(object.metadata) ? object.metadata : {};
    return isJsonObject(object.spec) ? { spec: object.spec, specPath: `${path}.spec`, labels: labelsOf(metadata.labels) } : undefined;
  }
  const template = isJsonObject(object.spec) && isJsonObject(object.spec.template) ? object.spec.template : undefined;
  if (!template || !isJsonObject(template.spec)) return undefined;
  const metadata = isJsonObject(template.metadata) ? template.metadata : {};
  return { spec: template.spec, specPath: `${path}.spec.template.spec`, labels: labelsOf(metadata.labels) };
}

function labelsOf(labels: unknown): Record<string, string> {
  if (!isJsonObject(labels)) return {};
  return Object.fromEntries(Object.entries(labels).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** apps/v1 spec rules shared by Deployment, ReplicaSet and StatefulSet. */
function validateControllerSpec(kind: WorkloadKind, object: JsonObject, path: string): FieldError[] {
  const spec = object.spec;
  if (!isJsonObject(spec)) return [required(`${path}.spec`)];
  const errors: FieldError[] = [];
  errors.push(...integerField(spec.replicas, `${path}.spec.replicas`, 'int32', NON_NEGATIVE));
  if (isJsonObject(spec.ordinals)) errors.push(...integerField(spec.ordinals.start, `${path}.spec.ordinals.start`, 'int32', NON_NEGATIVE));
  const template = spec.template;
  if (!isJsonObject(template)) errors.push(required(`${path}.spec.template`));
  else if (template.metadata !== undefined && template.metadata !== null && !isJsonObject(template.metadata)) {
    errors.push(wrongType(`${path}.spec.template.metadata`, 'an object'));
  }
  const templateLabels = isJsonObject(template) && isJsonObject(template.metadata) ? template.metadata.labels : undefined;
  if (isJsonObject(template)) errors.push(...validateLabelMap(templateLabels, `${path}.spec.template.metadata.labels`));
  const selector = spec.selector;
  if (selector === undefined || selector === null) return [...errors, required(`${path}.spec.selector`)];
  const selectorErrors = validateLabelSelector(selector, `${path}.spec.selector`);
  if (selectorErrors.length > 0) return [...errors, ...selectorErrors];
  const compiled = compileLabelSelector(selector as JsonObject, `${path}.spec.selector`);
  if (compiled.isEverything) {
    errors.push(invalid(`${path}.spec.selector`, selector, `empty selector is invalid for ${kind.toLowerCase()}`));
  } else if (isJsonObject(template) && !compiled.matches(labelsOf(templateLabels))) {
    // As apps validation reports it: at the template's labels, with their value (ValidateDeploymentSpec, ValidateReplicaSetSpec).
    errors.push(invalid(`${path}.spec.template.metadata.labels`, templateLabels ?? null, '`selector` does not match template `labels`'));
  }
  return errors;
}

/**
 * Every error of one workload. `mergedSpec` is the pod spec after the API
 * server's matchLabelKeys merge for the first replica's labels.
 */
export function validateWorkload(
  kind: WorkloadKind,
  object: JsonObject,
  path: string,
  mergedSpec: JsonObject | undefined,
  priorityClasses: readonly V1PriorityClass[],
): FieldError[] {
  const errors = validateMetadata(object, kind, path);
  if (kind !== 'Pod') errors.push(...validateControllerSpec(kind, object, path));
  if (kind === 'StatefulSet' && isJsonObject(object.spec)) errors.push(...validateClaimTemplates(object.spec.volumeClaimTemplates, `${path}.spec.volumeClaimTemplates`));
  const source = podSourceOf(kind, object, path);
  if (!source || !mergedSpec) {
    if (kind === 'Pod') errors.push(isJsonObject(object.spec) || object.spec === undefined ? required(`${path}.spec`) : wrongType(`${path}.spec`, 'an object'));
    return errors;
  }
  errors.push(...validatePodSpec(mergedSpec, source.specPath));
  const className = typeof mergedSpec.priorityClassName === 'string' ? mergedSpec.priorityClassName : undefined;
  const resolution = resolvePriority(className, priorityClasses);
  if ('missingClass' in resolution) {
    errors.push({ path: `${source.specPath}.priorityClassName`, message: `no PriorityClass with name ${resolution.missingClass} was found` });
  } else if (Number.isInteger(mergedSpec.priority) && mergedSpec.priority !== resolution.resolved.priority) {
    // The Priority admission plugin owns spec.priority: a hand-set value must agree with the class.
    errors.push({
      path: `${source.specPath}.priority`,
      message: `the integer value of priority (${String(mergedSpec.priority)}) must not be provided in pod spec; priority admission controller computed ${resolution.resolved.priority} from the given PriorityClass name`,
    });
  }
  return errors;
}
