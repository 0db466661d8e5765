/**
 * A simulation from validated input to the contract's result: build the
 * cluster state, expand workloads into the pods their controllers would
 * create, build the scheduler profile, place every replica in order, and
 * render placements. Pure: callers (REST, GraphQL, plans, CLI) own I/O.
 */
import type { V1Pod } from '@kubernetes/client-node';
import type { ClusterObjects } from '../kube/cluster-objects.js';
import { InvalidInputError } from '../kube/field-error.js';
import { expandWorkloads, type ExpandedWorkload } from '../kube/workloads.js';
import { buildProfile } from '../scheduling/config/build-profile.js';
import { resolveEmulation, type Emulation, type EmulationRequest } from '../scheduling/release/emulation.js';
import { clusterRelease } from '../scheduling/release/cluster-release.js';
import type { Profile } from '../scheduling/framework/framework.js';
import { PluginNames } from '../scheduling/framework/names.js';
import { ClusterState } from '../scheduling/model/cluster-state.js';
import { podRequests, type PodRequestOptions } from '../scheduling/model/pod-requests.js';
import { CPU, MEMORY } from '../scheduling/model/resources.js';
import { POD_REASON_SCHEDULING_GATED } from '../scheduling/plugins/scheduling-gates/scheduling-gates-plugin.js';
import type { NodeExplanation, PodDecision } from '../scheduling/planner/decision.js';
import { DEFAULT_SEED, Planner, type PlanRun } from '../scheduling/planner/planner.js';
import { placementMessage } from './explanation-text.js';
import { addPlannedClaims } from './planned-claims.js';
import { placementVolumes } from './placement-volumes.js';
import { allocatedDevices } from './placement-devices.js';
import { withVolumeExplanations } from './volume-rejection-text.js';
import { addPlannedResourceClaims } from './planned-resource-claims.js';
import { applyScenario } from './scenario/apply-scenario.js';
import { removeSchedulingGates } from './scenario/scheduling-gate-removal.js';
import type { ScenarioSummary } from './scenario/cluster-summary.js';
import { parseScenario, type ScenarioEdit } from './scenario/scenario-edits.js';
import type { Placement, SimulationResult, SimulationWarning, WorkloadSummary } from './simulation-result.js';
import { reconcileRunningWorkloads, type PlannedWorkload, type RunningWorkloadOptions } from './running-workloads.js';
import { planWorkloads } from './rollout-execution.js';

const ZONE_LABEL = 'topology.kubernetes.io/zone';

export interface SimulationOptions {
  readonly explain: 'summary' | 'full';
  readonly mode: 'exhaustive' | 'faithful';
  readonly seed?: number;
  readonly topCandidates?: number;
  readonly onProgress?: (done: number, total: number) => void;
  readonly shouldStop?: () => boolean;
}

/** Everything a simulation needs, validated: made before any work is done, so bad input fails fast. */
export interface PreparedSimulation {
  readonly cluster: ClusterState;
  /** What is planned: workloads already running keep their pods (running-workloads.ts). */
  readonly workloads: readonly PlannedWorkload[];
  readonly profile: Profile;
  readonly warnings: readonly SimulationWarning[];
  /** The release planned as, with its feature gates. */
  readonly emulation: Emulation;
  /** Present when a scenario edited the cluster: its summary before and after. */
  readonly scenario?: ScenarioSummary;
}

export function prepareSimulation(
  cluster: ClusterState,
  workloads: readonly unknown[],
  schedulerConfig: unknown,
  clusterObjects: Pick<ClusterObjects, 'priorityClasses' | 'clusterVersion'>,
  clusterWarnings: readonly SimulationWarning[] = [],
  scenario?: readonly unknown[],
  release: EmulationRequest = {},
  running: RunningWorkloadOptions | 'plan-again' = {},
): PreparedSimulation {
  // The request's release, else the one the cluster runs, else the newest; gates checked against it.
  const fromCluster = clusterRelease(clusterObjects.clusterVersion);
  const emulation = resolveEmulation(release, fromCluster.release);
  const errors = [];
  let profile: Profile | undefined;
  try {
    profile = buildProfile(schedulerConfig, 'schedulerConfig', undefined, emulation);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    errors.push(...error.errors);
  }
  const existingPodNames = new Set<string>();
  for (const node of cluster.nodes) for (const pod of node.pods) existingPodNames.add(pod.key);
  let expanded: ExpandedWorkload[] = [];
  try {
    expanded = expandWorkloads(
      [...workloads],
      { priorityClasses: clusterObjects.priorityClasses, existingPodNames, apiServerGates: emulation.features },
      'workloads',
    );
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    errors.push(...error.errors);
  }
  let edits: ScenarioEdit[] = [];
  const gateWarnings: SimulationWarning[] = [];
  try {
    edits = parseScenario(scenario);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    errors.push(...error.errors);
  }
  if (errors.length === 0) {
    try {
      const lifted = removeSchedulingGates(expanded, edits);
      expanded = lifted.workloads;
      gateWarnings.push(...lifted.warnings);
    } catch (error) {
      if (!(error instanceof InvalidInputError)) throw error;
      errors.push(...error.errors);
    }
  }
  if (errors.length > 0 || !profile) throw new InvalidInputError(errors);

  // Edits apply to a fork: a saved topology's cached state is never changed.
  const edited = edits.length > 0 ? applyScenario(cluster, edits, profile) : undefined;
  const working = edited ? edited.cluster : cluster.fork();
  // Workloads already running in the (edited) cluster are not planned again, unless the caller counts beside them (capacity).
  const reconciled = running === 'plan-again' ? { workloads: expanded, warnings: [] } : reconcileRunningWorkloads(expanded, working, running);
  const planned: PlannedWorkload[] = reconciled.workloads;
  const warnings: SimulationWarning[] = [...clusterWarnings];
  if (release.kubernetesVersion === undefined && fromCluster.warning) warnings.push(fromCluster.warning);
  for (const workload of planned) warnings.push(...workload.warnings);
  warnings.push(...reconciled.warnings);
  warnings.push(...gateWarnings);
  if (edited) warnings.push(...edited.warnings);
  // The indexed state counts pod-level requests as the newest release does; a release that reads them otherwise recounts its fork.
  const podRequestOptions = profile.podRequestOptions;
  if (podRequestOptions && (!podRequestOptions.podLevelResources || !podRequestOptions.podLevelHugePages)) working.recountPodLevelRequests(podRequestOptions);
  const replicaSets = planned.flatMap((workload) => workload.controllers.replicaSets);
  const statefulSets = planned.flatMap((workload) => workload.controllers.statefulSets);
  if (replicaSets.length > 0 || statefulSets.length > 0) {
    // The controllers a Deployment/StatefulSet creates exist before their pods are scheduled; default spreading reads them.
    working.withCatalog((catalog) => ({
      ...catalog,
      replicaSets: new Map([...catalog.replicaSets, ...replicaSets.map((rs) => [`${rs.metadata!.namespace}/${rs.metadata!.name}`, rs] as const)]),
      statefulSets: new Map([...catalog.statefulSets, ...statefulSets.map((sts) => [`${sts.metadata!.namespace}/${sts.metadata!.name}`, sts] as const)]),
    }));
  }
  addPlannedClaims(working, planned);
  addPlannedResourceClaims(working, planned);
  return { cluster: working, workloads: planned, profile, warnings, emulation, ...(edited ? { scenario: edited.summary } : {}) };
}

/** The workloads as far as the first `count` pods (a replay stops after the last pod it explains). */
function workloadsUpTo(workloads: readonly PlannedWorkload[], count: number): PlannedWorkload[] {
  const kept: PlannedWorkload[] = [];
  let left = count;
  for (const workload of workloads) {
    if (left <= 0) break;
    // A rollout is replayed whole: its steps decide which old pods are gone when a later replica is placed.
    kept.push(workload.pods.length <= left || workload.rollout ? workload : { ...workload, pods: workload.pods.slice(0, left) });
    left -= workload.pods.length;
  }
  return kept;
}

function schedulingGated(decision: PodDecision): Pick<Placement, 'gated'> {
  const held = decision.preEnqueueRejection;
  if (held?.plugin !== PluginNames.SchedulingGates) return {};
  const gates = (held.details?.[0]?.schedulingGates as string[] | undefined) ?? [];
  return { gated: { reason: POD_REASON_SCHEDULING_GATED, schedulingGates: gates, preEnqueue: held.reason } };
}

/**
 * cpu and memory requests by pod spec object, then by request options: the
 * replicas of a workload share their spec (kube/expansion/pod-factory.ts),
 * so a plan parses each template's requests once rather than per placement.
 */
const requestsBySpec = new WeakMap<NonNullable<V1Pod['spec']>, Map<PodRequestOptions | undefined, readonly [number, number]>>();

/** What the pod adds to its node's requested cpu and memory, as the scheduler counts it (PodRequests, with the emulated release's pod-level rules). */
function placementRequests(pod: V1Pod, options: PodRequestOptions | undefined): Placement['requests'] {
  const spec = pod.spec;
  let byOptions = spec && requestsBySpec.get(spec);
  let counted = byOptions?.get(options);
  if (!counted) {
    const requests = podRequests(pod, options);
    counted = [requests[CPU] ?? 0, requests[MEMORY] ?? 0];
    if (spec) {
      if (!byOptions) requestsBySpec.set(spec, (byOptions = new Map()));
      byOptions.set(options, counted);
    }
  }
  // A fresh object per placement: callers may edit a result.
  return { cpuMillicores: counted[0], memoryBytes: counted[1] };
}

function toPlacement(
  decision: PodDecision,
  workload: ExpandedWorkload,
  replica: number,
  cluster: ClusterState,
  explain: 'summary' | 'full',
  requestOptions: PodRequestOptions | undefined,
): Placement {
  const pod = workload.pods[replica];
  const volumes = placementVolumes(pod, decision.node !== null, cluster.objects.storage);
  return {
    workload: workload.ref,
    replica,
    pod: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? workload.ref.namespace,
    node: decision.node,
    zone: decision.node === null ? null : (cluster.node(decision.node)?.labels[ZONE_LABEL] ?? null),
    score: decision.score,
    message: placementMessage(decision),
    requests: placementRequests(pod, requestOptions),
    ...(volumes && { volumes }),
    ...schedulingGated(decision),
    ...allocatedDevices(decision, pod, cluster),
    feasibleNodes: decision.feasibleNodes,
    evaluatedNodes: decision.evaluatedNodes,
    ...(explain === 'full'
      ? { nodes: withVolumeExplanations(decision.nodes ?? [], pod.metadata?.namespace || workload.ref.namespace, cluster.objects.storage) }
      : { candidates: decision.candidates, rejections: decision.rejections }),
  };
}

export interface SimulationOutcome {
  readonly result: SimulationResult;
  readonly run: PlanRun;
}

/** `planner` defaults to the profile's own; analyses pass theirs, which counts the plan against their work budget. */
export function executeSimulation(
  prepared: PreparedSimulation,
  options: SimulationOptions,
  planner: Pick<Planner, 'plan'> = new Planner(prepared.profile),
): SimulationOutcome {
  const pods = prepared.workloads.flatMap((workload) => workload.pods);
  const run = planWorkloads(planner, prepared.cluster, prepared.workloads, {
    mode: options.mode,
    seed: options.seed,
    explain: options.explain,
    topCandidates: options.topCandidates,
    onProgress: options.onProgress,
    shouldStop: options.shouldStop,
  });
  const placements: Placement[] = [];
  const workloads: WorkloadSummary[] = [];
  let cursor = 0;
  for (const workload of prepared.workloads) {
    let scheduled = 0;
    let considered = 0;
    for (let replica = 0; replica < workload.pods.length && cursor < run.decisions.length; replica++, cursor++) {
      const decision = run.decisions[cursor];
      placements.push(toPlacement(decision, workload, replica, run.cluster, options.explain, prepared.profile.podRequestOptions));
      considered++;
      if (decision.node !== null) scheduled++;
    }
    workloads.push({ workload: workload.ref, replicas: workload.pods.length, scheduled, unschedulable: considered - scheduled });
  }
  const scheduled = placements.filter((placement) => placement.node !== null).length;
  return {
    run,
    result: {
      summary: { replicas: pods.length, scheduled, unschedulable: placements.length - scheduled },
      workloads,
      placements,
      mode: options.mode,
      ...(options.mode === 'faithful' ? { seed: options.seed ?? DEFAULT_SEED } : {}),
      explain: options.explain,
      kubernetesVersion: run.kubernetesVersion,
      warnings: prepared.warnings,
      ...(prepared.scenario ? { scenario: prepared.scenario } : {}),
    },
  };
}

/**
 * The full per-node table of one pod (by its position in the plan), by
 * replaying the plan: every earlier pod is placed exactly as before (the
 * engine is deterministic), then this one is scheduled with full explanations.
 * Undefined when `shouldStop` ended the replay first.
 */
export function explainReplica(
  prepared: PreparedSimulation,
  options: Pick<SimulationOptions, 'mode' | 'seed' | 'shouldStop'>,
  podIndex: number,
): readonly NodeExplanation[] | undefined {
  return explainReplicas(prepared, options, new Set([podIndex]))?.get(podIndex);
}

/**
 * The full per-node tables of several pods by one replay, as far as the last
 * of them: asking for the tables of 100 replicas of a plan costs one replay,
 * not 100. Undefined when `shouldStop` ended the replay first.
 */
export function explainReplicas(
  prepared: PreparedSimulation,
  options: Pick<SimulationOptions, 'mode' | 'seed' | 'shouldStop'>,
  podIndexes: ReadonlySet<number>,
): ReadonlyMap<number, readonly NodeExplanation[]> | undefined {
  const pods = prepared.workloads.flatMap((workload) => workload.pods);
  for (const podIndex of podIndexes) if (!Number.isInteger(podIndex) || podIndex < 0 || podIndex >= pods.length) throw new RangeError(`no pod at position ${podIndex}`);
  const last = Math.max(...podIndexes);
  const run = planWorkloads(new Planner(prepared.profile), prepared.cluster, workloadsUpTo(prepared.workloads, last + 1), {
    mode: options.mode,
    seed: options.seed,
    explain: 'summary',
    explainFullAt: podIndexes,
    shouldStop: options.shouldStop,
  });
  if (!run.complete) return undefined;
  const storage = run.cluster.objects.storage;
  return new Map(
    [...podIndexes].map((podIndex) => [podIndex, withVolumeExplanations(run.decisions[podIndex].nodes ?? [], pods[podIndex].metadata?.namespace || 'default', storage)]),
  );
}
