/**
 * DRA devices of nodes made from a template (scale-up and migration node
 * groups, fit suggestions, scenario `addNodes`): the template carries
 * ResourceSlice templates ("8 devices of a class per node"), and every node
 * made from it publishes its own copy of each, as a node-local driver
 * publishes them — `spec.nodeName` the node, `spec.pool.name` the node's
 * name, generation 1, `resourceSliceCount` the number of the template's
 * slices of that driver — named `<node>-<driver>-<n>`. The templates are
 * validated as imported ResourceSlices (converted from any served version);
 * they may not choose their nodes (nodeName, nodeSelector, allNodes,
 * perDeviceNodeSelection) nor, in effect, their pool.
 */
import type { V1ResourceSlice } from '@kubernetes/client-node';
import { importCluster } from '../../kube/cluster-import.js';
import { InvalidInputError, type FieldError } from '../../kube/field-error.js';

/** ResourceSlices a node template may carry (each holds at most 128 devices). */
export const MAX_TEMPLATE_SLICES = 32;

const NODE_SELECTION_FIELDS = ['nodeName', 'nodeSelector', 'allNodes', 'perDeviceNodeSelection'] as const;
const TEMPLATE_NODE = 'template';

/** Validates ResourceSlice templates; errors under `path` (e.g. `nodeGroups[0].resourceSlices`). */
export function compileSliceTemplates(slices: readonly unknown[] | undefined, path: string): V1ResourceSlice[] {
  if (!slices || slices.length === 0) return [];
  const errors: FieldError[] = [];
  const candidates = slices.map((slice, index) => {
    const record = (slice ?? {}) as { apiVersion?: unknown; kind?: unknown; metadata?: Record<string, unknown>; spec?: Record<string, unknown> };
    const spec = record.spec ?? {};
    for (const field of NODE_SELECTION_FIELDS) {
      if (spec[field] !== undefined) errors.push({ path: `${path}[${index}].spec.${field}`, message: 'Forbidden: the slices of an added node are published for that node (nodeName and pool are set to its name)' });
    }
    const { pool: _pool, ...rest } = spec;
    return {
      apiVersion: 'resource.k8s.io/v1',
      kind: 'ResourceSlice',
      ...record,
      metadata: { ...(record.metadata ?? {}), name: `${TEMPLATE_NODE}-${index}` },
      spec: { ...rest, nodeName: TEMPLATE_NODE, pool: { name: TEMPLATE_NODE, generation: 1, resourceSliceCount: 1 } },
    };
  });
  if (errors.length > 0) throw new InvalidInputError(errors);
  try {
    return importCluster(candidates, { basePath: '$', requireNodes: false }).objects.resourceSlices ?? [];
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    throw new InvalidInputError(error.errors.map((fieldError) => ({ ...fieldError, path: fieldError.path.replace(/^\$\[(\d+)\]/, (_whole, index: string) => `${path}[${index}]`) })));
  }
}

/** The slices node `nodeName`, made from a template with these slice templates, publishes. */
export function templateSlices(templates: readonly V1ResourceSlice[], nodeName: string): V1ResourceSlice[] {
  const perDriver = new Map<string, number>();
  for (const slice of templates) perDriver.set(slice.spec.driver, (perDriver.get(slice.spec.driver) ?? 0) + 1);
  const seen = new Map<string, number>();
  return templates.map((slice) => {
    const driver = slice.spec.driver;
    const index = seen.get(driver) ?? 0;
    seen.set(driver, index + 1);
    return {
      ...slice,
      metadata: { ...slice.metadata, name: `${nodeName}-${driver}-${index}` },
      spec: { ...slice.spec, nodeName, pool: { name: nodeName, generation: 1, resourceSliceCount: perDriver.get(driver)! } },
    };
  });
}
