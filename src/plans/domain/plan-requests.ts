/** Queries of the plan routes, validated with field paths (the bodies that submit plans: pipeline/plan-bodies.ts). */
import { z } from 'zod';
import { pageLimit } from '../../common/pagination/page-size.js';
import { revisionParameter } from '../../common/validation/revision-number.js';
import { nodeFilterQuery, nodeSortQuery } from '../../topologies/rest/topology-queries.js';

const mode = z.enum(['exhaustive', 'faithful']).default('exhaustive').meta({ description: "faithful: kube-scheduler's node sampling and random tie-breaking, with seed" });

/** Options of a YAML plan upload (the body is the workloads). */
const seed = z.coerce.number().int().min(0).max(2 ** 32 - 1).optional().meta({ description: 'the seed of faithful mode' });
const revision = revisionParameter.optional().meta({ description: "the topology's revision (default: the latest)" });
const kubernetesVersion = z.string().min(1).optional().meta({ description: "the kube-scheduler release to emulate (default: the topology's)", example: 'v1.34' });

export const createPlanQuery = z.object({
  name: z.string().min(1).max(253).optional().meta({ description: "the plan's name" }),
  revision,
  mode,
  seed,
  kubernetesVersion,
});

/** Options of a YAML simulation upload (the body is the workloads; the cluster is a saved topology). */
export const simulationQuery = z.object({
  topologyId: z.string().min(1, 'is required with a YAML body (the body holds only workloads)').meta({ description: 'the saved topology to plan against' }),
  revision,
  mode,
  seed,
  explain: z.enum(['summary', 'full']).optional().meta({ description: 'full: every node of every replica' }),
  kubernetesVersion,
});

const limit = pageLimit;
const cursor = z.string().min(1).optional().meta({ description: 'the nextCursor of the previous page' });
const booleanFlag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((value) => value === 'true');

export const listPlansQuery = z.object({ limit, cursor });

export const placementsQuery = z.object({
  workload: z.string().min(1).optional().meta({ description: 'only replicas of this workload: name, namespace/name or Kind/namespace/name', example: 'Deployment/default/frontend' }),
  node: z.string().min(1).optional().meta({ description: 'only replicas placed on this node' }),
  unschedulable: booleanFlag.optional().meta({ description: 'true: only replicas that could not be placed; false: only placed ones' }),
  limit,
  cursor,
});

export const replicaNodesQuery = z.object({
  namespace: z.string().min(1).optional().meta({ description: "the pod's namespace, when two workloads' pods share a name" }),
  feasible: booleanFlag.optional().meta({ description: 'true: only nodes that passed every filter; false: only rejected ones' }),
  limit,
  cursor,
});

export const planNodesQuery = z.object({
  ...nodeFilterQuery,
  sort: nodeSortQuery.meta({
    description: "name (default); cpu, memory, pods: highest share after the plan's replicas are added first (nothing allocatable last); replicas: most planned replicas first",
    example: 'cpu',
  }),
  withPlannedReplicas: booleanFlag.optional().meta({ description: 'true: only the nodes the plan put replicas on' }),
  limit,
  cursor,
});

export type ListPlansQuery = z.output<typeof listPlansQuery>;
export type PlacementsQuery = z.output<typeof placementsQuery>;
export type ReplicaNodesQuery = z.output<typeof replicaNodesQuery>;
export type PlanNodesQuery = z.output<typeof planNodesQuery>;
