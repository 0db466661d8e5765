/**
 * `podplan consolidate` and `podplan migrate` through the built binary
 * against the real application: the README's right-sizing lines run as
 * written (read from README.md, so the README cannot drift from what works),
 * then flags, exit codes and bad input.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { readmeBlock } from '../support/readme-blocks.js';
import { ensureBuiltCli, podplan } from './support/built-cli.js';

/** The `podplan …` lines of the README block marked right-sizing-cli. */
function readmeCommands(): string[][] {
  return readmeBlock('right-sizing-cli')
    .split('\n')
    .filter((line) => line.startsWith('podplan '))
    .map((line) => line.split(/\s+/).slice(1));
}

describe('podplan consolidate and migrate against a server', () => {
  let testApp: TestApp;
  let environment: Record<string, string>;
  const online = (args: string[]) => podplan(args, { environment });

  beforeAll(async () => {
    const [app] = await Promise.all([startTestApp(), ensureBuiltCli()]);
    testApp = app;
    await testApp.app.listen(0, '127.0.0.1');
    const { port } = testApp.app.getHttpServer().address() as AddressInfo;
    environment = { PODPLAN_URL: `http://127.0.0.1:${port}` };
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it("the README's lines run as written", async () => {
    const commands = readmeCommands();
    expect(commands.map((args) => args[0])).toEqual(['topology', 'consolidate', 'migrate']);
    const [imported, consolidated, migrated] = [await online(commands[0]), await online(commands[1]), await online(commands[2])];
    expect(imported.code).toBe(0);
    expect(consolidated.code).toBe(0);
    const rows = consolidated.stdout.split('\n').filter((line) => /^(\d+|-)\s{3,}/.test(line)).map((line) => line.split(/\s{3,}/).slice(0, 5));
    expect(rows).toEqual([
      ['1', 'm5-a1', 'a', '26%', 'remove'],
      ['2', 'm5-b1', 'b', '26%', 'remove'],
      ['-', 'm5-a2', 'keep', 'KeepPerZone: zone a must keep at least 1 node(s)'],
      ['-', 'm5-b2', 'keep', 'KeepPerZone: zone b must keep at least 1 node(s)'],
    ]);
    expect(consolidated.stdout).toContain('2 of 4 node(s) can go, saving 0.768; cpu 33% → 64%');
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('8 pod(s) of 4 node(s) move to 4 new node(s); cost 1.536 → 0.68');
  });

  it('--ignore switches rules off, -o json prints the REST document, bad flags exit 2', async () => {
    const json = await online(['consolidate', '--cluster-file', 'right-sizing-cluster.yaml', '--ignore', 'pdb', '-o', 'json']);
    expect(json.code).toBe(0);
    const document = JSON.parse(json.stdout);
    expect(document.verified).toBe(true);
    expect(document.removable.map((node: { node: string }) => node.node)).toEqual(['m5-a1', 'm5-b1']);
    const badRule = await online(['consolidate', '--cluster-file', 'right-sizing-cluster.yaml', '--ignore', 'everything']);
    expect(badRule.code).toBe(2);
    expect(badRule.stderr).toContain('--ignore must be one of replicated, system, not-safe-to-evict, local-storage, pdb');
    const badSelector = await online(['consolidate', '--cluster-file', 'right-sizing-cluster.yaml', '--candidates', 'pool in (a']);
    expect(badSelector.code).toBe(2);
    expect(badSelector.stderr).toContain('candidates');
  });

  it('migrate exits 3 when some pod cannot move, and names it', async () => {
    const run = await online(['migrate', '--cluster-file', 'right-sizing-cluster.yaml', '--from', 'node.kubernetes.io/instance-type=m5.2xlarge', '--node-groups', 'right-sizing-tiny-groups.yaml']);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/db-0\s+shop\s+m5-a2\s+0\/\d+ nodes are available/);
    const missing = await online(['migrate', '--cluster-file', 'right-sizing-cluster.yaml', '--node-groups', 'right-sizing-groups.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--from is required');
  });
});
