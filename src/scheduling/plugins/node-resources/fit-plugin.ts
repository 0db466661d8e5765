/**
 * NodeResourcesFit, as upstream plugins/noderesources/fit.go (v1.34/1.35,
 * default feature gates): PreFilter computes the pod's requests once; Filter
 * rejects nodes without room, with one reason per short resource and
 * UnschedulableAndUnresolvable when a request exceeds the node's whole
 * allocatable; PreScore/Score rank nodes with the configured scoring strategy.
 * Upstream has no PreFilterExtensions (the requests do not depend on other pods).
 */
import type { CycleState } from '../../framework/cycle-state.js';
import type { FilterPlugin, PreFilterPlugin, PreFilterResult, PreScorePlugin, ScorePlugin } from '../../framework/interfaces.js';
import { PluginNames } from '../../framework/names.js';
import { Code, Status } from '../../framework/status.js';
import type { ClusterState } from '../../model/cluster-state.js';
import type { NodeInfo } from '../../model/node-info.js';
import { deviceClassMapping, requestableName } from '../dynamic-resources/extended-resources.js';
import { DRA_EXTENDED_RESOURCE_RULES, type DraExtendedResourceRules } from '../../release/release-table.js';
import { DraExtendedResourceTotals } from './dra-extended-resource-totals.js';
import { isExtendedResourceName } from './resource-names.js';
import type { PodInfo } from '../../model/pod-info.js';
import { ScoringStrategyType, type NodeResourcesFitArgs, type ScoringStrategy } from './fit-args.js';
import { fitsRequest, type InsufficientResource } from './fits-request.js';
import { leastResourceScorer } from './least-allocated.js';
import { mostResourceScorer } from './most-allocated.js';
import { computePodResourceRequest, type IgnoredResources, type PodResourceRequest } from './pod-resource-request.js';
import { requestedToCapacityRatioScorer } from './requested-to-capacity-ratio.js';
import { ResourceAllocation, type ResourceAllocationState } from './resource-allocation.js';
import type { ResourceScorer } from './resource-scorer.js';

/** upstream fit.go PreFilter's message when SidecarContainers is off. */
export const ErrReasonSidecarContainersDisabled = 'Pod has a restartable init container and the SidecarContainers feature is disabled';

function hasRestartableInitContainer(pod: PodInfo): boolean {
  return (pod.pod.spec?.initContainers ?? []).some((container) => container.restartPolicy === 'Always');
}

const PRE_FILTER_STATE_KEY = `PreFilter${PluginNames.NodeResourcesFit}`;
const PRE_SCORE_STATE_KEY = `PreScore${PluginNames.NodeResourcesFit}`;

function strategyScorer(strategy: ScoringStrategy): ResourceScorer {
  switch (strategy.type) {
    case ScoringStrategyType.LeastAllocated:
      return leastResourceScorer(strategy.resources);
    case ScoringStrategyType.MostAllocated:
      return mostResourceScorer(strategy.resources);
    case ScoringStrategyType.RequestedToCapacityRatio:
      return requestedToCapacityRatioScorer(strategy.resources, strategy.requestedToCapacityRatio?.shape ?? []);
  }
}

/** The Filter status for a non-empty shortfall list: every reason, in order, each with its numbers. */
export function insufficientResourcesStatus(insufficient: readonly InsufficientResource[]): Status {
  const code = insufficient.some((resource) => resource.unresolvable) ? Code.UnschedulableAndUnresolvable : Code.Unschedulable;
  return new Status(
    code,
    insufficient.map((resource) => resource.reason),
    insufficient.map(({ resourceName, requested, used, capacity, unresolvable }) => ({ resourceName, requested, used, capacity, unresolvable })),
  );
}

export class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin {
  readonly name = PluginNames.NodeResourcesFit;
  readonly nodeLocal = true;
  private readonly ignored: IgnoredResources;
  private readonly allocation: ResourceAllocation;

  constructor(
    readonly args: NodeResourcesFitArgs,
    /** SidecarContainers (GA and locked from v1.33; only v1.32 can turn it off). */
    private readonly enableSidecarContainers = true,
    /** DRAExtendedResource (alpha, off through v1.35). */
    private readonly enableDRAExtendedResource = false,
    /** What DRAExtendedResource does in the release (DRA_EXTENDED_RESOURCE_RULES). */
    private readonly draExtendedResourceRules: DraExtendedResourceRules = DRA_EXTENDED_RESOURCE_RULES.releases['v1.35'],
  ) {
    this.ignored = { names: new Set(args.ignoredResources), groups: new Set(args.ignoredResourceGroups) };
    this.allocation = new ResourceAllocation(args.scoringStrategy.resources, strategyScorer(args.scoringStrategy), false);
  }

  preFilter(state: CycleState, pod: PodInfo, cluster?: ClusterState): PreFilterResult {
    if (!this.enableSidecarContainers && hasRestartableInitContainer(pod)) {
      // as upstream fit.go PreFilter: the requests of such a pod cannot be computed without the feature.
      return { status: Status.unresolvable(ErrReasonSidecarContainersDisabled) };
    }
    state.write(PRE_FILTER_STATE_KEY, this.withDeviceClass(computePodResourceRequest(pod, this.ignored), cluster));
    return { status: null };
  }

  /**
   * fit.go withDeviceClass: which requested scalars a DeviceClass maps, read
   * only when the pod asks for an extended resource name. v1.34 reads every
   * non-zero scalar for the name (ignored ones too) and, finding none, leaves
   * the mapping nil, which fitsRequest reads as "every scalar".
   */
  private withDeviceClass(request: PodResourceRequest, cluster: ClusterState | undefined): PodResourceRequest {
    if (!this.enableDRAExtendedResource || cluster === undefined) return request;
    const rules = this.draExtendedResourceRules;
    const devicePluginServes = rules.devicePluginServes;
    if (rules.fitSkipsUnlistedScalarsWithoutMapping) {
      const asked = request.scalars.some((scalar) => scalar.quantity !== 0 && isExtendedResourceName(scalar.name));
      if (!asked) return { ...request, draBacked: { names: 'every scalar', devicePluginServes } };
      const mapping = deviceClassMapping(cluster.objects.dra.deviceClasses.values(), rules);
      return { ...request, draBacked: { names: new Set(request.checkedScalars.filter((scalar) => mapping.has(scalar.name)).map((scalar) => scalar.name)), devicePluginServes } };
    }
    const requestable = requestableName(rules);
    const named = request.checkedScalars.filter((scalar) => requestable(scalar.name));
    if (named.length === 0) return request;
    const mapping = deviceClassMapping(cluster.objects.dra.deviceClasses.values(), rules);
    return { ...request, draBacked: { names: new Set(named.filter((scalar) => mapping.has(scalar.name)).map((scalar) => scalar.name)), devicePluginServes } };
  }

  filter(state: CycleState, _pod: PodInfo, node: NodeInfo): Status | null {
    const insufficient = fitsRequest(state.read<PodResourceRequest>(PRE_FILTER_STATE_KEY), node);
    return insufficient.length === 0 ? null : insufficientResourcesStatus(insufficient);
  }

  preScore(state: CycleState, pod: PodInfo, _nodes?: readonly NodeInfo[], cluster?: ClusterState): Status | null {
    // fit.go PreScore (v1.35): the DRA view for scored resources a DeviceClass may back (getDRAPreScoredParams).
    const scoresDra = this.enableDRAExtendedResource && this.draExtendedResourceRules.scoring && cluster !== undefined;
    const dra = scoresDra ? DraExtendedResourceTotals.forResources(this.allocation.resources.map((resource) => resource.name), cluster.objects.dra) : undefined;
    state.write(PRE_SCORE_STATE_KEY, this.allocation.state(pod, dra));
    return null;
  }

  score(state: CycleState, pod: PodInfo, node: NodeInfo): number {
    // Upstream recomputes the requests when PreScore did not run for this cycle.
    const scoring = state.readOptional<ResourceAllocationState>(PRE_SCORE_STATE_KEY) ?? this.allocation.state(pod);
    return this.allocation.score(scoring, node);
  }
}
