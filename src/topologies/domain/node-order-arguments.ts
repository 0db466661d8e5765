/**
 * The node-list ordering arguments as REST and GraphQL receive them, checked
 * once: a sort by planned replicas or a "with planned replicas" filter needs
 * a plan to count them; a plan's loads name each node once.
 */
import { z } from 'zod';
import { InvalidInputError } from '../../kube/field-error.js';
import { NODE_SORTS, type NodeOrder, type PlannedNodeLoad } from './node-order.js';

/** At most one entry per node of the largest topology a revision may hold. */
export const MAX_PLANNED_NODES = 100_000;

export const nodeSortSchema = z.enum(NODE_SORTS, {
  error: `must be one of ${NODE_SORTS.join(', ')}`,
});

export const plannedNodeLoadSchema = z.object({
  node: z.string().min(1, 'must name a node'),
  replicas: z.number().int('must be an integer').min(1, 'must be at least 1'),
  cpuMillicores: z.number().min(0, 'must not be negative').nullish().transform((value) => value ?? null),
  memoryBytes: z.number().min(0, 'must not be negative').nullish().transform((value) => value ?? null),
});

export const plannedLoadsSchema = z.array(plannedNodeLoadSchema).max(MAX_PLANNED_NODES, `must list at most ${MAX_PLANNED_NODES} nodes`);

export interface NodeOrderArguments {
  sort: NodeOrder['sort'];
  /** Entries of `planned`, as sent; undefined: no plan. */
  planned?: readonly (PlannedNodeLoad & { node: string })[];
  withPlannedReplicas?: boolean;
  /** Where the plan's replicas came from in this interface (`planned`, `plan`), for messages. */
  plannedPath: string;
}

/** The checked order; 400 (field path) for a plan-dependent choice without a plan, or a node listed twice. */
export function nodeOrderFrom({ sort, planned, withPlannedReplicas, plannedPath }: NodeOrderArguments): NodeOrder {
  const errors: { path: string; message: string }[] = [];
  if (planned === undefined && sort === 'replicas') errors.push({ path: 'sort', message: `"replicas" needs a plan's replicas (${plannedPath})` });
  if (planned === undefined && withPlannedReplicas) errors.push({ path: 'withPlannedReplicas', message: `needs a plan's replicas (${plannedPath})` });
  const loads = new Map<string, PlannedNodeLoad>();
  planned?.forEach(({ node, ...load }, index) => {
    if (loads.has(node)) errors.push({ path: `${plannedPath}[${index}].node`, message: `lists node "${node}" a second time` });
    loads.set(node, load);
  });
  if (errors.length > 0) throw new InvalidInputError(errors);
  return { sort, planned: planned === undefined ? undefined : loads, withPlannedReplicas: withPlannedReplicas ?? false };
}
