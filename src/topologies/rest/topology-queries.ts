/** Query-string schemas of the topology routes; errors name the parameter. */
import { z } from 'zod';
import { pageLimit } from '../../common/pagination/page-size.js';
import { revisionParameter } from '../../common/validation/revision-number.js';
import { nodeSortSchema } from '../domain/node-order-arguments.js';

const limit = pageLimit;
const revision = revisionParameter.optional().meta({ description: 'a revision of the topology (default: the latest)' });
const cursor = z.string().min(1).optional().meta({ description: 'the nextCursor of the previous page' });

export const listTopologiesQuery = z.object({ limit, cursor });

export const getTopologyQuery = z.object({
  revision,
  include: z.enum(['objects'], { error: 'the only supported value is "objects"' }).optional().meta({ description: 'objects: also return the stored objects' }),
});

/** The filters every node list shares (a topology's, a plan's). */
export const nodeFilterQuery = {
  labelSelector: z.string().optional().meta({ description: 'kubectl -l syntax', example: 'node.kubernetes.io/instance-type=m5.xlarge' }),
  zone: z.string().min(1).optional().meta({ description: 'only nodes of this topology.kubernetes.io/zone', example: 'us-east-1a' }),
};

/** `?sort=`: every order ends by name, so paging is stable; a cursor belongs to the order it came from. */
export const nodeSortQuery = nodeSortSchema.default('name');

export const listNodesQuery = z.object({
  revision,
  ...nodeFilterQuery,
  sort: nodeSortQuery.meta({
    description: 'name (default); cpu, memory, pods: highest requested share first (nothing allocatable last); replicas needs a plan: GET /v1/plans/{id}/nodes',
    example: 'cpu',
  }),
  limit,
  cursor,
});

export const revisionQuery = z.object({ revision });

/** `/v1/topologies/{id}/revisions/{from}/diff/{to}`. */
export const revisionDiffParameters = z.object({
  from: revisionParameter.meta({ description: 'the earlier revision' }),
  to: revisionParameter.meta({ description: 'the later revision' }),
});

export type ListTopologiesQuery = z.output<typeof listTopologiesQuery>;
export type GetTopologyQuery = z.output<typeof getTopologyQuery>;
export type ListNodesQuery = z.output<typeof listNodesQuery>;
export type RevisionQuery = z.output<typeof revisionQuery>;
