/** What can be done with the stored plan shown: export it, compare it with another. */
import { ComparePlanForm } from './compare-plan-form.js';
import { PlanExportButtons } from './plan-export-buttons.js';
import './stored-plan-actions.css';

export interface StoredPlanActionsProps {
  topologyId: string;
  planId: string;
  onCompare: (otherPlanId: string) => void;
}

export function StoredPlanActions({ topologyId, planId, onCompare }: StoredPlanActionsProps) {
  return (
    <section className="stored-plan-actions" aria-label="Plan actions">
      <PlanExportButtons planId={planId} />
      <ComparePlanForm topologyId={topologyId} planId={planId} onCompare={onCompare} />
    </section>
  );
}
