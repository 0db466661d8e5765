/**
 * Every node/pod capture in ../shared/realdata (real kubectl/API dumps from
 * public repositories; see its SOURCES.md) imports over HTTP. The case table
 * is built from the captures present, so where the folder is absent (a bare
 * clone) there are simply no cases. Captures that hold pods but no nodes are
 * imported together with the nodes their pods name, as the node dump a team
 * would add.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNode } from '../support/kube-builders.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const REALDATA = new URL('../../../shared/realdata/', import.meta.url).pathname;

/** Folders of section A of SOURCES.md: node and pod captures (not workload manifests). */
const CAPTURE_FOLDERS = [
  'troubleshoot-k3s-bundle',
  'troubleshoot-analyze',
  'eks-cluster-info-dump',
  'openshift-gcp-insights',
  'sonobuoy-kind',
  'kubevious-gke',
  'describecluster-onprem',
  'gemyang-istio-lab',
  'eck-on-eks',
  'honeycomb-agent-eks',
  'kind-kubectl-neat',
];

/** Folders holding the same capture in several forms (SOURCES.md: kubectl-neat's YAML and JSON List): one case per file. */
const ONE_CASE_PER_FILE = new Set(['kind-kubectl-neat']);

/** Files in those folders that are not objects podplan imports. */
const NOT_OBJECTS = new Set(['cluster-info-dump.md']);

interface CaptureCase {
  capture: string;
  files: string[];
}

function filesUnder(directory: string, includeWorkloads: boolean): string[] {
  return readdirSync(directory)
    .sort()
    .flatMap((entry) => {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) return entry === 'workloads' && !includeWorkloads ? [] : filesUnder(path, includeWorkloads);
      return /\.(json|ya?ml)$/.test(entry) && !NOT_OBJECTS.has(entry) ? [path] : [];
    });
}

function captureCases(): CaptureCase[] {
  if (!existsSync(REALDATA)) return [];
  return CAPTURE_FOLDERS.filter((folder) => existsSync(join(REALDATA, folder))).flatMap((folder) => {
    const files = filesUnder(join(REALDATA, folder), true);
    if (!ONE_CASE_PER_FILE.has(folder)) return [{ capture: folder, files }];
    return files.map((file) => ({ capture: `${folder}/${basename(file)}`, files: [file] }));
  });
}

function readDocuments(path: string): unknown[] {
  const text = readFileSync(path, 'utf8');
  if (path.endsWith('.json')) return [JSON.parse(text)];
  return parseAllDocuments(text).map((document) => document.toJS());
}

function itemsOf(document: any): any[] {
  return Array.isArray(document?.items) ? document.items : [document];
}

/** Nodes for the node names pods refer to, when the capture has no node dump. */
function nodesNamedByPods(documents: unknown[]): unknown[] {
  const declared = new Set<string>();
  const named = new Set<string>();
  for (const item of documents.flatMap(itemsOf)) {
    const isNode = item?.kind === 'Node' || (item?.status?.nodeInfo !== undefined && item?.spec?.containers === undefined);
    if (isNode) declared.add(item.metadata?.name);
    if (item?.spec?.nodeName) named.add(item.spec.nodeName);
  }
  if (declared.size > 0) return [];
  return [...named].sort().map((name) => makeNode(name).allocatable({ cpu: '64', memory: '256Gi', pods: '250' }).build());
}

const CASES = captureCases();

describe('real captures from ../shared/realdata', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  // The captures are required: without them this fails rather than running an empty table.
  it('has a case for every capture folder', () => {
    expect(existsSync(REALDATA), `${REALDATA} (../shared/realdata) is missing`).toBe(true);
    expect(CAPTURE_FOLDERS.filter((folder) => !existsSync(join(REALDATA, folder)))).toEqual([]);
    expect([...new Set(CASES.map((testCase) => testCase.capture.split('/')[0]))]).toEqual(CAPTURE_FOLDERS);
    for (const testCase of CASES) expect(testCase.files.length, testCase.capture).toBeGreaterThan(0);
  });

  it.each(CASES)('$capture imports without error', async ({ capture, files }) => {
    const documents = files.flatMap(readDocuments);
    const objects = [...documents, ...nodesNamedByPods(documents)];
    const response = await testApp.http().post('/v1/topologies').send({ name: capture.replace('/', ' '), objects });
    expect(response.status, JSON.stringify(response.body.errors ?? response.body).slice(0, 2000)).toBe(201);
    const { summary } = response.body;
    expect(summary.nodes).toBeGreaterThan(0);
    // Pods are the items with spec.containers (workloads nest theirs under spec.template).
    const podsInCapture = documents.flatMap(itemsOf).filter((item: any) => item?.spec?.containers !== undefined);
    expect(summary.pods + summary.pendingPods + summary.ignoredPods).toBe(podsInCapture.length);
    const nodes = await testApp.http().get(`/v1/topologies/${response.body.id}/nodes`).query({ limit: 500 });
    expect(nodes.status).toBe(200);
    expect(nodes.body.items.reduce((sum: number, node: any) => sum + node.pods, 0)).toBe(summary.pods);
  });

  it('records the release a capture reports: sonobuoy\'s serverversion.json, else the kubelets', async () => {
    const sonobuoy = CASES.find((testCase) => testCase.capture === 'sonobuoy-kind')!;
    const documents = sonobuoy.files.flatMap(readDocuments);
    const response = await testApp.http().post('/v1/topologies').send({ name: 'sonobuoy release', objects: documents });
    expect(response.status).toBe(201);
    // v1.20 is older than any release podplan emulates: plans default to the oldest supported one.
    expect(response.body.summary).toMatchObject({ reportedVersion: 'v1.20.0', reportedVersionSource: 'serverVersion', kubernetesVersion: 'v1.32' });
    const k3s = CASES.find((testCase) => testCase.capture === 'troubleshoot-k3s-bundle')!;
    const fromKubelet = await testApp.http().post('/v1/topologies').send({ name: 'k3s release', objects: k3s.files.flatMap(readDocuments) });
    expect(fromKubelet.body.summary).toMatchObject({ reportedVersion: 'v1.33.4+k3s1', reportedVersionSource: 'kubeletVersion', kubernetesVersion: 'v1.33' });
  });
});
