/** What can be done with the stored plan shown: export it. */
import { PlanExportButtons } from './plan-export-buttons.js';
import './stored-plan-actions.css';

export function StoredPlanActions({ planId }: { planId: string }) {
  return (
    <section className="stored-plan-actions" aria-label="Plan actions">
      <PlanExportButtons planId={planId} />
    </section>
  );
}
