/**
 * The CSI drivers a node made from a template reports, as `spec.drivers[]`
 * of its CSINode (what `kubectl get csinode <node> -o yaml` shows, nodeID
 * optional): scale-up node groups and scenario `addNodes` carry them as
 * `csiDrivers`, so new nodes have the attach limits NodeVolumeLimits reads
 * (`allocatable.count`) — a node without a CSINode has none. Checked as
 * storage validateCSINodeDrivers checks a CSINode: each driver named once,
 * a count that is a non-negative int32.
 */
import type { V1CSINode, V1CSINodeDriver } from '@kubernetes/client-node';
import { z } from 'zod';

const INT32_MAX = 2_147_483_647;

const csiDriver = z
  .object({
    name: z.string().min(1),
    nodeID: z.string().optional(),
    allocatable: z.object({ count: z.number().int().min(0).max(INT32_MAX).optional() }).strict().optional(),
    topologyKeys: z.array(z.string().min(1)).optional(),
  })
  .strict();

export const templateCsiDrivers = z
  .array(csiDriver)
  .max(100)
  .superRefine((drivers, context) => {
    const seen = new Set<string>();
    drivers.forEach((driver, index) => {
      if (seen.has(driver.name)) context.addIssue({ code: 'custom', path: [index, 'name'], message: `Duplicate value: ${JSON.stringify(driver.name)}` });
      seen.add(driver.name);
    });
  });

export type TemplateCsiDrivers = z.output<typeof templateCsiDrivers>;

/** The CSINode of a node made from the template, named after the node and stripped as an imported one (nodeID is not read). */
export function csiNodeOf(drivers: TemplateCsiDrivers, nodeName: string): V1CSINode {
  const specDrivers = drivers.map(({ nodeID: _nodeID, ...driver }) => driver) as V1CSINodeDriver[];
  return { apiVersion: 'storage.k8s.io/v1', kind: 'CSINode', metadata: { name: nodeName }, spec: { drivers: specDrivers } };
}
