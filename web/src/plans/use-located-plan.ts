/**
 * The shown plan and the URL's `plan` kept in step: the URL decides which
 * stored plan is shown (opened from a shared link, or back/forward), and a
 * plan picked from the list, or just stored, is shown by navigating to it.
 * A dry run takes the topology's URL, as it is not stored.
 */
import { useCallback, useEffect } from 'react';
import type { Navigate } from '../navigation/use-view-location.js';
import type { ViewLocation } from '../navigation/view-location.js';
import { useViewedPlan } from './use-viewed-plan.js';

export function useLocatedPlan(topologyId: string, location: ViewLocation, navigate: Navigate) {
  const onShown = useCallback((planId: string | undefined) => navigate({ topology: topologyId, plan: planId }), [navigate, topologyId]);
  const viewed = useViewedPlan(topologyId, { onShown });
  const shownPlanId = viewed.plan?.planId;

  useEffect(() => {
    if (location.plan === undefined) {
      // Back to the topology's own URL: a stored plan leaves; a dry run, which has no URL, stays.
      if (shownPlanId !== undefined) viewed.clear();
    } else if (location.plan !== shownPlanId) {
      viewed.select(location.plan);
    }
    // Only a change of the URL's plan decides; the shown plan follows it.
  }, [location.plan]);

  const select = useCallback((planId: string) => navigate({ topology: topologyId, plan: planId }), [navigate, topologyId]);
  return { ...viewed, select };
}
