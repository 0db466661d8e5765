/**
 * Topologies that follow a cluster (issue 20, "Service"): a source holding a
 * kubeconfig sealed under PODPLAN_SOURCE_KEY, refreshed by the background
 * job on a schedule and on request, against the fake HTTPS API server that
 * serves the realdata captures with client certificates. Real Postgres, real
 * pg-boss, real HTTP and GraphQL.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { makeNode } from '../support/kube-builders.js';
import { startFakeKubeApi, type FakeKubeApi } from '../support/fake-kube/fake-kube-api.js';
import { kubeconfigText } from '../support/fake-kube/kubeconfigs.js';
import { liveCaptures, type LiveCapture } from '../support/fake-kube/live-captures.js';
import { makeTestCertificates, type TestCertificates } from '../support/fake-kube/test-certificates.js';
import { readmeBlock } from '../support/readme-blocks.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { loadAppConfig } from '../../src/config/app-config.js';

const SOURCE_KEY = randomBytes(32);
const execFileAsync = promisify(execFile);
/** A refresh, however it was started, reports within this (the unreachable server's retries take ~4 s). */
const REFRESH_WAIT_MS = 60_000;

let certificates: TestCertificates;
let capture: LiveCapture;
let cluster: FakeKubeApi;
let testApp: TestApp;

interface SourceBody {
  kind: string;
  context: string;
  server: string | null;
  refreshInterval: string | null;
  lastRefresh: null | {
    trigger: string;
    startedAt: string;
    finishedAt: string;
    durationMs: number;
    outcome: 'stored' | 'unchanged' | 'failed';
    revisionStored: boolean;
    revision: number | null;
    error: string | null;
  };
}

async function createTopology(name: string, objects: unknown[]): Promise<string> {
  const response = await testApp.http().post('/v1/topologies').send({ name, objects });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

async function source(id: string): Promise<SourceBody> {
  const response = await testApp.http().get(`/v1/topologies/${id}/source`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body as SourceBody;
}

/** Polls the source until `done` holds (refreshes run in the background job). */
async function waitForSource(id: string, done: (body: SourceBody) => boolean): Promise<SourceBody> {
  const deadline = Date.now() + REFRESH_WAIT_MS;
  for (;;) {
    const body = await source(id);
    if (done(body)) return body;
    if (Date.now() > deadline) throw new Error(`no such refresh within ${REFRESH_WAIT_MS} ms; last: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Asks for a refresh and waits for one that started after the request: a
 * refresh already waiting absorbs the request but starts later, and one
 * already running has another queued behind it.
 */
async function refreshNow(id: string): Promise<NonNullable<SourceBody['lastRefresh']>> {
  const asked = new Date().toISOString();
  const response = await testApp.http().post(`/v1/topologies/${id}/refresh`);
  expect(response.status, JSON.stringify(response.body)).toBe(202);
  const body = await waitForSource(id, (current) => current.lastRefresh !== null && current.lastRefresh.startedAt >= asked);
  return body.lastRefresh!;
}

async function objectsOf(id: string, revision?: number): Promise<unknown> {
  const response = await testApp.http().get(`/v1/topologies/${id}`).query({ include: 'objects', ...(revision ? { revision } : {}) });
  expect(response.status).toBe(200);
  return response.body.objects;
}

function kubeconfig(server = cluster.url): string {
  return kubeconfigText(server, certificates);
}

beforeAll(async () => {
  certificates = makeTestCertificates();
  const found = liveCaptures().find((entry) => entry.name === 'sonobuoy-kind');
  if (!found) throw new Error('realdata sonobuoy-kind is missing');
  capture = found;
  cluster = await startFakeKubeApi({ certificates, ...(capture.version ? { version: capture.version } : {}) });
  cluster.load(capture.documents);
  testApp = await startTestApp({
    sources: { key: SOURCE_KEY, keepRevisions: 3, minRefreshIntervalSeconds: 1, schedulerTickSeconds: 0.2 },
  });
});

afterAll(async () => {
  await testApp?.close();
  await cluster?.close();
});

describe('a topology that follows its cluster', () => {
  it('is refreshed on its schedule into exactly the dump import, stores nothing while nothing changes, and a new revision when a node does', async () => {
    const dumpId = await createTopology('sonobuoy-dump', capture.version ? [...capture.documents, capture.version] : capture.documents);
    const id = await createTopology('sonobuoy-live', [makeNode('placeholder').build()]);

    const set = await testApp.http().put(`/v1/topologies/${id}/source`).send({ kubeconfig: kubeconfig(), context: 'fake', refreshInterval: '1s' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ kind: 'kubeconfig', context: 'fake', server: cluster.url, refreshInterval: '1s' });

    const first = await waitForSource(id, (body) => body.lastRefresh?.outcome === 'stored');
    expect(first.lastRefresh).toMatchObject({ revision: 2, revisionStored: true, error: null });
    expect(first.lastRefresh!.durationMs).toBeGreaterThanOrEqual(0);
    expect(await objectsOf(id, 2)).toEqual(await objectsOf(dumpId));

    // The schedule keeps reading the same cluster: every later refresh finds it unchanged.
    const quiet = await waitForSource(id, (body) => body.lastRefresh?.outcome === 'unchanged' && body.lastRefresh.trigger === 'schedule');
    expect(quiet.lastRefresh).toMatchObject({ revision: 2, revisionStored: false, error: null });
    expect((await testApp.http().get(`/v1/topologies/${id}`)).body).toMatchObject({ latestRevision: 2 });

    const node = cluster.itemsOf('Node')[0] as { metadata: { name: string; labels: Record<string, string> } };
    node.metadata.labels = { ...node.metadata.labels, 'podplan.test/pool': 'changed' };
    cluster.touch();
    const changed = await waitForSource(id, (body) => body.lastRefresh?.outcome === 'stored' && body.lastRefresh.revision === 3);
    expect(changed.lastRefresh).toMatchObject({ trigger: 'schedule', revisionStored: true });
    const diff = await testApp.http().get(`/v1/topologies/${id}/revisions/2/diff/3`);
    expect(diff.status).toBe(200);
    expect(diff.body.nodes.changed).toEqual([expect.objectContaining({ name: node.metadata.name, labels: expect.objectContaining({ added: { 'podplan.test/pool': 'changed' } }) })]);
    expect(diff.body.nodes.added).toEqual([]);
    expect(diff.body.pods).toEqual({ added: [], removed: [], moved: [] });

    // Stop the schedule before the next test changes the shared cluster.
    expect((await testApp.http().delete(`/v1/topologies/${id}/source`)).status).toBe(204);
    expect((await testApp.http().get(`/v1/topologies/${id}/source`)).status).toBe(404);
    expect((await testApp.http().get(`/v1/topologies/${id}`)).body).toMatchObject({ latestRevision: 3, source: null });
  });

  it('never answers the kubeconfig, and stores it sealed', async () => {
    const id = await createTopology('sealed', [makeNode('a').build()]);
    const text = kubeconfig();
    expect((await testApp.http().put(`/v1/topologies/${id}/source`).send({ kubeconfig: text })).status).toBe(200);
    const answers = [
      await testApp.http().get(`/v1/topologies/${id}/source`),
      await testApp.http().get(`/v1/topologies/${id}`),
      await testApp.http().post(`/v1/topologies/${id}/refresh`),
    ];
    const graphql = await testApp.graphql(`query ($id: ID!) { topology(id: $id) { source { kind context server refreshInterval lastRefresh { outcome } } } }`, { id });
    expect(graphql.errors).toBeUndefined();
    expect(graphql.data?.topology.source).toMatchObject({ kind: 'kubeconfig', context: 'fake', server: cluster.url, refreshInterval: null });
    const clientKey = Buffer.from(certificates.clientKey).toString('base64');
    for (const answer of [...answers.map((response) => JSON.stringify(response.body)), JSON.stringify(graphql)]) {
      expect(answer).not.toContain(clientKey.slice(0, 40));
      expect(answer).not.toContain('client-key-data');
      expect(answer).not.toContain('"kubeconfig":');
    }
    const database = testApp.app.get(DataSource);
    const [row] = (await database.query('SELECT kubeconfig_secret, key_fingerprint FROM topology_sources WHERE topology_id = $1', [id])) as { kubeconfig_secret: Buffer; key_fingerprint: string }[];
    expect(row.kubeconfig_secret.includes(Buffer.from('client-key-data'))).toBe(false);
    expect(row.kubeconfig_secret.includes(Buffer.from(clientKey.slice(0, 40)))).toBe(false);
    expect(row.key_fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses a kubeconfig that names an unknown context, reads files or runs commands: 400 with the field, nothing stored', async () => {
    const id = await createTopology('bad-kubeconfigs', [makeNode('a').build()]);
    const unknown = await testApp.http().put(`/v1/topologies/${id}/source`).send({ kubeconfig: kubeconfig(), context: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ path: 'context', message: expect.stringMatching(/context "nope".*no context "nope".*"fake", "other"/) }]);

    const withFile = kubeconfig().replace(/certificate-authority-data: .*/, 'certificate-authority: /etc/kubernetes/pki/ca.crt');
    const files = await testApp.http().put(`/v1/topologies/${id}/source`).send({ kubeconfig: withFile });
    expect(files.status).toBe(400);
    expect(files.body.errors[0]).toMatchObject({ path: 'kubeconfig', message: expect.stringContaining('certificate-authority (a file; use certificate-authority-data)') });

    const both = await testApp.http().put(`/v1/topologies/${id}/source`).send({ kubeconfig: kubeconfig(), inCluster: true, refreshInterval: 'often' });
    expect(both.status).toBe(400);
    expect(both.body.errors.map((error: { path: string }) => error.path)).toContain('inCluster');

    const interval = await testApp.http().put(`/v1/topologies/${id}/source`).send({ kubeconfig: kubeconfig(), refreshInterval: 'often' });
    expect(interval.status).toBe(400);
    expect(interval.body.errors).toEqual([{ path: 'refreshInterval', message: expect.stringContaining('"15m"') }]);

    const graphql = await testApp.graphql(`mutation ($id: ID!, $source: TopologySourceInput!) { setTopologySource(id: $id, source: $source) { kind } }`, {
      id,
      source: { kubeconfig: kubeconfig(), context: 'nope' },
    });
    expect(graphql.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'source.context' }] });
    expect((await testApp.http().get(`/v1/topologies/${id}/source`)).status).toBe(404);
  });

  it('records an unreachable server, refused credentials and a missing pod service account as errors naming context and server; the last good revision stays', async () => {
    const id = await createTopology('failing', capture.documents);
    const before = await objectsOf(id);

    const closed = await startFakeKubeApi({ certificates });
    const closedUrl = closed.url;
    await closed.close();
    expect((await testApp.http().put(`/v1/topologies/${id}/source`).send({ kubeconfig: kubeconfig(closedUrl) })).status).toBe(200);
    const unreachable = await refreshNow(id);
    expect(unreachable).toMatchObject({ outcome: 'failed', revisionStored: false, revision: null });
    expect(unreachable.error).toContain('context "fake"');
    expect(unreachable.error).toContain(`server ${closedUrl}`);

    expect((await testApp.http().put(`/v1/topologies/${id}/source`).send({ kubeconfig: kubeconfig(), context: 'other' })).status).toBe(200);
    const refused = await refreshNow(id);
    expect(refused).toMatchObject({ outcome: 'failed', revision: null });
    expect(refused.error).toMatch(new RegExp(`context "other", server ${cluster.url.replace(/[.]/g, '\\.')}: .*401`));

    expect((await testApp.http().put(`/v1/topologies/${id}/source`).send({ inCluster: true })).status).toBe(200);
    const inCluster = await refreshNow(id);
    expect(inCluster).toMatchObject({ outcome: 'failed' });
    expect(inCluster.error).toContain('context "in-cluster"');

    const after = await testApp.http().get(`/v1/topologies/${id}`).query({ include: 'objects' });
    expect(after.body).toMatchObject({ revision: 1, latestRevision: 1, revisions: 1 });
    expect(after.body.objects).toEqual(before);
    const graphql = await testApp.graphql(`query ($id: ID!) { topology(id: $id) { revision source { kind lastRefresh { outcome revisionStored error durationMs finishedAt } } } }`, { id });
    expect(graphql.data?.topology).toMatchObject({ revision: 1, source: { kind: 'inCluster', lastRefresh: { outcome: 'failed', revisionStored: false } } });
  });

  it('is set, refreshed and removed through GraphQL too, and counted in /metrics', async () => {
    const id = await createTopology('graphql-source', [makeNode('seed').build()]);
    const set = await testApp.graphql(
      `mutation ($id: ID!, $source: TopologySourceInput!) { setTopologySource(id: $id, source: $source) { kind context server refreshInterval } }`,
      { id, source: { kubeconfig: kubeconfig(), context: 'fake', refreshInterval: '2h' } },
    );
    expect(set.errors).toBeUndefined();
    expect(set.data?.setTopologySource).toEqual({ kind: 'kubeconfig', context: 'fake', server: cluster.url, refreshInterval: '2h' });
    await waitForSource(id, (body) => body.lastRefresh?.revision === 2);

    const asked = new Date().toISOString();
    const refresh = await testApp.graphql(`mutation ($id: ID!) { refreshTopology(id: $id) { kind } }`, { id });
    expect(refresh.errors).toBeUndefined();
    await waitForSource(id, (body) => body.lastRefresh !== null && body.lastRefresh.startedAt >= asked);
    const read = await testApp.graphql(
      `query ($id: ID!) { topology(id: $id) { latestRevision source { lastRefresh { trigger outcome revisionStored revision error durationMs startedAt finishedAt } } } }`,
      { id },
    );
    expect(read.data?.topology).toMatchObject({
      latestRevision: 2,
      source: { lastRefresh: { trigger: 'request', outcome: 'unchanged', revisionStored: false, revision: 2, error: null } },
    });
    expect(Date.parse(read.data?.topology.source.lastRefresh.finishedAt)).toBeGreaterThanOrEqual(Date.parse(read.data?.topology.source.lastRefresh.startedAt));

    const metrics = await testApp.http().get('/metrics');
    expect(metrics.text).toMatch(/^podplan_topology_refreshes_total\{outcome="unchanged"\} [1-9]/m);
    expect(metrics.text).toMatch(/^podplan_topology_refresh_duration_seconds_count\{outcome="stored"\} [1-9]/m);

    const removed = await testApp.graphql(`mutation ($id: ID!) { removeTopologySource(id: $id) }`, { id });
    expect(removed.data?.removeTopologySource).toBe(true);
    const gone = await testApp.graphql(`mutation ($id: ID!) { refreshTopology(id: $id) { kind } }`, { id });
    expect(gone.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('keeps the newest PODPLAN_KEEP_REVISIONS revisions, and every older one a stored plan ran on', async () => {
    const id = await createTopology('retained', [makeNode('seed').build()]);
    expect((await testApp.http().put(`/v1/topologies/${id}/source`).send({ kubeconfig: kubeconfig() })).status).toBe(200);
    await waitForSource(id, (body) => body.lastRefresh?.revision === 2);
    const plan = await testApp
      .http()
      .post(`/v1/topologies/${id}/plans`)
      .send({ workloads: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'probe' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }] });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    expect(plan.body.revision).toBe(2);

    const nodes = cluster.itemsOf('Node') as { metadata: { labels: Record<string, string> } }[];
    for (let round = 1; round <= 4; round += 1) {
      nodes[0].metadata.labels = { ...nodes[0].metadata.labels, 'podplan.test/round': String(round) };
      cluster.touch();
      expect(await refreshNow(id)).toMatchObject({ outcome: 'stored', revision: 2 + round });
    }
    // keepRevisions 3: 4, 5, 6 are the newest; 2 stays for the plan; 1 and 3 are gone.
    const kept = await Promise.all([1, 2, 3, 4, 5, 6].map(async (revision) => (await testApp.http().get(`/v1/topologies/${id}`).query({ revision })).status));
    expect(kept).toEqual([404, 200, 404, 200, 200, 200]);
    expect((await testApp.http().get(`/v1/topologies/${id}`)).body).toMatchObject({ latestRevision: 6, revisions: 4 });
    expect((await testApp.http().get(`/v1/plans/${plan.body.id}`)).status).toBe(200);
    expect((await testApp.http().delete(`/v1/topologies/${id}/source`)).status).toBe(204);
  });
});

describe("the README's scheduled-snapshot commands", () => {
  /** The README block marked follow-cluster, with the documented server address replaced by the test app's. */
  function followClusterBlock(url: string): string {
    return readmeBlock('follow-cluster').replaceAll('http://127.0.0.1:3000', url);
  }

  it('run as written: the source is stored, a refresh stores the cluster, the source reads back without its kubeconfig', async () => {
    await testApp.app.listen(0, '127.0.0.1');
    const { port } = testApp.app.getHttpServer().address() as AddressInfo;
    const id = await createTopology('readme', [makeNode('seed').build()]);
    const directory = mkdtempSync(join(tmpdir(), 'podplan-readme-'));
    // A kubeconfig for the fake API server whose context is the README's `prod-eu`.
    writeFileSync(join(directory, 'prod-eu.kubeconfig'), kubeconfig().replace(/\bfake\b(?!-)/g, 'prod-eu'));
    const block = followClusterBlock(`http://127.0.0.1:${port}`);
    expect(block).toContain('/source');
    const asked = new Date().toISOString();
    const run = await execFileAsync('bash', ['-e', '-o', 'pipefail', '-c', block], { cwd: directory, env: { ...process.env, ID: id } });
    // Three answers: the PUT's source, the refresh's 202 body, the GET's source.
    const answers = run.stdout.split(/(?<=\})\s*(?=\{)/).map((text) => JSON.parse(text) as SourceBody);
    expect(answers).toHaveLength(3);
    expect(answers[0]).toMatchObject({ kind: 'kubeconfig', context: 'prod-eu', server: cluster.url, refreshInterval: '1h' });
    expect(run.stdout).not.toContain('client-key-data');
    // The first refresh (setting the source) stores revision 2; the requested one then finds it unchanged, or was absorbed.
    const done = await waitForSource(id, (body) => body.lastRefresh !== null && body.lastRefresh.startedAt >= asked && body.lastRefresh.revision === 2);
    expect(done.lastRefresh).toMatchObject({ error: null, outcome: expect.stringMatching(/^(stored|unchanged)$/) });
    const latest = await testApp.http().get(`/v1/topologies/${id}`);
    expect(latest.body).toMatchObject({ latestRevision: 2, source: { context: 'prod-eu', refreshInterval: '1h' } });
    expect(latest.body.summary.nodes).toBe(cluster.itemsOf('Node').length);
  });
});

describe('limits before work', () => {
  let limited: TestApp;
  /** Its own API server, so the requests counted are this refresh's alone. */
  let own: FakeKubeApi;

  beforeAll(async () => {
    own = await startFakeKubeApi({ certificates, ...(capture.version ? { version: capture.version } : {}) });
    own.load(capture.documents);
    limited = await startTestApp({
      limits: { ...loadAppConfig({}).limits, maxTopologyObjects: 10 },
      sources: { key: SOURCE_KEY, keepRevisions: 3, minRefreshIntervalSeconds: 1, schedulerTickSeconds: 0.2 },
    });
  });

  afterAll(async () => {
    await limited?.close();
    await own?.close();
  });

  it('stops reading a cluster larger than PODPLAN_MAX_TOPOLOGY_OBJECTS at the page that passes it, and stores nothing', async () => {
    const created = await limited.http().post('/v1/topologies').send({ name: 'small', objects: [makeNode('a').build()] });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect((await limited.http().put(`/v1/topologies/${id}/source`).send({ kubeconfig: kubeconfig(own.url) })).status).toBe(200);
    const deadline = Date.now() + REFRESH_WAIT_MS;
    let body: SourceBody;
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      body = (await limited.http().get(`/v1/topologies/${id}/source`)).body as SourceBody;
    } while (body.lastRefresh === null && Date.now() < deadline);
    expect(body.lastRefresh).toMatchObject({ outcome: 'failed', revision: null });
    expect(body.lastRefresh!.error).toContain('PODPLAN_MAX_TOPOLOGY_OBJECTS');
    expect(body.lastRefresh!.error).toContain(`context "fake", server ${own.url}`);
    // The version, the namespaces, then the first list that passed the limit: not every kind.
    const listed = new Set(own.requests.map((request) => request.path));
    expect(listed.size).toBeLessThan(6);
    expect((await limited.http().get(`/v1/topologies/${id}`)).body).toMatchObject({ latestRevision: 1, revisions: 1 });
  });
});

describe('without PODPLAN_SOURCE_KEY', () => {
  let keyless: TestApp;

  beforeAll(async () => {
    keyless = await startTestApp();
  });

  afterAll(async () => {
    await keyless?.close();
  });

  it('refuses to store a kubeconfig, naming the setting (REST 400, GraphQL BAD_USER_INPUT), and still takes an inCluster source', async () => {
    const created = await keyless.http().post('/v1/topologies').send({ name: 'keyless', objects: [makeNode('a').build()] });
    const id = created.body.id as string;
    const rest = await keyless.http().put(`/v1/topologies/${id}/source`).send({ kubeconfig: kubeconfig() });
    expect(rest.status).toBe(400);
    expect(rest.body.errors).toEqual([{ path: 'kubeconfig', message: expect.stringContaining('PODPLAN_SOURCE_KEY is not set') }]);
    const graphql = await keyless.graphql(`mutation ($id: ID!, $source: TopologySourceInput!) { setTopologySource(id: $id, source: $source) { kind } }`, {
      id,
      source: { kubeconfig: kubeconfig() },
    });
    expect(graphql.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', errors: [{ path: 'source.kubeconfig' }] });
    expect((await keyless.http().get(`/v1/topologies/${id}/source`)).status).toBe(404);

    const inCluster = await keyless.http().put(`/v1/topologies/${id}/source`).send({ inCluster: true, refreshInterval: '1h' });
    expect(inCluster.status).toBe(200);
    expect(inCluster.body).toMatchObject({ kind: 'inCluster', context: 'in-cluster', server: null, refreshInterval: '1h' });
  });
});
