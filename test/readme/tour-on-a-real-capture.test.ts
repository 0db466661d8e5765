/**
 * The five-minute tour on a real capture instead of examples/eks-capture.json: the EKS 1.31 cluster-info
 * dump of ../shared/realdata (2 t3.small nodes in us-east-1a/b, kube-system's pods, DaemonSets and
 * Deployments), imported with the tour's own commands. Required like every realdata suite: a missing
 * capture fails here rather than passing empty.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realdataFiles, realdataRoot } from '../kube/realdata.js';
import { readmeBlock } from '../support/readme-blocks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { BINARY, ensureBuiltCli } from '../cli/support/built-cli.js';
import { commandsOf, exported } from './support/commands.js';
import { runShell, type ShellRun } from './support/shell.js';

describe('the five-minute tour on a real EKS capture', () => {
  let testApp: TestApp;
  let bin: string;
  const runs: (ShellRun & { command: string })[] = [];

  beforeAll(async () => {
    [testApp] = await Promise.all([startTestApp(), ensureBuiltCli()]);
    await testApp.app.listen(0, '127.0.0.1');
    const server = `127.0.0.1:${(testApp.app.getHttpServer().address() as AddressInfo).port}`;
    bin = mkdtempSync(join(tmpdir(), 'podplan-readme-bin-'));
    writeFileSync(join(bin, 'podplan'), `#!/bin/sh\nexec "${process.execPath}" "${BINARY}" "$@"\n`, { mode: 0o755 });
    // The capture's object files in place of the example: `-f` takes several.
    const capture = realdataFiles('eks-cluster-info-dump').filter((file) => file.endsWith('.json')).map((file) => `-f ${join(realdataRoot, file)}`);
    expect(capture).toHaveLength(4);
    const env: Record<string, string> = { PATH: `${bin}:${process.env.PATH}` };
    for (const command of commandsOf(readmeBlock('tour'))) {
      const variable = exported(command);
      if (variable) {
        env[variable[0]] = `http://${server}`;
        continue;
      }
      const onCapture = command.replace('-f examples/eks-capture.json', capture.join(' '));
      runs.push({ command: onCapture, ...(await runShell(onCapture, { env })) });
    }
  }, 300_000);

  afterAll(async () => {
    await testApp?.close();
    if (bin) rmSync(bin, { recursive: true, force: true });
  });

  it('imports the capture: its 2 nodes in 2 zones', () => {
    expect(runs[0].command).toContain('eks-cluster-info-dump/nodes.json');
    expect(runs[0].code).toBe(0);
    expect(runs[0].stdout.split('\n')[1].split(/\s{3,}/).slice(1, 4)).toEqual(['demo', '1', '2']);
    expect(runs[0].stdout).toContain('us-east-1a,us-east-1b');
  });

  it('plans, sizes and studies zone loss on it: every command answers, in kube-scheduler\'s words where a replica does not fit', () => {
    for (const run of runs.slice(1)) {
      // The one thing said on stderr: EKS 1.31 is older than the releases podplan emulates.
      const said = run.stderr.split('\n').filter((line) => line !== '' && !line.includes('planned as v1.32, the nearest supported release'));
      expect({ command: run.command, said }).toEqual({ command: run.command, said: [] });
      expect([0, 3]).toContain(run.code);
    }
    // Two t3.small nodes (1.4 GiB allocatable) already running kube-system: two 1 GiB replicas fit, four do not.
    expect(runs[1].code).toBe(3);
    expect(runs[1].stdout).toContain('0/2 nodes are available: 2 Insufficient memory.');
    expect(runs[1].stdout).toMatch(/^2\/6 replicas placed, 4 unplaceable /m);
    expect(runs[2].stdout).toMatch(/deployment\/checkout asks for 6 replicas; \d fit/);
  });

  it('zone loss lists the capture\'s DaemonSet pods apart, never in a verdict', () => {
    const zones = runs[3].stdout;
    expect(zones).toMatch(/daemonset\/aws-node\s+kube-system\s+2/);
    expect(zones).toMatch(/daemonset\/kube-proxy\s+kube-system\s+2/);
    const verdicts = zones.slice(zones.indexOf('VERDICT'), zones.indexOf('node-bound'));
    expect(verdicts).not.toContain('aws-node');
    expect(verdicts).toContain('deployment/checkout');
  });
});
