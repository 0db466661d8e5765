/** Query-string schemas of the topology routes; errors name the parameter. */
import { z } from 'zod';
import { pageLimit } from '../../common/pagination/page-size.js';
import { revisionParameter } from '../../common/validation/revision-number.js';

const limit = pageLimit;
const revision = revisionParameter.optional();
const cursor = z.string().min(1).optional();

export const listTopologiesQuery = z.object({ limit, cursor });

export const getTopologyQuery = z.object({
  revision,
  include: z.enum(['objects'], { error: 'the only supported value is "objects"' }).optional(),
});

export const listNodesQuery = z.object({
  revision,
  labelSelector: z.string().optional(),
  zone: z.string().min(1).optional(),
  limit,
  cursor,
});

export const revisionQuery = z.object({ revision });

/** `/v1/topologies/{id}/revisions/{from}/diff/{to}`. */
export const revisionDiffParameters = z.object({ from: revisionParameter, to: revisionParameter });
