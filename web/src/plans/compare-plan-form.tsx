/** Picks another stored plan of the topology to compare the shown one with (the comparison itself: plan-comparison.tsx). */
import { useId, useState, type FormEvent } from 'react';
import { storedPlansPath, type StoredPlanList } from '../api/plan-diff.js';
import { useRestQuery } from '../api/use-rest-query.js';

export interface ComparePlanFormProps {
  topologyId: string;
  planId: string;
  onCompare: (otherPlanId: string) => void;
}

export function ComparePlanForm({ topologyId, planId, onCompare }: ComparePlanFormProps) {
  // Read again for each shown plan, so a plan just stored is offered.
  const { data } = useRestQuery<StoredPlanList>(storedPlansPath(topologyId), planId);
  const others = (data?.items ?? []).filter((plan) => plan.id !== planId && plan.status === 'succeeded');
  const [chosen, setChosen] = useState('');
  const id = useId();

  if (others.length === 0) return null;
  const selected = others.some((plan) => plan.id === chosen) ? chosen : others[others.length - 1].id;

  function submit(event: FormEvent) {
    event.preventDefault();
    onCompare(selected);
  }

  return (
    <form className="compare-plan-form" onSubmit={submit} aria-label="Compare plans">
      <label htmlFor={id}>Compare with</label>
      <select id={id} value={selected} onChange={(event) => setChosen(event.target.value)}>
        {others.map((plan) => (
          <option key={plan.id} value={plan.id}>
            {plan.name ?? plan.id.slice(0, 8)} · {new Date(plan.createdAt).toLocaleString('en')}
          </option>
        ))}
      </select>
      <button type="submit">Compare</button>
    </form>
  );
}
