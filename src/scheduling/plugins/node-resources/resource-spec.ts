/**
 * ResourceSpec lists of kubescheduler.config.k8s.io/v1 (`resources: [{name,
 * weight}]`), shared by NodeResourcesFitArgs.scoringStrategy and
 * NodeResourcesBalancedAllocationArgs, with v1 defaulting (defaults.go:
 * cpu and memory with weight 1 when empty; weight 0 becomes 1).
 */
import { decodeInteger, decodeList, decodeObject, decodeString } from './args-decoding.js';
import { CPU, MEMORY } from '../../model/resources.js';

export interface ResourceSpec {
  readonly name: string;
  readonly weight: number;
}

export const DEFAULT_RESOURCE_SPECS: readonly ResourceSpec[] = [
  { name: CPU, weight: 1 },
  { name: MEMORY, weight: 1 },
];

export function decodeResourceSpecs(value: unknown, path: string): ResourceSpec[] {
  return decodeList(value, path).map((item, index) => {
    const itemPath = `${path}[${index}]`;
    const spec = decodeObject(item, itemPath, ['name', 'weight']) ?? {};
    return { name: decodeString(spec.name, `${itemPath}.name`), weight: decodeInteger(spec.weight, `${itemPath}.weight`, 'int64') };
  });
}

/** SetDefaults_*: an empty list becomes cpu+memory; an unset (zero) weight becomes 1. */
export function defaultResourceSpecs(specs: readonly ResourceSpec[]): ResourceSpec[] {
  if (specs.length === 0) return [...DEFAULT_RESOURCE_SPECS];
  return specs.map((spec) => (spec.weight === 0 ? { ...spec, weight: 1 } : spec));
}
