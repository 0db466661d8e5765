/** Bodies and queries of the plan routes, validated with field paths. */
import { z } from 'zod';
import { pageLimit } from '../../common/pagination/page-size.js';
import { revisionNumber, revisionParameter } from '../../common/validation/revision-number.js';
import { releaseSelection } from '../../simulation/simulation-request.js';

const mode = z.enum(['exhaustive', 'faithful']).default('exhaustive');
const seed = z.number().int().min(0).max(2 ** 32 - 1).optional();
const topCandidates = z.number().int().min(1).max(20).optional();
const revision = revisionNumber.optional();

export const createPlanBody = z
  .object({
    workloads: z.array(z.unknown()).min(1, 'at least one workload is required'),
    schedulerConfig: z.record(z.string(), z.unknown()).optional(),
    name: z.string().min(1).max(253).optional(),
    revision,
    mode,
    seed,
    topCandidates,
    scenario: z.array(z.unknown()).optional(),
    ...releaseSelection,
    explain: z
      .literal('summary', {
        error: 'stored plans keep summary explanations; read one replica\'s full per-node table at GET /v1/plans/{id}/placements/{pod}/nodes',
      })
      .optional(),
  })
  .strict();
export type CreatePlanBody = z.output<typeof createPlanBody>;

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

export const rerunPlanBody = z.object({ revision, name: z.string().min(1).max(253).optional() }).strict();

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
