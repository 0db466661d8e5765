/**
 * `podplan simulate`'s DEVICES column says what an allocation result carries
 * beyond the device (placement-table.ts): with DRAConsumableCapacity, each
 * replica's share of the one GPU that allows multiple allocations (the first
 * 8 digits of its shareID) and what it consumes — 12Gi asked is 16Gi in the
 * device's 8Gi steps, the monitor's default 8Gi; the monitor's prioritized
 * list found no 80Gi GPU, so its `gpu/any` subrequest is named. The JSON output
 * carries the whole shareID and consumedCapacity.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltCli, podplan } from './support/built-cli.js';

const ARGS = ['simulate', '-f', 'gpu-shared-cluster.yaml', '-f', 'gpu-shares.yaml', '--feature-gates', 'DRAConsumableCapacity=true'];
const columns = (line: string) => line.split(/\s{3,}/);
/** Each run of the binary takes a few CPU-seconds, over a minute of wall time on a loaded shared machine. */
const CLI_TIMEOUT_MS = 240_000;

beforeAll(ensureBuiltCli);

describe('podplan simulate: DRA device details', () => {
  it('the DEVICES column names each share, what it consumes, and the chosen subrequest; JSON has every field', async () => {
    const [table, json] = await Promise.all([podplan(ARGS), podplan([...ARGS, '-o', 'json'])]);
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    const [header, ...rows] = table.stdout.trimEnd().split('\n').filter((line) => line !== '');
    expect(columns(header)).toEqual(['WORKLOAD', 'REPLICA', 'POD', 'NODE', 'ZONE', 'SCORE', 'DEVICES', 'REASON']);
    const cells = rows.slice(0, 3).map((row) => columns(row)[6]);

    expect(json.code).toBe(0);
    const placements = JSON.parse(json.stdout).placements as { devices: { request: string; device: string; shareID: string; consumedCapacity: Record<string, string> }[] }[];
    expect(placements.map((placement) => placement.devices.map(({ request, device, consumedCapacity }) => ({ request, device, consumedCapacity })))).toEqual([
      [{ request: 'gpu', device: 'gpu-0', consumedCapacity: { memory: '16Gi' } }],
      [{ request: 'gpu', device: 'gpu-0', consumedCapacity: { memory: '16Gi' } }],
      [{ request: 'gpu/any', device: 'gpu-0', consumedCapacity: { memory: '8Gi' } }],
    ]);
    const shareIDs = placements.map((placement) => placement.devices[0].shareID);
    for (const shareID of shareIDs) expect(shareID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(cells).toEqual([
      `gpu.example.com/gpu-1: gpu-0[share ${shareIDs[0].slice(0, 8)} memory=16Gi]`,
      `gpu.example.com/gpu-1: gpu-0[share ${shareIDs[1].slice(0, 8)} memory=16Gi]`,
      `gpu.example.com/gpu-1: gpu-0[gpu/any, share ${shareIDs[2].slice(0, 8)} memory=8Gi]`,
    ]);
  }, CLI_TIMEOUT_MS);

  it('without the gate the GPU is dedicated: the plain device name, the other replicas unplaceable', async () => {
    const run = await podplan(ARGS.slice(0, -2));
    expect(run.code).toBe(3);
    const rows = run.stdout.trimEnd().split('\n').slice(1, 4).map(columns);
    expect(rows.map((row) => row[6])).toEqual(['gpu.example.com/gpu-1: gpu-0', '-', '-']);
  }, CLI_TIMEOUT_MS);
});
