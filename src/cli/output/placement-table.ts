/**
 * One row per replica, as an operator reads `kubectl get pods -o wide`:
 * which workload and replica, the pod name the controller would give it,
 * where it lands (or `<none>`), and why — for an unplaceable replica with
 * claims, also what ties each claim down (its `volumes` explanations).
 */
import { textTable } from './text-table.js';

/** What the table reads of a placement, the same in a simulation result and a stored plan. */
export interface PlacementRow {
  readonly workload: { readonly kind: string; readonly name: string };
  readonly replica: number;
  readonly pod: string;
  readonly node: string | null;
  readonly zone: string | null;
  readonly score: number | null;
  readonly message: string;
  readonly volumes?: readonly { readonly explanation?: string }[];
}

export interface PlanSummary {
  readonly replicas: number;
  readonly scheduled: number;
  readonly unschedulable: number;
}

const HEADERS = ['WORKLOAD', 'REPLICA', 'POD', 'NODE', 'ZONE', 'SCORE', 'REASON'];
const NONE = '<none>';

/** The message, then (unplaceable replicas) the claim sentences: "… — claim data-db-2 is bound to pv-2 in zone us-east1-d". */
function reason(placement: PlacementRow): string {
  const sentences = (placement.volumes ?? []).flatMap((volume) => (volume.explanation ? [volume.explanation] : []));
  return sentences.length === 0 ? placement.message : `${placement.message} — ${sentences.join('; ')}`;
}

export function placementTable(placements: readonly PlacementRow[]): string {
  return textTable(
    HEADERS,
    placements.map((placement) => [
      `${placement.workload.kind.toLowerCase()}/${placement.workload.name}`,
      String(placement.replica),
      placement.pod,
      placement.node ?? NONE,
      placement.zone ?? NONE,
      placement.score === null ? '-' : String(placement.score),
      reason(placement),
    ]),
  );
}

/** `5/6 replicas placed, 1 unplaceable (…)`: the line CI logs are searched for. */
export function summaryLine(summary: PlanSummary, context: string): string {
  return `${summary.scheduled}/${summary.replicas} replicas placed, ${summary.unschedulable} unplaceable (${context})\n`;
}
