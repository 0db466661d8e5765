/**
 * The body of `POST /v1/simulations` (and of GraphQL `simulate`, plans and
 * the CLI), validated once with field paths. Kubernetes objects stay
 * `unknown` here: src/kube validates them with their own paths.
 */
import { z } from 'zod';
import { parseInput } from '../common/validation/parse-input.js';
import { InvalidInputError } from '../kube/field-error.js';
import { revisionNumber } from '../common/validation/revision-number.js';

const objectList = z.array(z.unknown());

/**
 * The kube-scheduler release to emulate and its feature gates. Values are
 * checked against the release table (src/scheduling/release) when the
 * simulation is prepared, where the topology's own release is known.
 */
export const releaseSelection = {
  kubernetesVersion: z.string().min(1).optional(),
  featureGates: z.record(z.string(), z.boolean()).optional(),
};

/** Where the cluster comes from, how the scheduler is configured, and the scenario: shared by simulations and analyses. */
export const clusterSource = {
  cluster: z.object({ objects: objectList }).strict().optional(),
  topologyId: z.string().min(1).optional(),
  revision: revisionNumber.optional(),
  schedulerConfig: z.record(z.string(), z.unknown()).optional(),
  scenario: z.array(z.unknown()).optional(),
  ...releaseSelection,
};

/** Exactly one of cluster.objects and topologyId; revision only with topologyId. */
export function requireOneSource(request: { cluster?: unknown; topologyId?: string; revision?: number }, context: z.RefinementCtx): void {
  if (!request.cluster && !request.topologyId) {
    context.addIssue({ code: 'custom', path: ['cluster'], message: 'either cluster.objects or topologyId is required' });
  }
  if (request.cluster && request.topologyId) {
    context.addIssue({ code: 'custom', path: ['topologyId'], message: 'give either cluster.objects or topologyId, not both' });
  }
  if (request.revision !== undefined && !request.topologyId) {
    context.addIssue({ code: 'custom', path: ['revision'], message: 'revision needs topologyId' });
  }
}

export const simulationRequestSchema = z
  .object({
    ...clusterSource,
    workloads: objectList.min(1, 'at least one workload is required'),
    explain: z.enum(['summary', 'full']).default('summary'),
    mode: z.enum(['exhaustive', 'faithful']).default('exhaustive'),
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
    topCandidates: z.number().int().min(1).max(20).optional(),
    rollout: z.boolean().optional(),
  })
  .strict()
  .superRefine(requireOneSource);

export type SimulationRequest = z.infer<typeof simulationRequestSchema>;

export function parseSimulationRequest(body: unknown): SimulationRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidInputError([{ path: '(root)', message: 'expected a JSON object' }]);
  }
  return parseInput(simulationRequestSchema, body);
}
