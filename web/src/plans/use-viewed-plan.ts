/**
 * The plan shown on a topology: one just created (createPlan), a dry run
 * (simulate), or a stored one picked from the list or named by the URL.
 */
import { useCallback, useRef, useState } from 'react';
import { graphqlRequest } from '../api/graphql-client.js';
import { CREATE_PLAN_MUTATION, SIMULATE_MUTATION } from '../api/documents.js';
import { loadStoredPlan, viewSimulation, type PlanProgress, type SimulationResult, type ViewedPlan } from './replica-placements.js';
import type { PlanAction } from './workload-input.js';

export interface ViewedPlanEvents {
  /** A plan was stored (createPlan) and is now shown; undefined after a dry run, which is not. */
  onShown?: (planId: string | undefined) => void;
}

export function useViewedPlan(topologyId: string, { onShown }: ViewedPlanEvents = {}) {
  const [plan, setPlan] = useState<ViewedPlan>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  /** Set while a stored plan's background job runs. */
  const [progress, setProgress] = useState<PlanProgress>();
  /** Bumped whenever a plan is stored, so the stored-plan list reloads. */
  const [storedGeneration, setStoredGeneration] = useState(0);
  /** The latest request: an earlier one that answers later (a plan opened, then another) is dropped. */
  const latest = useRef(0);

  const track = useCallback(async (work: () => Promise<ViewedPlan>): Promise<ViewedPlan | undefined> => {
    const request = ++latest.current;
    setBusy(true);
    setError(undefined);
    try {
      const shown = await work();
      if (request !== latest.current) return undefined;
      setPlan(shown);
      return shown;
    } catch (failure) {
      if (request === latest.current) setError(failure instanceof Error ? failure : new Error(String(failure)));
      return undefined;
    } finally {
      if (request === latest.current) {
        setBusy(false);
        setProgress(undefined);
      }
    }
  }, []);

  const run = useCallback(
    async (action: PlanAction, workloads: unknown[], name: string | undefined) => {
      const shown = await track(async () => {
        if (action === 'simulate') {
          const { simulate } = await graphqlRequest<{ simulate: SimulationResult }>(SIMULATE_MUTATION, { topologyId, workloads });
          return viewSimulation(simulate);
        }
        const { createPlan } = await graphqlRequest<{ createPlan: { id: string } }>(CREATE_PLAN_MUTATION, { topologyId, workloads, name });
        setStoredGeneration((generation) => generation + 1);
        return loadStoredPlan(createPlan.id, setProgress);
      });
      if (shown) onShown?.(shown.planId);
    },
    [topologyId, track, onShown],
  );

  const select = useCallback(
    (planId: string) => {
      void track(() => loadStoredPlan(planId, setProgress));
    },
    [track],
  );

  /** Shows no plan (and forgets any request still in flight). */
  const clear = useCallback(() => {
    latest.current++;
    setPlan(undefined);
    setError(undefined);
    setBusy(false);
    setProgress(undefined);
  }, []);

  return { plan, busy, error, progress, storedGeneration, run, select, clear };
}
