/**
 * Every workload manifest in the realdata folder (see ../shared/realdata/SOURCES.md, section B, and
 * kubevious-gke/workloads) expands without error; DaemonSets there are not workloads podplan plans.
 */
import { describe, expect, it } from 'vitest';
import { parseDocuments } from '../../src/kube/documents.js';
import { expandWorkloads } from '../../src/kube/workloads.js';
import { formatOf, readRealdata, realdataFiles } from './realdata.js';

const PLANNED_KINDS = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'Pod']);
const files = [...realdataFiles('workloads'), ...realdataFiles('kubevious-gke/workloads')];

function workloadsIn(path: string): { kind: string }[] {
  return (parseDocuments(readRealdata(path), formatOf(path)) as { kind: string }[]).filter((document) => PLANNED_KINDS.has(document.kind));
}

describe('expandWorkloads on real manifests', () => {
  it.each(files.filter((path) => workloadsIn(path).length > 0).map((path) => ({ path })))('$path', ({ path }) => {
    const expanded = expandWorkloads(workloadsIn(path), { priorityClasses: [], existingPodNames: new Set() });
    for (const workload of expanded) {
      expect(workload.pods).toHaveLength(workload.replicas);
      for (const pod of workload.pods) {
        expect(pod.spec!.schedulerName).toBeTruthy();
        if (workload.ref.kind === 'Deployment') expect(pod.metadata!.labels).toHaveProperty(['pod-template-hash']);
        if (workload.ref.kind === 'StatefulSet') expect(pod.metadata!.labels).toHaveProperty(['statefulset.kubernetes.io/pod-name'], pod.metadata!.name);
      }
    }
  });

  it.runIf(files.includes('workloads/k8s-website-examples/zookeeper.yaml'))('zookeeper StatefulSet: zk-0..2 with its (mismatched) anti-affinity kept as written', () => {
    const [zk] = expandWorkloads(workloadsIn('workloads/k8s-website-examples/zookeeper.yaml'), { priorityClasses: [], existingPodNames: new Set() });
    expect(zk.pods.map((pod) => pod.metadata!.name)).toEqual(['zk-0', 'zk-1', 'zk-2']);
    const term = zk.pods[0].spec!.affinity!.podAntiAffinity!.requiredDuringSchedulingIgnoredDuringExecution![0];
    expect(term.labelSelector!.matchExpressions).toEqual([{ key: 'app', operator: 'In', values: ['zk'] }]);
  });

  it.runIf(files.includes('workloads/karpenter-examples/gpu-nvidia.yaml'))('karpenter gpu example: the GPU limit becomes the request', () => {
    const documents = workloadsIn('workloads/karpenter-examples/gpu-nvidia.yaml').map((document) => ({ ...document, spec: { ...(document as any).spec, replicas: 1 } }));
    const [gpu] = expandWorkloads(documents, { priorityClasses: [], existingPodNames: new Set() });
    expect(gpu.pods[0].spec!.containers[0].resources!.requests).toHaveProperty(['nvidia.com/gpu']);
  });
});
