/**
 * Picks another stored plan of the topology to compare the shown one with
 * (the comparison itself: plan-comparison.tsx). Every stored plan is offered,
 * however many (use-stored-plans.ts reads every page); "Find plan" narrows
 * the choice by name or id.
 */
import { useId, useState, type FormEvent } from 'react';
import { useStoredPlans, type StoredPlanItem } from './use-stored-plans.js';

export interface ComparePlanFormProps {
  topologyId: string;
  planId: string;
  onCompare: (otherPlanId: string) => void;
}

/** A plan matches when its name or id contains the text, ignoring case. */
function matches(plan: StoredPlanItem, text: string): boolean {
  const wanted = text.trim().toLowerCase();
  return wanted === '' || plan.id.toLowerCase().includes(wanted) || (plan.name ?? '').toLowerCase().includes(wanted);
}

export function ComparePlanForm({ topologyId, planId, onCompare }: ComparePlanFormProps) {
  // Read again for each shown plan, so a plan just stored is offered.
  const { plans, complete } = useStoredPlans(topologyId, planId);
  const others = plans.filter((plan) => plan.id !== planId && plan.status === 'succeeded');
  const [chosen, setChosen] = useState('');
  const [search, setSearch] = useState('');
  const selectId = useId();
  const searchId = useId();

  if (others.length === 0) return null;
  const offered = others.filter((plan) => matches(plan, search));
  const selected = offered.some((plan) => plan.id === chosen) ? chosen : offered.at(-1)?.id;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (selected !== undefined) onCompare(selected);
  }

  return (
    <form className="compare-plan-form" onSubmit={submit} aria-label="Compare plans">
      <label htmlFor={searchId}>Find plan</label>
      <input id={searchId} type="search" value={search} placeholder="name or id" onChange={(event) => setSearch(event.target.value)} />
      <label htmlFor={selectId}>Compare with</label>
      <select id={selectId} value={selected ?? ''} onChange={(event) => setChosen(event.target.value)} disabled={offered.length === 0}>
        {offered.map((plan) => (
          <option key={plan.id} value={plan.id}>
            {plan.name ?? plan.id.slice(0, 8)} · {new Date(plan.createdAt).toLocaleString('en')}
          </option>
        ))}
      </select>
      <span className="muted" aria-live="polite">
        {offered.length === others.length ? `${others.length} plans${complete ? '' : ', reading more…'}` : `${offered.length} of ${others.length} plans`}
      </span>
      <button type="submit" disabled={selected === undefined}>
        Compare
      </button>
    </form>
  );
}
