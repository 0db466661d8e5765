/** Query-string schemas of the topology routes; errors name the parameter. */
import { z } from 'zod';
import { pageLimit } from '../../common/pagination/page-size.js';

const limit = pageLimit;
const revision = z.coerce.number().int('must be an integer').min(1, 'must be at least 1').optional();
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
