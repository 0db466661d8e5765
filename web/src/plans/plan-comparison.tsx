/**
 * Two stored plans compared, from the one chosen to compare with (`first`,
 * the URL's `compare`) to the one shown (`second`), through
 * `GET /v1/plans/{first}/diff/{second}`: the totals in a sentence, then the
 * replicas that changed. Plans that share no workload say so instead.
 */
import { planDiffPath, type PlanDiffDocument } from '../api/plan-diff.js';
import { useStoredPlans, type StoredPlanItem } from './use-stored-plans.js';
import { useRestQuery } from '../api/use-rest-query.js';
import { ErrorMessage } from '../error-message.js';
import { plural } from '../format.js';
import { PlanDiffTables } from './plan-diff-tables.js';
import './plan-comparison.css';

export interface PlanComparisonProps {
  topologyId: string;
  first: string;
  second: string;
  onSwap: () => void;
  onClose: () => void;
}

function planLabel(plans: readonly StoredPlanItem[], id: string): string {
  return `“${plans.find((plan) => plan.id === id)?.name ?? id.slice(0, 8)}”`;
}

export function PlanComparison({ topologyId, first, second, onSwap, onClose }: PlanComparisonProps) {
  const diff = useRestQuery<PlanDiffDocument>(planDiffPath(first, second));
  // The plans' names, from the topology's list, every page (a plan's own document would carry every placement).
  const { plans } = useStoredPlans(topologyId, `${first}/${second}`);
  const firstName = planLabel(plans, first);
  const secondName = planLabel(plans, second);

  return (
    <section className="plan-comparison" aria-labelledby="plan-comparison-heading">
      <header>
        <h3 id="plan-comparison-heading">
          Compared: {firstName} → {secondName}
        </h3>
        <div className="actions">
          <button type="button" onClick={onSwap}>
            Swap
          </button>
          <button type="button" onClick={onClose}>
            Close comparison
          </button>
        </div>
      </header>
      {diff.loading && <p aria-live="polite">Comparing…</p>}
      {diff.error && <ErrorMessage error={diff.error} />}
      {!diff.loading && diff.data && <DiffSummary diff={diff.data} first={firstName} second={secondName} />}
      {!diff.loading && diff.data && diff.data.sharedWorkloads > 0 && <PlanDiffTables diff={diff.data} first={firstName} second={secondName} />}
    </section>
  );
}

function DiffSummary({ diff, first, second }: { diff: PlanDiffDocument; first: string; second: string }) {
  const only = `${plural(diff.onlyInFirst, 'replica')} only in ${first}, ${plural(diff.onlyInSecond, 'replica')} only in ${second}`;
  if (diff.sharedWorkloads === 0) {
    return <p className="comparison-summary">These plans share no workload: there is nothing to compare ({only}).</p>;
  }
  return (
    <p className="comparison-summary">
      {plural(diff.sharedWorkloads, 'workload')} in both: {diff.unchanged.toLocaleString('en')} unchanged, {diff.moved.length.toLocaleString('en')} moved,{' '}
      {diff.newlyPlaced.length.toLocaleString('en')} newly placed, {diff.newlyUnplaceable.length.toLocaleString('en')} newly unplaceable; {only}.
    </p>
  );
}
