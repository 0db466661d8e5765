/** Queries of the plan routes, validated with field paths (the bodies that submit plans: pipeline/plan-bodies.ts). */
import { z } from 'zod';
import { pageLimit } from '../../common/pagination/page-size.js';
import { revisionParameter } from '../../common/validation/revision-number.js';

const mode = z.enum(['exhaustive', 'faithful']).default('exhaustive');

/** Options of a YAML plan upload (the body is the workloads). */
export const createPlanQuery = z.object({
  name: z.string().min(1).max(253).optional(),
  revision: revisionParameter.optional(),
  mode,
  seed: z.coerce.number().int().min(0).max(2 ** 32 - 1).optional(),
  kubernetesVersion: z.string().min(1).optional(),
});

/** Options of a YAML simulation upload (the body is the workloads; the cluster is a saved topology). */
export const simulationQuery = z.object({
  topologyId: z.string().min(1, 'is required with a YAML body (the body holds only workloads)'),
  revision: revisionParameter.optional(),
  mode,
  seed: z.coerce.number().int().min(0).max(2 ** 32 - 1).optional(),
  explain: z.enum(['summary', 'full']).optional(),
  kubernetesVersion: z.string().min(1).optional(),
});

const limit = pageLimit;
const cursor = z.string().min(1).optional();
const booleanFlag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true');

export const listPlansQuery = z.object({ limit, cursor });

export const placementsQuery = z.object({
  workload: z.string().min(1).optional(),
  node: z.string().min(1).optional(),
  unschedulable: booleanFlag.optional(),
  limit,
  cursor,
});

export const replicaNodesQuery = z.object({
  namespace: z.string().min(1).optional(),
  feasible: booleanFlag.optional(),
  limit,
  cursor,
});
