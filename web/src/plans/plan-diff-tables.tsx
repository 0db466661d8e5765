/** The plan diff's lists as tables: replicas moved, newly placed, newly unplaceable, and the chosen nodes' score changes per plugin. */
import type { PlanDiffDocument } from '../api/plan-diff.js';
import type { WorkloadRef } from '../api/types.js';
import { formatScore } from '../format.js';

function workloadName(workload: WorkloadRef): string {
  return `${workload.kind} ${workload.namespace}/${workload.name}`;
}

function withZone(node: string, zone: string | null): string {
  return zone === null ? node : `${node} (${zone})`;
}

export function PlanDiffTables({ diff, first, second }: { diff: PlanDiffDocument; first: string; second: string }) {
  return (
    <div className="table-scroll">
      {diff.moved.length > 0 && (
        <table className="analysis-table">
          <caption>Moved: on another node in {second}</caption>
          <thead>
            <tr>
              <th scope="col">Pod</th>
              <th scope="col">Workload</th>
              <th scope="col">Replica</th>
              <th scope="col">In {first}</th>
              <th scope="col">In {second}</th>
            </tr>
          </thead>
          <tbody>
            {diff.moved.map((entry) => (
              <tr key={entry.pod}>
                <th scope="row" className="nowrap">{entry.pod}</th>
                <td>{workloadName(entry.workload)}</td>
                <td>{entry.replica}</td>
                <td>{withZone(entry.from, entry.fromZone)}</td>
                <td>{withZone(entry.to, entry.toZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {diff.newlyPlaced.length > 0 && (
        <table className="analysis-table">
          <caption>Newly placed: unplaceable in {first}</caption>
          <thead>
            <tr>
              <th scope="col">Pod</th>
              <th scope="col">Workload</th>
              <th scope="col">Replica</th>
              <th scope="col">Node in {second}</th>
            </tr>
          </thead>
          <tbody>
            {diff.newlyPlaced.map((entry) => (
              <tr key={entry.pod}>
                <th scope="row" className="nowrap">{entry.pod}</th>
                <td>{workloadName(entry.workload)}</td>
                <td>{entry.replica}</td>
                <td>{entry.node}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {diff.newlyUnplaceable.length > 0 && (
        <table className="analysis-table">
          <caption>Newly unplaceable: placed in {first}</caption>
          <thead>
            <tr>
              <th scope="col">Pod</th>
              <th scope="col">Workload</th>
              <th scope="col">Replica</th>
              <th scope="col">Node in {first}</th>
              <th scope="col">Why not in {second}</th>
            </tr>
          </thead>
          <tbody>
            {diff.newlyUnplaceable.map((entry) => (
              <tr key={entry.pod}>
                <th scope="row" className="nowrap">{entry.pod}</th>
                <td>{workloadName(entry.workload)}</td>
                <td>{entry.replica}</td>
                <td>{entry.was}</td>
                <td className="scheduler-message">{entry.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {diff.scoreChanges.length > 0 && (
        <table className="analysis-table">
          <caption>Score changes on the same node (weighted, per plugin)</caption>
          <thead>
            <tr>
              <th scope="col">Pod</th>
              <th scope="col">Node</th>
              <th scope="col">Plugin</th>
              <th scope="col">In {first}</th>
              <th scope="col">In {second}</th>
            </tr>
          </thead>
          <tbody>
            {diff.scoreChanges.map((entry) => (
              <tr key={`${entry.pod}/${entry.plugin}`}>
                <th scope="row" className="nowrap">{entry.pod}</th>
                <td>{entry.node}</td>
                <td>{entry.plugin}</td>
                <td>{formatScore(entry.from)}</td>
                <td>{formatScore(entry.to)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
