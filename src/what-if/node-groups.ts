/**
 * Node groups as scale-up and fit suggestions take them: each template
 * validated as a Node (errors at `nodeGroups[i].template…`), its
 * ResourceSlice templates as ResourceSlices (`nodeGroups[i].resourceSlices…`); without
 * `zones`, nodes go to the template's own zone label (or none).
 */
import { InvalidInputError, type FieldError } from '../kube/field-error.js';
import { compileNodeTemplate, ZONE_LABEL } from '../simulation/scenario/node-template.js';
import type { ScaleUpRequest } from './analysis-requests.js';
import type { NodeGroup } from './scale-up.js';

export function compileNodeGroups(groups: ScaleUpRequest['nodeGroups']): NodeGroup[] {
  const errors: FieldError[] = [];
  const compiled: NodeGroup[] = [];
  for (const [index, group] of groups.entries()) {
    try {
      const template = compileNodeTemplate(group.template, `nodeGroups[${index}].template`, group.csiDrivers, { slices: group.resourceSlices, path: `nodeGroups[${index}].resourceSlices` });
      const ownZone = template.node.metadata?.labels?.[ZONE_LABEL];
      compiled.push({
        name: group.name,
        template,
        zones: group.zones ?? [ownZone],
        ...(group.maxCount !== undefined ? { maxCount: group.maxCount } : {}),
        ...(group.price !== undefined ? { price: group.price } : {}),
      });
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      errors.push(...error.errors);
    }
  }
  if (errors.length > 0) throw new InvalidInputError(errors);
  return compiled;
}
