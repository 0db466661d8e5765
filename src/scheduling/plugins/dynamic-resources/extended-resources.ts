/**
 * Extended resources backed by DRA (KEP-5004, gate DRAExtendedResource):
 * a pod asks for `example.com/gpu: 2` in its containers' requests, no node
 * advertises it in allocatable (no device plugin), and a DeviceClass maps the
 * name, so DynamicResources allocates devices of that class through a claim
 * the scheduler makes for the pod. What changed between releases is
 * DraExtendedResourceRules (release-table.ts DRA_EXTENDED_RESOURCE_RULES):
 * - dynamicresources/extended/extended.go DeviceClassMapping: v1.35 maps
 *   every class's implicit name `deviceclass.resource.kubernetes.io/<class>`,
 *   and its spec.extendedResourceName when set; classes sharing an explicit
 *   name resolve to the newest (creationTimestamp), then the first by name
 *   (kubernetes PRs 133363, 135037). v1.34 (release-1.34 extended/util.go):
 *   the explicit name replaces the implicit one, and of classes sharing a
 *   name the last listed wins (upstream: lister order);
 * - which requested names count: v1.35 scheduler/util
 *   IsDRAExtendedResourceName (an extended resource name or an implicit
 *   one); v1.34 v1helper.IsExtendedResourceName, which implicit names fail;
 * - dynamicresources/extendedresource.go filterExtendedResources: a node
 *   whose allocatable has the resource serves it by device plugin — v1.35
 *   above zero (kubernetes PR 133784), v1.34 listed at all; otherwise the
 *   claim asks DRA for it; a name neither mapped nor in allocatable does not
 *   fit ("cannot fit resource");
 * - createDeviceRequests: one ExactCount request per container and resource,
 *   named `container-<i>-request-<j>` (i: the container's index among init
 *   containers then containers; j: the resource's index among that
 *   container's sorted request names), sorted by name. v1.34 requests every
 *   mapped resource of the pod, the device plugin's ones on the node too.
 */
import type { V1Container, V1DeviceClass, V1DeviceRequest, V1Pod, ResourceV1ResourceClaim } from '@kubernetes/client-node';
import { quantityNanos } from '../../../kube/quantity.js';
import type { NodeInfo } from '../../model/node-info.js';
import type { DraExtendedResourceRules } from '../../release/release-table.js';
import { isExtendedResourceName } from '../node-resources/resource-names.js';

/** resourceapi.ResourceDeviceClassPrefix. */
export const DEVICE_CLASS_RESOURCE_PREFIX = 'deviceclass.resource.kubernetes.io/';
/** resourceapi.ExtendedResourceClaimAnnotation: marks the claim the scheduler made for a pod's extended resources. */
export const EXTENDED_RESOURCE_CLAIM_ANNOTATION = 'resource.kubernetes.io/extended-resource-claim';
/** extendedresource.go specialClaimInMemName: the claim's name until PreBind creates it. */
export const SPECIAL_CLAIM_IN_MEMORY_NAME = '<extended-resources>';

/** util.IsDRAExtendedResourceName. */
export function isDraExtendedResourceName(name: string): boolean {
  return isExtendedResourceName(name) || name.startsWith(DEVICE_CLASS_RESOURCE_PREFIX);
}

function creationTime(deviceClass: V1DeviceClass): number {
  const stamp = deviceClass.metadata?.creationTimestamp;
  return stamp === undefined ? 0 : new Date(stamp as unknown as string).getTime();
}

/** extended.go deviceClassCmp: the newer class, then the first by name. */
function preferred(candidate: V1DeviceClass, current: V1DeviceClass | undefined): V1DeviceClass {
  if (current === undefined) return candidate;
  const [a, b] = [creationTime(candidate), creationTime(current)];
  if (a !== b) return a > b ? candidate : current;
  return (candidate.metadata?.name ?? '') < (current.metadata?.name ?? '') ? candidate : current;
}

/** extended.go DeviceClassMapping: extended resource name → device class name. */
export function deviceClassMapping(classes: Iterable<V1DeviceClass>, rules: Pick<DraExtendedResourceRules, 'mapping'> = { mapping: 'both' }): Map<string, string> {
  const byName = new Map<string, V1DeviceClass>();
  for (const deviceClass of classes) {
    const implicit = DEVICE_CLASS_RESOURCE_PREFIX + (deviceClass.metadata?.name ?? '');
    const explicit = deviceClass.spec?.extendedResourceName;
    if (rules.mapping === 'explicit or implicit') {
      // release-1.34 util.go: one name per class, a later class overwriting an earlier one.
      byName.set(explicit || implicit, deviceClass);
      continue;
    }
    byName.set(implicit, deviceClass);
    if (explicit) byName.set(explicit, preferred(deviceClass, byName.get(explicit)));
  }
  return new Map([...byName].map(([resource, deviceClass]) => [resource, deviceClass.metadata?.name ?? '']));
}

/** The names a release's scheduler treats as extended resources a DeviceClass may back. */
export function requestableName(rules: Pick<DraExtendedResourceRules, 'implicitNamesRequestable'>): (name: string) => boolean {
  return rules.implicitNamesRequestable ? isDraExtendedResourceName : isExtendedResourceName;
}

/** Whether the node's device plugin serves the resource (filterExtendedResources' okScalar / allocatable test). */
export function servedByDevicePlugin(node: NodeInfo, name: string, rules: Pick<DraExtendedResourceRules, 'devicePluginServes'>): boolean {
  const allocatable = node.allocatable[name];
  return rules.devicePluginServes === 'listed' ? allocatable !== undefined : (allocatable ?? 0) > 0;
}

/** The pod's non-zero scalar requests with a DRA extended resource name (preFilterExtendedResources reads `framework.NewResource(PodRequests)`). */
export function draExtendedResourceRequests(requests: Readonly<Record<string, number>>, rules: Pick<DraExtendedResourceRules, 'implicitNamesRequestable'> = { implicitNamesRequestable: true }): [string, number][] {
  const requestable = requestableName(rules);
  return Object.keys(requests)
    .filter((name) => requests[name] !== 0 && requestable(name))
    .sort()
    .map((name) => [name, requests[name]]);
}

/** hasDeviceClassMappedExtendedResource. */
export function hasMappedExtendedResource(requests: readonly [string, number][], mapping: ReadonlyMap<string, string>): boolean {
  return requests.some(([name]) => mapping.has(name));
}

export type NodeExtendedResources =
  | { readonly unfit: string }
  | {
      /** The resources DRA must provide on the node. */
      readonly viaDra: readonly string[];
      /** The resources the node's claim requests: viaDra, and in v1.34 the mapped ones the device plugin serves too. */
      readonly claimed: readonly string[];
    };

/** filterExtendedResources, per node: the resources DRA must provide there, or the first that cannot fit. */
export function nodeExtendedResources(
  requests: readonly [string, number][],
  mapping: ReadonlyMap<string, string>,
  node: NodeInfo,
  rules: Pick<DraExtendedResourceRules, 'devicePluginServes' | 'claimRequestsDevicePluginResources'> = { devicePluginServes: 'above zero', claimRequestsDevicePluginResources: false },
): NodeExtendedResources {
  const viaDra: string[] = [];
  const claimed: string[] = [];
  for (const [name] of requests) {
    if (mapping.has(name)) {
      if (!servedByDevicePlugin(node, name, rules)) viaDra.push(name);
      if (rules.claimRequestsDevicePluginResources || !servedByDevicePlugin(node, name, rules)) claimed.push(name);
    } else if (node.allocatable[name] === undefined) {
      return { unfit: name };
    }
  }
  return { viaDra, claimed };
}

/** Quantity.AsInt64: the integer value, or undefined for a fraction. */
function wholeQuantity(quantity: string | number): number | undefined {
  const nanos = quantityNanos(quantity);
  return nanos % 1_000_000_000n === 0n ? Number(nanos / 1_000_000_000n) : undefined;
}

/** createDeviceRequests, for the resources the node's claim requests. */
export function extendedResourceDeviceRequests(pod: V1Pod, claimed: readonly string[], mapping: ReadonlyMap<string, string>): V1DeviceRequest[] {
  const containers: V1Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const requests: V1DeviceRequest[] = [];
  for (const resource of claimed) {
    containers.forEach((container, containerIndex) => {
      const containerRequests = container.resources?.requests as Record<string, string | number> | undefined;
      const quantity = containerRequests?.[resource];
      if (quantity === undefined) return;
      const count = wholeQuantity(quantity);
      const deviceClassName = mapping.get(resource);
      if (count === undefined || count === 0 || !deviceClassName) return;
      const resourceIndex = Object.keys(containerRequests!).sort().indexOf(resource);
      requests.push({ name: `container-${containerIndex}-request-${resourceIndex}`, exactly: { deviceClassName, allocationMode: 'ExactCount', count } });
    });
  }
  return requests.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** preFilterExtendedResources' in-memory claim, owned by the pod; Filter gives each node its requests. */
export function specialClaim(pod: V1Pod, requests: V1DeviceRequest[]): ResourceV1ResourceClaim {
  return {
    apiVersion: 'resource.k8s.io/v1',
    kind: 'ResourceClaim',
    metadata: {
      name: SPECIAL_CLAIM_IN_MEMORY_NAME,
      namespace: pod.metadata?.namespace || 'default',
      generateName: `${pod.metadata?.name ?? ''}-extended-resources-`,
      annotations: { [EXTENDED_RESOURCE_CLAIM_ANNOTATION]: 'true' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '', controller: true, blockOwnerDeletion: true }],
    },
    spec: { devices: { requests } },
  };
}

/** Whether any container of the pod names a DRA extended resource (cheap: read before looking for the pod's special claim). */
export function requestsDraExtendedResource(pod: V1Pod, rules: Pick<DraExtendedResourceRules, 'implicitNamesRequestable'> = { implicitNamesRequestable: true }): boolean {
  const requestable = requestableName(rules);
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  return containers.some((container) => Object.keys(container.resources?.requests ?? {}).some(requestable));
}

/** findExtendedResourceClaim: a claim from an earlier cycle, annotated and controlled by the pod. */
export function findExtendedResourceClaim(pod: V1Pod, claims: Iterable<ResourceV1ResourceClaim>): ResourceV1ResourceClaim | undefined {
  for (const claim of claims) {
    if (claim.metadata?.annotations?.[EXTENDED_RESOURCE_CLAIM_ANNOTATION] !== 'true') continue;
    if ((claim.metadata.ownerReferences ?? []).some((owner) => owner.name === pod.metadata?.name && owner.controller === true && owner.uid === pod.metadata?.uid)) return claim;
  }
  return undefined;
}
