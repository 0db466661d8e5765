import type { CapacityResult } from '../api/types.js';

/** Per workload: how many more replicas fit on the topology as saved, where, and what stopped the next one. */
export function CapacityTable({ capacity }: { capacity: CapacityResult }) {
  return (
    <div className="table-scroll">
      <table className="analysis-table">
        <caption>Capacity: additional replicas that fit (each workload on its own)</caption>
        <thead>
          <tr>
            <th scope="col">Workload</th>
            <th scope="col">Additional replicas</th>
            <th scope="col">By zone</th>
            <th scope="col">Limited by</th>
          </tr>
        </thead>
        <tbody>
          {capacity.workloads.map((entry) => (
            <tr key={`${entry.workload.kind}/${entry.workload.namespace}/${entry.workload.name}`}>
              <th scope="row">
                {entry.workload.kind} {entry.workload.namespace}/{entry.workload.name}
              </th>
              <td>{entry.reachedMaxReplicas ? `at least ${entry.additionalReplicas} (the limit asked for)` : entry.additionalReplicas}</td>
              <td>{entry.byZone.map((zone) => `${zone.name || 'no zone'}: ${zone.count}`).join(', ') || '–'}</td>
              <td className="scheduler-message">{entry.limitedBy ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
