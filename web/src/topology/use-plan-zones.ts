/**
 * The zone totals of the stored plan shown (Plan.zones: the nodes it ran on,
 * its scenario's edits applied), so a scenario's new zone gets its card and a
 * removed node is not counted; undefined for no plan, a dry run (its cluster
 * is the topology's), or until they arrive (the topology's zones show meanwhile).
 */
import { useEffect, useState } from 'react';
import { graphqlRequest } from '../api/graphql-client.js';
import { PLAN_ZONES_QUERY } from '../api/documents.js';
import type { TopologyOverview } from '../api/types.js';

type Zones = TopologyOverview['zones'];

export function usePlanZones(planId: string | undefined): { zones: Zones | undefined; error: Error | undefined } {
  const [answer, setAnswer] = useState<{ planId: string; zones: Zones }>();
  const [error, setError] = useState<Error>();

  useEffect(() => {
    if (planId === undefined) return;
    let current = true;
    setError(undefined);
    graphqlRequest<{ plan: { zones: Zones } }>(PLAN_ZONES_QUERY, { id: planId })
      .then(({ plan }) => current && setAnswer({ planId, zones: plan.zones }))
      .catch((failure: unknown) => current && setError(failure instanceof Error ? failure : new Error(String(failure))));
    return () => {
      current = false;
    };
  }, [planId]);

  return { zones: planId !== undefined && answer?.planId === planId ? answer.zones : undefined, error: planId === undefined ? undefined : error };
}
