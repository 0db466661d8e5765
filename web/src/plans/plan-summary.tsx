/**
 * The shown plan in brief: totals, one legend entry per workload in its
 * colour, and every unplaceable replica with kube-scheduler's own message.
 */
import { plural } from '../format.js';
import { ReplicaChip } from './replica-chip.js';
import type { ReplicaPlacement, ViewedPlan } from './replica-placements.js';
import { workloadChipStyle, type WorkloadColours } from './workload-colours.js';
import { workloadKey } from './workload-key.js';

/** Unplaceable replicas listed; past this the list says how many more there are (their messages repeat). */
const UNPLACEABLE_SHOWN = 100;

export function PlanSummary({ plan, colours, onOpenReplica }: { plan: ViewedPlan; colours: WorkloadColours; onOpenReplica: (replica: ReplicaPlacement) => void }) {
  const unplaceable = plan.replicas.filter((replica) => replica.node === null);
  return (
    <section className="plan-summary" aria-labelledby="plan-heading">
      <h3 id="plan-heading">{plan.title}</h3>
      <p>
        {plural(plan.summary.replicas, 'replica')}: {plan.summary.scheduled.toLocaleString('en')} placed,{' '}
        <strong className={plan.summary.unschedulable > 0 ? 'unplaceable-count' : undefined}>{plan.summary.unschedulable.toLocaleString('en')} unplaceable</strong>
      </p>
      <ul className="legend" aria-label="Workloads">
        {plan.workloads.map((summary) => {
          const key = workloadKey(summary.workload);
          return (
            <li key={key}>
              <span className="swatch" style={workloadChipStyle(colours, key)} aria-hidden="true" />
              {summary.workload.kind} {summary.workload.namespace}/{summary.workload.name}: {summary.scheduled}/{summary.replicas} placed
            </li>
          );
        })}
      </ul>
      {unplaceable.length > 0 && (
        <div className="unplaceable" role="region" aria-label="Unplaceable replicas">
          <h4>Unplaceable replicas</h4>
          <ul>
            {unplaceable.slice(0, UNPLACEABLE_SHOWN).map((replica) => (
              <li key={replica.key}>
                <ReplicaChip replica={replica} colours={colours} onOpen={onOpenReplica} />
                <span className="scheduler-message">{replica.message}</span>
              </li>
            ))}
          </ul>
          {unplaceable.length > UNPLACEABLE_SHOWN && <p className="muted">…and {(unplaceable.length - UNPLACEABLE_SHOWN).toLocaleString('en')} more.</p>}
        </div>
      )}
    </section>
  );
}
