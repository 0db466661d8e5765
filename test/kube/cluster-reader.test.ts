/**
 * readCluster against a fake API server (HTTPS, client certificates) serving
 * the realdata captures: a live import is the dump import, pages and
 * retries are followed, a forbidden kind is a warning, and every connection
 * problem is an error naming the context and the server.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { readCluster, type ClusterReadOptions } from '../../src/kube/cluster-api/cluster-reader.js';
import { ClusterReadError } from '../../src/kube/cluster-api/cluster-read-error.js';
import type { KubeconfigSource } from '../../src/kube/cluster-api/kubeconfig-source.js';
import { parseSelectorString } from '../../src/kube/label-selector-string.js';
import { startFakeKubeApi, type FakeKubeApi } from '../support/fake-kube/fake-kube-api.js';
import { kubeconfigText } from '../support/fake-kube/kubeconfigs.js';
import { liveCaptures, type LiveCapture } from '../support/fake-kube/live-captures.js';
import { makeTestCertificates, type TestCertificates } from '../support/fake-kube/test-certificates.js';

const PAGE_SIZE = 5;
const FAST: ClusterReadOptions['paging'] = { pageSize: PAGE_SIZE, retryDelayMs: 1, requestTimeoutMs: 5_000 };

let certificates: TestCertificates;
let captures: LiveCapture[];
const servers: FakeKubeApi[] = [];

beforeAll(() => {
  certificates = makeTestCertificates();
  captures = liveCaptures();
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

async function serve(capture: LiveCapture, tokens: string[] = []): Promise<FakeKubeApi> {
  const server = await startFakeKubeApi({ certificates, tokens, ...(capture.version ? { version: capture.version } : {}) });
  server.load(capture.documents);
  servers.push(server);
  return server;
}

function source(server: FakeKubeApi, context?: string): KubeconfigSource {
  return { kind: 'text', text: kubeconfigText(server.url, certificates), ...(context ? { context } : {}) };
}

/** The dump import of the capture: its files, plus the version document a live read fetches from /version. */
function dumpImport(capture: LiveCapture) {
  return importCluster(capture.version ? [...capture.documents, capture.version] : capture.documents);
}

async function readError(promise: Promise<unknown>): Promise<ClusterReadError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ClusterReadError);
    return error as ClusterReadError;
  }
  throw new Error('expected a ClusterReadError');
}

function capture(name: string): LiveCapture {
  const found = captures.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no capture ${name}`);
  return found;
}

describe('readCluster: a live import is the dump import', () => {
  it('reads three realdata clusters page by page into exactly the objects their dumps import to', async () => {
    expect(captures.map((entry) => entry.name)).toEqual(['sonobuoy-kind', 'troubleshoot-k3s-bundle', 'eks-cluster-info-dump']);
    for (const entry of captures) {
      const server = await serve(entry);
      const snapshot = await readCluster(source(server), { paging: FAST });
      const live = importCluster(snapshot.documents);
      const dump = dumpImport(entry);
      expect(live.objects, entry.name).toEqual(dump.objects);
      expect(live.objects.nodes.length, entry.name).toBeGreaterThan(0);
      expect(live.objects.pods.length, entry.name).toBeGreaterThan(PAGE_SIZE);
      expect(snapshot.warnings, entry.name).toEqual([]);
      expect(snapshot.endpoint).toEqual({ context: 'fake', server: server.url });
    }
    expect(dumpImport(capture('sonobuoy-kind')).objects.clusterVersion).toEqual({ gitVersion: 'v1.20.0', source: 'serverVersion' });
  });

  it('pages with limit and continue: every page but the last carries a continue token, which the next request presents', async () => {
    const entry = capture('sonobuoy-kind');
    const server = await serve(entry);
    const snapshot = await readCluster(source(server), { paging: FAST });
    const pods = server.itemsOf('Pod').length;
    const podRequests = server.requests.filter((request) => request.path === '/api/v1/pods');
    expect(podRequests).toHaveLength(Math.ceil(pods / PAGE_SIZE));
    expect(podRequests.every((request) => request.limit === String(PAGE_SIZE))).toBe(true);
    expect(podRequests[0].continue).toBeUndefined();
    expect(podRequests.slice(1).every((request) => request.continue !== undefined)).toBe(true);
    expect(snapshot.lists.find((list) => list.resource === 'pods')).toMatchObject({ items: pods, pages: Math.ceil(pods / PAGE_SIZE), retries: 0, restarts: 0 });
  });
});

describe('readCluster: transient failures, expired pages and refused kinds', () => {
  it('starts a list over when its continue token has expired (410 Gone), never mixing pages of two snapshots', async () => {
    const entry = capture('sonobuoy-kind');
    const server = await serve(entry);
    server.expireNextContinue('/api/v1/pods');
    const snapshot = await readCluster(source(server), { paging: FAST });
    expect(importCluster(snapshot.documents).objects).toEqual(dumpImport(entry).objects);
    const podRequests = server.requests.filter((request) => request.path === '/api/v1/pods');
    // first page, the refused second page, then the whole list again
    expect(podRequests.filter((request) => request.continue === undefined)).toHaveLength(2);
    expect(snapshot.lists.find((list) => list.resource === 'pods')?.restarts).toBe(1);
  });

  it('retries 503 answers and cut connections, then reads the same cluster', async () => {
    const entry = capture('troubleshoot-k3s-bundle');
    const server = await serve(entry);
    server.failNext('/api/v1/nodes', 2);
    server.dropNext('/api/v1/pods', 1);
    server.failNext('/apis/apps/v1/deployments', 1, 429);
    const snapshot = await readCluster(source(server), { paging: FAST });
    expect(importCluster(snapshot.documents).objects).toEqual(dumpImport(entry).objects);
    const retries = Object.fromEntries(snapshot.lists.map((list) => [list.resource, list.retries]));
    expect(retries).toMatchObject({ nodes: 2, pods: 1, deployments: 1 });
  });

  it('gives up after the configured attempts with an error naming the list, the context and the server', async () => {
    const server = await serve(capture('troubleshoot-k3s-bundle'));
    server.failNext('/api/v1/pods', 10);
    const error = await readError(readCluster(source(server), { paging: { ...FAST, attempts: 3 } }));
    expect(error.reason).toBe('failed');
    expect(error.message).toBe(`context "fake", server ${server.url}: LIST /api/v1/pods answered 503 3 times: the server is currently unable to handle the request`);
  });

  it('turns a kind the credentials may not list (403) into a warning naming it, and reads the rest', async () => {
    const entry = capture('troubleshoot-k3s-bundle');
    const server = await serve(entry);
    server.forbid('/apis/apps/v1/deployments');
    const snapshot = await readCluster(source(server), { paging: FAST });
    expect(snapshot.warnings).toHaveLength(1);
    expect(snapshot.warnings[0].path).toBe('/apis/apps/v1/deployments');
    expect(snapshot.warnings[0].message).toMatch(/^skipped Deployment: the credentials may not list deployments \(403 Forbidden: deployments is forbidden: User "podplan-reader" cannot list/);
    const live = importCluster(snapshot.documents).objects;
    expect(live.deployments).toEqual([]);
    expect(live.pods).toEqual(dumpImport(entry).objects.pods);
  });

  it('keeps only the namespaced objects of the namespaces a selector picks', async () => {
    const entry = capture('sonobuoy-kind');
    const namespaces = ['kube-system', 'sonobuoy', 'local-path-storage'].map((name) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    }));
    const server = await serve({ ...entry, documents: [...entry.documents, ...namespaces] });
    const selector = parseSelectorString('kubernetes.io/metadata.name in (kube-system)', 'namespaceSelector');
    const live = importCluster((await readCluster(source(server), { paging: FAST, namespaceSelector: selector })).documents).objects;
    const dump = dumpImport(entry).objects;
    expect(live.namespaces.map((namespace) => namespace.metadata?.name)).toEqual(['kube-system']);
    expect(live.pods).toEqual(dump.pods.filter((pod) => pod.metadata?.namespace === 'kube-system'));
    expect(live.pods.length).toBeGreaterThan(0);
    expect(live.nodes).toEqual(dump.nodes);
  });

  it('stops once more objects than the limit have arrived', async () => {
    const server = await serve(capture('sonobuoy-kind'));
    const error = await readError(readCluster(source(server), { paging: FAST, maxObjects: 10 }));
    expect(error.reason).toBe('limit');
    expect(error.message).toContain('more than 10 objects');
    // stopped within the first collection that passed the limit
    expect(server.requests.filter((request) => request.path === '/api/v1/pods').length).toBeLessThanOrEqual(2);
  });
});

describe('readCluster: credentials and kubeconfigs', () => {
  it('authenticates with a bearer token from the kubeconfig', async () => {
    const entry = capture('troubleshoot-k3s-bundle');
    const server = await serve(entry, ['s3cr3t-token']);
    const text = kubeconfigText(server.url, certificates, { token: 's3cr3t-token' });
    const snapshot = await readCluster({ kind: 'text', text }, { paging: FAST });
    expect(importCluster(snapshot.documents).objects).toEqual(dumpImport(entry).objects);
  });

  it('reads a kubeconfig file, choosing its context by name', async () => {
    const entry = capture('troubleshoot-k3s-bundle');
    const server = await serve(entry);
    const path = join(mkdtempSync(join(tmpdir(), 'podplan-kubeconfig-')), 'config');
    writeFileSync(path, kubeconfigText(server.url, certificates, {}, { clientCert: certificates.clientCert, clientKey: certificates.clientKey }));
    const snapshot = await readCluster({ kind: 'file', path, context: 'other' }, { paging: FAST });
    expect(snapshot.endpoint.context).toBe('other');
    expect(importCluster(snapshot.documents).objects).toEqual(dumpImport(entry).objects);
  });

  it('names the context and the server when the credentials are refused (a certificate of another CA)', async () => {
    const server = await serve(capture('troubleshoot-k3s-bundle'));
    const error = await readError(readCluster(source(server, 'other'), { paging: FAST }));
    expect(error.reason).toBe('unauthorized');
    expect(error.message).toBe(`context "other", server ${server.url}: the credentials were refused (401 Unauthorized)`);
  });

  it('names the context and the server when a token is refused', async () => {
    const server = await serve(capture('troubleshoot-k3s-bundle'), ['right']);
    const error = await readError(readCluster({ kind: 'text', text: kubeconfigText(server.url, certificates, { token: 'wrong' }) }, { paging: FAST }));
    expect(error.reason).toBe('unauthorized');
    expect(error.message).toContain(`context "fake", server ${server.url}`);
  });

  it('names the context and the server when nothing answers', async () => {
    const server = await serve(capture('troubleshoot-k3s-bundle'));
    const url = server.url;
    await server.close();
    const error = await readError(readCluster({ kind: 'text', text: kubeconfigText(url, certificates) }, { paging: { ...FAST, attempts: 2 } }));
    expect(error.reason).toBe('unreachable');
    expect(error.message).toMatch(new RegExp(`^context "fake", server ${url.replace(/[.]/g, '\\.')}: cannot reach the API server: .*ECONNREFUSED`));
  });

  it('refuses a server whose certificate the kubeconfig CA did not sign, at once', async () => {
    const server = await serve(capture('troubleshoot-k3s-bundle'));
    const text = kubeconfigText(server.url, { ...certificates, caCert: certificates.strangerCert });
    const error = await readError(readCluster({ kind: 'text', text }, { paging: FAST }));
    expect(error.reason).toBe('unreachable');
    expect(error.message).toContain(`server ${server.url}: cannot reach the API server`);
    expect(server.requests).toHaveLength(0);
  });

  it('lists the contexts a kubeconfig has when asked for one it lacks', async () => {
    const error = await readError(readCluster({ kind: 'text', text: kubeconfigText('https://127.0.0.1:1', certificates), context: 'prod' }));
    expect(error.reason).toBe('kubeconfig');
    expect(error.message).toBe('context "prod": the kubeconfig has no context "prod": it has "fake", "other"');
  });

  it('reports a kubeconfig file that does not exist', async () => {
    const error = await readError(readCluster({ kind: 'file', path: '/nonexistent/kubeconfig' }));
    expect(error.reason).toBe('kubeconfig');
    expect(error.message).toBe('cannot read kubeconfig /nonexistent/kubeconfig: no such file');
  });

  it('refuses stored kubeconfigs that would read the server\'s files or run commands', async () => {
    const text = [
      'apiVersion: v1',
      'kind: Config',
      'current-context: c',
      'clusters: [{ name: k, cluster: { server: "https://127.0.0.1:1", certificate-authority: /etc/ssl/ca.crt } }]',
      'users: [{ name: u, user: { token-file: /var/run/secrets/kubernetes.io/serviceaccount/token, exec: { command: aws, apiVersion: client.authentication.k8s.io/v1 } } }]',
      'contexts: [{ name: c, context: { cluster: k, user: u } }]',
    ].join('\n');
    const error = await readError(readCluster({ kind: 'text', text, selfContained: true }));
    expect(error.reason).toBe('kubeconfig');
    expect(error.message).toBe(
      'a stored kubeconfig must carry its credentials inline; it uses cluster "k" certificate-authority (a file; use certificate-authority-data), ' +
        'user "u" token-file (a file; use token), user "u" exec (the server would run it)',
    );
  });
});
