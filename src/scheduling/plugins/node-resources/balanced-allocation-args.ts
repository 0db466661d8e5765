/**
 * NodeResourcesBalancedAllocationArgs (kubescheduler.config.k8s.io/v1):
 * strict decoding, v1 defaulting (cpu and memory; weight 0 becomes 1) and
 * upstream ValidateNodeResourcesBalancedAllocationArgs (no duplicate names;
 * every weight must be 1, since the standard deviation ignores weights).
 */
import { PluginArgsError } from '../../framework/interfaces.js';
import { decodeObject } from './args-decoding.js';
import { decodeResourceSpecs, defaultResourceSpecs, type ResourceSpec } from './resource-spec.js';

export interface NodeResourcesBalancedAllocationArgs {
  readonly resources: readonly ResourceSpec[];
}

export function parseBalancedAllocationArgs(args: Record<string, unknown> | undefined): NodeResourcesBalancedAllocationArgs {
  const raw = decodeObject(args ?? {}, '', ['apiVersion', 'kind', 'resources']) ?? {};
  const resources = defaultResourceSpecs(decodeResourceSpecs(raw.resources, 'resources'));
  const seen = new Set<string>();
  resources.forEach((resource, index) => {
    if (seen.has(resource.name)) {
      throw new PluginArgsError(`resources[${index}].name`, `Duplicate value: ${JSON.stringify(resource.name)}`);
    }
    seen.add(resource.name);
    if (resource.weight !== 1) throw new PluginArgsError(`resources[${index}].weight`, `Invalid value: ${resource.weight}: must be 1`);
  });
  return { resources };
}
