/**
 * The server commands (`topology import|list`, `plan`) through the built
 * binary against the real application listening on a port, and the offline
 * `simulate` checked against `POST /v1/simulations` of that same server.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_JOBS_CONFIG } from '../../src/config/app-config.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ensureBuiltCli, FIXTURES, podplan } from './support/built-cli.js';

/** What would let web-three's third replica fit (its anti-affinity keeps it off a1 and b1, c1's taint off c1). */
const SUGGESTION_LINES = [
  '  tolerate the taint dedicated=batch:NoSchedule: 1 feasible node, it would land on c1',
  '  add a node like a1 in zone a: 1 feasible node, it would land on suggested-1',
  '  add a node like b1 in zone b: 1 feasible node, it would land on suggested-1',
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function fixtureDocuments(name: string): Promise<unknown[]> {
  const text = await readFile(`${FIXTURES}/${name}`, 'utf8');
  return name.endsWith('.json') ? [JSON.parse(text)] : parseAllDocuments(text).map((document) => document.toJS());
}

describe('podplan against a server', () => {
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

  describe('topology import and list', () => {
    let id: string;

    beforeAll(async () => {
      const run = await online(['topology', 'import', '-f', 'cluster.json', '--name', 'prod']);
      expect(run.code).toBe(0);
      const [header, row] = run.stdout.trimEnd().split('\n').map((line) => line.split(/\s{3,}/));
      expect(header).toEqual(['ID', 'NAME', 'REVISION', 'NODES', 'PODS', 'PENDING', 'ZONES']);
      expect(row.slice(1)).toEqual(['prod', '1', '3', '1', '0', 'a,b,c']);
      id = row[0];
      expect(id).toMatch(UUID);
    });

    it('imports the same dump again as nothing new, and says so (#21 item 6)', async () => {
      const run = await online(['topology', 'import', '-f', 'cluster.json', '--name', 'prod', '-o', 'json']);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('topology prod is unchanged since revision 1: no revision stored\n');
      expect(JSON.parse(run.stdout)).toMatchObject({ id, name: 'prod', revision: 1, latestRevision: 1, unchanged: true });
    });

    it('imports a changed dump under the same name as the next revision of the same topology', async () => {
      const directory = await mkdtemp(join(tmpdir(), 'podplan-cli-'));
      const namespace = join(directory, 'namespace.yaml');
      await writeFile(namespace, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: payments\n');
      const run = await online(['topology', 'import', '-f', 'cluster.json', '-f', namespace, '--name', 'prod', '-o', 'json']);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toMatchObject({ id, name: 'prod', revision: 2, unchanged: false, summary: { nodes: 3, pods: 1, zones: ['a', 'b', 'c'] } });
    });

    it('lists topologies as a table and as the REST document', async () => {
      const table = await online(['topology', 'list']);
      expect(table.code).toBe(0);
      expect(table.stdout.trimEnd().split('\n')[1].split(/\s{3,}/)).toEqual([id, 'prod', '2', '3', '1', '0', 'a,b,c']);
      const json = JSON.parse((await online(['topology', 'list', '-o', 'json'])).stdout);
      expect(json).toEqual({ items: [expect.objectContaining({ id, name: 'prod', revision: 2 })], nextCursor: null });
    });

    it('warns about skipped kinds with the path in the file', async () => {
      const run = await online(['topology', 'import', '-f', 'cluster.json', '-f', 'nightly-cronjob.yaml', '--name', 'with-cronjob']);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('warning: nightly-cronjob.yaml[0]: skipped 1 CronJob object: their pods are imported as pods; the controller itself is not simulated\n');
    });

    it('refuses an invalid dump with exit 2 and the path in the file', async () => {
      const run = await online(['topology', 'import', '-f', 'bad-node.yaml', '--name', 'broken']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^error: POST \/v1\/topologies: .*\n {2}bad-node\.yaml\[0\]\.status\.allocatable\.cpu: /);
    });

    it('plans workloads against the topology by name, as a table with the plan\'s identity', async () => {
      const run = await online(['plan', '-f', 'web.yaml', '--topology', 'prod']);
      expect(run.code).toBe(0);
      const rows = run.stdout.trimEnd().split('\n');
      expect(rows.slice(1, 3).map((row) => row.split(/\s{3,}/).slice(3, 5))).toEqual([['b1', 'b'], ['a1', 'a']]);
      expect(rows.at(-1)).toMatch(/^2\/2 replicas placed, 0 unplaceable \(plan [0-9a-f-]{36}, topology revision 2, exhaustive mode, kube-scheduler v1\.35\)$/);
    });

    it('plans by topology id and revision; exits 3 with the same placements as the offline simulation', async () => {
      const run = await online(['plan', '-f', 'web-three.yaml', '--topology', id, '--revision', '1', '--name', 'three', '-o', 'json']);
      expect(run.code).toBe(3);
      const plan = JSON.parse(run.stdout);
      expect(plan).toMatchObject({ topologyId: id, revision: 1, name: 'three', summary: { replicas: 3, scheduled: 2, unschedulable: 1 } });
      const offline = JSON.parse((await podplan(['simulate', '-f', 'cluster.json', '-f', 'web-three.yaml', '-o', 'json'])).stdout);
      expect(plan.placements).toEqual(offline.placements);
    });

    it('--explain reads the replica\'s node table from the server: the same text as offline', async () => {
      const [server, offline] = await Promise.all([
        online(['plan', '-f', 'web.yaml', '--topology', 'prod', '--explain', 'web/1']),
        podplan(['simulate', '-f', 'cluster.json', '-f', 'web.yaml', '--explain', 'web/1']),
      ]);
      expect(server.code).toBe(0);
      expect(server.stdout).toBe(offline.stdout);
      expect(server.stdout).toContain("b1     no         -       InterPodAffinity: node(s) didn't match pod anti-affinity rules");
    });

    it('--plan ID explains a stored plan again, as the README line runs, and stores nothing (#21 item 6)', async () => {
      const planned = await online(['plan', '-f', 'web.yaml', '--topology', 'prod', '--explain', 'web/1']);
      expect(planned.code).toBe(0);
      const planId = /^stored plan ([0-9a-f-]{36}); "podplan plan --plan \1 --explain REPLICA" explains its replicas without storing another$/m.exec(planned.stderr)?.[1];
      expect(planId).toMatch(UUID);
      const plansOf = async () => (await testApp.http().get(`/v1/topologies/${id}/plans`).query({ limit: 500 })).body.items.length as number;
      const before = await plansOf();

      const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
      const line = readme.split('\n').find((text) => text.startsWith('podplan plan --plan '));
      expect(line).toBeDefined();
      const args = line!.replace(/#.*$/, '').trim().split(/\s+/).slice(1).map((arg) => (arg === '$PLAN' ? planId! : arg));
      const again = await online(args);
      expect(again.code).toBe(0);
      expect(again.stdout).toBe(planned.stdout);
      expect(again.stderr).toBe('');
      const printed = await online(['plan', '--plan', planId!, '-o', 'json']);
      expect(JSON.parse(printed.stdout)).toMatchObject({ id: planId, summary: { replicas: 2, scheduled: 2 } });
      expect(await plansOf()).toBe(before);

      const mixed = await online(['plan', '--plan', planId!, '-f', 'web.yaml', '--topology', 'prod']);
      expect(mixed.code).toBe(2);
      expect(mixed.stderr).toContain('--plan reads a stored plan; --filename, --topology would make a new one');
    });

    it('rewrites the server\'s error paths into the workload file', async () => {
      const run = await online(['plan', '-f', 'web-bad-request.yaml', '--topology', 'prod']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        '  web-bad-request.yaml[0].spec.template.spec.containers[0].resources.requests.cpu: Invalid value: "half": must be a quantity such as "500m", "2", "1Gi" or "1e3"\n',
      );
    });

    it('plans with a scenario, sent with the request', async () => {
      const run = await online(['plan', '-f', 'web-three.yaml', '--topology', 'prod', '--scenario', 'what-if.yaml', '-o', 'json']);
      expect(run.code).toBe(3);
      expect(JSON.parse(run.stdout).placements.map((placement: any) => placement.node)).toEqual(['extra-1', 'a1', null]);
    });

    it('diff: losing zone b moves web-0 to a1 and leaves web-1 without a node (exit 3)', async () => {
      const planId = async (args: string[]) => JSON.parse((await online(['plan', '-f', 'web.yaml', '--topology', 'prod', '-o', 'json', ...args])).stdout).id;
      const [before, after] = [await planId([]), await planId(['--scenario', 'lose-zone-b.yaml'])];
      const run = await online(['diff', before, after]);
      expect(run.code).toBe(3);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines[0].split(/\s{3,}/)).toEqual(['CHANGE', 'WORKLOAD', 'REPLICA', 'POD', 'FROM', 'TO', 'REASON']);
      expect(lines[1].split(/\s{3,}/)).toEqual(['moved', 'deployment/web', '0', expect.stringMatching(/^web-/), 'b1', 'a1']);
      expect(lines[2].split(/\s{3,}/).slice(0, 6)).toEqual(['unplaceable', 'deployment/web', '1', expect.stringMatching(/^web-/), 'a1', '<none>']);
      expect(lines.at(-1)).toBe('1 moved, 0 newly placed, 1 newly unplaceable, 0 unchanged');
      expect((await online(['diff', before, before])).code).toBe(0);
    });

    it('diff of two plans that share no workload says so and exits 2', async () => {
      const planId = async (file: string) => JSON.parse((await online(['plan', '-f', file, '--topology', 'prod', '-o', 'json'])).stdout).id;
      const [web, checkout] = [await planId('web.yaml'), await planId('checkout.yaml')];
      const run = await online(['diff', web, checkout]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`error: plans ${web} and ${checkout} share no workload (2 replica(s) only in the first, 2 only in the second): there is nothing to compare\n`);
      const document = await testApp.http().get(`/v1/plans/${web}/diff/${checkout}`);
      expect(document.body).toMatchObject({ sharedWorkloads: 0, onlyInFirst: 2, onlyInSecond: 2, unchanged: 0 });
    });

    it('diff takes exactly two plans', async () => {
      const run = await online(['diff', 'only-one']);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('error: expected 2 argument(s), got 1\n');
    });

    it('refuses a topology name that matches nothing with exit 2', async () => {
      const run = await online(['plan', '-f', 'web.yaml', '--topology', 'staging']);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('error: --topology staging: no topology has this name or id (podplan topology list shows them)\n');
    });
  });

  describe('what-if analyses', () => {
    beforeAll(async () => {
      expect((await online(['topology', 'import', '-f', 'cluster.json', '--name', 'analysed'])).code).toBe(0);
    });

    it('capacity: web fits twice more (hostname anti-affinity on the two untainted nodes), with the reason a third does not', async () => {
      const run = await online(['capacity', '-f', 'web.yaml', '--topology', 'analysed']);
      expect(run.code).toBe(0);
      const [header, row] = run.stdout.trimEnd().split('\n').map((line) => line.split(/\s{3,}/));
      expect(header).toEqual(['WORKLOAD', 'NAMESPACE', 'REQUESTED FIT', 'ADDITIONAL', 'BY ZONE', 'LIMITED BY']);
      expect(row.slice(0, 5)).toEqual(['deployment/web', 'default', '2/2', '2', 'a=1,b=1']);
      expect(row[5]).toMatch(/^0\/3 nodes are available: 1 node\(s\) had untolerated taint\(s\), 2 node\(s\) didn't match pod anti-affinity rules\./);
    });

    it('capacity: exits 3 when a workload has no room for one more; the cluster may be sent as files', async () => {
      const run = await online(['capacity', '--cluster-file', 'cluster.json', '-f', 'web-three.yaml', '-f', 'running-api.yaml', '-o', 'json']);
      const byName = Object.fromEntries(JSON.parse(run.stdout).workloads.map((entry: any) => [entry.workload.name, entry.additionalReplicas]));
      // batch-job asks 1.5 CPUs; a1 has 1 free (db-0), b1 has 2 free: one fits. The bound pod api-…-x7k2p is pinned to b1 by nodeName.
      expect(byName['batch-job']).toBe(1);
      // web-three asks for 3 replicas and 2 fit: fewer than asked is exit 3 (#21 item 5).
      expect(run.code).toBe(3);
      const none = await online(['capacity', '--cluster-file', 'cluster.json', '-f', 'running-api.yaml', '--scenario', 'what-if.yaml', '-o', 'json']);
      const afterEdit = Object.fromEntries(JSON.parse(none.stdout).workloads.map((entry: any) => [entry.workload.name, entry.additionalReplicas]));
      // Without zone b, b1 (where the bound pod is pinned) is gone.
      expect(afterEdit['api-7c9d8f6b5d-x7k2p']).toBe(0);
      expect(none.code).toBe(3);
    });

    it('capacity: a Deployment asking for more than fit says how many of its replicas fit, exits 3, and prints the suggestions', async () => {
      const run = await online(['capacity', '-f', 'web-three.yaml', '--topology', 'analysed']);
      expect(run.code).toBe(3);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines[1].split(/\s{3,}/).slice(0, 5)).toEqual(['deployment/web', 'default', '2/3', '2', 'a=1,b=1']);
      expect(lines.slice(2)).toEqual([
        '',
        'deployment/web asks for 3 replicas; 2 fit',
        '',
        'to fit one more deployment/web (each change verified by scheduling that replica again):',
        ...SUGGESTION_LINES,
      ]);
      const json = JSON.parse((await online(['capacity', '-f', 'web-three.yaml', '--topology', 'analysed', '-o', 'json'])).stdout);
      expect(json.workloads[0]).toMatchObject({ requestedReplicas: 3, requestedReplicasFit: 2, additionalReplicas: 2 });
      expect(json.workloads[0].suggestions).toHaveLength(SUGGESTION_LINES.length);
    });

    it('scale-up: one node of the spare group in zone d places the third web replica', async () => {
      const run = await online(['scale-up', '-f', 'web-three.yaml', '--topology', 'analysed', '--node-groups', 'node-groups.yaml']);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(
        'NODE GROUP   ZONE   COUNT   NODES\n' + 'spare        d      1       spare-1\n' + '\n' + '1 node(s) added, total price 0.1; 3/3 replicas placed\n',
      );
    });

    it('zones: db-0 survives losing any zone (exit 0); web placed first does not survive losing a or b (exit 3)', async () => {
      const alone = await online(['zones', '--topology', 'analysed', '-o', 'json']);
      expect(alone.code).toBe(0);
      expect(JSON.parse(alone.stdout).verdicts).toEqual([expect.objectContaining({ fullyRecovers: true, workload: expect.objectContaining({ kind: 'Pod', name: 'db-0' }) })]);

      const web = await online(['zones', '--topology', 'analysed', '-f', 'web.yaml']);
      expect(web.code).toBe(3);
      const verdict = web.stdout.trimEnd().split('\n').at(-1)!.split(/\s{3,}/);
      expect(verdict.slice(0, 4)).toEqual(['deployment/web', 'default', 'no', 'a']);
    });

    it('rewrites analysis errors into the scenario file (exit 2)', async () => {
      const run = await online(['capacity', '-f', 'web.yaml', '--topology', 'analysed', '--scenario', 'what-if-bad.yaml']);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        'error: POST /v1/analyses/capacity: Invalid input\n' +
          '  what-if-bad.yaml[0].taint.effect: Invalid option: expected one of "NoSchedule"|"PreferNoSchedule"|"NoExecute"\n',
      );
    });

    it('needs exactly one cluster source', async () => {
      const both = await online(['capacity', '-f', 'web.yaml', '--topology', 'analysed', '--cluster-file', 'cluster.json']);
      expect(both.code).toBe(2);
      expect(both.stderr).toBe('error: give the cluster either as --topology NAME|ID or as --cluster-file FILE, not both\n');
      const neither = await online(['zones']);
      expect(neither.code).toBe(2);
      expect(neither.stderr).toBe('error: no cluster: give --topology NAME|ID or --cluster-file FILE\n');
    });
  });

  it('simulate -o json prints exactly what POST /v1/simulations answers', async () => {
    const body = { cluster: { objects: await fixtureDocuments('cluster.json') }, workloads: await fixtureDocuments('web-three.yaml') };
    const response = await testApp.http().post('/v1/simulations').send(body);
    expect(response.status).toBe(200);
    const run = await podplan(['simulate', '-f', 'cluster.json', '-f', 'web-three.yaml', '-o', 'json']);
    expect(JSON.parse(run.stdout)).toEqual(response.body);
  });
});

describe('podplan plan: background plans', () => {
  let testApp: TestApp;
  let environment: Record<string, string>;

  beforeAll(async () => {
    // Every plan above 0 replicas × nodes runs as a job: POST answers 202 and the command line waits for it.
    const [app] = await Promise.all([startTestApp({ jobs: { ...DEFAULT_JOBS_CONFIG, planAsyncThreshold: 0 } }), ensureBuiltCli()]);
    testApp = app;
    await testApp.app.listen(0, '127.0.0.1');
    environment = { PODPLAN_URL: `http://127.0.0.1:${(testApp.app.getHttpServer().address() as AddressInfo).port}` };
    const imported = await podplan(['topology', 'import', '-f', 'cluster.json', '--name', 'prod', '-o', 'json'], { environment });
    expect(imported.code).toBe(0);
    // The premise: this server queues even the smallest plan.
    const probe = await testApp
      .http()
      .post(`/v1/topologies/${JSON.parse(imported.stdout).id}/plans`)
      .send({ workloads: await fixtureDocuments('web.yaml') });
    expect(probe.status).toBe(202);
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('waits for a queued plan to finish and prints it like an inline one', async () => {
    const [background, offline] = await Promise.all([
      podplan(['plan', '-f', 'web-three.yaml', '--topology', 'prod', '-o', 'json'], { environment }),
      podplan(['simulate', '-f', 'cluster.json', '-f', 'web-three.yaml', '-o', 'json']),
    ]);
    expect(background.code).toBe(3);
    const plan = JSON.parse(background.stdout);
    expect(plan).toMatchObject({ status: 'succeeded', summary: { replicas: 3, scheduled: 2, unschedulable: 1 } });
    expect(plan.placements).toEqual(JSON.parse(offline.stdout).placements);
  });
});

describe('podplan: reaching the server', () => {
  it('needs --server or PODPLAN_URL (exit 2)', async () => {
    const run = await podplan(['topology', 'list']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: no podplan server: pass --server URL or set PODPLAN_URL\n');
  });

  it('exits 1 when the server cannot be reached', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const run = await podplan(['topology', 'list', '--server', `http://127.0.0.1:${port}`]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error: cannot reach podplan at http://127\\.0\\.0\\.1:${port}: `));
  });

  describe('with keys', () => {
    let stub: Server;
    let received: IncomingHttpHeaders | undefined;
    let url: string;

    beforeAll(async () => {
      // A server that refuses every request as the service does without a valid key.
      stub = createServer((request, response) => {
        received = request.headers;
        response.writeHead(401, { 'Content-Type': 'application/problem+json' });
        response.end(JSON.stringify({ type: 'urn:podplan:problem:unauthenticated', title: 'Unauthorized', status: 401, detail: 'a valid API key is required', errors: [] }));
      });
      stub.listen(0, '127.0.0.1');
      await once(stub, 'listening');
      url = `http://127.0.0.1:${(stub.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      await new Promise((resolve) => stub?.close(resolve));
    });

    it('sends PODPLAN_TOKEN as a bearer key, and exits 1 with a hint when it is refused', async () => {
      const run = await podplan(['topology', 'list'], { environment: { PODPLAN_URL: url, PODPLAN_TOKEN: 's3cret' } });
      expect(received?.authorization).toBe('Bearer s3cret');
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('error: GET /v1/topologies: a valid API key is required (set PODPLAN_TOKEN to a podplan key)\n');
    });
  });
});
