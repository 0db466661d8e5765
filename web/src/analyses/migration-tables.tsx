import type { MigrationResult } from '../api/types.js';
import { plural } from '../format.js';

const formatPrice = (price: number | null) => (price === null ? 'unknown' : price.toLocaleString('en', { maximumFractionDigits: 3 }));

/** What the pool needs on the target node groups, per zone, and the pods that cannot move (in the scheduler's words). */
export function MigrationTables({ migration }: { migration: MigrationResult }) {
  return (
    <>
      <p className="analysis-summary">
        <strong>
          {plural(migration.placements.length, 'pod')} of {plural(migration.fromNodes.length, 'node')} move to {plural(migration.totalNodes, 'new node')}
        </strong>
        {migration.feasible ? '' : `; ${plural(migration.unmovable.length, 'pod')} cannot move`}. Cost {formatPrice(migration.cost.before)} → {formatPrice(migration.cost.after)}.
      </p>
      <div className="table-scroll">
        <table className="analysis-table">
          <caption>New nodes by group and zone</caption>
          <thead>
            <tr>
              <th scope="col">Node group</th>
              <th scope="col">Zone</th>
              <th scope="col">Nodes</th>
              <th scope="col">Pods moved there</th>
            </tr>
          </thead>
          <tbody>
            {migration.added.map((addition) => (
              <tr key={`${addition.nodeGroup}/${addition.zone ?? ''}`}>
                <th scope="row">{addition.nodeGroup}</th>
                <td>{addition.zone ?? '–'}</td>
                <td>{addition.count}</td>
                <td>{migration.placements.filter((placement) => addition.nodes.includes(placement.to)).length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {migration.unmovable.length > 0 && (
        <div className="table-scroll">
          <table className="analysis-table">
            <caption>Pods that cannot move</caption>
            <thead>
              <tr>
                <th scope="col">Pod</th>
                <th scope="col">From</th>
                <th scope="col">Scheduler's message</th>
              </tr>
            </thead>
            <tbody>
              {migration.unmovable.map((pod) => (
                <tr key={`${pod.namespace}/${pod.pod}`}>
                  <th scope="row">
                    {pod.namespace}/{pod.pod}
                  </th>
                  <td>{pod.from}</td>
                  <td className="scheduler-message unplaceable-message">{pod.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
