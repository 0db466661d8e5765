/**
 * Host ports as upstream sees them: scheduler/util GetHostPorts (ports with
 * hostPort > 0 of the containers and of restartable — sidecar — init
 * containers only, since ordinary init containers have exited before the
 * others bind) and framework.HostPortInfo.CheckConflict semantics (empty IP
 * means 0.0.0.0, empty protocol means TCP; 0.0.0.0 conflicts with every IP).
 */
import type { V1Pod } from '@kubernetes/client-node';

export const DEFAULT_BIND_ALL_HOST_IP = '0.0.0.0';
const DEFAULT_PROTOCOL = 'TCP';

export interface HostPortBinding {
  readonly hostIP: string;
  readonly protocol: string;
  readonly hostPort: number;
}

export function hostPortsOf(pod: V1Pod): HostPortBinding[] {
  const spec = pod.spec;
  const containers = [...(spec?.initContainers ?? []).filter((container) => container.restartPolicy === 'Always'), ...(spec?.containers ?? [])];
  const bindings: HostPortBinding[] = [];
  for (const container of containers) {
    for (const port of container.ports ?? []) {
      if (!port.hostPort || port.hostPort <= 0) continue;
      bindings.push({ hostIP: port.hostIP || DEFAULT_BIND_ALL_HOST_IP, protocol: port.protocol || DEFAULT_PROTOCOL, hostPort: port.hostPort });
    }
  }
  return bindings;
}

/** Pods are immutable once they enter the engine, so their ports are computed once. */
const cache = new WeakMap<V1Pod, HostPortBinding[]>();

export function cachedHostPortsOf(pod: V1Pod): HostPortBinding[] {
  let bindings = cache.get(pod);
  if (!bindings) {
    bindings = hostPortsOf(pod);
    cache.set(pod, bindings);
  }
  return bindings;
}

/** HostPortInfo.CheckConflict for one wanted binding against one in use. */
export function hostPortsConflict(wanted: HostPortBinding, used: HostPortBinding): boolean {
  if (wanted.hostPort !== used.hostPort || wanted.protocol !== used.protocol) return false;
  return wanted.hostIP === DEFAULT_BIND_ALL_HOST_IP || used.hostIP === DEFAULT_BIND_ALL_HOST_IP || wanted.hostIP === used.hostIP;
}
