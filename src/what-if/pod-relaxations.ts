/**
 * One rule of a pod relaxed, as a person would edit its manifest: tolerate
 * a taint, drop one required (anti-)affinity term or spread constraint, ask
 * for less of a resource. Each returns a new pod; the input is not changed.
 */
import type { V1Container, V1Pod, V1Taint } from '@kubernetes/client-node';
import { formatAmount, toSchedulerUnits } from '../scheduling/model/resources.js';

export function withToleration(pod: V1Pod, taint: V1Taint): V1Pod {
  const toleration = { key: taint.key, operator: 'Equal', value: taint.value ?? '', effect: taint.effect };
  return { ...pod, spec: { ...pod.spec!, tolerations: [...(pod.spec?.tolerations ?? []), toleration] } };
}

export function withoutNodeSelector(pod: V1Pod): V1Pod {
  const { nodeSelector: _dropped, ...spec } = pod.spec!;
  return { ...pod, spec: { ...spec, containers: pod.spec!.containers } };
}

export function withoutRequiredNodeAffinity(pod: V1Pod): V1Pod {
  const affinity = pod.spec?.affinity;
  const nodeAffinity = { ...affinity?.nodeAffinity };
  delete nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  return { ...pod, spec: { ...pod.spec!, affinity: { ...affinity, nodeAffinity } } };
}

export type PodAffinityKind = 'podAffinity' | 'podAntiAffinity';

export function withoutPodAffinityTerm(pod: V1Pod, kind: PodAffinityKind, index: number): V1Pod {
  const affinity = pod.spec?.affinity ?? {};
  const stanza = affinity[kind] ?? {};
  const terms = (stanza.requiredDuringSchedulingIgnoredDuringExecution ?? []).filter((_, position) => position !== index);
  return { ...pod, spec: { ...pod.spec!, affinity: { ...affinity, [kind]: { ...stanza, requiredDuringSchedulingIgnoredDuringExecution: terms } } } };
}

export function withoutSpreadConstraint(pod: V1Pod, index: number): V1Pod {
  const constraints = (pod.spec?.topologySpreadConstraints ?? []).filter((_, position) => position !== index);
  return { ...pod, spec: { ...pod.spec!, topologySpreadConstraints: constraints } };
}

/**
 * The pod asking for `target` (scheduler units) of `resource` in total: the
 * difference comes off the app containers, last first, none below zero.
 * (Init containers and overhead are left alone; the verification run shows
 * whether the pod's effective request really dropped enough.)
 */
export function withLowerRequest(pod: V1Pod, resource: string, current: number, target: number): V1Pod {
  let excess = current - target;
  const containers: V1Container[] = [...pod.spec!.containers].reverse().map((container) => {
    const requested = container.resources?.requests?.[resource];
    if (excess <= 0 || requested === undefined) return container;
    const amount = toSchedulerUnits(resource, requested);
    const cut = Math.min(amount, excess);
    excess -= cut;
    const requests = { ...container.resources!.requests, [resource]: formatAmount(resource, amount - cut) };
    const limits = container.resources?.limits;
    return { ...container, resources: { ...container.resources, requests, ...(limits ? { limits } : {}) } };
  });
  return { ...pod, spec: { ...pod.spec!, containers: containers.reverse() } };
}
