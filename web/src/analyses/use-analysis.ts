/**
 * The what-if analysis last run from the workload form: capacity (how many
 * more replicas fit) or failure domains (what losing each zone costs).
 */
import { useCallback, useState } from 'react';
import { graphqlRequest } from '../api/graphql-client.js';
import { CAPACITY_MUTATION, FAILURE_DOMAINS_MUTATION } from '../api/documents.js';
import type { CapacityResult, FailureDomainsResult } from '../api/types.js';

export type AnalysisKind = 'capacity' | 'failureDomains';

export type AnalysisResult = { kind: 'capacity'; capacity: CapacityResult } | { kind: 'failureDomains'; failureDomains: FailureDomainsResult };

export function useAnalysis(topologyId: string) {
  const [result, setResult] = useState<AnalysisResult>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();

  const run = useCallback(
    async (kind: AnalysisKind, workloads: unknown[] | undefined) => {
      setBusy(true);
      setError(undefined);
      try {
        if (kind === 'capacity') {
          const { capacity } = await graphqlRequest<{ capacity: CapacityResult }>(CAPACITY_MUTATION, { topologyId, workloads });
          setResult({ kind, capacity });
        } else {
          const { failureDomains } = await graphqlRequest<{ failureDomains: FailureDomainsResult }>(FAILURE_DOMAINS_MUTATION, { topologyId, workloads });
          setResult({ kind, failureDomains });
        }
      } catch (failure) {
        setError(failure instanceof Error ? failure : new Error(String(failure)));
      } finally {
        setBusy(false);
      }
    },
    [topologyId],
  );

  const dismiss = useCallback(() => {
    setResult(undefined);
    setError(undefined);
  }, []);

  return { result, busy, error, run, dismiss };
}
