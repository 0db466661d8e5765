/**
 * A pod's effective requests, as upstream computes them in
 * component-helpers/resource/helpers.go PodRequests:
 * - the sum of app containers plus restartable (sidecar) init containers;
 * - compared element-wise with each regular init container's request (plus
 *   the sidecars started before it), the larger wins;
 * - pod-level `spec.resources.requests` (PodLevelResources) replace the
 *   container aggregate for each resource pod-level resources support
 *   (IsSupportedPodLevelResource: cpu and memory; hugepages-* from v1.33,
 *   kubernetes PR 130577) — applyPodLevelResources. With the gate off they are
 *   ignored (the scheduler passes SkipPodLevelResources);
 * - `spec.overhead` is added last.
 * A container that sets a limit but no request gets the limit as request
 * (API-server defaulting), so objects written by hand behave like stored ones.
 */
import type { V1Container, V1Pod } from '@kubernetes/client-node';
import { addInto, CPU, maxInto, MEMORY, parseResourceList, type ResourceList } from './resources.js';

/** Scoring defaults for containers that request nothing (scheduler/util/pod_resources.go). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

const HUGE_PAGES_PREFIX = 'hugepages-';

/** How the emulated release reads pod-level resources (release-table.ts). */
export interface PodRequestOptions {
  /** PodLevelResources is on: pod-level requests count (upstream SkipPodLevelResources = !enabled). */
  readonly podLevelResources: boolean;
  /** Pod-level hugepages-* are supported (v1.33+); before, only cpu and memory. */
  readonly podLevelHugePages: boolean;
}

/** The newest release's defaults (PodLevelResources on, hugepages supported). */
export const DEFAULT_POD_REQUEST_OPTIONS: PodRequestOptions = { podLevelResources: true, podLevelHugePages: true };

function isSupportedPodLevelResource(name: string, options: PodRequestOptions): boolean {
  return name === CPU || name === MEMORY || (options.podLevelHugePages && name.startsWith(HUGE_PAGES_PREFIX));
}

/** The pod names any pod-level request (whether the emulated release reads it or not). */
export function hasPodLevelRequests(pod: V1Pod): boolean {
  const requests = pod.spec?.resources?.requests;
  return requests !== undefined && requests !== null && Object.keys(requests).length > 0;
}

/** Pod-level requests that apply, or undefined when none do (IsPodLevelRequestsSet, gate included). */
function podLevelRequests(pod: V1Pod, options: PodRequestOptions): ResourceList | undefined {
  if (!options.podLevelResources) return undefined;
  const requests = parseResourceList(pod.spec?.resources?.requests as Record<string, string> | undefined);
  const supported: ResourceList = {};
  let any = false;
  for (const name in requests) {
    if (!isSupportedPodLevelResource(name, options)) continue;
    supported[name] = requests[name];
    any = true;
  }
  return any ? supported : undefined;
}

/** A container's requests; `nonMissing` fills in resources it does not name (applyNonMissing). */
function containerRequests(container: V1Container, nonMissing: Readonly<ResourceList> | undefined): ResourceList {
  const requests = parseResourceList(container.resources?.requests as Record<string, string> | undefined);
  const limits = parseResourceList(container.resources?.limits as Record<string, string> | undefined);
  for (const name in limits) {
    if (!(name in requests)) requests[name] = limits[name];
  }
  if (nonMissing) {
    // Only a missing request is defaulted; an explicit 0 stays 0.
    for (const name in nonMissing) if (!(name in requests)) requests[name] = nonMissing[name];
  }
  return requests;
}

/** AggregateContainerRequests: the KEP-753 sum/max over containers, init containers and sidecars. */
function aggregateContainerRequests(pod: V1Pod, nonMissing: Readonly<ResourceList> | undefined): ResourceList {
  const spec = pod.spec;
  const total: ResourceList = {};
  if (!spec) return total;
  for (const container of spec.containers ?? []) addInto(total, containerRequests(container, nonMissing));

  const sidecarsSoFar: ResourceList = {};
  const initPeak: ResourceList = {};
  for (const container of spec.initContainers ?? []) {
    const requests = containerRequests(container, nonMissing);
    if (container.restartPolicy === 'Always') {
      addInto(total, requests);
      addInto(sidecarsSoFar, requests);
      maxInto(initPeak, sidecarsSoFar);
    } else {
      const whileRunning: ResourceList = { ...requests };
      addInto(whileRunning, sidecarsSoFar);
      maxInto(initPeak, whileRunning);
    }
  }
  maxInto(total, initPeak);
  return total;
}

/** PodRequests: container aggregate, pod-level requests applied, overhead added. */
function computePodRequests(pod: V1Pod, options: PodRequestOptions, nonMissing: Readonly<ResourceList> | undefined): ResourceList {
  const total = aggregateContainerRequests(pod, nonMissing);
  const podLevel = podLevelRequests(pod, options);
  if (podLevel) Object.assign(total, podLevel);
  addInto(total, parseResourceList(pod.spec?.overhead as Record<string, string> | undefined));
  return total;
}

const SCORING_DEFAULTS: ResourceList = { [CPU]: DEFAULT_MILLI_CPU_REQUEST, [MEMORY]: DEFAULT_MEMORY_REQUEST };

function cpuAndMemory(requests: Readonly<ResourceList>): ResourceList {
  return { [CPU]: requests[CPU] ?? 0, [MEMORY]: requests[MEMORY] ?? 0 };
}

/** The requests NodeResourcesFit filters with (and node "requested" sums). */
export function podRequests(pod: V1Pod, options: PodRequestOptions = DEFAULT_POD_REQUEST_OPTIONS): ResourceList {
  return computePodRequests(pod, options, undefined);
}

/**
 * What a pod adds to its node's NonZeroRequested (framework PodInfo.CalculateResource
 * with getNonMissingContainerRequests): containers without a cpu/memory request
 * count 100m / 200Mi so best-effort pods still spread. When pod-level requests
 * apply, a default is used only for a resource that neither the pod level nor
 * any container names.
 */
export function podNonZeroRequests(pod: V1Pod, options: PodRequestOptions = DEFAULT_POD_REQUEST_OPTIONS): ResourceList {
  if (!podLevelRequests(pod, options)) return cpuAndMemory(computePodRequests(pod, options, SCORING_DEFAULTS));
  const requests = computePodRequests(pod, options, undefined);
  const nonMissing: ResourceList = {};
  for (const name of [CPU, MEMORY]) if (!(name in requests)) nonMissing[name] = SCORING_DEFAULTS[name];
  return cpuAndMemory(Object.keys(nonMissing).length === 0 ? requests : computePodRequests(pod, options, nonMissing));
}

/**
 * The cpu/memory requests the resource scorers use for the pod being placed
 * (resource_allocation.go calculatePodResourceRequest with
 * NonMissingContainerRequests): every container is defaulted, then pod-level
 * requests apply. Differs from podNonZeroRequests only when pod-level
 * requests set one of cpu/memory and some container leaves the other out.
 */
export function podScoringRequests(pod: V1Pod, options: PodRequestOptions = DEFAULT_POD_REQUEST_OPTIONS): ResourceList {
  return cpuAndMemory(computePodRequests(pod, options, SCORING_DEFAULTS));
}
