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
  kubernetesVersion: z.string().min(1).optional().meta({ description: 'the kube-scheduler release to emulate (default: the topology\'s)', example: 'v1.34' }),
  featureGates: z.record(z.string(), z.boolean()).optional().meta({ description: 'feature gates of that release, on or off', example: { DynamicResourceAllocation: true } }),
};

/** Where the cluster comes from, how the scheduler is configured, and the scenario: shared by simulations and analyses. */
export const clusterSource = {
  cluster: z
    .object({ objects: objectList.meta({ description: 'Nodes, Pods, Namespaces, Services, workloads, storage and DRA objects, or Lists of them, as kubectl prints them' }) })
    .strict()
    .optional()
    .meta({ description: 'the cluster, inline; or topologyId' }),
  topologyId: z.string().min(1).optional().meta({ description: 'a saved topology to plan against, instead of cluster' }),
  revision: revisionNumber.optional().meta({ description: "the topology's revision (default: the latest)" }),
  schedulerConfig: z.record(z.string(), z.unknown()).optional().meta({ description: 'a kubescheduler.config.k8s.io/v1 KubeSchedulerConfiguration, or a bare profile' }),
  scenario: z.array(z.unknown()).optional().meta({ description: 'ordered edits to a copy of the cluster: addNodes, removeNodes, cordon, uncordon, taint, untaint, label, removePods, scale' }),
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
    workloads: objectList.min(1, 'at least one workload is required').meta({ description: 'Deployments, ReplicaSets, StatefulSets and Pods, placed in order, replica by replica' }),
    explain: z.enum(['summary', 'full']).default('summary').meta({ description: 'full: every node of every replica, with every failing filter and every score part' }),
    mode: z.enum(['exhaustive', 'faithful']).default('exhaustive').meta({ description: "faithful: kube-scheduler's node sampling and random tie-breaking, with seed" }),
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional().meta({ description: 'the seed of faithful mode' }),
    topCandidates: z.number().int().min(1).max(20).optional().meta({ description: 'best candidates kept per placement in summary explanations' }),
    rollout: z.boolean().optional().meta({ description: 'true: plan a new revision of a workload that already runs in the cluster (surge included)' }),
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
