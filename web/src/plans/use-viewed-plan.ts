/**
 * The plan shown on a topology: one just created (createPlan), a dry run
 * (simulate), or a stored one picked from the list.
 */
import { useCallback, useState } from 'react';
import { graphqlRequest } from '../api/graphql-client.js';
import { CREATE_PLAN_MUTATION, SIMULATE_MUTATION } from '../api/documents.js';
import { loadStoredPlan, viewSimulation, type PlanProgress, type SimulationResult, type ViewedPlan } from './replica-placements.js';
import type { PlanAction } from './workload-input.js';

export function useViewedPlan(topologyId: string) {
  const [plan, setPlan] = useState<ViewedPlan>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  /** Set while a stored plan's background job runs. */
  const [progress, setProgress] = useState<PlanProgress>();
  /** Bumped whenever a plan is stored, so the stored-plan list reloads. */
  const [storedGeneration, setStoredGeneration] = useState(0);

  const track = useCallback(async (work: () => Promise<ViewedPlan>) => {
    setBusy(true);
    setError(undefined);
    try {
      setPlan(await work());
    } catch (failure) {
      setError(failure instanceof Error ? failure : new Error(String(failure)));
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  }, []);

  const run = useCallback(
    (action: PlanAction, workloads: unknown[], name: string | undefined) =>
      track(async () => {
        if (action === 'simulate') {
          const { simulate } = await graphqlRequest<{ simulate: SimulationResult }>(SIMULATE_MUTATION, { topologyId, workloads });
          return viewSimulation(simulate);
        }
        const { createPlan } = await graphqlRequest<{ createPlan: { id: string } }>(CREATE_PLAN_MUTATION, { topologyId, workloads, name });
        setStoredGeneration((generation) => generation + 1);
        return loadStoredPlan(createPlan.id, setProgress);
      }),
    [topologyId, track],
  );

  const select = useCallback((planId: string) => track(() => loadStoredPlan(planId, setProgress)), [track]);

  return { plan, busy, error, progress, storedGeneration, run, select };
}
