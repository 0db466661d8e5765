/**
 * Fluent builders for Kubernetes objects in engine tests, in the spirit of
 * upstream pkg/scheduler/testing/wrappers.go (MakePod().Label(..).Node(..)),
 * producing plain V1 objects.
 */
import type {
  V1Affinity,
  V1Container,
  V1LabelSelector,
  V1Namespace,
  V1Node,
  V1NodeSelectorTerm,
  V1Pod,
  V1PodAffinityTerm,
  V1Taint,
  V1Toleration,
  V1TopologySpreadConstraint,
  V1Volume,
} from '@kubernetes/client-node';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { emptyClusterObjects, type ClusterObjects } from '../../src/kube/cluster-objects.js';

type Quantities = Record<string, string>;

export class NodeBuilder {
  readonly node: V1Node;
  constructor(name: string) {
    this.node = { apiVersion: 'v1', kind: 'Node', metadata: { name, labels: {} }, spec: {}, status: {} };
  }
  label(key: string, value: string): this {
    this.node.metadata!.labels![key] = value;
    return this;
  }
  labels(labels: Record<string, string>): this {
    Object.assign(this.node.metadata!.labels!, labels);
    return this;
  }
  /** Sets both capacity and allocatable. */
  capacity(resources: Quantities): this {
    this.node.status!.capacity = { ...resources };
    this.node.status!.allocatable = { ...resources };
    return this;
  }
  taint(key: string, value: string | undefined, effect: V1Taint['effect']): this {
    (this.node.spec!.taints ??= []).push({ key, value, effect });
    return this;
  }
  unschedulable(flag = true): this {
    this.node.spec!.unschedulable = flag;
    return this;
  }
  image(names: string[], sizeBytes: number): this {
    (this.node.status!.images ??= []).push({ names, sizeBytes });
    return this;
  }
  obj(): V1Node {
    return structuredClone(this.node);
  }
}

export const makeNode = (name: string): NodeBuilder => new NodeBuilder(name);

function labelSelector(matchLabels: Record<string, string>): V1LabelSelector {
  return { matchLabels };
}

export class PodBuilder {
  readonly pod: V1Pod;
  constructor(name: string) {
    this.pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', labels: {} },
      spec: { containers: [] },
    };
  }
  private get spec() {
    return this.pod.spec!;
  }
  private get affinity(): V1Affinity {
    return (this.spec.affinity ??= {});
  }
  namespace(namespace: string): this {
    this.pod.metadata!.namespace = namespace;
    return this;
  }
  uid(uid: string): this {
    this.pod.metadata!.uid = uid;
    return this;
  }
  label(key: string, value: string): this {
    this.pod.metadata!.labels![key] = value;
    return this;
  }
  labels(labels: Record<string, string>): this {
    Object.assign(this.pod.metadata!.labels!, labels);
    return this;
  }
  node(name: string): this {
    this.spec.nodeName = name;
    return this;
  }
  phase(phase: string): this {
    this.pod.status = { ...(this.pod.status ?? {}), phase };
    return this;
  }
  priority(value: number): this {
    this.spec.priority = value;
    return this;
  }
  owner(kind: string, name: string, apiVersion = 'apps/v1'): this {
    this.pod.metadata!.ownerReferences = [{ apiVersion, kind, name, uid: `${kind}-${name}`, controller: true }];
    return this;
  }
  /** Adds a container with these requests (and optional limits). */
  container(requests: Quantities = {}, limits?: Quantities, image = 'registry.example/app:1'): this {
    const container: V1Container = {
      name: `c${this.spec.containers.length}`,
      image,
      resources: { requests: { ...requests }, ...(limits ? { limits: { ...limits } } : {}) },
    };
    this.spec.containers.push(container);
    return this;
  }
  req(requests: Quantities): this {
    return this.container(requests);
  }
  initContainer(requests: Quantities, restartPolicy?: 'Always'): this {
    (this.spec.initContainers ??= []).push({
      name: `init${this.spec.initContainers?.length ?? 0}`,
      image: 'registry.example/init:1',
      resources: { requests: { ...requests } },
      ...(restartPolicy ? { restartPolicy } : {}),
    });
    return this;
  }
  overhead(resources: Quantities): this {
    this.spec.overhead = { ...resources };
    return this;
  }
  hostPort(port: number, protocol = 'TCP', hostIP?: string): this {
    if (this.spec.containers.length === 0) this.container();
    (this.spec.containers[0].ports ??= []).push({ containerPort: port, hostPort: port, protocol, ...(hostIP ? { hostIP } : {}) });
    return this;
  }
  /** A pod volume, e.g. `{ name: 'data', persistentVolumeClaim: { claimName: 'data-db-0' } }`. */
  volume(volume: V1Volume): this {
    (this.spec.volumes ??= []).push(volume);
    return this;
  }
  nodeSelector(selector: Record<string, string>): this {
    this.spec.nodeSelector = { ...selector };
    return this;
  }
  nodeAffinityIn(key: string, values: string[]): this {
    return this.requiredNodeTerms([{ matchExpressions: [{ key, operator: 'In', values }] }]);
  }
  requiredNodeTerms(terms: V1NodeSelectorTerm[]): this {
    const nodeAffinity = (this.affinity.nodeAffinity ??= {});
    nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = { nodeSelectorTerms: terms };
    return this;
  }
  preferredNodeTerm(weight: number, preference: V1NodeSelectorTerm): this {
    const nodeAffinity = (this.affinity.nodeAffinity ??= {});
    (nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({ weight, preference });
    return this;
  }
  toleration(toleration: V1Toleration): this {
    (this.spec.tolerations ??= []).push(toleration);
    return this;
  }
  /** Required pod affinity to pods with these labels on `topologyKey`. */
  podAffinity(topologyKey: string, matchLabels: Record<string, string>, extra: Partial<V1PodAffinityTerm> = {}): this {
    const podAffinity = (this.affinity.podAffinity ??= {});
    (podAffinity.requiredDuringSchedulingIgnoredDuringExecution ??= []).push({
      topologyKey,
      labelSelector: labelSelector(matchLabels),
      ...extra,
    });
    return this;
  }
  podAntiAffinity(topologyKey: string, matchLabels: Record<string, string>, extra: Partial<V1PodAffinityTerm> = {}): this {
    const podAntiAffinity = (this.affinity.podAntiAffinity ??= {});
    (podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution ??= []).push({
      topologyKey,
      labelSelector: labelSelector(matchLabels),
      ...extra,
    });
    return this;
  }
  preferredPodAffinity(weight: number, topologyKey: string, matchLabels: Record<string, string>, extra: Partial<V1PodAffinityTerm> = {}): this {
    const podAffinity = (this.affinity.podAffinity ??= {});
    (podAffinity.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({
      weight,
      podAffinityTerm: { topologyKey, labelSelector: labelSelector(matchLabels), ...extra },
    });
    return this;
  }
  preferredPodAntiAffinity(weight: number, topologyKey: string, matchLabels: Record<string, string>, extra: Partial<V1PodAffinityTerm> = {}): this {
    const podAntiAffinity = (this.affinity.podAntiAffinity ??= {});
    (podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({
      weight,
      podAffinityTerm: { topologyKey, labelSelector: labelSelector(matchLabels), ...extra },
    });
    return this;
  }
  /** upstream PodWrapper.SchedulingGates. */
  schedulingGates(names: string[]): this {
    this.spec.schedulingGates = names.map((name) => ({ name }));
    return this;
  }
  spreadConstraint(
    maxSkew: number,
    topologyKey: string,
    whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway',
    selector: V1LabelSelector | undefined,
    extra: Partial<V1TopologySpreadConstraint> = {},
  ): this {
    (this.spec.topologySpreadConstraints ??= []).push({
      maxSkew,
      topologyKey,
      whenUnsatisfiable,
      ...(selector ? { labelSelector: selector } : {}),
      ...extra,
    });
    return this;
  }
  obj(): V1Pod {
    return structuredClone(this.pod);
  }
}

export const makePod = (name: string): PodBuilder => new PodBuilder(name);

export function makeNamespace(name: string, labels: Record<string, string> = {}): V1Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** A ClusterState from nodes, (bound) pods and any other objects. */
export function clusterOf(nodes: V1Node[], pods: V1Pod[] = [], extra: Partial<ClusterObjects> = {}): ClusterState {
  return ClusterState.fromObjects({ ...emptyClusterObjects(), ...extra, nodes, pods });
}
