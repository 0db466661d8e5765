/**
 * `podplan simulate`, offline, through the built binary: tables, documents,
 * explanations, the -f rule that tells cluster state from workloads, and the
 * exit codes CI scripts branch on. Fixtures (test/cli/fixtures) are worked out
 * by hand: a1 (zone a, 1 of 2 CPUs used by db-0), b1 (zone b, empty) and c1
 * (zone c, tainted dedicated=batch:NoSchedule).
 */
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltCli, podplan } from './support/built-cli.js';

const POD_NAME = /^web-[bcdfghjklmnpqrstvwxz2456789]+-[bcdfghjklmnpqrstvwxz2456789]{5}$/;

beforeAll(ensureBuiltCli);

describe('podplan simulate: placing', () => {
  it('prints a kubectl-style table, one row per replica, and exits 0 when every replica is placed', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web.yaml']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    expect(header.split(/\s{3,}/)).toEqual(['WORKLOAD', 'REPLICA', 'POD', 'NODE', 'ZONE', 'SCORE', 'REASON']);
    const [first, second] = rows.map((row) => row.split(/\s{3,}/));
    // b1 is empty, so it scores higher than a1 (which runs db-0); anti-affinity sends replica 1 to a1; c1's taint keeps both off it.
    expect(first.slice(0, 2)).toEqual(['deployment/web', '0']);
    expect(first[2]).toMatch(POD_NAME);
    expect(first.slice(3, 5)).toEqual(['b1', 'b']);
    expect(first[6]).toMatch(/^b1: best score \d+ .*rejected elsewhere: 1 node\(s\) had untolerated taint\(s\)$/);
    expect(second.slice(3, 5)).toEqual(['a1', 'a']);
    expect(second[6]).toContain('the only feasible node');
    expect(rows.at(-1)).toBe('2/2 replicas placed, 0 unplaceable (exhaustive mode, kube-scheduler v1.35)');
  });

  it('exits 3 and prints kube-scheduler\'s FailedScheduling text when a replica cannot be placed', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web-three.yaml']);
    expect(run.code).toBe(3);
    const unplaced = run.stdout.split('\n').find((line) => line.startsWith('deployment/web   2'))!;
    expect(unplaced.split(/\s{3,}/).slice(3)).toEqual([
      '<none>',
      '<none>',
      '-',
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 node(s) didn\'t match pod anti-affinity rules. ' +
        'no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    ]);
    expect(run.stdout).toContain('2/3 replicas placed, 1 unplaceable');
  });

  it('-o json prints the POST /v1/simulations result document; -o yaml the same document', async () => {
    const json = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web-three.yaml', '-o', 'json']);
    expect(json.code).toBe(3);
    const result = JSON.parse(json.stdout);
    expect(result.summary).toEqual({ replicas: 3, scheduled: 2, unschedulable: 1 });
    expect(result.placements.map((placement: any) => placement.node)).toEqual(['b1', 'a1', null]);
    expect(result.placements[0]).toMatchObject({
      workload: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' },
      replica: 0,
      zone: 'b',
      candidates: [{ node: 'b1' }, { node: 'a1' }],
      rejections: [{ plugin: 'TaintToleration', reason: 'node(s) had untolerated taint(s)', nodes: 1 }],
    });
    expect(result).toMatchObject({ mode: 'exhaustive', explain: 'summary', kubernetesVersion: 'v1.35', warnings: [] });

    const yaml = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web-three.yaml', '-o', 'yaml']);
    expect(yaml.code).toBe(3);
    expect(parseYaml(yaml.stdout)).toEqual(result);
  });

  it('faithful mode records its seed, and the same seed gives the same plan', async () => {
    const args = ['simulate', '-f', 'cluster.json', '-f', 'web.yaml', '--mode', 'faithful', '--seed', '7', '-o', 'json'];
    const [first, second] = await Promise.all([podplan(args), podplan(args)]);
    expect(JSON.parse(first.stdout)).toMatchObject({ mode: 'faithful', seed: 7 });
    expect(first.stdout).toBe(second.stdout);
  });

  it('--scheduler-config applies a KubeSchedulerConfiguration: without TaintToleration, c1 takes a replica', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web-three.yaml', '--scheduler-config', 'scheduler-no-taints.yaml', '-o', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).placements.map((placement: any) => placement.node)).toEqual(['b1', 'c1', 'a1']);
  });

  it('--scenario edits the cluster first: without zone b and with a node in zone d, web takes the new node', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web-three.yaml', '--scenario', 'what-if.yaml', '-o', 'json']);
    expect(run.code).toBe(3);
    const result = JSON.parse(run.stdout);
    expect(result.placements.map((placement: any) => [placement.node, placement.zone])).toEqual([['extra-1', 'd'], ['a1', 'a'], [null, null]]);
    expect(result.scenario).toMatchObject({ edits: 2, original: { zones: ['a', 'b', 'c'] }, edited: { zones: ['a', 'c', 'd'] } });
  });

  it('--kubernetes-version plans as that release: v1.33 names the taint and has no DynamicResources PostFilter', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web-three.yaml', '--kubernetes-version', 'v1.33', '-o', 'json']);
    expect(run.code).toBe(3);
    const result = JSON.parse(run.stdout);
    expect(result.kubernetesVersion).toBe('v1.33');
    expect(result.placements[2].message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: batch}, 2 node(s) didn't match pod anti-affinity rules. " +
        'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
  });

  it('plans as the release a `kubectl version -o json` document among the files records, unless --kubernetes-version says otherwise', async () => {
    const recorded = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web.yaml', '-f', 'kubectl-version.json', '-o', 'json']);
    expect(recorded.code).toBe(0);
    expect(JSON.parse(recorded.stdout).kubernetesVersion).toBe('v1.33');
    const overridden = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web.yaml', '-f', 'kubectl-version.json', '--kubernetes-version', 'v1.34', '-o', 'json']);
    expect(JSON.parse(overridden.stdout).kubernetesVersion).toBe('v1.34');
  });

  it('--feature-gates sets the release\'s gates as kube-scheduler\'s flag does: DynamicResourceAllocation off in v1.34', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web-three.yaml', '--kubernetes-version=v1.34', '--feature-gates', 'DynamicResourceAllocation=False']);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("2 node(s) didn't match pod anti-affinity rules. preemption: 0/3 nodes are available:");
    expect(run.stdout).not.toContain('no new claims to deallocate');
    expect(run.stdout).toContain('kube-scheduler v1.34');
  });

  it('writes no progress bar when stderr is not a terminal', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web-three.yaml']);
    expect(run.stderr).toBe('');
  });
});

describe('podplan simulate: which objects are the cluster and which are placed', () => {
  it('keeps a Deployment whose ReplicaSet owns a bound pod as cluster state, and places the unbound pod', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'running-api.yaml', '-o', 'json']);
    const result = JSON.parse(run.stdout);
    expect(result.workloads.map((summary: any) => summary.workload)).toEqual([{ apiVersion: 'v1', kind: 'Pod', namespace: 'shop', name: 'batch-job' }]);
    // api's pod takes 1 CPU of b1 and db-0 1 CPU of a1: 1.5 CPUs fit nowhere.
    expect(result.placements[0].message).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. ' +
        'no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
    expect(run.code).toBe(3);
  });

  it('skips kinds podplan does not simulate, with a warning on stderr naming the file', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'nightly-cronjob.yaml', '-f', 'web.yaml', '-o', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('warning: nightly-cronjob.yaml[0]: skipped 1 CronJob object: their pods are imported as pods; the controller itself is not simulated\n');
    expect(JSON.parse(run.stdout).summary).toEqual({ replicas: 2, scheduled: 2, unschedulable: 0 });
  });

  it('--cluster-file and --workloads-file give the same plan as the -f rule', async () => {
    const mixed = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web.yaml', '-o', 'json']);
    const explicit = await podplan(['simulate', '--cluster-file', 'cluster.json', '--workloads-file', 'web.yaml', '-o', 'json']);
    expect(explicit.code).toBe(0);
    expect(explicit.stdout).toBe(mixed.stdout);
  });

  it('--workloads-file places even a Deployment that owns pods in the input', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '--workloads-file', 'running-api.yaml', '-o', 'json']);
    const names = JSON.parse(run.stdout).workloads.map((summary: any) => `${summary.workload.kind}/${summary.workload.name}`);
    expect(names).toEqual(['Deployment/api', 'ReplicaSet/api-7c9d8f6b5d', 'Pod/api-7c9d8f6b5d-x7k2p', 'Pod/batch-job']);
  });

  it('reads a directory\'s .yaml, .yml and .json files in name order, and stdin for -f -', async () => {
    const directory = await podplan(['simulate', '-f', 'cluster.json', '-f', 'manifests', '-o', 'json']);
    expect(directory.code).toBe(0);
    expect(JSON.parse(directory.stdout).workloads.map((summary: any) => summary.workload.name)).toEqual(['web', 'worker']);

    const { readFile } = await import('node:fs/promises');
    const { FIXTURES } = await import('./support/built-cli.js');
    const stdin = await podplan(['simulate', '-f', 'cluster.json', '-f', '-', '-o', 'json'], { stdin: await readFile(`${FIXTURES}/web.yaml`, 'utf8') });
    expect(stdin.code).toBe(0);
    const fromFile = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web.yaml', '-o', 'json']);
    expect(stdin.stdout).toBe(fromFile.stdout);
  });
});

describe('podplan simulate --explain', () => {
  it('prints one replica\'s verdict on every node: the chosen node first, rejected nodes with their filters', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web.yaml', '--explain', 'web/1']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^pod default\/web-\S+: placed on a1$/);
    expect(lines[1]).toMatch(/^a1: best score \d+/);
    const table = lines.slice(3).map((line) => line.split(/\s{3,}/));
    expect(table[0]).toEqual(['NODE', 'FEASIBLE', 'SCORE', 'DETAILS']);
    expect(table[1].slice(0, 2)).toEqual(['a1', 'yes']);
    expect(table[1][3]).toMatch(/^TaintToleration 300, PodTopologySpread 200, /);
    expect(table.slice(2, 4)).toEqual([
      ['b1', 'no', '-', expect.stringMatching(/^InterPodAffinity: node\(s\) didn't match pod anti-affinity rules \(anti-affinity term 0 .*already in kubernetes\.io\/hostname=b1\)$/)],
      ['c1', 'no', '-', 'TaintToleration: node(s) had untolerated taint(s) (taint dedicated=batch:NoSchedule is not tolerated)'],
    ]);
    // Then why the plugins that gave no score gave none.
    expect(lines.slice(3 + 4).map((line) => line.split(':')[0])).toEqual(['InterPodAffinity gave no score', 'NodeAffinity gave no score']);
  });

  it('names the replica by pod name too, and -o json gives the per-node document of the REST API', async () => {
    const plan = JSON.parse((await podplan(['simulate', '-f', 'cluster.json', '-f', 'web.yaml', '-o', 'json'])).stdout);
    const pod = plan.placements[0].pod;
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web.yaml', '--explain', pod, '-o', 'json']);
    const explanation = JSON.parse(run.stdout);
    expect(explanation).toMatchObject({ pod, namespace: 'default', node: 'b1', message: plan.placements[0].message, totalCount: 3, nextCursor: null });
    expect(explanation.items.map((node: any) => [node.node, node.feasible])).toEqual([['a1', true], ['b1', true], ['c1', false]]);
    const b1 = explanation.items[1];
    expect(b1.total).toBe(plan.placements[0].score);
    expect(Object.values(b1.scores).reduce((sum: number, score: any) => sum + score.weighted, 0)).toBe(b1.total);
  });

  it('refuses a replica the plan does not have, with exit code 2', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web.yaml', '--explain', 'web/5']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: --explain web/5: no replica of this plan is called that (give a pod name, NAMESPACE/POD, or WORKLOAD/REPLICA such as web/0)\n');
  });
});

describe('podplan simulate: limits', () => {
  it('refuses a plan over PODPLAN_MAX_PLAN_REPLICAS up front, with exit 2 and the setting named, before any pod is made', async () => {
    const huge = `apiVersion: apps/v1
kind: Deployment
metadata: { name: huge }
spec:
  replicas: 1000000
  selector: { matchLabels: { app: huge } }
  template:
    metadata: { labels: { app: huge } }
    spec: { containers: [{ name: huge, image: nginx }] }
`;
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', '-'], { stdin: huge });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('asks for 1000000 replicas (limit PODPLAN_MAX_PLAN_REPLICAS=50000)');
  });

  it('applies the configured limits: PODPLAN_MAX_PLAN_WORK bounds replicas × nodes', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web.yaml'], { environment: { PODPLAN_MAX_PLAN_WORK: '1' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/2 replicas × \d+ nodes is \d+ node evaluations \(limit PODPLAN_MAX_PLAN_WORK=1\)/);
  });
});

describe('podplan simulate: bad input exits 2 with the path in the user\'s file', () => {
  const cases: { name: string; args: string[]; stderr: string | RegExp }[] = [
    {
      name: 'an invalid quantity, located in the file and document it came from',
      args: ['-f', 'cluster.json', '-f', 'web-bad-request.yaml'],
      stderr:
        'error: the workloads, scheduler configuration or scenario are not valid\n' +
        '  web-bad-request.yaml[0].spec.template.spec.containers[0].resources.requests.cpu: Invalid value: "half": must be a quantity such as "500m", "2", "1Gi" or "1e3"\n',
    },
    {
      name: 'an unknown plugin in the scheduler configuration',
      args: ['-f', 'cluster.json', '-f', 'web.yaml', '--scheduler-config', 'scheduler-unknown-plugin.yaml'],
      stderr: /^ {2}scheduler-unknown-plugin\.yaml: profiles\[0\]\.plugins\.score\.enabled\[0\]\.name: unknown plugin "NodeResourcesMostAllocatedTypo"; known plugins: /m,
    },
    {
      name: 'an invalid scenario edit, located in the scenario file',
      args: ['-f', 'cluster.json', '-f', 'web.yaml', '--scenario', 'what-if-bad.yaml'],
      stderr:
        'error: the workloads, scheduler configuration or scenario are not valid\n' +
        '  what-if-bad.yaml[0].taint.effect: Invalid option: expected one of "NoSchedule"|"PreferNoSchedule"|"NoExecute"\n',
    },
    {
      name: 'a YAML syntax error, with its line and column',
      args: ['-f', 'cluster.json', '-f', 'broken.yaml'],
      stderr: 'error: broken.yaml is not valid\n  broken.yaml: invalid YAML at line 4, column 9: Nested mappings are not allowed in compact mappings\n',
    },
    { name: 'a missing file', args: ['-f', 'cluster.json', '-f', 'missing.yaml'], stderr: 'error: missing.yaml: no such file or directory\n' },
    {
      name: 'a cluster without nodes',
      args: ['-f', 'web.yaml'],
      stderr: 'error: the cluster is not valid\n  the cluster in web.yaml: contains no nodes: a cluster needs at least one v1 Node (e.g. `kubectl get nodes -o yaml`)\n',
    },
    { name: 'nothing to place', args: ['-f', 'cluster.json'], stderr: /^error: nothing to place: / },
    { name: 'no files', args: [], stderr: /^error: no input: / },
    { name: 'an unknown flag', args: ['-f', 'cluster.json', '--replicas', '3'], stderr: "error: Unknown option '--replicas'\n" },
    { name: 'an unknown output format', args: ['-f', 'cluster.json', '-f', 'web.yaml', '-o', 'wide'], stderr: 'error: --output must be one of table, json, yaml, not "wide"\n' },
    { name: 'a seed out of range', args: ['-f', 'cluster.json', '-f', 'web.yaml', '--seed=4294967296'], stderr: 'error: --seed must be an integer from 0 to 4294967295, not "4294967296"\n' },
    {
      name: 'a release podplan does not emulate',
      args: ['-f', 'cluster.json', '-f', 'web.yaml', '--kubernetes-version', 'v1.29'],
      stderr:
        'error: the workloads, scheduler configuration or scenario are not valid\n' +
        '  --kubernetes-version: Unsupported value: "v1.29": supported values: "v1.32", "v1.33", "v1.34", "v1.35"\n',
    },
    {
      name: 'a misspelt feature gate',
      args: ['-f', 'cluster.json', '-f', 'web.yaml', '--feature-gates', 'PodLevelResource=true'],
      stderr: /^ {2}--feature-gates PodLevelResource: unrecognized feature gate: PodLevelResource \(did you mean "PodLevelResources"\?\)/m,
    },
    {
      name: 'a locked gate set away from its value',
      args: ['-f', 'cluster.json', '-f', 'web.yaml', '--kubernetes-version=v1.35', '--feature-gates=DynamicResourceAllocation=false'],
      stderr: /^ {2}--feature-gates DynamicResourceAllocation: cannot set feature gate DynamicResourceAllocation to false, feature is locked to true in v1.35$/m,
    },
    {
      name: 'a feature gate value that is not a bool',
      args: ['-f', 'cluster.json', '-f', 'web.yaml', '--feature-gates', 'PodLevelResources=yes'],
      stderr: 'error: --feature-gates: invalid value of PodLevelResources=yes: not a bool (true or false)\n',
    },
  ];

  it.each(cases)('$name', async ({ args, stderr }) => {
    const run = await podplan(['simulate', ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    if (typeof stderr === 'string') expect(run.stderr).toBe(stderr);
    else expect(run.stderr).toMatch(stderr);
  });
});

describe('podplan simulate: unknown fields, as kubectl --validate', () => {
  it('refuses a misspelt field by default (exit 2), located in the file, with the field it meant', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web-misspelt.yaml']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'error: the workloads, scheduler configuration or scenario are not valid\n' +
        '  web-misspelt.yaml[0].spec.replica: unknown field "replica" (did you mean "replicas"?)\n',
    );
  });

  it('--validate=warn plans (one replica: the misspelt field is not read) and prints the warning', async () => {
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web-misspelt.yaml', '--validate=warn']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('web-misspelt.yaml[0].spec.replica: unknown field "replica" (did you mean "replicas"?)');
    expect(run.stdout).toContain('1/1 replicas placed');
  });

  it('--validate=ignore says nothing; an unknown mode is bad input', async () => {
    const ignored = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web-misspelt.yaml', '--validate', 'ignore']);
    expect(ignored.code).toBe(0);
    expect(ignored.stderr).toBe('');
    const bad = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web-misspelt.yaml', '--validate', 'lenient']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--validate must be one of strict, warn, ignore, not "lenient"');
  });
});

describe('podplan: commands and help', () => {
  it('prints help with exit 0 when asked, and with exit 2 to stderr when no command is given', async () => {
    const help = await podplan(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('podplan simulate -f cluster.json -f deployment.yaml');
    const bare = await podplan([]);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toBe(help.stdout);
  });

  it('refuses an unknown command with exit 2', async () => {
    const run = await podplan(['simulat']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: unknown command "simulat"\n/);
  });

  it('prints its version from package.json', async () => {
    const { readFile } = await import('node:fs/promises');
    const { REPOSITORY_ROOT } = await import('./support/built-cli.js');
    const { version } = JSON.parse(await readFile(`${REPOSITORY_ROOT}/package.json`, 'utf8'));
    expect((await podplan(['--version'])).stdout).toBe(`podplan ${version}\n`);
  });
});
