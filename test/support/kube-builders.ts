/**
 * Fluent builders for the Kubernetes objects our fixtures need, shaped as
 * `kubectl get -o json` prints them (in the spirit of upstream's
 * pkg/scheduler/testing/wrappers.go MakeNode()/MakePod()).
 */
import type { V1Node, V1OwnerReference, V1Pod, V1Taint } from '@kubernetes/client-node';

type Json = Record<string, any>;

export class NodeBuilder {
  private readonly object: Json;

  constructor(name: string) {
    this.object = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        uid: `uid-${name}`,
        resourceVersion: '4242',
        creationTimestamp: '2025-01-01T00:00:00Z',
        labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' },
        annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
        managedFields: [{ manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: '2025-01-01T00:00:00Z' }],
      },
      spec: {},
      status: {
        capacity: { cpu: '2', memory: '8Gi', pods: '110' },
        allocatable: { cpu: '2', memory: '8Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady' }],
        nodeInfo: { kubeletVersion: 'v1.31.0', containerRuntimeVersion: 'containerd://1.7.0' },
        images: [{ names: ['registry.k8s.io/pause:3.9'], sizeBytes: 322_000 }],
      },
    };
  }

  labels(labels: Record<string, string>): this {
    Object.assign(this.object.metadata.labels, labels);
    return this;
  }

  zone(zone: string, region = zone.replace(/-?[a-z0-9]$/, '')): this {
    return this.labels({ 'topology.kubernetes.io/zone': zone, 'topology.kubernetes.io/region': region });
  }

  instanceType(type: string): this {
    return this.labels({ 'node.kubernetes.io/instance-type': type });
  }

  capacity(resources: Record<string, string>): this {
    this.object.status.capacity = { ...resources };
    return this;
  }

  allocatable(resources: Record<string, string>): this {
    this.object.status.allocatable = { ...resources };
    return this;
  }

  /** The kubelet's version (status.nodeInfo), which a topology without a version document takes as its release. */
  kubeletVersion(version: string): this {
    this.object.status.nodeInfo.kubeletVersion = version;
    return this;
  }

  taint(taint: V1Taint): this {
    (this.object.spec.taints ??= []).push(taint);
    return this;
  }

  unschedulable(): this {
    this.object.spec.unschedulable = true;
    return this;
  }

  /** Drops `kind`/`apiVersion`, as items of a typed NodeList come from the API. */
  withoutKind(): this {
    delete this.object.kind;
    delete this.object.apiVersion;
    return this;
  }

  build(): V1Node {
    return structuredClone(this.object) as V1Node;
  }
}

export class PodBuilder {
  private readonly object: Json;

  constructor(name: string, namespace = 'default') {
    this.object = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace,
        uid: `uid-${namespace}-${name}`,
        labels: {},
        annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:00:00Z' },
        managedFields: [{ manager: 'kube-controller-manager', operation: 'Update', apiVersion: 'v1' }],
      },
      spec: {
        containers: [{ name: 'main', image: 'registry.example.com/app:1.0', resources: {} }],
        restartPolicy: 'Always',
        schedulerName: 'default-scheduler',
        tolerations: [
          { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
          { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        ],
      },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    };
  }

  labels(labels: Record<string, string>): this {
    Object.assign(this.object.metadata.labels, labels);
    return this;
  }

  requests(resources: Record<string, string>): this {
    this.object.spec.containers[0].resources.requests = { ...resources };
    this.object.status.qosClass = 'Burstable';
    return this;
  }

  /** Bound and Running on `nodeName`. */
  on(nodeName: string): this {
    this.object.spec.nodeName = nodeName;
    this.object.status = { ...this.object.status, phase: 'Running', hostIP: '10.0.0.1', podIP: '10.0.1.1' };
    return this;
  }

  phase(phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed'): this {
    this.object.status.phase = phase;
    return this;
  }

  ownedBy(kind: string, name: string, apiVersion = 'apps/v1'): this {
    const owner: V1OwnerReference = { apiVersion, kind, name, uid: `uid-${kind}-${name}`, controller: true, blockOwnerDeletion: true };
    this.object.metadata.ownerReferences = [owner];
    return this;
  }

  toleration(toleration: Record<string, unknown>): this {
    this.object.spec.tolerations.push(toleration);
    return this;
  }

  withoutKind(): this {
    delete this.object.kind;
    delete this.object.apiVersion;
    return this;
  }

  build(): V1Pod {
    return structuredClone(this.object) as V1Pod;
  }
}

export const makeNode = (name: string) => new NodeBuilder(name);
export const makePod = (name: string, namespace?: string) => new PodBuilder(name, namespace);

/** `kubectl get … -o json`: a v1 List whose items carry their own kind. */
export function kubectlList(items: unknown[]): Json {
  return { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items };
}

/** A typed list as the API server returns it (items usually without kind). */
export function typedList(kind: string, items: unknown[]): Json {
  return { apiVersion: 'v1', kind, metadata: { resourceVersion: '98765' }, items };
}
