/**
 * The cluster as the scheduler's snapshot sees it: nodes with their pods,
 * namespace labels, the objects default topology spreading consults, and
 * the storage objects the volume plugins read.
 *
 * Forks are cheap: `fork()` copies one array of node references; a fork
 * clones a NodeInfo only the first time it writes to it (copy-on-write), and
 * shares its parent's pod label index as a layer of its own edits, so
 * what-if analyses can run thousands of edited copies of one large cluster.
 */
import type {
  V1Node,
  V1Pod,
  V1PodDisruptionBudget,
  V1PriorityClass,
  V1ReplicaSet,
  V1ReplicationController,
  V1Service,
  V1StatefulSet,
} from '@kubernetes/client-node';
import type { ClusterObjects } from '../../kube/cluster-objects.js';
import type { Labels } from '../../kube/label-selector.js';
import { NodeInfo } from './node-info.js';
import { buildPodInfo, type PodInfo } from './pod-info.js';
import { PodLabelIndex } from './pod-label-index.js';
import { admitPodPriority } from './pod-priority.js';
import { buildDraCatalog, type DraCatalog } from './dra-catalog.js';
import { hasPodLevelRequests, type PodRequestOptions } from './pod-requests.js';
import { buildStorageCatalog, type StorageCatalog } from './storage-catalog.js';
import { internTopologyValues, type TopologyValueIds } from './topology-value-ids.js';

/** Objects looked up by namespace/name, shared by every fork (never mutated in place). */
export interface ClusterCatalog {
  readonly namespaceLabels: ReadonlyMap<string, Labels>;
  readonly services: readonly V1Service[];
  readonly replicaSets: ReadonlyMap<string, V1ReplicaSet>;
  readonly statefulSets: ReadonlyMap<string, V1StatefulSet>;
  readonly replicationControllers: ReadonlyMap<string, V1ReplicationController>;
  readonly priorityClasses: readonly V1PriorityClass[];
  readonly podDisruptionBudgets: readonly V1PodDisruptionBudget[];
  /** PVs, claims, StorageClasses, CSINodes and CSIDrivers, for the volume plugins. */
  readonly storage: StorageCatalog;
  /** ResourceSlices, DeviceClasses, ResourceClaims and templates, for DynamicResources. */
  readonly dra: DraCatalog;
}

/** The values the cluster's nodes carry for one label key, and how many nodes lack the key. */
export interface NodeLabelDomains {
  readonly values: ReadonlySet<string>;
  readonly missing: number;
}

function byKey<T extends { metadata?: { name?: string; namespace?: string } }>(objects: readonly T[]): Map<string, T> {
  return new Map(objects.map((object) => [`${object.metadata?.namespace || 'default'}/${object.metadata?.name}`, object]));
}

/** Pods that no longer hold resources (kube-scheduler ignores them). */
export function isTerminated(pod: V1Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

export class ClusterState {
  /** Built on first use (podLabelIndex), then kept up to date by every pod and node change. */
  private labelIndex: PodLabelIndex | undefined;
  /** Bumped whenever a node is added, removed or replaced (never by pod changes): caches of node objects compare it. */
  nodeObjectsVersion = 0;
  private labelDomainCache: { readonly version: number; readonly byKey: Map<string, NodeLabelDomains> } | undefined;
  private topologyIdCache: { readonly version: number; readonly byKey: Map<string, TopologyValueIds> } | undefined;
  private nameRankCache: { readonly version: number; readonly ranks: Int32Array } | undefined;
  /**
   * The position of every node this state handed out for writing (a pod
   * added, removed or replaced) or whose object it replaced, in write order,
   * never cleared. A summary over the node list (NodeVolumeLimits' attachment
   * bounds, the node-result memo) remembers how far it read and looks again at those nodes only,
   * instead of comparing all of them per pod. Adding or removing nodes bumps
   * nodeObjectsVersion instead (positions move).
   */
  private readonly writtenPositions: number[] = [];

  private constructor(
    private nodeInfos: NodeInfo[],
    private nodeIndex: Map<string, number>,
    private catalog: ClusterCatalog,
    readonly pendingPods: readonly V1Pod[],
    /** Indices of NodeInfos this fork may mutate in place. */
    private owned: Set<number>,
    private ownsIndex: boolean,
  ) {}

  static fromObjects(objects: ClusterObjects): ClusterState {
    const nodeInfos = objects.nodes.map((node) => new NodeInfo(node));
    const nodeIndex = new Map(nodeInfos.map((info, index) => [info.name, index]));
    const pending: V1Pod[] = [];
    for (const pod of objects.pods) {
      if (isTerminated(pod)) continue;
      const nodeName = pod.spec?.nodeName;
      if (!nodeName) {
        pending.push(pod);
        continue;
      }
      const index = nodeIndex.get(nodeName);
      if (index !== undefined) nodeInfos[index].addPod(buildPodInfo(admitPodPriority(pod, objects.priorityClasses)));
    }
    const catalog: ClusterCatalog = {
      namespaceLabels: new Map(objects.namespaces.map((ns) => [ns.metadata?.name ?? '', ns.metadata?.labels ?? {}])),
      services: objects.services,
      replicaSets: byKey(objects.replicaSets),
      statefulSets: byKey(objects.statefulSets),
      replicationControllers: byKey(objects.replicationControllers),
      priorityClasses: objects.priorityClasses,
      podDisruptionBudgets: objects.podDisruptionBudgets,
      storage: buildStorageCatalog(objects),
      dra: buildDraCatalog(objects),
    };
    return new ClusterState(nodeInfos, nodeIndex, catalog, pending, new Set(nodeInfos.keys()), true);
  }

  /**
   * A copy that shares every node until it writes to one. It starts with
   * this cluster's node-object caches (label domains, interned topology
   * values, name ranks): they depend on the node objects alone, which the
   * two share at this version, and each side replaces a cache (never edits
   * it) once its own node set changes. What-if analyses fork a large
   * cluster thousands of times; each fork recomputed them on first use.
   *
   * Both sides give up writing in place: the nodes, the name index and the
   * pod label index are shared from here on, so this cluster clones a node
   * before its next write as the fork does, and neither sees the other's
   * edits. The pod label index is frozen and each side gets a layer over it
   * (model/pod-label-index.ts): it is built here if it was not yet, once for
   * every fork of this cluster and of its forks, instead of once per fork
   * from every pod of the cluster.
   */
  fork(): ClusterState {
    this.owned = new Set();
    this.ownsIndex = false;
    const copy = new ClusterState([...this.nodeInfos], this.nodeIndex, this.catalog, this.pendingPods, new Set(), false);
    copy.nodeObjectsVersion = this.nodeObjectsVersion;
    copy.labelDomainCache = this.labelDomainCache;
    copy.topologyIdCache = this.topologyIdCache;
    copy.nameRankCache = this.nameRankCache;
    if (this.labelIndexAllowed) {
      const shared = (this.labelIndex ?? PodLabelIndex.of(this.nodeInfos)).forkBase(() => PodLabelIndex.of(this.nodeInfos));
      this.labelIndex = new PodLabelIndex(shared);
      copy.labelIndex = new PodLabelIndex(shared);
    }
    return copy;
  }

  get nodes(): readonly NodeInfo[] {
    return this.nodeInfos;
  }

  /** See writtenPositions: an append-only log, read by position. */
  get nodeWrites(): readonly number[] {
    return this.writtenPositions;
  }

  get objects(): ClusterCatalog {
    return this.catalog;
  }

  node(name: string): NodeInfo | undefined {
    const index = this.nodeIndex.get(name);
    return index === undefined ? undefined : this.nodeInfos[index];
  }

  indexOf(name: string): number | undefined {
    return this.nodeIndex.get(name);
  }

  /** Every value the nodes carry for label `key`, and how many lack it; kept until a node is added, removed or replaced. */
  labelDomains(key: string): NodeLabelDomains {
    let cache = this.labelDomainCache;
    if (cache?.version !== this.nodeObjectsVersion) this.labelDomainCache = cache = { version: this.nodeObjectsVersion, byKey: new Map() };
    let domains = cache.byKey.get(key);
    if (!domains) {
      const values = new Set<string>();
      let missing = 0;
      for (const node of this.nodeInfos) {
        if (Object.hasOwn(node.labels, key)) values.add(node.labels[key]);
        else missing++;
      }
      cache.byKey.set(key, (domains = { values, missing }));
    }
    return domains;
  }

  /** Label `key`'s values interned by node position (model/topology-value-ids.ts); kept until a node is added, removed or replaced. */
  topologyValueIds(key: string): TopologyValueIds {
    let cache = this.topologyIdCache;
    if (cache?.version !== this.nodeObjectsVersion) this.topologyIdCache = cache = { version: this.nodeObjectsVersion, byKey: new Map() };
    let ids = cache.byKey.get(key);
    if (!ids) cache.byKey.set(key, (ids = internTopologyValues(this.nodeInfos, key)));
    return ids;
  }

  /**
   * Per node position, the node's place among the cluster's node names in
   * ascending order (the exhaustive tie rule's order), so rankings compare
   * two ints instead of two names; kept until a node is added, removed or replaced.
   */
  nodeNameRanks(): Int32Array {
    if (this.nameRankCache?.version !== this.nodeObjectsVersion) {
      const nodes = this.nodeInfos;
      const byName = [...nodes.keys()].sort((a, b) => (nodes[a].name < nodes[b].name ? -1 : nodes[a].name > nodes[b].name ? 1 : 0));
      const ranks = new Int32Array(nodes.length);
      byName.forEach((position, rank) => (ranks[position] = rank));
      this.nameRankCache = { version: this.nodeObjectsVersion, ranks };
    }
    return this.nameRankCache.ranks;
  }

  namespaceLabels(namespace: string): Labels | undefined {
    return this.catalog.namespaceLabels.get(namespace);
  }

  /** false: podLabelIndex answers undefined, and plugins count node by node (to check the index changes no decision). */
  private labelIndexAllowed = true;

  /**
   * The cluster's pods by label (model/pod-label-index.ts), built from the
   * nodes the first time it is asked for; a fork shares its parent's (see
   * fork). undefined when turned off (withoutPodLabelIndex).
   */
  podLabelIndex(): PodLabelIndex | undefined {
    if (!this.labelIndexAllowed) return undefined;
    return (this.labelIndex ??= PodLabelIndex.of(this.nodeInfos));
  }

  /** Turns podLabelIndex off for this cluster (not its forks): plugins then scan every node, as before the index. */
  withoutPodLabelIndex(): void {
    this.labelIndexAllowed = false;
    this.labelIndex = undefined;
  }

  /**
   * The positions of the named nodes in `nodes`, ascending (so callers visit
   * them in the order a loop over every node would); names not in the
   * cluster are left out.
   */
  positionsOf(names: Iterable<string>): number[] {
    const positions: number[] = [];
    for (const name of names) {
      const position = this.nodeIndex.get(name);
      if (position !== undefined) positions.push(position);
    }
    return positions.sort((a, b) => a - b);
  }

  /** Adds objects to the catalog (e.g. the ReplicaSet a planned Deployment creates). */
  withCatalog(update: (catalog: ClusterCatalog) => ClusterCatalog): void {
    this.catalog = update(this.catalog);
  }

  /** Binds a pod to a node (the scheduler's "assume"); returns the node's new NodeInfo. */
  addPod(pod: PodInfo, nodeName: string): NodeInfo {
    const info = this.writableNode(nodeName);
    info.addPod(pod);
    this.labelIndex?.add(pod, nodeName);
    return info;
  }

  removePod(podKey: string, nodeName: string): PodInfo | undefined {
    const removed = this.writableNode(nodeName).removePod(podKey);
    if (removed) this.labelIndex?.remove(removed);
    return removed;
  }

  /**
   * Counts the requests of bound pods that set pod-level resources as
   * `options` say (a release whose PodLevelResources is off, or that does
   * not support pod-level hugepages), on this fork. The indexed state counts
   * them as the newest release does; pods without pod-level requests are
   * the same either way and keep their PodInfo.
   */
  recountPodLevelRequests(options: PodRequestOptions): void {
    this.nodeInfos.forEach((info, index) => {
      const affected = info.pods.filter((pod) => hasPodLevelRequests(pod.pod));
      if (affected.length === 0) return;
      const writable = this.writableNode(this.nodeInfos[index].name);
      for (const pod of affected) writable.replacePod(pod.key, buildPodInfo(pod.pod, options));
    });
    // The label index holds PodInfo objects: it is built again, from the replacements, when next asked for.
    this.labelIndex = undefined;
  }

  /** Replaces a node's object (labels, taints, cordon), keeping its pods. */
  updateNode(nodeName: string, update: (node: V1Node) => V1Node): void {
    const index = this.requireIndex(nodeName);
    const current = this.nodeInfos[index];
    const next = current.clone(update(current.node));
    if (next.name !== nodeName) throw new Error(`updateNode must not rename node ${nodeName}`);
    this.nodeInfos[index] = next;
    this.owned.add(index);
    this.writtenPositions.push(index);
    this.nodeObjectsVersion++;
  }

  addNode(node: V1Node): NodeInfo {
    const info = new NodeInfo(node);
    if (this.nodeIndex.has(info.name)) throw new Error(`node ${info.name} already exists`);
    this.ensureOwnIndex();
    this.nodeInfos.push(info);
    this.nodeIndex.set(info.name, this.nodeInfos.length - 1);
    this.owned.add(this.nodeInfos.length - 1);
    this.nodeObjectsVersion++;
    return info;
  }

  /** Removes a node and returns the pods that were bound to it. */
  removeNode(nodeName: string): PodInfo[] {
    return this.removeNodes([nodeName]);
  }

  /**
   * Removes nodes and returns the pods that were bound to them, node by node
   * in the order given. One pass over the node list and one rebuild of the
   * name index, whatever the count: losing a zone of a 5,000-node cluster
   * removed node by node rebuilt the index once per node (quadratic).
   */
  removeNodes(nodeNames: readonly string[]): PodInfo[] {
    const positions = new Set<number>();
    for (const name of nodeNames) {
      const index = this.requireIndex(name);
      if (positions.has(index)) throw new Error(`node ${name} is not in the cluster`);
      positions.add(index);
    }
    if (positions.size === 0) return [];
    const removedPods = nodeNames.flatMap((name) => this.nodeInfos[this.nodeIndex.get(name)!].pods);
    this.ensureOwnIndex();
    const kept: NodeInfo[] = [];
    const owned = new Set<number>();
    this.nodeInfos.forEach((info, index) => {
      if (positions.has(index)) return;
      if (this.owned.has(index)) owned.add(kept.length);
      kept.push(info);
    });
    this.nodeInfos = kept;
    this.owned = owned;
    this.nodeIndex = new Map(kept.map((info, position) => [info.name, position]));
    this.nodeObjectsVersion++;
    if (this.labelIndex) for (const pod of removedPods) this.labelIndex.remove(pod);
    return removedPods;
  }

  private requireIndex(nodeName: string): number {
    const index = this.nodeIndex.get(nodeName);
    if (index === undefined) throw new Error(`node ${nodeName} is not in the cluster`);
    return index;
  }

  private writableNode(nodeName: string): NodeInfo {
    const index = this.requireIndex(nodeName);
    if (!this.owned.has(index)) {
      this.nodeInfos[index] = this.nodeInfos[index].clone();
      this.owned.add(index);
    }
    this.writtenPositions.push(index);
    return this.nodeInfos[index];
  }

  private ensureOwnIndex(): void {
    if (!this.ownsIndex) {
      this.nodeIndex = new Map(this.nodeIndex);
      this.ownsIndex = true;
    }
  }
}
