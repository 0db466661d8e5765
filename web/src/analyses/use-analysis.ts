/**
 * The what-if analysis last run: from the workload form, capacity (how many
 * more replicas fit) or failure domains (what losing each zone costs); from
 * the right-sizing form, consolidation (which nodes can go) or node-pool
 * migration (what a pool needs on other node groups).
 */
import { useCallback, useState } from 'react';
import { graphqlRequest } from '../api/graphql-client.js';
import { CAPACITY_MUTATION, CONSOLIDATION_MUTATION, FAILURE_DOMAINS_MUTATION, MIGRATION_MUTATION } from '../api/documents.js';
import type { CapacityResult, ConsolidationResult, FailureDomainsResult, MigrationResult } from '../api/types.js';

export type AnalysisKind = 'capacity' | 'failureDomains';

export type AnalysisResult =
  | { kind: 'capacity'; capacity: CapacityResult }
  | { kind: 'failureDomains'; failureDomains: FailureDomainsResult }
  | { kind: 'consolidation'; consolidation: ConsolidationResult }
  | { kind: 'migration'; migration: MigrationResult };

export interface ConsolidationOptions {
  keepPerZone: number;
  candidates: string | undefined;
  nodeGroups: unknown[] | undefined;
}

export interface MigrationOptions {
  from: string;
  nodeGroups: unknown[];
}

export function useAnalysis(topologyId: string) {
  const [result, setResult] = useState<AnalysisResult>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  const request = useCallback(async (ask: () => Promise<AnalysisResult>) => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await ask());
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      setBusy(false);
    }
  }, []);

  const run = useCallback(
    (kind: AnalysisKind, workloads: unknown[] | undefined) =>
      request(async (): Promise<AnalysisResult> => {
        if (kind === 'capacity') {
          const { capacity } = await graphqlRequest<{ capacity: CapacityResult }>(CAPACITY_MUTATION, { topologyId, workloads });
          return { kind, capacity };
        }
        const { failureDomains } = await graphqlRequest<{ failureDomains: FailureDomainsResult }>(FAILURE_DOMAINS_MUTATION, { topologyId, workloads });
        return { kind, failureDomains };
      }),
    [request, topologyId],
  );

  const consolidate = useCallback(
    (options: ConsolidationOptions) =>
      request(async (): Promise<AnalysisResult> => {
        const { consolidation } = await graphqlRequest<{ consolidation: ConsolidationResult }>(CONSOLIDATION_MUTATION, { topologyId, ...options });
        return { kind: 'consolidation', consolidation };
      }),
    [request, topologyId],
  );

  const migrate = useCallback(
    (options: MigrationOptions) =>
      request(async (): Promise<AnalysisResult> => {
        const { migration } = await graphqlRequest<{ migration: MigrationResult }>(MIGRATION_MUTATION, { topologyId, ...options });
        return { kind: 'migration', migration };
      }),
    [request, topologyId],
  );

  const dismiss = useCallback(() => {
    setResult(undefined);
    setError(undefined);
  }, []);

  return { result, busy, error, run, consolidate, migrate, dismiss };
}
