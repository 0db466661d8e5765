/**
 * Every stored plan of a topology, read page by page (`nextCursor`) from
 * `GET /v1/topologies/{id}/plans`, so the compare form can offer any of
 * them, not only the first page's. Read again when `refreshKey` changes (a
 * plan just stored); an answer for an older read is dropped.
 */
import { useEffect, useState } from 'react';
import { storedPlansPath, type StoredPlanList } from '../api/plan-diff.js';
import { restRequest } from '../api/rest-client.js';

export type StoredPlanItem = StoredPlanList['items'][number];

export function useStoredPlans(topologyId: string, refreshKey: string): { plans: StoredPlanItem[]; complete: boolean } {
  const [plans, setPlans] = useState<StoredPlanItem[]>([]);
  const [complete, setComplete] = useState(false);

  useEffect(() => {
    let current = true;
    setPlans([]);
    setComplete(false);
    (async () => {
      let cursor: string | null = null;
      do {
        const page: StoredPlanList = await restRequest<StoredPlanList>(storedPlansPath(topologyId, cursor));
        if (!current) return;
        setPlans((read) => read.concat(page.items));
        cursor = page.nextCursor;
      } while (cursor !== null);
      setComplete(true);
    })().catch(() => current && setComplete(true));
    return () => {
      current = false;
    };
  }, [topologyId, refreshKey]);

  return { plans, complete };
}
