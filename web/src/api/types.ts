/** The parts of podplan's GraphQL schema (schema.gql) the viewer reads, as the documents in documents.ts select them. */

export interface Connection<TNode> {
  edges: { cursor: string; node: TNode }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface Utilisation {
  cpu: number | null;
  memory: number | null;
  pods: number | null;
}

export interface TopologyListItem {
  id: string;
  name: string;
  revision: number;
  summary: { nodes: number; pods: number };
}

/** Amounts in scheduler units (ResourceTotals). */
export interface ResourceTotals {
  cpuMillicores: number;
  memoryBytes: number;
  pods: number;
}

export interface ZoneTotals {
  zone: string | null;
  nodes: number;
  pods: number;
  utilisation: Utilisation;
  requested: ResourceTotals;
  allocatable: ResourceTotals;
  /** DRA devices the zone's nodes can use per driver (shared ones once), and how many existing claims hold. */
  devices: NodeDevices[];
}

export interface TopologyOverview {
  id: string;
  name: string;
  revision: number;
  summary: { nodes: number; pods: number; pendingPods: number; namespaces: number };
  zones: ZoneTotals[];
}

export interface Taint {
  key: string;
  value: string | null;
  effect: string;
}

export interface TopologyNode {
  name: string;
  zone: string | null;
  labels: Record<string, string>;
  taints: Taint[];
  unschedulable: boolean;
  podCount: number;
  utilisation: Utilisation;
  requested: ResourceTotals;
  allocatable: ResourceTotals;
  /** DRA devices per driver, and how many existing claims hold. */
  devices: NodeDevices[];
}

export interface NodeDevices {
  driver: string;
  devices: number;
  allocated: number;
}

export interface WorkloadRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

export interface WorkloadSummary {
  workload: WorkloadRef;
  replicas: number;
  scheduled: number;
  unschedulable: number;
}

export interface PlanSummary {
  replicas: number;
  scheduled: number;
  unschedulable: number;
}

export interface PlanListItem {
  id: string;
  name: string | null;
  createdAt: string;
  status: string;
  summary: PlanSummary | null;
}

export interface PluginScore {
  plugin: string;
  raw: number;
  normalized: number;
  weighted: number;
}

export interface ScoredNode {
  node: string;
  total: number;
  scores: PluginScore[];
}

export interface Rejection {
  plugin: string;
  reason: string;
  nodes: number;
}

export interface FilterFailure {
  plugin: string;
  reason: string;
  code: string;
  /** Volume rejections: the claims and PVs behind it. */
  explanation: string | null;
  /** The details as sentences ("cpu: requested 500m, in use 6350m of 3920m allocatable"), as the CLI prints them. */
  facts: string[];
}

/** A score plugin that scored no node for the replica, and when its PreScore skips. */
export interface UnscoredPlugin {
  plugin: string;
  reason: string;
}

/** What a replica adds to its node's requested totals. */
export interface PodRequests {
  cpuMillicores: number;
  memoryBytes: number;
}

export interface RejectedNode {
  node: string;
  filters: FilterFailure[] | null;
}

/** One allocation result of a replica's claim (DRA). */
export interface AllocatedDevice {
  claim: string;
  /** The request, or request/subrequest. */
  request: string;
  driver: string;
  pool: string;
  device: string;
  /** True when the request asked for admin access (the device is not taken). */
  adminAccess: boolean | null;
  /** A share of a device that allows multiple allocations (DRAConsumableCapacity). */
  shareID: string | null;
  /** What the share consumes, quantities by capacity name. */
  consumedCapacity: Record<string, string> | null;
}

/** What every placement, stored or simulated, says about one replica. */
export interface PlacementFields {
  pod: string;
  replica: number;
  namespace: string;
  zone: string | null;
  message: string;
  score: number | null;
  workload: WorkloadRef;
  /** DRA devices the replica's claims were allocated; null without claims. */
  devices: AllocatedDevice[] | null;
  /** Null in plans stored before requests were recorded. */
  requests: PodRequests | null;
}

export interface StoredPlacement extends PlacementFields {
  nodeName: string | null;
}

export interface PlacementDetail extends PlacementFields {
  nodeName: string | null;
  feasibleNodes: number;
  evaluatedNodes: number;
  candidates: ScoredNode[];
  rejections: Rejection[];
  unscoredPlugins: UnscoredPlugin[];
}

export interface SimulatedPlacement extends PlacementFields {
  node: string | null;
  feasibleNodes: number;
  evaluatedNodes: number;
  candidates: ScoredNode[] | null;
  rejections: Rejection[] | null;
  unscoredPlugins: UnscoredPlugin[];
}

export interface PlanDetail {
  id: string;
  name: string | null;
  revision: number;
  createdAt: string;
  status: string;
  summary: PlanSummary | null;
  workloads: WorkloadSummary[];
}

export interface NamedCount {
  name: string;
  count: number;
}

export interface WorkloadCapacity {
  workload: WorkloadRef;
  additionalReplicas: number;
  reachedMaxReplicas: boolean;
  limitedBy: string | null;
  byZone: NamedCount[];
}

export interface CapacityResult {
  maxReplicas: number;
  workloads: WorkloadCapacity[];
}

export interface DomainWorkloadImpact {
  workload: WorkloadRef;
  lost: number;
  rescheduled: number;
  unplaceable: number;
  messages: string[];
}

export interface FailureDomainsResult {
  topologyKey: string;
  nodesWithoutKey: number;
  domains: { domain: string; nodes: number; workloads: DomainWorkloadImpact[] }[];
  verdicts: { workload: WorkloadRef; fullyRecovers: boolean; worstDomain: string | null; verdict: string }[];
}

export interface UtilisationStats {
  mean: number;
  min: number;
  max: number;
}

export interface ClusterFootprint {
  nodes: number;
  pods: number;
  cpu: UtilisationStats;
  memory: UtilisationStats;
  price: number | null;
}

export interface RemovableNode {
  node: string;
  order: number;
  zone: string | null;
  nodeGroup: string | null;
  price: number | null;
  utilisation: number;
  evicted: { pod: string; namespace: string; to: string }[];
  goneWithNode: string[];
}

export interface KeptNode {
  node: string;
  because: string;
  reason: string;
  rule: string | null;
  pod: string | null;
  message: string | null;
}

export interface ConsolidationResult {
  objective: string;
  verified: boolean;
  savings: number | null;
  removable: RemovableNode[];
  kept: KeptNode[];
  before: ClusterFootprint;
  after: ClusterFootprint;
  pdbDisruptions: { namespace: string; name: string; allowed: number; used: number }[];
  search: { evaluatedPlans: number; triedNodes: number; improvements: number; stoppedBy: string | null };
}

export interface MigrationResult {
  feasible: boolean;
  fromNodes: string[];
  added: { nodeGroup: string; zone: string | null; count: number; nodes: string[] }[];
  totalNodes: number;
  totalPrice: number | null;
  placements: { pod: string; namespace: string; from: string; to: string }[];
  unmovable: { pod: string; namespace: string; from: string; message: string }[];
  goneWithNodes: number;
  cost: { before: number | null; after: number | null };
  stoppedBy: string | null;
}
