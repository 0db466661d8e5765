import { PLANS_QUERY } from '../api/documents.js';
import type { Connection, PlanListItem } from '../api/types.js';
import { useGraphQLQuery } from '../api/use-graphql.js';
import { ErrorMessage } from '../error-message.js';

/** The topology's stored plans, oldest first; choosing one shows it on the topology. */
export function PlanPicker({ topologyId, selectedId, refreshKey, onSelect }: { topologyId: string; selectedId: string | undefined; refreshKey: number; onSelect: (planId: string) => void }) {
  const { data, error, loading } = useGraphQLQuery<{ plans: Connection<PlanListItem> }>(PLANS_QUERY, { topologyId }, refreshKey);
  const plans = data?.plans.edges.map((edge) => edge.node) ?? [];

  return (
    <section aria-labelledby="stored-plans-heading">
      <h3 id="stored-plans-heading">Stored plans</h3>
      {loading && !data && <p>Loading plans…</p>}
      {error && <ErrorMessage error={error} />}
      {data && plans.length === 0 && <p className="muted">No plan stored for this topology yet.</p>}
      <ul className="plan-list">
        {plans.map((plan) => (
          <li key={plan.id}>
            <button type="button" className="link-button" aria-current={plan.id === selectedId ? 'true' : undefined} onClick={() => onSelect(plan.id)}>
              {plan.name ?? plan.id.slice(0, 8)}
              <span className="muted">
                {' '}
                {new Date(plan.createdAt).toLocaleString('en')} · {plan.status}
                {plan.summary && ` · ${plan.summary.scheduled}/${plan.summary.replicas} placed`}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
