/** Step 1 of the pipeline for stored plans: the bodies of `POST /v1/topologies/{id}/plans` and `POST /v1/plans/{id}/rerun`. */
import { z } from 'zod';
import { revisionNumber } from '../common/validation/revision-number.js';
import { releaseSelection } from '../simulation/simulation-request.js';

const mode = z.enum(['exhaustive', 'faithful']).default('exhaustive');
const seed = z.number().int().min(0).max(2 ** 32 - 1).optional();
const topCandidates = z.number().int().min(1).max(20).optional();
const revision = revisionNumber.optional();

export const createPlanBody = z
  .object({
    workloads: z.array(z.unknown()).min(1, 'at least one workload is required').meta({ description: 'Deployments, ReplicaSets, StatefulSets and Pods, placed in order, replica by replica' }),
    schedulerConfig: z.record(z.string(), z.unknown()).optional().meta({ description: 'a kubescheduler.config.k8s.io/v1 KubeSchedulerConfiguration, or a bare profile' }),
    name: z.string().min(1).max(253).optional().meta({ description: "the plan's name" }),
    revision,
    mode,
    seed,
    topCandidates,
    rollout: z.boolean().optional(),
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

export const rerunPlanBody = z.object({ revision, name: z.string().min(1).max(253).optional() }).strict();
