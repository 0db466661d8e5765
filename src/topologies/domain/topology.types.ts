/**
 * The topology service's own types: what callers (REST, GraphQL, plans) get
 * back. Database entities, GraphQL models and REST DTOs are separate shapes
 * that meet these in topology.mapper.ts.
 */
import type { FieldError } from '../../kube/field-error.js';
import type { ClusterObjects } from '../../kube/cluster-objects.js';

/** Totals in scheduler units: millicores, bytes, pod slots. */
export interface ResourceTotals {
  cpuMillicores: number;
  memoryBytes: number;
  pods: number;
}

export interface TopologySummary {
  /** Nodes in the topology. */
  nodes: number;
  /** Pods bound to a node of the topology and neither Succeeded nor Failed. */
  pods: number;
  /** Pods with no `spec.nodeName`. */
  pendingPods: number;
  /** Terminated pods, and pods bound to nodes the topology lacks. */
  ignoredPods: number;
  /** Distinct namespaces named by Namespace objects or by the namespaced objects. */
  namespaces: number;
  /** Distinct `topology.kubernetes.io/zone` values of the nodes, sorted. */
  zones: string[];
  /** Sum of the nodes' `status.allocatable`. */
  allocatable: ResourceTotals;
  /** Sum of the counted pods' effective requests (pods: the number of counted pods). */
  requested: ResourceTotals;
  /** PersistentVolumes (cluster-scoped). Absent in revisions stored before storage objects were imported: none were kept. */
  persistentVolumes?: number;
  /** PersistentVolumeClaims, all namespaces. */
  persistentVolumeClaims?: number;
  /** StorageClasses. */
  storageClasses?: number;
  /** VolumeAttachments; absent in revisions stored before they were imported: none were kept. */
  volumeAttachments?: number;
  /** DRA objects (issue 16); absent in revisions stored before they were imported: none were kept. */
  resourceSlices?: number;
  deviceClasses?: number;
  resourceClaims?: number;
  resourceClaimTemplates?: number;
  /** The release plans on this topology emulate unless they name one ("v1.32" … "v1.35"). */
  kubernetesVersion?: string;
  /** The version the dump reports (`v1.34.2-eks-113cf36`), null when it says none. */
  reportedVersion?: string | null;
  /** Where reportedVersion comes from: the API server's version document, or the nodes' kubelets (a hint). */
  reportedVersionSource?: 'serverVersion' | 'kubeletVersion' | null;
}

/** One stored revision of a topology, without its objects. */
export interface TopologyRevisionView {
  id: string;
  name: string;
  /** The revision this view describes. */
  revision: number;
  latestRevision: number;
  /** How many revisions are kept (older ones may have been pruned); absent in listings, where it is not counted. */
  revisions?: number;
  createdAt: Date;
  updatedAt: Date;
  revisionCreatedAt: Date;
  summary: TopologySummary;
  warnings: FieldError[];
  /** What the import stripped, in aggregate (e.g. `{"metadata.managedFields": 120}`). */
  dropped: Record<string, number>;
}

/** What plans run against: one revision's objects. */
export interface TopologyObjects {
  topologyId: string;
  revision: number;
  objects: ClusterObjects;
}

export interface TopologyPage {
  /** Each topology's latest revision, with the cursor that resumes after it. */
  items: { cursor: string; view: TopologyRevisionView }[];
  /** Set when more topologies follow the page. */
  nextCursor: string | null;
}
