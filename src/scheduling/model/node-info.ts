/**
 * One node and the pods bound to it, as upstream framework.NodeInfo: the
 * requested and non-zero-requested sums, the pods that carry (anti-)affinity,
 * used host ports. `addPod`/`removePod` keep the sums incremental; `clone`
 * is what copy-on-write cluster forks call before their first write.
 */
import type { V1Node, V1Taint } from '@kubernetes/client-node';
import type { Labels } from '../../kube/label-selector.js';
import type { PodInfo } from './pod-info.js';
import { addInto, CPU, EPHEMERAL_STORAGE, MEMORY, parseResourceList, PODS, subtractFrom, type ResourceList } from './resources.js';

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
  /**
   * cpu, memory and ephemeral-storage of `allocatable`, `requested` and
   * `nonZeroRequested` as plain fields (0 where the list has no entry), kept
   * equal to the lists: NodeResourcesFit's filter and the resource scorers
   * read them on every node for every pod, where a lookup by resource name
   * costs more than the arithmetic.
   */
  allocatableMilliCPU = 0;
  allocatableMemory = 0;
  allocatableEphemeralStorage = 0;
  requestedMilliCPU = 0;
  requestedMemory = 0;
  requestedEphemeralStorage = 0;
  nonZeroMilliCPU = 0;
  nonZeroMemory = 0;
  /** Pods allowed on the node (allocatable `pods`); upstream treats a missing value as 0. */
  allowedPodNumber = 0;
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  /** Bumped on every change, so per-node caches can tell when to recompute. */
  generation = 0;
  /**
   * NodeVolumeLimits' state for this node (plugins/node-volume-limits/node-volume-state.ts), kept here
   * so its Filter, run on every node for every pod with volumes, reads a field instead of a WeakMap.
   * Opaque to the model; a clone starts without one (its pods may differ).
   */
  volumeLimitsState: unknown = undefined;

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
      this.readAllocatable();
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
    this.readAllocatable();
  }

  private readAllocatable(): void {
    this.allocatableMilliCPU = this.allocatable[CPU] ?? 0;
    this.allocatableMemory = this.allocatable[MEMORY] ?? 0;
    this.allocatableEphemeralStorage = this.allocatable[EPHEMERAL_STORAGE] ?? 0;
    this.allowedPodNumber = this.allocatable[PODS] ?? 0;
  }

  /** The plain fields from the requested lists, after every change to them. */
  private readRequested(): void {
    this.requestedMilliCPU = this.requested[CPU] ?? 0;
    this.requestedMemory = this.requested[MEMORY] ?? 0;
    this.requestedEphemeralStorage = this.requested[EPHEMERAL_STORAGE] ?? 0;
    this.nonZeroMilliCPU = this.nonZeroRequested[CPU] ?? 0;
    this.nonZeroMemory = this.nonZeroRequested[MEMORY] ?? 0;
  }


  clone(node: V1Node = this.node): NodeInfo {
    const copy = new NodeInfo(node, this);
    copy.requested = { ...this.requested };
    copy.nonZeroRequested = { ...this.nonZeroRequested };
    copy.pods = [...this.pods];
    copy.podsWithAffinity = [...this.podsWithAffinity];
    copy.podsWithRequiredAntiAffinity = [...this.podsWithRequiredAntiAffinity];
    copy.readRequested();
    copy.generation = this.generation + 1;
    return copy;
  }

  addPod(pod: PodInfo): void {
    this.pods.push(pod);
    if (pod.hasAffinity) this.podsWithAffinity.push(pod);
    if (pod.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.push(pod);
    addInto(this.requested, pod.requests);
    addInto(this.nonZeroRequested, pod.nonZeroRequests);
    this.readRequested();
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
    this.readRequested();
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
    this.readRequested();
    this.generation++;
  }

  /** Host ports in use on the node, from its pods (NodeInfo.UsedPorts). */
  usedHostPorts(): Iterable<PodInfo['hostPorts'][number]> {
    return this.pods.flatMap((pod) => pod.hostPorts);
  }
}
