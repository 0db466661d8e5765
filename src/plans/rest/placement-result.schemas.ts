/**
 * The placement result of api-contract.md ("Stateless simulation"), as the
 * OpenAPI document declares it: the contract's fields, typed; each object
 * may carry more (explanations grow), so additionalProperties stays open.
 * Registered under components.schemas by openapi-document.ts.
 */
import type { SchemaObject } from '@nestjs/swagger';
import { closedObject, nullable, openObject as open, schemaRef as ref } from '../../common/openapi/schema-objects.js';

const pluginScore = open({ raw: { type: 'number' }, normalized: { type: 'number' }, weighted: { type: 'number' } }, ['raw', 'normalized', 'weighted'], 'Score, NormalizeScore (0–100), and normalized × weight');
const filterFailure = open({ plugin: { type: 'string', example: 'InterPodAffinity' }, reason: { type: 'string', example: "node(s) didn't match pod anti-affinity rules" } }, ['plugin', 'reason']);

export const PLACEMENT_RESULT_SCHEMAS: Record<string, SchemaObject> = {
  WorkloadRef: open(
    { apiVersion: { type: 'string', example: 'apps/v1' }, kind: { type: 'string', example: 'Deployment' }, namespace: { type: 'string', example: 'default' }, name: { type: 'string', example: 'frontend' } },
    ['apiVersion', 'kind', 'namespace', 'name'],
  ),
  NodeEvaluation: open(
    {
      node: { type: 'string' },
      feasible: { type: 'boolean' },
      filters: { type: 'array', items: filterFailure, description: 'every failing filter plugin, with upstream\'s reason text' },
      scores: { type: 'object', additionalProperties: pluginScore, description: 'per score plugin, on feasible nodes' },
      total: { type: 'number' },
    },
    ['node', 'feasible'],
    'one node as the scheduler saw it for this replica (explain: full)',
  ),
  AllocatedDevice: closedObject(
    {
      claim: { type: 'string', description: 'the ResourceClaim' },
      request: { type: 'string', description: 'the request, or request/subrequest (prioritized list)', example: 'gpu' },
      driver: { type: 'string', example: 'gpu.example.com' },
      pool: { type: 'string' },
      device: { type: 'string', example: 'gpu-0' },
      adminAccess: { type: 'boolean', enum: [true], description: 'DRAAdminAccess: present (true) when the request asked for admin access; the device is not taken' },
      shareID: { type: 'string', format: 'uuid', description: 'DRAConsumableCapacity: present when the allocation is a share of a device that allows multiple allocations' },
      consumedCapacity: {
        type: 'object',
        additionalProperties: { type: 'string', example: '16Gi' },
        description: "DRAConsumableCapacity: what the share consumes of each of the device's capacities (quantities); present with a share of a device that has capacity",
      },
    },
    ['claim', 'request', 'driver', 'pool', 'device'],
    "one allocation result of the pod's claim (status.allocation.devices.results)",
  ),
  Placement: open(
    {
      workload: ref('WorkloadRef'),
      replica: { type: 'integer' },
      pod: { type: 'string', example: 'frontend-6c8b9d7f5-7xk2q' },
      namespace: { type: 'string' },
      node: { ...nullable('string'), description: 'null: the replica cannot be placed' },
      zone: nullable('string'),
      score: nullable('number'),
      message: { type: 'string', description: "why this node, or kube-scheduler's FailedScheduling text" },
      feasibleNodes: { type: 'integer' },
      evaluatedNodes: { type: 'integer' },
      nodes: { type: 'array', items: ref('NodeEvaluation'), description: 'explain: full — one entry per node' },
      candidates: { type: 'array', items: open({ node: { type: 'string' }, total: { type: 'number' } }, ['node', 'total']), description: 'explain: summary — the best candidates' },
      rejections: { type: 'array', items: open({ plugin: { type: 'string' }, reason: { type: 'string' }, nodes: { type: 'integer' } }, ['plugin', 'reason', 'nodes']) },
      suggestions: { type: 'array', items: { type: 'object', additionalProperties: true }, description: 'for an unplaceable replica: changes verified to let it fit' },
      volumes: { type: 'array', items: open({ claim: { type: 'string' }, volume: nullable('string'), provisioned: { type: 'boolean' } }, ['claim', 'volume', 'provisioned']) },
      devices: { type: 'array', items: ref('AllocatedDevice'), description: "DRA: the devices the pod's ResourceClaims were allocated (placed replicas with claims only)" },
    },
    ['workload', 'replica', 'pod', 'node', 'score', 'message'],
  ),
  SimulationResult: open(
    {
      summary: open({ replicas: { type: 'integer' }, scheduled: { type: 'integer' }, unschedulable: { type: 'integer' } }, ['replicas', 'scheduled', 'unschedulable']),
      placements: { type: 'array', items: ref('Placement') },
      mode: { type: 'string', enum: ['exhaustive', 'faithful'] },
      explain: { type: 'string', enum: ['summary', 'full'] },
      kubernetesVersion: { type: 'string', example: 'v1.34' },
      warnings: { type: 'array', items: open({ path: { type: 'string' }, message: { type: 'string' } }, ['path', 'message']) },
    },
    ['summary', 'placements', 'kubernetesVersion'],
  ),
  StoredPlanItem: open(
    {
      id: { type: 'string', format: 'uuid' },
      topologyId: { type: 'string', format: 'uuid' },
      revision: { type: 'integer' },
      name: nullable('string'),
      status: { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed', 'cancelled'] },
      createdAt: { type: 'string', format: 'date-time' },
      summary: open({ replicas: { type: 'integer' }, scheduled: { type: 'integer' }, unschedulable: { type: 'integer' } }, ['replicas', 'scheduled', 'unschedulable']),
      kubernetesVersion: { type: 'string' },
      warnings: { type: 'array', items: open({ path: { type: 'string' }, message: { type: 'string' } }, ['path', 'message']) },
    },
    ['id', 'topologyId', 'revision', 'status', 'createdAt'],
    'a stored plan; the result fields once it has run',
  ),
  StoredPlan: {
    allOf: [ref('StoredPlanItem'), open({ request: { type: 'object', additionalProperties: true }, placements: { type: 'array', items: ref('Placement') } }, ['placements'])],
  },
  StoredPlanList: open({ items: { type: 'array', items: ref('StoredPlanItem') }, nextCursor: nullable('string') }, ['items', 'nextCursor']),
  PlacementList: open({ items: { type: 'array', items: ref('Placement') }, nextCursor: nullable('string') }, ['items', 'nextCursor']),
  ReplicaNodesPage: closedObject(
    {
      pod: { type: 'string', description: 'the replica' },
      namespace: { type: 'string' },
      node: { ...nullable('string'), description: 'where it landed; null when it could not be placed' },
      message: { type: 'string', description: "why this node, or kube-scheduler's FailedScheduling text" },
      totalCount: { type: 'integer', description: 'nodes of the table matching `feasible`, over all pages' },
      items: { type: 'array', items: ref('NodeEvaluation'), description: 'this page of the table: every failing filter, or the scores' },
      nextCursor: nullable('string'),
    },
    ['pod', 'namespace', 'node', 'message', 'totalCount', 'items', 'nextCursor'],
    "one replica's per-node table, a page at a time (the plan replayed with explain: full)",
  ),
};

/** A reference to one of them, for ApiOkResponse({ schema }). */
export const placementResultSchema = (name: keyof typeof PLACEMENT_RESULT_SCHEMAS & string) => ref(name);
