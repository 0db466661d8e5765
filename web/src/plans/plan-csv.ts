/**
 * A stored plan's placements as CSV (RFC 4180: comma-separated, CRLF line
 * ends, fields with a comma, quote or line break quoted, quotes doubled), one
 * row per replica in the plan's order, for spreadsheets and scripts.
 */
import type { PlanDocumentPlacement } from '../api/plan-document.js';

export const PLAN_CSV_COLUMNS = ['namespace', 'pod', 'kind', 'workload', 'replica', 'node', 'zone', 'score', 'feasibleNodes', 'evaluatedNodes', 'message'] as const;

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvRow(placement: PlanDocumentPlacement): (string | number | null)[] {
  return [
    placement.namespace,
    placement.pod,
    placement.workload.kind,
    placement.workload.name,
    placement.replica,
    placement.node,
    placement.zone,
    placement.score,
    placement.feasibleNodes,
    placement.evaluatedNodes,
    placement.message,
  ];
}

export function planCsv(placements: readonly PlanDocumentPlacement[]): string {
  return [[...PLAN_CSV_COLUMNS], ...placements.map(csvRow)].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
