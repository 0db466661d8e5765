/**
 * The README's REST and GraphQL command blocks ("Import a cluster", "Read, page, update, delete",
 * "GraphQL", "Plans", "Security") run as written against the real service: kubectl reads a fake API
 * server holding examples/eks-capture.json, curl and jq send what it printed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_AUTH_CONFIG } from '../../src/config/app-config.js';
import { startFakeKubeApi, type FakeKubeApi } from '../support/fake-kube/fake-kube-api.js';
import { kubeconfigText } from '../support/fake-kube/kubeconfigs.js';
import { makeTestCertificates } from '../support/fake-kube/test-certificates.js';
import { readmeBlock, REPOSITORY_ROOT } from '../support/readme-blocks.js';
import { largeClusterList } from '../support/large-cluster.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { jsonDocuments, runShell } from './support/shell.js';

const capture = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'examples/eks-capture.json'), 'utf8'));
/** Temporary directories the commands ran in, removed at the end. */
const directories: string[] = [];
const serverOf = (testApp: TestApp) => `127.0.0.1:${(testApp.app.getHttpServer().address() as AddressInfo).port}`;

describe("the README's REST commands", () => {
  let testApp: TestApp;
  let kube: FakeKubeApi;
  let server: string;
  /** Where the reader runs the commands: kubectl writes cluster.json and friends here. */
  let directory: string;
  let kubeconfig: string;
  let imported: any[];

  beforeAll(async () => {
    const certificates = makeTestCertificates();
    [testApp, kube] = await Promise.all([startTestApp(), startFakeKubeApi({ certificates })]);
    kube.load([capture]);
    await testApp.app.listen(0, '127.0.0.1');
    server = serverOf(testApp);
    directory = mkdtempSync(join(tmpdir(), 'podplan-readme-rest-'));
    directories.push(directory);
    kubeconfig = join(directory, 'kubeconfig');
    writeFileSync(kubeconfig, kubeconfigText(kube.url, certificates));
  });

  afterAll(async () => {
    await Promise.all([testApp?.close(), kube?.close()]);
    for (const path of directories) rmSync(path, { recursive: true, force: true });
  });

  it('Import a cluster: the kubectl dump as the body, wrapped with --data-binary @body.json, and as YAML from a pipe', async () => {
    const run = await runShell(readmeBlock('import-cluster'), { server, cwd: directory, env: { KUBECONFIG: kubeconfig } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    imported = jsonDocuments(run.stdout);
    expect(imported).toHaveLength(3);
    for (const answer of imported) {
      expect(answer).toMatchObject({ name: 'prod-eu', revision: 1, summary: { nodes: 6, pods: 22, zones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] } });
    }
    // The full dump also carries the Namespaces; status noise is dropped (kubectl itself leaves out managedFields).
    expect(imported[0].summary.namespaces).toBe(3);
    expect(imported[0].dropped['status.conditions']).toBeGreaterThan(0);
  });

  it('a larger dump: the wrapped import as the README builds it succeeds; spliced into one -d argument it fails with "Argument list too long"', async () => {
    // 60 nodes and 600 pods: nodes.json and pods.json as kubectl prints them, together over Linux's 128 KiB per argument.
    const large = mkdtempSync(join(tmpdir(), 'podplan-readme-large-'));
    directories.push(large);
    const items = (largeClusterList({ nodeCount: 60, podsPerNode: 10 }).items as { kind: string }[]).map(({ kind, ...item }) => item as { metadata: unknown });
    const typed = (kind: string) => ({ apiVersion: 'v1', kind: `${kind}List`, metadata: { resourceVersion: '' }, items: items.filter((_, index) => (index < 60) === (kind === 'Node')) });
    writeFileSync(join(large, 'nodes.json'), JSON.stringify(typed('Node'), null, 4));
    writeFileSync(join(large, 'pods.json'), JSON.stringify(typed('Pod'), null, 4));
    const block = readmeBlock('import-cluster').split('\n');
    const wrapped = block.slice(block.findIndex((line) => line.startsWith('jq -n')), block.findIndex((line) => line.includes('--data-binary @body.json')) + 1).join('\n');
    expect(wrapped).toContain('jq -n --slurpfile nodes nodes.json --slurpfile pods pods.json');
    const run = await runShell(wrapped, { server, cwd: large });
    expect(run.stderr).toBe('');
    expect(jsonDocuments(run.stdout)[0]).toMatchObject({ name: 'prod-eu', summary: { nodes: 60, pods: 600 } });

    // The form the README showed before.
    const inline = `curl -sS -X POST http://127.0.0.1:3000/v1/topologies -H 'Content-Type: application/json' \\\n  -d "{\\"name\\": \\"prod-eu\\", \\"objects\\": [$(cat nodes.json), $(cat pods.json)]}"`;
    const failed = await runShell(inline, { server, cwd: large });
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain('Argument list too long');
  });

  it('Read, page, update: an unchanged dump keeps the revision; nodes filtered by label and zone', async () => {
    const run = await runShell(readmeBlock('update-topology'), { server, cwd: directory, env: { ID: imported[0].id } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [updated, nodes] = jsonDocuments(run.stdout);
    expect(updated).toMatchObject({ id: imported[0].id, revision: 1, unchanged: true });
    expect(nodes.items.map((node: { name: string; zone: string }) => [node.name, node.zone])).toEqual([
      ['ip-10-0-10-187.ec2.internal', 'us-east-1a'],
      ['ip-10-0-10-41.ec2.internal', 'us-east-1a'],
    ]);
  });

  it('GraphQL: the topologies query over curl', async () => {
    const run = await runShell(readmeBlock('graphql-curl'), { server });
    expect(run.code).toBe(0);
    const [answer] = jsonDocuments(run.stdout);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.topologies.edges.map((edge: any) => edge.node.name)).toEqual(['prod-eu', 'prod-eu', 'prod-eu', 'prod-eu']);
    expect(answer.data.topologies.pageInfo.hasNextPage).toBe(false);
  });

  it('Plans, stateless: an inline cluster explained in full, and workload YAML against a saved topology', async () => {
    const run = await runShell(readmeBlock('simulations'), { server, env: { ID: imported[0].id } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [inline, saved] = jsonDocuments(run.stdout);
    expect(inline.summary).toEqual({ replicas: 5, scheduled: 3, unschedulable: 2 });
    // explain "full": every node's record on every replica.
    expect(inline.placements[0].nodes).toHaveLength(6);
    expect(saved.summary).toEqual({ replicas: 6, scheduled: 5, unschedulable: 1 });
    expect(saved.placements[5].message).toMatch(/^0\/6 nodes are available: 2 Insufficient cpu, 4 node\(s\) didn't match pod topology spread constraints\./);
  });
});

describe("the README's key commands", () => {
  const ADMIN_KEY = 'c8d1f0e6a4b2973d5e8f1a0c6b4d2e9f7a5c3b1d0e8f6a4c2b9d7e5f3a1c0b8d';
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ auth: { ...DEFAULT_AUTH_CONFIG, adminKey: ADMIN_KEY } });
    await testApp.app.listen(0, '127.0.0.1');
  });

  afterAll(async () => {
    await testApp?.close();
    for (const path of directories) rmSync(path, { recursive: true, force: true });
  });

  it('create a key (shown once), list keys without secrets, revoke it: it stops working at once', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'podplan-readme-keys-'));
    directories.push(directory);
    const run = await runShell(readmeBlock('keys'), { server: serverOf(testApp), cwd: directory, env: { PODPLAN_ADMIN_KEY: ADMIN_KEY } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const [created, listed] = jsonDocuments(run.stdout);
    expect(created).toMatchObject({ name: 'ci', role: 'planner', team: 'payments', key: expect.stringMatching(/^pp_/) });
    expect(listed.items.map((key: { id: string }) => key.id)).toContain(created.id);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    const refused = await testApp.http().get('/v1/topologies').set('Authorization', `Bearer ${created.key}`);
    expect(refused.status).toBe(401);
  });
});
