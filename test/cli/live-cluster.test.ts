/**
 * `podplan topology import --kubeconfig` and `podplan simulate --kubeconfig`
 * through the built binary, against a fake Kubernetes API server (HTTPS,
 * client certificates) serving a realdata capture and the real application:
 * the live import stores exactly the objects the dump import stores, the
 * offline simulation places exactly as it does on the dump, forbidden kinds
 * are warnings, and kubeconfig and connection problems are clear errors.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realdataRoot, realdataFiles } from '../kube/realdata.js';
import { startFakeKubeApi, type FakeKubeApi } from '../support/fake-kube/fake-kube-api.js';
import { kubeconfigText } from '../support/fake-kube/kubeconfigs.js';
import { liveCaptures } from '../support/fake-kube/live-captures.js';
import { makeTestCertificates } from '../support/fake-kube/test-certificates.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ensureBuiltCli, podplan } from './support/built-cli.js';

const CAPTURE = 'troubleshoot-k3s-bundle';
/** Each case runs the binary a few times; a child process takes seconds on a loaded machine. */
const CASE_TIMEOUT_MS = 240_000;

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('podplan with --kubeconfig', () => {
  let testApp: TestApp;
  let kube: FakeKubeApi;
  let kubeconfig: string;
  let dumpFiles: string[];
  let environment: Record<string, string>;
  const online = (args: string[]) => podplan(args, { environment });

  beforeAll(async () => {
    const certificates = makeTestCertificates();
    const capture = liveCaptures().find((entry) => entry.name === CAPTURE)!;
    dumpFiles = realdataFiles(CAPTURE).filter((file) => file.endsWith('.json')).map((file) => join(realdataRoot, file));
    const [app, server] = await Promise.all([startTestApp(), startFakeKubeApi({ certificates }), ensureBuiltCli()]);
    testApp = app;
    kube = server;
    kube.load(capture.documents);
    await testApp.app.listen(0, '127.0.0.1');
    const { port } = testApp.app.getHttpServer().address() as AddressInfo;
    environment = { PODPLAN_URL: `http://127.0.0.1:${port}` };
    kubeconfig = join(mkdtempSync(join(tmpdir(), 'podplan-cli-kubeconfig-')), 'config');
    writeFileSync(kubeconfig, kubeconfigText(kube.url, certificates));
  });

  afterAll(async () => {
    await kube?.close();
    await testApp?.close();
  });

  it('imports a cluster through its API as a topology holding exactly what the dump import holds; again: no revision until something changed', async () => {
    const live = await online(['topology', 'import', '--kubeconfig', kubeconfig, '--name', 'live', '-o', 'json']);
    expect(live.stderr).toBe('');
    expect(live.code).toBe(0);
    const stored = JSON.parse(live.stdout) as { id: string; revision: number; summary: { nodes: number; pods: number } };
    expect(stored).toMatchObject({ name: 'live', revision: 1, summary: { nodes: 1 } });
    const dump = await online(['topology', 'import', ...dumpFiles.flatMap((file) => ['-f', file]), '--name', 'dump', '-o', 'json']);
    expect(dump.code).toBe(0);
    const dumpId = (JSON.parse(dump.stdout) as { id: string }).id;
    const objectsOf = async (id: string) => (await testApp.http().get(`/v1/topologies/${id}?include=objects`).expect(200)).body.objects;
    expect(await objectsOf(stored.id)).toEqual(await objectsOf(dumpId));

    const unchanged = await online(['topology', 'import', '--kubeconfig', kubeconfig, '--context', 'fake', '--name', 'live', '-o', 'json']);
    expect(unchanged.code).toBe(0);
    expect(unchanged.stderr).toBe('topology live is unchanged since revision 1: no revision stored\n');
    expect(JSON.parse(unchanged.stdout)).toMatchObject({ id: stored.id, revision: 1 });

    // A change scheduling reads (a node label) is a new revision.
    const node = kube.itemsOf('Node')[0];
    const labels = node.metadata.labels;
    node.metadata.labels = { ...labels, 'node.kubernetes.io/instance-type': 'bigger' };
    kube.touch();
    const changed = await online(['topology', 'import', '--kubeconfig', kubeconfig, '--name', 'live', '-o', 'json']);
    expect(changed.code).toBe(0);
    expect(changed.stderr).toBe('');
    expect(JSON.parse(changed.stdout)).toMatchObject({ id: stored.id, revision: 2 });
    node.metadata.labels = labels;
    kube.touch();
  }, CASE_TIMEOUT_MS);

  it('warns about a kind the credentials may not list and imports the rest', async () => {
    kube.forbid('/apis/apps/v1/deployments');
    const run = await online(['topology', 'import', '--kubeconfig', kubeconfig, '--name', 'no-deployments']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^warning: context "fake" \/apis\/apps\/v1\/deployments: skipped Deployment: the credentials may not list deployments \(403 Forbidden/);
  }, CASE_TIMEOUT_MS);

  it('simulates offline on the cluster read through its API exactly as on its dump', async () => {
    const fixture = new URL('./fixtures/web.yaml', import.meta.url).pathname;
    const live = await podplan(['simulate', '--kubeconfig', kubeconfig, '--workloads-file', fixture, '-o', 'json']);
    const dump = await podplan(['simulate', ...dumpFiles.flatMap((file) => ['--cluster-file', file]), '--workloads-file', fixture, '-o', 'json']);
    expect([live.code, dump.code]).toEqual([dump.code, live.code]);
    expect(live.stdout).not.toBe('');
    const result = JSON.parse(live.stdout) as { placements: unknown[] };
    expect(result.placements.length).toBeGreaterThan(0);
    expect(result).toEqual(JSON.parse(dump.stdout));
  }, CASE_TIMEOUT_MS);

  it('names the contexts when the one asked for is unknown (exit 2)', async () => {
    const run = await online(['topology', 'import', '--kubeconfig', kubeconfig, '--context', 'prod', '--name', 'x']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`error: context "prod": kubeconfig ${kubeconfig} has no context "prod": it has "fake", "other"\n`);
  }, CASE_TIMEOUT_MS);

  it('names context and server when the credentials are refused or nothing answers (exit 1)', async () => {
    const refused = await podplan(['simulate', '--kubeconfig', kubeconfig, '--context', 'other', '-f', new URL('./fixtures/web.yaml', import.meta.url).pathname]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(`error: context "other", server ${kube.url}: the credentials were refused (401 Unauthorized)\n`);
    const closed = join(mkdtempSync(join(tmpdir(), 'podplan-cli-kubeconfig-')), 'config');
    const port = await closedPort();
    writeFileSync(closed, kubeconfigText(`https://127.0.0.1:${port}`, makeTestCertificates()));
    const unreachable = await online(['topology', 'import', '--kubeconfig', closed, '--name', 'x']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(new RegExp(`^error: context "fake", server https://127\\.0\\.0\\.1:${port}: cannot reach the API server: .*ECONNREFUSED`));
  }, CASE_TIMEOUT_MS);

  it('refuses --kubeconfig together with -f, and --context without --kubeconfig (exit 2)', async () => {
    const both = await online(['topology', 'import', '--kubeconfig', kubeconfig, '-f', dumpFiles[0], '--name', 'x']);
    expect(both).toMatchObject({ code: 2, stderr: 'error: give the cluster either with -f FILE or with --kubeconfig, not both\n' });
    const context = await online(['topology', 'import', '--context', 'fake', '-f', dumpFiles[0], '--name', 'x']);
    expect(context).toMatchObject({ code: 2, stderr: 'error: --context needs --kubeconfig\n' });
  }, CASE_TIMEOUT_MS);
});
