/**
 * The README's command-line blocks run as written: the five-minute tour (examples/ in the checkout), the
 * "Command line" overview (each command, against the real service and a fake API server for the
 * kubeconfig lines) and the CI step (npx in a project that depends on podplan). `podplan` is on PATH as
 * `npm link` / `npm install -g` put it: a command that runs dist/src/cli/main.js with node.
 */
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeKubeApi, type FakeKubeApi } from '../support/fake-kube/fake-kube-api.js';
import { kubeconfigText } from '../support/fake-kube/kubeconfigs.js';
import { makeTestCertificates } from '../support/fake-kube/test-certificates.js';
import { readmeBlock, readmeSection, REPOSITORY_ROOT } from '../support/readme-blocks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { BINARY, ensureBuiltCli, FIXTURES } from '../cli/support/built-cli.js';
import { commandsOf, exported } from './support/commands.js';
import { runShell, type ShellRun } from './support/shell.js';

const directories: string[] = [];
function temporaryDirectory(prefix: string): string {
  const directory = mkdtempSync(join(tmpdir(), prefix));
  directories.push(directory);
  return directory;
}

/** A directory holding `podplan`, as `npm link` leaves it on PATH. */
function linkedBin(): string {
  const bin = temporaryDirectory('podplan-readme-bin-');
  writeFileSync(join(bin, 'podplan'), `#!/bin/sh\nexec "${process.execPath}" "${BINARY}" "$@"\n`, { mode: 0o755 });
  return bin;
}

interface CommandRun extends ShellRun {
  readonly command: string;
}

/** Each command of a block in turn, `export` lines kept for the next ones, as typed at a prompt. */
async function runCommands(block: string, options: { server: string; cwd?: string; env: Record<string, string> }): Promise<CommandRun[]> {
  const env = { ...options.env };
  const runs: CommandRun[] = [];
  for (const command of commandsOf(block)) {
    const variable = exported(command);
    if (variable) {
      env[variable[0]] = variable[1].replace(/^http:\/\/(127\.0\.0\.1|localhost|podplan\.internal):3000$/, `http://${options.server}`);
      continue;
    }
    runs.push({ command, ...(await runShell(command, { server: options.server, cwd: options.cwd, env })) });
  }
  return runs;
}

let testApp: TestApp;
let server: string;
let bin: string;

beforeAll(async () => {
  [testApp] = await Promise.all([startTestApp(), ensureBuiltCli()]);
  await testApp.app.listen(0, '127.0.0.1');
  server = `127.0.0.1:${(testApp.app.getHttpServer().address() as AddressInfo).port}`;
  bin = linkedBin();
  // Building the CLI (when src/ is newer than dist/) can take minutes on a loaded machine.
}, 300_000);

afterAll(async () => {
  await testApp?.close();
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

describe('the five-minute tour', () => {
  let runs: CommandRun[];

  beforeAll(async () => {
    runs = await runCommands(readmeBlock('tour'), { server, env: { PATH: `${bin}:${process.env.PATH}` } });
  }, 200_000);

  it('is an export and four podplan commands, run from the checkout on examples/', () => {
    expect(runs.map((run) => run.command.split(' ').slice(0, 2).join(' '))).toEqual(['podplan topology', 'podplan plan', 'podplan capacity', 'podplan zones']);
    for (const run of runs) expect(run.stderr).toBe('');
  });

  it('imports the capture: 6 nodes, 22 pods, 3 zones', () => {
    expect(runs[0].code).toBe(0);
    expect(runs[0].stdout.split('\n')[1].split(/\s{3,}/).slice(1)).toEqual(['demo', '1', '6', '22', '0', 'us-east-1a,us-east-1b,us-east-1c']);
    expect(readmeSection('## A five-minute tour')).toContain('revision 1 of topology `demo`: 6 nodes, 22 pods, 3 zones');
  });

  it('plans 5 of 6 replicas and says why the sixth does not fit (exit 3)', () => {
    const quoted = "0/6 nodes are available: 2 Insufficient cpu, 4 node(s) didn't match pod topology spread constraints.";
    expect(runs[1].code).toBe(3);
    expect(runs[1].stdout).toContain(quoted);
    expect(runs[1].stdout).toMatch(/best score 435 \(TaintToleration \+300, /);
    expect(runs[1].stdout).toMatch(/^5\/6 replicas placed, 1 unplaceable \(plan [0-9a-f-]{36}, /m);
    const prose = readmeSection('## A five-minute tour');
    expect(prose).toContain(quoted);
    expect(prose).toContain('`best score 435 (TaintToleration +300, …)`');
  });

  it('capacity: 5 of the 6 fit, with verified changes that would fit one more (exit 3)', () => {
    expect(runs[2].code).toBe(3);
    expect(runs[2].stdout).toContain('deployment/checkout asks for 6 replicas; 5 fit');
    expect(runs[2].stdout).toContain('lower the cpu request from 500m to 405m');
    expect(runs[2].stdout).toContain('add a node like ip-10-0-10-187.ec2.internal in zone us-east-1a');
    const prose = readmeSection('## A five-minute tour');
    expect(prose).toContain('`deployment/checkout asks for 6 replicas; 5 fit`');
    expect(prose).toContain('`lower the cpu request from 500m to 405m`');
  });

  it('zones: checkout does not survive losing us-east-1b; DaemonSet pods are listed apart (exit 3)', () => {
    const verdict = 'Deployment shop/checkout does not survive the loss of topology.kubernetes.io/zone=us-east-1b: 2 of 2 lost replicas stay unplaceable';
    expect(runs[3].code).toBe(3);
    expect(runs[3].stdout).toContain(verdict);
    expect(runs[3].stdout).toMatch(/daemonset\/aws-node\s+kube-system\s+6/);
    expect(readmeSection('## A five-minute tour')).toContain(`\`${verdict}\``);
  });
});

describe('the command-line overview', () => {
  let kube: FakeKubeApi;
  let runs: CommandRun[];

  beforeAll(async () => {
    const certificates = makeTestCertificates();
    kube = await startFakeKubeApi({ certificates });
    kube.load([JSON.parse(readFileSync(join(FIXTURES, 'cluster.json'), 'utf8'))]);
    // The reader's files under the README's names: a dump, a release, a scheduler configuration, node groups, a scenario.
    const work = temporaryDirectory('podplan-readme-cli-');
    for (const [name, fixture] of [
      ['cluster.json', 'cluster.json'],
      ['dump.json', 'cluster.json'],
      ['deployment.yaml', 'web.yaml'],
      ['sched.yaml', 'scheduler-no-taints.yaml'],
      ['groups.yaml', 'node-groups.yaml'],
      ['lose-zone-b.yaml', 'lose-zone-b.yaml'],
    ]) {
      copyFileSync(join(FIXTURES, fixture), join(work, name));
    }
    cpSync(join(FIXTURES, 'manifests'), join(work, 'manifests'), { recursive: true });
    // ~/.kube/config with the README's context name.
    mkdirSync(join(work, '.kube'));
    writeFileSync(join(work, '.kube/config'), kubeconfigText(kube.url, certificates).replace(/\bfake\b(?!-)/g, 'prod-eu'));

    const env: Record<string, string> = { PATH: `${bin}:${process.env.PATH}`, HOME: work };
    runs = [];
    // $PLAN, $PLAN_BEFORE and $PLAN_AFTER are plans the reader stored: the two the block's own `podplan plan` lines store.
    for (const command of commandsOf(readmeBlock('cli-overview'))) {
      const planIds = runs.flatMap((run) => [...`${run.stdout}${run.stderr}`.matchAll(/plan ([0-9a-f-]{36})/g)].map((match) => match[1]));
      const [before, after] = [planIds[0] ?? '', planIds.at(-1) ?? ''];
      const [ran] = await runCommands(command, { server, cwd: work, env: { ...env, PLAN: after, PLAN_BEFORE: before, PLAN_AFTER: after } });
      const variable = exported(command);
      if (variable) env[variable[0]] = variable[1].replace('http://podplan.internal:3000', `http://${server}`);
      if (ran) runs.push(ran);
    }
  }, 600_000);

  afterAll(async () => {
    await kube?.close();
  });

  it('every command runs: exit 0, or 3 where something does not fit; no errors', () => {
    expect(runs.length).toBeGreaterThan(15);
    const failed = runs.filter((run) => ![0, 3].includes(run.code ?? -1) || /^(error|warning)/im.test(run.stderr));
    expect(failed.map(({ command, code, stdout, stderr }) => ({ command, code, stdout, stderr }))).toEqual([]);
  });

  it('the server commands reached the test server, and the kubeconfig lines the fake API server', () => {
    const imported = runs.filter((run) => run.command.startsWith('podplan topology import'));
    expect(imported).toHaveLength(2);
    expect(kube.requests.some((request) => request.path === '/api/v1/nodes')).toBe(true);
    const listed = runs.find((run) => run.command === 'podplan topology list')!;
    expect(listed.stdout).toMatch(/\sprod\s+1\s+3\s+1\s/);
  });

  it('explanations: offline by WORKLOAD/N and online by pod name give the same table; a stored plan explains again', () => {
    const explained = runs.filter((run) => run.command.includes('--explain'));
    expect(explained.map((run) => run.command.replace(/\s+#.*$/, ''))).toEqual([
      'podplan simulate -f cluster.json -f deployment.yaml --explain web/0',
      'podplan plan -f deployment.yaml --topology prod --explain web-5fcd6d7f8b-524s9',
      expect.stringMatching(/^podplan plan --plan \$PLAN --explain web\/1\s*$/),
    ]);
    expect(explained[1].stdout).toBe(explained[0].stdout);
    expect(explained[2].stdout).toContain("InterPodAffinity: node(s) didn't match pod anti-affinity rules");
    expect(explained[2].stderr).toBe('');
  });
});

describe('the CI step', () => {
  it("runs in a project that depends on podplan: npx finds its bin; the release fits (exit 0) and plan.json is the simulation", async () => {
    const certificates = makeTestCertificates();
    const kube = await startFakeKubeApi({ certificates });
    try {
      kube.load([JSON.parse(readFileSync(join(FIXTURES, 'cluster.json'), 'utf8'))]);
      const project = temporaryDirectory('podplan-readme-ci-');
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'shop-release', private: true, devDependencies: { podplan: '*' } }));
      mkdirSync(join(project, 'node_modules/.bin'), { recursive: true });
      symlinkSync(REPOSITORY_ROOT, join(project, 'node_modules/podplan'));
      writeFileSync(join(project, 'node_modules/.bin/podplan'), `#!/bin/sh\nexec "${process.execPath}" "${BINARY}" "$@"\n`, { mode: 0o755 });
      cpSync(join(FIXTURES, 'manifests'), join(project, 'manifests'), { recursive: true });
      const kubeconfig = join(project, 'kubeconfig');
      writeFileSync(kubeconfig, kubeconfigText(kube.url, certificates));
      // The step's `run: |` script, as the runner executes it with bash.
      const step = readmeBlock('ci-step');
      const script = step.slice(step.indexOf('run: |') + 'run: |'.length).split('\n').map((line) => line.replace(/^ {4}/, '')).join('\n');
      // npm's update notice is not the step's output.
      const run = await runShell(script, { cwd: project, env: { KUBECONFIG: kubeconfig, HOME: project, npm_config_update_notifier: 'false' } });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const plan = JSON.parse(readFileSync(join(project, 'plan.json'), 'utf8'));
      expect(plan.summary).toEqual({ replicas: expect.any(Number), scheduled: expect.any(Number), unschedulable: 0 });
      expect(plan.summary.replicas).toBeGreaterThan(0);
    } finally {
      await kube.close();
    }
  }, 120_000);
});
