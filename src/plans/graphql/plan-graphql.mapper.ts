/** Service results to GraphQL models: score records become lists, plans flatten their result header. */
import type { PluginScore } from '../../scheduling/framework/framework.js';
import type { NodeExplanation, ScoredNode } from '../../scheduling/planner/decision.js';
import { filterFailureFacts } from '../../simulation/filter-facts.js';
import type { AllocatedDevice, Placement, SimulationResult } from '../../simulation/simulation-result.js';
import { unscoredPlugins } from '../../simulation/unscored-plugins.js';
import type { PlanView } from '../../pipeline/plan-store.js';
import type { StoredPlacement } from '../domain/plan.types.js';
import type { AllocatedDeviceModel, NodeExplanationModel, PlacementModel, PlacementNodeModel, PluginScoreModel, SchedulingGatedModel, ScoredNodeModel, SimulationModel } from './placement.model.js';
import type { NodeReplicasModel, PlanModel, PlanPlacementModel, ZoneReplicasModel } from './plan.model.js';

const ZONE_LABEL = 'topology.kubernetes.io/zone';

function toScores(scores: Readonly<Record<string, PluginScore>> | undefined): PluginScoreModel[] {
  return Object.entries(scores ?? {}).map(([plugin, score]) => ({ plugin, ...score }));
}

function toScoredNode(candidate: ScoredNode): ScoredNodeModel {
  return { node: candidate.node, total: candidate.total, scores: toScores(candidate.scores) };
}

export function toNodeExplanation(node: NodeExplanation): NodeExplanationModel {
  return {
    node: node.node,
    name: node.node,
    feasible: node.feasible,
    total: node.total ?? null,
    scores: node.scores ? toScores(node.scores) : null,
    filters: node.filters
      ? node.filters.map((failure) => ({ ...failure, details: failure.details?.map((detail) => ({ ...detail })), facts: filterFailureFacts(failure) }))
      : null,
  };
}

/** Scored nodes tell which plugins skipped: a summary's candidates, or a full table's feasible nodes. */
function toUnscoredPlugins(placement: Pick<Placement, 'candidates' | 'nodes'>) {
  return unscoredPlugins(placement.candidates ?? placement.nodes?.filter((node) => node.feasible) ?? []).map((unscored) => ({ ...unscored }));
}

/** Node labels by node name, of the cluster a plan ran on (nodes absent from it: no labels). */
export type NodeLabelsByName = ReadonlyMap<string, Readonly<Record<string, string>>>;

/** The same node object on simulated and stored placements. */
function placementNodeOf(node: string | null, zone: string | null, nodeLabels: NodeLabelsByName): PlacementNodeModel | null {
  if (node === null) return null;
  const labels = nodeLabels.get(node);
  return { name: node, labels: { ...(labels ?? {}) }, zone: labels?.[ZONE_LABEL] ?? zone };
}

function toPlacement(placement: Placement, nodeLabels: NodeLabelsByName): PlacementModel {
  return {
    ...placement,
    nodeName: placement.node,
    placedOn: placementNodeOf(placement.node, placement.zone, nodeLabels),
    requests: placement.requests ? { ...placement.requests } : null,
    unscoredPlugins: toUnscoredPlugins(placement),
    candidates: placement.candidates?.map(toScoredNode),
    rejections: placement.rejections?.map((rejection) => ({ ...rejection })),
    nodes: placement.nodes?.map(toNodeExplanation),
    gated: toSchedulingGated(placement.gated),
    volumes: placement.volumes?.map((volume) => ({ ...volume })) ?? null,
    devices: placement.devices?.map(toAllocatedDevice) ?? null,
  };
}

/** A placement's device; the optional fields null when unset, as GraphQL reads them. */
function toAllocatedDevice(device: AllocatedDevice): AllocatedDeviceModel {
  return { ...device, adminAccess: device.adminAccess ?? null, shareID: device.shareID ?? null, consumedCapacity: device.consumedCapacity ? { ...device.consumedCapacity } : null };
}

function toSchedulingGated(gated: Placement['gated']): SchedulingGatedModel | null {
  return gated ? { ...gated, schedulingGates: [...gated.schedulingGates] } : null;
}

export function toSimulationModel(result: SimulationResult, nodeLabels: NodeLabelsByName = new Map()): SimulationModel {
  return {
    ...result,
    workloads: result.workloads.map((workload) => ({ ...workload })),
    warnings: [...result.warnings],
    placements: result.placements.map((placement) => toPlacement(placement, nodeLabels)),
  };
}

export function toPlanModel(view: PlanView): PlanModel {
  return {
    id: view.id,
    topologyId: view.topologyId,
    revision: view.revision,
    name: view.name,
    status: view.status,
    progress: view.progress,
    createdAt: view.createdAt,
    rerunOf: view.rerunOf,
    timings: view.timings,
    summary: view.result?.summary ?? null,
    workloads: view.result?.workloads.map((workload) => ({ ...workload })) ?? [],
    mode: view.result?.mode ?? null,
    kubernetesVersion: view.result?.kubernetesVersion ?? null,
    warnings: view.result ? [...view.result.warnings] : [],
    error: view.error ? { message: view.error.message, errors: (view.error.errors ?? []).map((error) => ({ ...error })) } : null,
  };
}

export function toPlanPlacementModel(
  planId: string,
  stored: StoredPlacement,
  nodeLabels: NodeLabelsByName,
): PlanPlacementModel {
  const { placement } = stored;
  const placedOn = placementNodeOf(placement.node, placement.zone, nodeLabels);
  return {
    planId,
    ordinal: stored.ordinal,
    workload: placement.workload,
    replica: placement.replica,
    pod: placement.pod,
    namespace: placement.namespace,
    node: placedOn,
    nodeName: placement.node,
    placedOn,
    zone: placement.zone,
    score: placement.score,
    message: placement.message,
    requests: placement.requests ? { ...placement.requests } : null,
    unscoredPlugins: toUnscoredPlugins(placement),
    gated: toSchedulingGated(placement.gated),
    volumes: placement.volumes?.map((volume) => ({ ...volume })) ?? null,
    devices: placement.devices?.map(toAllocatedDevice) ?? null,
    feasibleNodes: placement.feasibleNodes,
    evaluatedNodes: placement.evaluatedNodes,
    candidates: (placement.candidates ?? []).map(toScoredNode),
    rejections: (placement.rejections ?? []).map((rejection) => ({ ...rejection })),
  };
}

interface CountRow {
  node: string | null;
  zone: string | null;
  kind: string;
  namespace: string;
  name: string;
  replicas: number;
}

/** Every kind a plan accepts is apps/v1 except the bare v1 Pod. */
function workloadRef(row: CountRow) {
  return { apiVersion: row.kind === 'Pod' ? 'v1' : 'apps/v1', kind: row.kind, namespace: row.namespace, name: row.name };
}

export function toNodeReplicas(rows: readonly CountRow[]): NodeReplicasModel[] {
  const byNode = new Map<string, NodeReplicasModel>();
  for (const row of rows) {
    if (row.node === null) continue;
    let entry = byNode.get(row.node);
    if (!entry) byNode.set(row.node, (entry = { node: row.node, zone: row.zone, replicas: 0, workloads: [] }));
    entry.replicas += row.replicas;
    entry.workloads.push({ workload: workloadRef(row), replicas: row.replicas });
  }
  return [...byNode.values()];
}

export function toZoneReplicas(rows: readonly CountRow[]): ZoneReplicasModel[] {
  const byZone = new Map<string, ZoneReplicasModel>();
  for (const row of rows) {
    if (row.node === null) continue;
    const zone = row.zone ?? '';
    let entry = byZone.get(zone);
    if (!entry) byZone.set(zone, (entry = { zone, replicas: 0, workloads: [] }));
    entry.replicas += row.replicas;
    const existing = entry.workloads.find((count) => count.workload.kind === row.kind && count.workload.namespace === row.namespace && count.workload.name === row.name);
    if (existing) existing.replicas += row.replicas;
    else entry.workloads.push({ workload: workloadRef(row), replicas: row.replicas });
  }
  return [...byZone.values()].sort((a, b) => (a.zone < b.zone ? -1 : a.zone > b.zone ? 1 : 0));
}
