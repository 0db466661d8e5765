/**
 * What the API server adds to a pod on create, which the scheduler then sees:
 * defaulting (pkg/apis/core/v1/defaults.go: schedulerName, requests from
 * limits, hostPort under hostNetwork) and the DefaultTolerationSeconds
 * admission plugin (plugin/pkg/admission/defaulttolerationseconds).
 */
import type { V1Container, V1PodSpec, V1Toleration } from '@kubernetes/client-node';

export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
const DEFAULT_TOLERATION_SECONDS = 300;
const NOT_READY_TAINT = 'node.kubernetes.io/not-ready';
const UNREACHABLE_TAINT = 'node.kubernetes.io/unreachable';

/** Returns a new spec; the input is not modified. */
export function applyAdmissionDefaults(spec: V1PodSpec): V1PodSpec {
  const defaulted: V1PodSpec = { ...spec, schedulerName: spec.schedulerName || DEFAULT_SCHEDULER_NAME };
  defaulted.containers = spec.containers.map((container) => defaultContainer(container, spec.hostNetwork === true));
  if (spec.initContainers) defaulted.initContainers = spec.initContainers.map((container) => defaultContainer(container, spec.hostNetwork === true));
  defaulted.tolerations = withDefaultTolerations(spec.tolerations ?? []);
  return defaulted;
}

function defaultContainer(container: V1Container, hostNetwork: boolean): V1Container {
  const defaulted: V1Container = { ...container };
  const limits = container.resources?.limits;
  if (limits) {
    // SetDefaults_Pod: a limit without a request is also the request.
    defaulted.resources = { ...container.resources, requests: { ...limits, ...container.resources?.requests } };
  }
  if (hostNetwork && container.ports) {
    // SetDefaults_Pod: with the host's network, the container port is the host port.
    defaulted.ports = container.ports.map((port) => (port.hostPort ? port : { ...port, hostPort: port.containerPort }));
  }
  return defaulted;
}

/** An existing toleration with an empty key or effect already covers the default one. */
function tolerates(tolerations: readonly V1Toleration[], key: string): boolean {
  return tolerations.some((toleration) => (!toleration.key || toleration.key === key) && (!toleration.effect || toleration.effect === 'NoExecute'));
}

function withDefaultTolerations(tolerations: readonly V1Toleration[]): V1Toleration[] {
  const result = [...tolerations];
  for (const key of [NOT_READY_TAINT, UNREACHABLE_TAINT]) {
    if (!tolerates(tolerations, key)) result.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  return result;
}
