/** Bodies of the analysis routes (and GraphQL mutations), validated with field paths. */
import { z } from 'zod';
import { InvalidInputError } from '../kube/field-error.js';
import { parseSelectorString } from '../kube/label-selector-string.js';
import { clusterSource, releaseSelection, requireOneSource } from '../simulation/simulation-request.js';
import { templateCsiDrivers } from '../simulation/scenario/template-csi-drivers.js';
import { MAX_TEMPLATE_SLICES } from '../simulation/scenario/template-resource-slices.js';
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
    /** DRA: ResourceSlice templates every added node publishes (template-resource-slices.ts). */
    resourceSlices: z.array(z.record(z.string(), z.unknown())).max(MAX_TEMPLATE_SLICES).optional(),
    zones: z.array(z.string().min(1)).min(1).optional(),
    maxCount: z.number().int().min(0).max(10_000).optional(),
    price: z.number().min(0).optional(),
    // Each added node's CSINode drivers and attach limits (CSINode spec.drivers[]); absent: no CSINode, no limits.
    csiDrivers: templateCsiDrivers.optional(),
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

/** A label selector string, checked here so a bad one is refused before anything is loaded. */
const selectorString = z
  .string()
  .max(4_096)
  .superRefine((text, context) => {
    try {
      parseSelectorString(text, '');
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      context.addIssue({ code: 'custom', message: error.errors[0].message });
    }
  });

/** The longest a search may look for a better answer; the request's deadline (PODPLAN_PLAN_TIMEOUT_MS) still applies. */
export const MAX_SEARCH_BUDGET_MS = 600_000;
const timeBudgetMs = z.number().int().min(0).max(MAX_SEARCH_BUDGET_MS).default(10_000);

function uniqueGroupNames(groups: readonly { name: string }[] | undefined, context: z.RefinementCtx): void {
  const seen = new Set<string>();
  (groups ?? []).forEach((group, index) => {
    if (seen.has(group.name)) context.addIssue({ code: 'custom', path: ['nodeGroups', index, 'name'], message: `duplicate node group "${group.name}"` });
    seen.add(group.name);
  });
}

export const consolidationRequest = z
  .object({
    ...clusterSource,
    // Nodes that may be removed (default: every node).
    candidates: selectorString.optional(),
    keepPerZone: z.number().int().min(0).max(10_000).default(0),
    respectPdbs: z.boolean().default(true),
    // Cluster Autoscaler's blocking drainability rules, each switchable (consolidation/drainability.ts).
    rules: z
      .object({ replicated: z.boolean().default(true), system: z.boolean().default(true), notSafeToEvict: z.boolean().default(true), localStorage: z.boolean().default(true) })
      .strict()
      .default({ replicated: true, system: true, notSafeToEvict: true, localStorage: true }),
    objective: z.enum(['nodes', 'price']).default('nodes'),
    // Prices by node group: a node belongs to the first group whose template labels it carries.
    nodeGroups: z.array(nodeGroup).max(50).optional(),
    timeBudgetMs,
  })
  .strict()
  .superRefine((request, context) => {
    requireOneSource(request, context);
    uniqueGroupNames(request.nodeGroups, context);
    if (request.objective === 'price' && !(request.nodeGroups ?? []).some((group) => group.price !== undefined)) {
      context.addIssue({ code: 'custom', path: ['nodeGroups'], message: 'objective "price" needs nodeGroups with a price' });
    }
  });

export const migrationRequest = z
  .object({
    ...clusterSource,
    // The nodes to empty, e.g. "node.kubernetes.io/instance-type=m5.xlarge".
    from: selectorString.refine((text) => text.trim() !== '', 'select the nodes to empty (an empty selector would select every node)'),
    nodeGroups: z.array(nodeGroup).min(1, 'at least one target node group is required').max(50),
    // true: the old nodes stay (cordoned) while their pods move, so they still count as topology domains.
    keepOld: z.boolean().default(false),
    // Price of one old node, when no node group's template describes the old pool.
    fromPrice: z.number().min(0).optional(),
    timeBudgetMs,
  })
  .strict()
  .superRefine((request, context) => {
    requireOneSource(request, context);
    uniqueGroupNames(request.nodeGroups, context);
  });

export type CapacityRequest = z.output<typeof capacityRequest>;
export type ScaleUpRequest = z.output<typeof scaleUpRequest>;
export type FailureDomainsRequest = z.output<typeof failureDomainsRequest>;
export type CompareConfigsRequest = z.output<typeof compareConfigsRequest>;
export type ConsolidationRequest = z.output<typeof consolidationRequest>;
export type MigrationRequest = z.output<typeof migrationRequest>;
export type FitSuggestionsRequest = z.output<typeof fitSuggestionsRequest>;
export type ClusterSourceRequest = Pick<
  CapacityRequest,
  'cluster' | 'topologyId' | 'revision' | 'schedulerConfig' | 'scenario' | 'kubernetesVersion' | 'featureGates'
>;
