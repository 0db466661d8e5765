/**
 * Every GraphQL operation the viewer sends. Page sizes stay within the
 * service's query cost limit (src/app.module.ts MAX_GRAPHQL_COST) and its
 * largest page (500).
 */

const UTILISATION = 'utilisation { cpu memory pods }';
/** What is requested and allocatable, for the shares after a plan. */
const TOTALS = 'requested { cpuMillicores memoryBytes pods } allocatable { cpuMillicores memoryBytes pods }';
const WORKLOAD = 'workload { apiVersion kind namespace name }';
const PLACEMENT_FIELDS = `pod replica namespace zone message score ${WORKLOAD} devices { claim request driver pool device adminAccess shareID consumedCapacity } requests { cpuMillicores memoryBytes }`;
const CANDIDATES = 'candidates { node total scores { plugin raw normalized weighted } }';
const REJECTIONS = 'rejections { plugin reason nodes }';
const UNSCORED = 'unscoredPlugins { plugin reason }';

/** What a node row draws. */
const NODE_FIELDS = `name zone labels taints { key value effect } unschedulable podCount ${UTILISATION} ${TOTALS} devices { driver devices allocated }`;

/** What a zone card draws. */
const ZONE_FIELDS = `zone nodes pods ${UTILISATION} ${TOTALS} devices { driver devices allocated }`;

/** Nodes fetched per page of the virtualised node list. */
export const NODE_PAGE_SIZE = 200;
/** Placements fetched per page when loading a stored plan. */
export const PLACEMENT_PAGE_SIZE = 500;
/** Rejected nodes shown per page in a replica's explanation. */
export const REJECTED_NODE_PAGE_SIZE = 50;

export const TOPOLOGIES_QUERY = `query Topologies {
  topologies(first: 100) { edges { cursor node { id name revision summary { nodes pods } } } pageInfo { hasNextPage endCursor } }
}`;

export const TOPOLOGY_OVERVIEW_QUERY = `query TopologyOverview($id: ID!) {
  topology(id: $id) {
    id name revision
    summary { nodes pods pendingPods namespaces }
    zones { ${ZONE_FIELDS} }
  }
}`;

/** The zones of the nodes a stored plan ran on (its scenario's edits applied: a new zone has a card, removed nodes are not counted). */
export const PLAN_ZONES_QUERY = `query PlanZones($id: ID!) {
  plan(id: $id) { id zones { ${ZONE_FIELDS} } }
}`;

/** A page of nodes, sorted and narrowed by the service (with the shown plan's replicas per node, for "after the plan"). */
export const TOPOLOGY_NODES_QUERY = `query TopologyNodes($id: ID!, $zone: String, $labelSelector: String, $sort: NodeSort, $planned: [PlannedNodeLoadInput!], $withPlannedReplicas: Boolean, $after: String) {
  topology(id: $id) {
    nodes(zone: $zone, labelSelector: $labelSelector, sort: $sort, planned: $planned, withPlannedReplicas: $withPlannedReplicas, first: ${NODE_PAGE_SIZE}, after: $after) {
      totalCount
      edges { cursor node { ${NODE_FIELDS} } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/**
 * A page of the nodes a stored plan ran on (its scenario's edits applied: added nodes
 * listed, removed ones gone), sorted and narrowed by the service with the plan's own replicas.
 */
export const PLAN_NODES_QUERY = `query PlanNodes($id: ID!, $zone: String, $labelSelector: String, $sort: NodeSort, $withPlannedReplicas: Boolean, $after: String) {
  plan(id: $id) {
    nodes(zone: $zone, labelSelector: $labelSelector, sort: $sort, withPlannedReplicas: $withPlannedReplicas, first: ${NODE_PAGE_SIZE}, after: $after) {
      totalCount
      edges { cursor node { ${NODE_FIELDS} } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

export const PLANS_QUERY = `query Plans($topologyId: ID!) {
  plans(topologyId: $topologyId, first: 100) {
    edges { cursor node { id name createdAt status summary { replicas scheduled unschedulable } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const CREATE_PLAN_MUTATION = `mutation CreatePlan($topologyId: ID!, $workloads: JSON!, $name: String) {
  createPlan(input: { topologyId: $topologyId, workloads: $workloads, name: $name }) { id }
}`;

const PLAN_FIELDS = `id name revision createdAt status
  summary { replicas scheduled unschedulable }
  workloads { ${WORKLOAD} replicas scheduled unschedulable }`;

/** Large plans run as background jobs: the viewer polls this until the job is done. */
export const PLAN_STATUS_QUERY = `query PlanStatus($id: ID!) {
  plan(id: $id) { id status progress { done total } }
}`;

export const PLAN_QUERY = `query Plan($id: ID!, $after: String) {
  plan(id: $id) {
    ${PLAN_FIELDS}
    placements(first: ${PLACEMENT_PAGE_SIZE}, after: $after) {
      edges { cursor node { ${PLACEMENT_FIELDS} nodeName } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

/** One stored placement (the one after `after`), with its candidates and a page of the nodes that rejected it. */
export const PLACEMENT_EXPLANATION_QUERY = `query PlacementExplanation($planId: ID!, $after: String, $rejectedAfter: String) {
  plan(id: $planId) {
    placements(first: 1, after: $after) {
      edges { node {
        ${PLACEMENT_FIELDS} nodeName feasibleNodes evaluatedNodes ${CANDIDATES} ${REJECTIONS} ${UNSCORED}
        nodes(feasible: false, first: ${REJECTED_NODE_PAGE_SIZE}, after: $rejectedAfter) {
          totalCount
          edges { node { node filters { plugin reason code explanation facts } } }
          pageInfo { hasNextPage endCursor }
        }
      } }
    }
  }
}`;

export const SIMULATE_MUTATION = `mutation Simulate($topologyId: ID!, $workloads: JSON!) {
  simulate(input: { topologyId: $topologyId, workloads: $workloads, explain: summary }) {
    summary { replicas scheduled unschedulable }
    workloads { ${WORKLOAD} replicas scheduled unschedulable }
    placements { ${PLACEMENT_FIELDS} node feasibleNodes evaluatedNodes ${CANDIDATES} ${REJECTIONS} ${UNSCORED} }
  }
}`;

const WORKLOAD_CAPACITY = `workload { apiVersion kind namespace name } additionalReplicas reachedMaxReplicas limitedBy byZone { name count }`;

/** How many more replicas of each workload fit, each on its own ("each"), from the topology as saved. */
export const CAPACITY_MUTATION = `mutation Capacity($topologyId: ID!, $workloads: JSON!) {
  capacity(input: { topologyId: $topologyId, workloads: $workloads, mode: each }) { maxReplicas workloads { ${WORKLOAD_CAPACITY} } }
}`;

/** What losing each zone costs each workload; the given workloads are placed first. */
export const FAILURE_DOMAINS_MUTATION = `mutation FailureDomains($topologyId: ID!, $workloads: JSON) {
  failureDomains(input: { topologyId: $topologyId, workloads: $workloads }) {
    topologyKey nodesWithoutKey
    domains { domain nodes workloads { workload { apiVersion kind namespace name } lost rescheduled unplaceable messages } }
    verdicts { workload { apiVersion kind namespace name } fullyRecovers worstDomain verdict }
  }
}`;

const FOOTPRINT = `nodes pods cpu { mean min max } memory { mean min max } price`;

/** Which nodes of the topology as saved can go, in drain order, and why the others stay; node groups only price the nodes. */
export const CONSOLIDATION_MUTATION = `mutation Consolidation($topologyId: ID!, $keepPerZone: Int, $candidates: String, $nodeGroups: [NodeGroupInput!]) {
  consolidation(input: { topologyId: $topologyId, keepPerZone: $keepPerZone, candidates: $candidates, nodeGroups: $nodeGroups }) {
    objective verified savings
    removable { node order zone nodeGroup price utilisation evicted { pod namespace to } goneWithNode }
    kept { node because reason rule pod message }
    before { ${FOOTPRINT} }
    after { ${FOOTPRINT} }
    pdbDisruptions { namespace name allowed used }
    search { evaluatedPlans triedNodes improvements stoppedBy }
  }
}`;

/** The target nodes that take every pod of the nodes `from` selects. */
export const MIGRATION_MUTATION = `mutation Migration($topologyId: ID!, $from: String!, $nodeGroups: [NodeGroupInput!]!) {
  migration(input: { topologyId: $topologyId, from: $from, nodeGroups: $nodeGroups }) {
    feasible fromNodes totalNodes totalPrice goneWithNodes stoppedBy
    added { nodeGroup zone count nodes }
    placements { pod namespace from to }
    unmovable { pod namespace from message }
    cost { before after }
  }
}`;
