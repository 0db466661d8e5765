/**
 * One node and the pods bound to it, as upstream framework.NodeInfo: the
 * requested and non-zero-requested sums, the pods that carry (anti-)affinity,
 * used host ports. `addPod`/`removePod` keep the sums incremental; `clone`
 * is what copy-on-write cluster forks call before their first write.
 */
import type { V1Node, V1Taint } from '@kubernetes/client-node';
import type { Labels } from '../../kube/label-selector.js';
import type { PodInfo } from './pod-info.js';
import { addInto, parseResourceList, PODS, subtractFrom, type ResourceList } from './resources.js';

export interface ImageSize {
  readonly name: string;
  readonly sizeBytes: number;
}

export class NodeInfo {
  readonly name: string;
  readonly labels: Labels;
  readonly taints: readonly V1Taint[];
  readonly unschedulable: boolean;
  readonly allocatable: Readonly<ResourceList>;
  /** Image names (every alias in status.images[].names) → size in bytes. */
  readonly images: ReadonlyMap<string, number>;

  requested: ResourceList = {};
  nonZeroRequested: ResourceList = {};
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  /** Bumped on every change, so per-node caches can tell when to recompute. */
  generation = 0;

  /** `parsedFrom`: a NodeInfo of this same V1Node, whose parsed fields are shared rather than parsed again. */
  constructor(
    readonly node: V1Node,
    parsedFrom?: NodeInfo,
  ) {
    this.name = node.metadata?.name ?? '';
    this.labels = node.metadata?.labels ?? {};
    this.taints = node.spec?.taints ?? [];
    this.unschedulable = node.spec?.unschedulable === true;
    if (parsedFrom && parsedFrom.node === node) {
      // A copy-on-write clone: what is derived from the V1Node alone never changes.
      this.allocatable = parsedFrom.allocatable;
      this.images = parsedFrom.images;
      return;
    }
    const status = node.status;
    // Upstream reads allocatable only; the importer defaults it from capacity for hand-written nodes.
    this.allocatable = parseResourceList(status?.allocatable as Record<string, string> | undefined);
    const images = new Map<string, number>();
    for (const image of status?.images ?? []) {
      for (const name of image.names ?? []) images.set(name, image.sizeBytes ?? 0);
    }
    this.images = images;
  }

  /** Pods allowed on the node (allocatable `pods`); upstream treats a missing value as 0. */
  get allowedPodNumber(): number {
    return this.allocatable[PODS] ?? 0;
  }

  clone(node: V1Node = this.node): NodeInfo {
    const copy = new NodeInfo(node, this);
    copy.requested = { ...this.requested };
    copy.nonZeroRequested = { ...this.nonZeroRequested };
    copy.pods = [...this.pods];
    copy.podsWithAffinity = [...this.podsWithAffinity];
    copy.podsWithRequiredAntiAffinity = [...this.podsWithRequiredAntiAffinity];
    copy.generation = this.generation + 1;
    return copy;
  }

  addPod(pod: PodInfo): void {
    this.pods.push(pod);
    if (pod.hasAffinity) this.podsWithAffinity.push(pod);
    if (pod.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.push(pod);
    addInto(this.requested, pod.requests);
    addInto(this.nonZeroRequested, pod.nonZeroRequests);
    this.generation++;
  }

  /** Removes the pod with this key; returns it, or undefined when it is not here. */
  removePod(podKey: string): PodInfo | undefined {
    const index = this.pods.findIndex((pod) => pod.key === podKey);
    if (index < 0) return undefined;
    const [pod] = this.pods.splice(index, 1);
    this.podsWithAffinity = this.podsWithAffinity.filter((candidate) => candidate.key !== podKey);
    this.podsWithRequiredAntiAffinity = this.podsWithRequiredAntiAffinity.filter((candidate) => candidate.key !== podKey);
    subtractFrom(this.requested, pod.requests);
    subtractFrom(this.nonZeroRequested, pod.nonZeroRequests);
    this.generation++;
    return pod;
  }

  /**
   * Swaps a pod's PodInfo for another of the same pod (its requests counted
   * another way, e.g. by an emulated release), keeping its place in `pods`.
   */
  replacePod(podKey: string, replacement: PodInfo): void {
    const index = this.pods.findIndex((pod) => pod.key === podKey);
    if (index < 0) return;
    const previous = this.pods[index];
    this.pods[index] = replacement;
    const swap = (list: PodInfo[]): PodInfo[] => list.map((pod) => (pod === previous ? replacement : pod));
    this.podsWithAffinity = swap(this.podsWithAffinity);
    this.podsWithRequiredAntiAffinity = swap(this.podsWithRequiredAntiAffinity);
    subtractFrom(this.requested, previous.requests);
    subtractFrom(this.nonZeroRequested, previous.nonZeroRequests);
    addInto(this.requested, replacement.requests);
    addInto(this.nonZeroRequested, replacement.nonZeroRequests);
    this.generation++;
  }

  /** Host ports in use on the node, from its pods (NodeInfo.UsedPorts). */
  usedHostPorts(): Iterable<PodInfo['hostPorts'][number]> {
    return this.pods.flatMap((pod) => pod.hostPorts);
  }
}
