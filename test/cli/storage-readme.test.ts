/**
 * The README's storage example (section "Storage-aware planning") run as
 * written through the built binary, offline, from test/cli/fixtures (the
 * lines are read from README.md, so the README cannot drift from what
 * works): replicas land next to their disks, the replica whose PV is in a
 * zone without nodes is unplaceable, and both the table and the per-node
 * explanation name the claim and PV behind the rejection.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readmeBlock } from '../support/readme-blocks.js';
import { ensureBuiltCli, podplan } from './support/built-cli.js';

const SENTENCE = 'claim data-db-2 is bound to pv-2 in zone us-east1-d';

/** The `podplan …` lines of the README block marked storage-cli. */
function readmeCommands(): string[][] {
  return readmeBlock('storage-cli')
    .split('\n')
    .filter((line) => line.startsWith('podplan '))
    .map((line) => line.split(/\s+/).slice(1));
}

beforeAll(ensureBuiltCli);

describe("the README's storage example", () => {
  it('is two simulate lines', () => {
    expect(readmeCommands()).toEqual([
      ['simulate', '-f', 'storage-cluster.yaml', '-f', 'db-statefulset.yaml'],
      ['simulate', '-f', 'storage-cluster.yaml', '-f', 'db-statefulset.yaml', '--explain', 'db/2'],
    ]);
  });

  it('places db-0 and db-1 next to their disks and names the claim and PV that keep db-2 out', async () => {
    const run = await podplan(readmeCommands()[0]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(3);
    const rows = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('statefulset/db'))
      .map((line) => line.split(/\s{3,}/));
    expect(rows.map((row) => row.slice(2, 5))).toEqual([
      ['db-0', 'gke-b1', 'us-east1-b'],
      ['db-1', 'gke-c1', 'us-east1-c'],
      ['db-2', '<none>', '<none>'],
    ]);
    expect(rows[2][6]).toBe(
      `0/2 nodes are available: 2 node(s) had volume node affinity conflict. no new claims to deallocate, preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling. — ${SENTENCE}`,
    );
    expect(run.stdout).toContain('2/3 replicas placed, 1 unplaceable');
  });

  it('--explain db/2: each node rejects it for the claim and PV, by VolumeBinding and VolumeZone', async () => {
    const run = await podplan(readmeCommands()[1]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(3);
    const rows = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('gke-'))
      .map((line) => line.split(/\s{3,}/));
    const details = `VolumeBinding: node(s) had volume node affinity conflict (${SENTENCE}); VolumeZone: node(s) had no available volume zone (${SENTENCE})`;
    expect(rows).toEqual([
      ['gke-b1', 'no', '-', details],
      ['gke-c1', 'no', '-', details],
    ]);
  });
});
