/**
 * One row per replica, as an operator reads `kubectl get pods -o wide`:
 * which workload and replica, the pod name the controller would give it,
 * where it lands (or `<none>`), and why — for an unplaceable replica with
 * claims, also what ties each claim down (its `volumes` explanations). When
 * some replica was allocated DRA devices, a DEVICES column lists them per
 * driver and pool (`gpu.example.com/gpu-1: gpu-0,gpu-1`), as the claims'
 * allocation results name them; a device says in brackets what more its
 * result carries: the subrequest a prioritized list chose (`gpu/large`),
 * admin access, and a share of a device that allows multiple allocations
 * (`share 1a2b3c4d`, the first 8 digits of its shareID; the JSON output has
 * all of it) with what it consumes (`memory=16Gi`).
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
  readonly devices?: readonly DeviceCell[];
}

/** What the DEVICES column reads of one allocated device. */
interface DeviceCell {
  readonly request: string;
  readonly driver: string;
  readonly pool: string;
  readonly device: string;
  readonly adminAccess?: boolean | null;
  readonly shareID?: string | null;
  readonly consumedCapacity?: Readonly<Record<string, string>> | null;
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

/** `gpu-0`, or `gpu-0[gpu/large, admin access, share 1a2b3c4d memory=16Gi]` with what else the result says. */
function deviceName(device: DeviceCell): string {
  const subrequest = device.request.includes('/') ? [device.request] : [];
  const admin = device.adminAccess ? ['admin access'] : [];
  const capacity = Object.entries(device.consumedCapacity ?? {}).map(([name, quantity]) => `${name}=${quantity}`);
  const share = device.shareID ? [[`share ${device.shareID.slice(0, 8)}`, ...capacity].join(' ')] : [];
  const notes = [...subrequest, ...admin, ...share];
  return notes.length === 0 ? device.device : `${device.device}[${notes.join(', ')}]`;
}

/** `driver/pool: device,device; …` in allocation order. */
function devicesCell(devices: PlacementRow['devices']): string {
  if (!devices || devices.length === 0) return '-';
  const byPool = new Map<string, string[]>();
  for (const device of devices) {
    const key = `${device.driver}/${device.pool}`;
    byPool.set(key, [...(byPool.get(key) ?? []), deviceName(device)]);
  }
  return [...byPool.entries()].map(([pool, names]) => `${pool}: ${names.join(',')}`).join('; ');
}

export function placementTable(placements: readonly PlacementRow[]): string {
  const withDevices = placements.some((placement) => (placement.devices?.length ?? 0) > 0);
  const headers = withDevices ? [...HEADERS.slice(0, -1), 'DEVICES', 'REASON'] : HEADERS;
  return textTable(
    headers,
    placements.map((placement) => [
      `${placement.workload.kind.toLowerCase()}/${placement.workload.name}`,
      String(placement.replica),
      placement.pod,
      placement.node ?? NONE,
      placement.zone ?? NONE,
      placement.score === null ? '-' : String(placement.score),
      ...(withDevices ? [devicesCell(placement.devices)] : []),
      reason(placement),
    ]),
  );
}

/** `5/6 replicas placed, 1 unplaceable (…)`: the line CI logs are searched for. */
export function summaryLine(summary: PlanSummary, context: string): string {
  return `${summary.scheduled}/${summary.replicas} replicas placed, ${summary.unschedulable} unplaceable (${context})\n`;
}
