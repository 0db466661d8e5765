/**
 * Steps 1 and 2 for each kind of analysis: its body schema, and what it asks
 * of the engine counted from the request and the source's summary. An
 * analysis plans more than once, so what it asks is an upper bound of its
 * first plans; the engine charges every plan it really makes to the same
 * PODPLAN_MAX_PLAN_WORK budget (what-if/analysis-budget.ts).
 */
import { parseInput } from '../common/validation/parse-input.js';
import { InvalidInputError } from '../kube/field-error.js';
import {
  capacityRequest,
  compareConfigsRequest,
  consolidationRequest,
  failureDomainsRequest,
  migrationRequest,
  fitSuggestionsRequest,
  scaleUpRequest,
  type CapacityRequest,
  type CompareConfigsRequest,
  type ConsolidationRequest,
  type FailureDomainsRequest,
  type MigrationRequest,
  type FitSuggestionsRequest,
  type ScaleUpRequest,
} from '../what-if/analysis-requests.js';
import type { AnalysisKind } from '../what-if/run-analysis.js';
import { countRequestedReplicas, type AskedWork } from './request-limits.js';

export type AnalysisKindOf = AnalysisKind;

/** The source as step 2 knows it: its nodes (with those the scenario adds) and its running pods. */
export interface SourceCounts {
  readonly nodes: number;
  readonly pods: number;
}

interface AnalysisKindDefinition<Request> {
  parse(body: unknown): Request;
  asked(request: Request, source: SourceCounts): AskedWork;
}

function requireObject(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidInputError([{ path: '(root)', message: 'expected a JSON object' }]);
  }
  return body as Record<string, unknown>;
}

/** Workload objects, Lists flattened: capacity tries `maxReplicas` pods of each, whatever its replicas say. */
function countWorkloadObjects(workloads: readonly unknown[]): number {
  let count = 0;
  for (const workload of workloads) {
    const items = typeof workload === 'object' && workload !== null ? (workload as { items?: unknown }).items : undefined;
    count += Array.isArray(items) ? countWorkloadObjects(items) : 1;
  }
  return count;
}

const asked = (replicas: number, nodes: number): AskedWork => ({ path: 'workloads', replicas, nodes, explain: 'summary' });

export const ANALYSIS_KINDS: { readonly [Kind in AnalysisKind]: AnalysisKindDefinition<RequestOf<Kind>> } = {
  capacity: {
    parse: (body) => parseInput(capacityRequest, requireObject(body)),
    asked: (request, source) => asked(countWorkloadObjects(request.workloads) * request.maxReplicas, source.nodes),
  },
  'scale-up': {
    parse: (body) => parseInput(scaleUpRequest, requireObject(body)),
    // The search may add up to one node per replica (more never helps), and plans every replica on the enlarged cluster.
    asked: (request, source) => {
      const replicas = countRequestedReplicas(request.workloads);
      return asked(replicas, source.nodes + replicas);
    },
  },
  'failure-domains': {
    parse: (body) => parseInput(failureDomainsRequest, requireObject(body)),
    // Losing each domain re-places the pods that ran there: every running pod once, on top of the workloads placed first.
    asked: (request, source) => ({ ...asked(countRequestedReplicas(request.workloads ?? []), source.nodes), replaced: source.pods }),
  },
  'fit-suggestions': {
    parse: (body) => parseInput(fitSuggestionsRequest, requireObject(body)),
    asked: (request, source) => asked(countRequestedReplicas(request.workloads), source.nodes),
  },
  'compare-configs': {
    parse: (body) => parseInput(compareConfigsRequest, requireObject(body)),
    asked: (request, source) => ({
      ...asked(countRequestedReplicas(request.workloads), source.nodes),
      repeats: { count: request.configs.length, what: 'configurations' },
    }),
  },
  consolidation: {
    parse: (body) => parseInput(consolidationRequest, requireObject(body)),
    // Each candidate's pods are placed again once by the greedy pass: every running pod, at most; the
    // local search and the verifying replay are charged plan by plan and stop the search, not the request.
    asked: (_request, source) => ({ ...asked(0, source.nodes), path: 'candidates', replaced: source.pods }),
  },
  migration: {
    parse: (body) => parseInput(migrationRequest, requireObject(body)),
    // The emptied nodes' pods are placed again (at most every running pod), on the nodes that stay plus those added.
    asked: (_request, source) => ({ ...asked(0, source.nodes), path: 'from', replaced: source.pods }),
  },
};

interface RequestsByKind {
  readonly capacity: CapacityRequest;
  readonly 'scale-up': ScaleUpRequest;
  readonly 'failure-domains': FailureDomainsRequest;
  readonly 'fit-suggestions': FitSuggestionsRequest;
  readonly 'compare-configs': CompareConfigsRequest;
  readonly consolidation: ConsolidationRequest;
  readonly migration: MigrationRequest;
}

export type RequestOf<Kind extends AnalysisKind> = RequestsByKind[Kind];
