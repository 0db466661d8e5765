/**
 * How a controller replaces running pods with a new revision, read from the
 * workload as the API server validates and defaults it:
 * - Deployment `spec.strategy` (apps/v1 defaults: RollingUpdate with
 *   maxSurge and maxUnavailable 25%; validation.go
 *   ValidateRollingUpdateDeployment: each a non-negative integer or
 *   percentage, maxUnavailable at most 100%, not both zero; Recreate takes no
 *   rollingUpdate);
 * - StatefulSet `spec.updateStrategy` (default RollingUpdate, partition 0;
 *   OnDelete replaces nothing by itself).
 * Percentages resolve against the desired replicas as the Deployment
 * controller does (deployment/util ResolveFenceposts): maxSurge rounds up,
 * maxUnavailable down, and both zero becomes maxUnavailable 1.
 */
import type { FieldError } from '../field-error.js';
import { isJsonObject, type JsonObject } from '../json-object.js';

export type IntOrPercent = number | string;

export type UpdateStrategy =
  | { readonly kind: 'Deployment'; readonly type: 'RollingUpdate'; readonly maxSurge: IntOrPercent; readonly maxUnavailable: IntOrPercent }
  | { readonly kind: 'Deployment'; readonly type: 'Recreate' }
  | { readonly kind: 'StatefulSet'; readonly type: 'RollingUpdate'; readonly partition: number }
  | { readonly kind: 'StatefulSet'; readonly type: 'OnDelete' };

const DEFAULT_ROLLING = '25%';
const PERCENT = /^(0|[1-9][0-9]*)%$/;

function intOrPercent(value: unknown, path: string, errors: FieldError[]): IntOrPercent | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  if (typeof value === 'string' && PERCENT.test(value)) return value;
  errors.push({ path, message: `Invalid value: ${JSON.stringify(value)}: must be a non-negative integer or a percentage (e.g. "25%")` });
  return undefined;
}

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(value: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  const scaled = (Number(value.slice(0, -1)) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** deployment/util ResolveFenceposts: [maxSurge, maxUnavailable] in pods for `replicas` desired. */
export function resolveFenceposts(strategy: { maxSurge: IntOrPercent; maxUnavailable: IntOrPercent }, replicas: number): { maxSurge: number; maxUnavailable: number } {
  const maxSurge = scaledValue(strategy.maxSurge, replicas, true);
  const maxUnavailable = scaledValue(strategy.maxUnavailable, replicas, false);
  // Both zero would never progress: upstream makes it one pod unavailable at a time.
  return maxSurge === 0 && maxUnavailable === 0 ? { maxSurge, maxUnavailable: 1 } : { maxSurge, maxUnavailable };
}

function deploymentStrategy(spec: JsonObject, path: string, errors: FieldError[]): UpdateStrategy {
  const strategy = spec.strategy;
  if (strategy === undefined || strategy === null) return { kind: 'Deployment', type: 'RollingUpdate', maxSurge: DEFAULT_ROLLING, maxUnavailable: DEFAULT_ROLLING };
  if (!isJsonObject(strategy)) {
    errors.push({ path, message: 'Invalid value: must be an object' });
    return { kind: 'Deployment', type: 'RollingUpdate', maxSurge: DEFAULT_ROLLING, maxUnavailable: DEFAULT_ROLLING };
  }
  const type = strategy.type ?? 'RollingUpdate';
  if (type === 'Recreate') {
    if (strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
      errors.push({ path: `${path}.rollingUpdate`, message: 'Forbidden: may not be specified when strategy `type` is \'Recreate\'' });
    }
    return { kind: 'Deployment', type: 'Recreate' };
  }
  if (type !== 'RollingUpdate') errors.push({ path: `${path}.type`, message: `Unsupported value: ${JSON.stringify(type)}: supported values: "Recreate", "RollingUpdate"` });
  const rolling = isJsonObject(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  const maxSurge = intOrPercent(rolling.maxSurge, `${path}.rollingUpdate.maxSurge`, errors) ?? DEFAULT_ROLLING;
  const maxUnavailable = intOrPercent(rolling.maxUnavailable, `${path}.rollingUpdate.maxUnavailable`, errors) ?? DEFAULT_ROLLING;
  if (typeof maxUnavailable === 'string' && Number(maxUnavailable.slice(0, -1)) > 100) {
    errors.push({ path: `${path}.rollingUpdate.maxUnavailable`, message: `Invalid value: "${maxUnavailable}": must not be greater than 100%` });
  }
  if (scaledValue(maxSurge, 100, true) === 0 && scaledValue(maxUnavailable, 100, true) === 0) {
    errors.push({ path: `${path}.rollingUpdate.maxUnavailable`, message: 'Invalid value: 0: may not be 0 when `maxSurge` is 0' });
  }
  return { kind: 'Deployment', type: 'RollingUpdate', maxSurge, maxUnavailable };
}

function statefulSetStrategy(spec: JsonObject, path: string, errors: FieldError[]): UpdateStrategy {
  const strategy = isJsonObject(spec.updateStrategy) ? spec.updateStrategy : {};
  const type = strategy.type ?? 'RollingUpdate';
  if (type === 'OnDelete') return { kind: 'StatefulSet', type: 'OnDelete' };
  if (type !== 'RollingUpdate') errors.push({ path: `${path}.type`, message: `Unsupported value: ${JSON.stringify(type)}: supported values: "OnDelete", "RollingUpdate"` });
  const rolling = isJsonObject(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  const partition = rolling.partition ?? 0;
  if (typeof partition !== 'number' || !Number.isInteger(partition) || partition < 0) {
    errors.push({ path: `${path}.rollingUpdate.partition`, message: `Invalid value: ${JSON.stringify(partition)}: must be greater than or equal to 0` });
    return { kind: 'StatefulSet', type: 'RollingUpdate', partition: 0 };
  }
  return { kind: 'StatefulSet', type: 'RollingUpdate', partition };
}

/** The workload's update strategy (Deployments and StatefulSets; others have none), with the API server's errors. */
export function readUpdateStrategy(kind: string, object: JsonObject, path: string): { strategy?: UpdateStrategy; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const spec = isJsonObject(object.spec) ? object.spec : {};
  if (kind === 'Deployment') return { strategy: deploymentStrategy(spec, `${path}.spec.strategy`, errors), errors };
  if (kind === 'StatefulSet') return { strategy: statefulSetStrategy(spec, `${path}.spec.updateStrategy`, errors), errors };
  return { errors };
}
