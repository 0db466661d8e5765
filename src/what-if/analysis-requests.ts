/** Bodies of the analysis routes (and GraphQL mutations), validated with field paths. */
import { z } from 'zod';
import { clusterSource, releaseSelection, requireOneSource } from '../simulation/simulation-request.js';
import { DEFAULT_TOPOLOGY_KEY } from './failure-domains.js';

const objectList = z.array(z.unknown());

export const MAX_CAPACITY_REPLICAS = 10_000;

export const capacityRequest = z
  .object({
    ...clusterSource,
    workloads: objectList.min(1, 'at least one workload is required'),
    mode: z.enum(['each', 'joint']).default('each'),
    maxReplicas: z.number().int().min(1).max(MAX_CAPACITY_REPLICAS).default(1_000),
  })
  .strict()
  .superRefine(requireOneSource);

const nodeGroup = z
  .object({
    name: z.string().regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a lowercase DNS name (added nodes are named <name>-<n>)').max(200),
    template: z.record(z.string(), z.unknown()),
    zones: z.array(z.string().min(1)).min(1).optional(),
    maxCount: z.number().int().min(0).max(10_000).optional(),
    price: z.number().min(0).optional(),
  })
  .strict();

export const scaleUpRequest = z
  .object({
    ...clusterSource,
    workloads: objectList.min(1, 'at least one workload is required'),
    nodeGroups: z.array(nodeGroup).min(1, 'at least one node group is required').max(50),
  })
  .strict()
  .superRefine((request, context) => {
    requireOneSource(request, context);
    const seen = new Set<string>();
    request.nodeGroups.forEach((group, index) => {
      if (seen.has(group.name)) context.addIssue({ code: 'custom', path: ['nodeGroups', index, 'name'], message: `duplicate node group "${group.name}"` });
      seen.add(group.name);
    });
  });

export const failureDomainsRequest = z
  .object({
    ...clusterSource,
    workloads: objectList.optional(),
    topologyKey: z.string().min(1).default(DEFAULT_TOPOLOGY_KEY),
    // With workloads: study only them (default), or every workload in the cluster once they are placed.
    study: z.enum(['workloads', 'all']).default('workloads'),
  })
  .strict()
  .superRefine(requireOneSource);

export const compareConfigsRequest = z
  .object({
    ...clusterSource,
    workloads: objectList.min(1, 'at least one workload is required'),
    configs: z
      // Each configuration may emulate its own release: "what changes when we upgrade?"
      .array(z.object({ name: z.string().min(1).max(100), schedulerConfig: z.record(z.string(), z.unknown()).optional(), ...releaseSelection }).strict())
      .min(2, 'compare at least two configurations')
      .max(5),
  })
  .strict()
  .superRefine(requireOneSource);

export const fitSuggestionsRequest = z
  .object({
    ...clusterSource,
    workloads: objectList.min(1, 'at least one workload is required'),
    // Templates for the addNode suggestions (maxCount and price play no part).
    nodeGroups: z.array(nodeGroup).max(50).optional(),
  })
  .strict()
  .superRefine(requireOneSource);

export type CapacityRequest = z.output<typeof capacityRequest>;
export type ScaleUpRequest = z.output<typeof scaleUpRequest>;
export type FailureDomainsRequest = z.output<typeof failureDomainsRequest>;
export type CompareConfigsRequest = z.output<typeof compareConfigsRequest>;
export type FitSuggestionsRequest = z.output<typeof fitSuggestionsRequest>;
export type ClusterSourceRequest = Pick<
  CapacityRequest,
  'cluster' | 'topologyId' | 'revision' | 'schedulerConfig' | 'scenario' | 'kubernetesVersion' | 'featureGates'
>;
