/**
 * Step 1's look at the Kubernetes objects a request submits: the workloads,
 * an inline cluster, and the Node templates of scenario edits and node
 * groups, checked for fields their schema does not declare under the
 * request's `fieldValidation` mode (kube/field-validation). It reads only
 * the request itself, so it sits before the limits with the rest of parsing.
 */
import { validateFields, type SubmittedObjects } from '../kube/field-validation/field-validation.js';
import { DEFAULT_FIELD_VALIDATION, type FieldValidationMode } from '../kube/field-validation/field-validation-mode.js';
import type { FieldError } from '../kube/field-error.js';
import { isJsonObject } from '../kube/json-object.js';

/** The parts of a parsed request that carry Kubernetes objects. */
export interface ObjectCarryingRequest {
  readonly workloads?: readonly unknown[];
  readonly cluster?: { readonly objects: readonly unknown[] };
  readonly scenario?: readonly unknown[];
  readonly nodeGroups?: readonly unknown[];
}

/** A Node template of a scenario edit or node group: a Node, whether or not it says so; and its ResourceSlice templates. */
function nodeTemplates(items: readonly unknown[] | undefined, basePath: string): SubmittedObjects[] {
  return (items ?? []).flatMap((item, index) => [
    ...(isJsonObject(item) && isJsonObject(item.template) ? [{ object: { apiVersion: 'v1', kind: 'Node', ...item.template }, path: `${basePath}[${index}].template` }] : []),
    ...(isJsonObject(item) && Array.isArray(item.resourceSlices) ? sliceTemplates(item.resourceSlices, `${basePath}[${index}].resourceSlices`) : []),
  ]);
}

function sliceTemplates(slices: readonly unknown[], basePath: string): SubmittedObjects[] {
  return slices.flatMap((slice, index) => (isJsonObject(slice) ? [{ object: { apiVersion: 'resource.k8s.io/v1', kind: 'ResourceSlice', ...slice }, path: `${basePath}[${index}]` }] : []));
}

/** Warnings for the answer (Warn), none (Ignore, or nothing unknown); a 400 with every path (Strict). */
export function checkSubmittedFields(request: ObjectCarryingRequest, mode: FieldValidationMode = DEFAULT_FIELD_VALIDATION): Promise<FieldError[]> {
  return validateFields(
    [
      ...(request.workloads ? [{ documents: request.workloads, basePath: 'workloads' }] : []),
      ...(request.cluster ? [{ documents: request.cluster.objects, basePath: 'cluster.objects' }] : []),
      ...nodeTemplates(request.scenario, 'scenario'),
      ...nodeTemplates(request.nodeGroups, 'nodeGroups'),
    ],
    mode,
  );
}

/** A result with the field warnings first, ahead of the run's own. */
export function withFieldWarnings<Result extends object>(result: Result, warnings: readonly FieldError[]): Result {
  if (warnings.length === 0) return result;
  const existing = (result as { warnings?: readonly FieldError[] }).warnings ?? [];
  return { ...result, warnings: [...warnings, ...existing] };
}
