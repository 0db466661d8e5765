/**
 * Every realdata capture (see ../shared/realdata/SOURCES.md) imports with the
 * node and pod counts SOURCES.md records. Cases are built from the files that
 * exist, so the suite passes where the folder is absent.
 */
import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { parseDocuments } from '../../src/kube/documents.js';
import { formatOf, readRealdata, realdataFiles } from './realdata.js';

interface Capture {
  name: string;
  /** Files of the capture, relative to the realdata root; all must exist for the case to run. */
  files: string[];
  nodes: number;
  pods: number;
  deployments?: number;
  statefulSets?: number;
  replicaSets?: number;
  /** Captures without a node dump import with requireNodes: false. */
  requireNodes?: boolean;
  /** Substrings of expected warnings. */
  warnings?: string[];
}

const folder = (name: string, exclude: (path: string) => boolean = () => false): string[] =>
  realdataFiles(name).filter((path) => !path.endsWith('serverversion.json') && !path.endsWith('.md') && !exclude(path));

const captures: Capture[] = [
  { name: 'k3s support bundle: 1 node, 13 pods, 3 Deployments', files: folder('troubleshoot-k3s-bundle'), nodes: 1, pods: 13, deployments: 3 },
  { name: 'troubleshoot analyser fixture: 7 nodes (5 items without kind), 2 pending pods', files: folder('troubleshoot-analyze'), nodes: 7, pods: 2 },
  {
    name: 'EKS cluster-info dump, derived lists: 2 nodes, 6 kube-system pods, DaemonSets skipped',
    files: folder('eks-cluster-info-dump'),
    nodes: 2,
    pods: 6,
    deployments: 1,
    warnings: ['skipped 2 DaemonSet objects: their pods are imported as pods'],
  },
  {
    name: 'EKS cluster-info dump, the raw stream: lists between container logs',
    files: realdataFiles('eks-cluster-info-dump').filter((path) => path.endsWith('cluster-info-dump.md')),
    nodes: 2,
    pods: 6,
    deployments: 1,
    replicaSets: 1,
    warnings: ['skipped 84 Event objects: podplan does not use this kind', 'skipped 2 DaemonSet objects'],
  },
  { name: 'OpenShift insights archive: 6 single Node files, 19 single Pod files', files: folder('openshift-gcp-insights'), nodes: 6, pods: 19 },
  { name: 'sonobuoy kind: 3 nodes, 20 pods in kubectl Lists', files: folder('sonobuoy-kind'), nodes: 3, pods: 20 },
  {
    name: 'kubevious GKE: 2 nodes, 81 pods, 68 Deployments, 3 StatefulSets, one pod on a foreign node',
    files: folder('kubevious-gke'),
    nodes: 2,
    pods: 81,
    deployments: 68,
    statefulSets: 3,
    warnings: ['skipped 5 DaemonSet objects', 'is bound to node "ip-192-168-48-244.ec2.internal", which is not in the input'],
  },
  {
    name: 'on-prem pods only: 158 pods on 4 undumped nodes',
    files: folder('describecluster-onprem'),
    nodes: 0,
    pods: 158,
    requireNodes: false,
    warnings: ['53 pods (', 'are bound to node "epm-node1"'],
  },
  { name: 'Istio lab pods only: 47 pods', files: folder('gemyang-istio-lab'), nodes: 0, pods: 47, requireNodes: false },
  { name: 'ECK on EKS pods only: 10 pods', files: folder('eck-on-eks'), nodes: 0, pods: 10, requireNodes: false },
  { name: 'honeycomb EKS: 2 tainted arm64 nodes, 11 kubelet-style pods', files: folder('honeycomb-agent-eks'), nodes: 2, pods: 11 },
  { name: 'kubectl-neat YAML List: 2 pods', files: realdataFiles('kind-kubectl-neat').filter((path) => path.endsWith('.yaml')), nodes: 0, pods: 2, requireNodes: false },
  { name: 'kubectl-neat JSON List: 2 pods', files: realdataFiles('kind-kubectl-neat').filter((path) => path.endsWith('.json')), nodes: 0, pods: 2, requireNodes: false },
];

const present = captures.filter((capture) => capture.files.length > 0);

describe('importCluster on real captures', () => {
  it.each(present)('$name', (capture) => {
    const documents = capture.files.flatMap((path) => parseDocuments(readRealdata(path), formatOf(path)));
    const imported = importCluster(documents, { requireNodes: capture.requireNodes ?? true });
    expect(imported.objects.nodes).toHaveLength(capture.nodes);
    expect(imported.objects.pods).toHaveLength(capture.pods);
    if (capture.deployments !== undefined) expect(imported.objects.deployments).toHaveLength(capture.deployments);
    if (capture.statefulSets !== undefined) expect(imported.objects.statefulSets).toHaveLength(capture.statefulSets);
    if (capture.replicaSets !== undefined) expect(imported.objects.replicaSets).toHaveLength(capture.replicaSets);
    const messages = imported.warnings.map((warning) => warning.message);
    for (const expected of capture.warnings ?? []) expect(messages.some((message) => message.includes(expected))).toBe(true);
    // Everything stored is typed and namespaced as the API server would have it.
    for (const pod of imported.objects.pods) {
      expect(pod).toMatchObject({ apiVersion: 'v1', kind: 'Pod' });
      expect(pod.metadata?.namespace).toBeTruthy();
      expect(pod.metadata).not.toHaveProperty('managedFields');
    }
    for (const node of imported.objects.nodes) expect(node.status?.allocatable).toBeDefined();
  });

  it.runIf(present.some((capture) => capture.name.startsWith('troubleshoot analyser')))('keeps GPU allocatable and drops what scheduling never reads', () => {
    const imported = importCluster(parseDocuments(readRealdata('troubleshoot-analyze/nodes.json'), 'json'));
    const gpuNode = imported.objects.nodes.find((node) => node.metadata?.name === 'ip-172-31-21-92');
    expect(gpuNode?.status?.allocatable).toHaveProperty(['nvidia.com/gpu']);
    expect(gpuNode?.status).not.toHaveProperty('conditions');
    expect(imported.dropped['status.conditions']).toBe(7);
  });
});
