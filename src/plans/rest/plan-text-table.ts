/**
 * A stored plan as `kubectl get`-style text (Accept: text/plain), for
 * terminals and CI logs: one row per replica, upper-case headers, columns
 * padded to their widest cell.
 */
import type { PlanView } from '../../pipeline/plan-store.js';
import type { StoredPlacement } from '../domain/plan.types.js';

const HEADERS = ['WORKLOAD', 'REPLICA', 'POD', 'NODE', 'ZONE', 'SCORE', 'REASON'];

function formatRows(rows: string[][]): string {
  const widths = HEADERS.map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join('   ').trimEnd())
    .join('\n');
}

export function planTextTable(view: PlanView, placements: readonly StoredPlacement[]): string {
  const rows = [HEADERS];
  for (const { placement } of placements) {
    rows.push([
      `${placement.workload.kind.toLowerCase()}/${placement.workload.name}`,
      String(placement.replica),
      placement.pod,
      placement.node ?? '<none>',
      placement.zone ?? '<none>',
      placement.score === null ? '-' : String(placement.score),
      placement.message,
    ]);
  }
  const summary = view.result?.summary;
  const footer = summary
    ? `\n\n${summary.scheduled}/${summary.replicas} replicas placed, ${summary.unschedulable} unplaceable (plan ${view.id}, topology revision ${view.revision}, ${view.result!.mode} mode, kube-scheduler ${view.result!.kubernetesVersion})`
    : `\n\nplan ${view.id} is ${view.status}`;
  return `${formatRows(rows)}${footer}\n`;
}
