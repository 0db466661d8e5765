/**
 * A pod's effective requests, as upstream computes them in
 * component-helpers/resource/helpers.go PodRequests:
 * - the sum of app containers plus restartable (sidecar) init containers;
 * - compared element-wise with each regular init container's request (plus
 *   the sidecars started before it), the larger wins;
 * - pod-level `spec.resources.requests` (PodLevelResources, beta and on in
 *   1.34) replace the container aggregate for cpu and memory;
 * - `spec.overhead` is added last.
 * A container that sets a limit but no request gets the limit as request
 * (API-server defaulting), so objects written by hand behave like stored ones.
 */
import type { V1Container, V1Pod } from '@kubernetes/client-node';
import { addInto, CPU, maxInto, MEMORY, parseResourceList, type ResourceList } from './resources.js';

/** Scoring defaults for containers that request nothing (scheduler/util/pod_resources.go). */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

/** Resources that pod-level requests may set (PodLevelResources supports cpu and memory). */
const POD_LEVEL_RESOURCES = [CPU, MEMORY];

function containerRequests(container: V1Container, nonZero: boolean): ResourceList {
  const requests = parseResourceList(container.resources?.requests as Record<string, string> | undefined);
  const limits = parseResourceList(container.resources?.limits as Record<string, string> | undefined);
  for (const name in limits) {
    if (!(name in requests)) requests[name] = limits[name];
  }
  if (nonZero) {
    // NonMissingContainerRequests: only a missing request is defaulted; an explicit 0 stays 0.
    if (!(CPU in requests)) requests[CPU] = DEFAULT_MILLI_CPU_REQUEST;
    if (!(MEMORY in requests)) requests[MEMORY] = DEFAULT_MEMORY_REQUEST;
  }
  return requests;
}

function aggregateRequests(pod: V1Pod, nonZero: boolean): ResourceList {
  const spec = pod.spec;
  const total: ResourceList = {};
  if (!spec) return total;
  for (const container of spec.containers ?? []) addInto(total, containerRequests(container, nonZero));

  const sidecarsSoFar: ResourceList = {};
  const initPeak: ResourceList = {};
  for (const container of spec.initContainers ?? []) {
    const requests = containerRequests(container, nonZero);
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

  const podLevel = parseResourceList(spec.resources?.requests as Record<string, string> | undefined);
  for (const name of POD_LEVEL_RESOURCES) {
    if (name in podLevel) total[name] = podLevel[name];
  }
  addInto(total, parseResourceList(spec.overhead as Record<string, string> | undefined));
  return total;
}

/** The requests NodeResourcesFit filters with (and node "requested" sums). */
export function podRequests(pod: V1Pod): ResourceList {
  return aggregateRequests(pod, false);
}

/**
 * The requests scoring uses: containers without a cpu/memory request count as
 * 100m / 200Mi so best-effort pods still spread (NodeInfo.NonZeroRequested).
 */
export function podNonZeroRequests(pod: V1Pod): ResourceList {
  const requests = aggregateRequests(pod, true);
  return { [CPU]: requests[CPU] ?? 0, [MEMORY]: requests[MEMORY] ?? 0 };
}
