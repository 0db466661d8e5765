/**
 * Extended resources backed by DRA (KEP-5004, gate DRAExtendedResource):
 * a pod asks for `example.com/gpu: 2` in its containers' requests, no node
 * advertises it in allocatable (no device plugin), and a DeviceClass maps the
 * name, so DynamicResources allocates devices of that class through a claim
 * the scheduler makes for the pod. As upstream v1.35:
 * - dynamicresources/extended/extended.go DeviceClassMapping: every class maps
 *   its implicit name `deviceclass.resource.kubernetes.io/<class>`, and its
 *   spec.extendedResourceName when set; classes sharing an explicit name
 *   resolve to the newest (creationTimestamp), then the first by name
 *   (kubernetes PR 133363 made the implicit name always usable);
 * - scheduler/util IsDRAExtendedResourceName: an extended resource name or an
 *   implicit one;
 * - dynamicresources/extendedresource.go filterExtendedResources: a node
 *   whose allocatable has the resource above zero serves it by device plugin
 *   (kubernetes PR 133784: allocatable 0 means no device plugin); otherwise
 *   the claim asks DRA for it; a name neither mapped nor in allocatable
 *   does not fit ("cannot fit resource");
 * - createDeviceRequests: one ExactCount request per container and resource,
 *   named `container-<i>-request-<j>` (i: the container's index among init
 *   containers then containers; j: the resource's index among that
 *   container's sorted request names), sorted by name.
 */
import type { V1Container, V1DeviceClass, V1DeviceRequest, V1Pod, ResourceV1ResourceClaim } from '@kubernetes/client-node';
import { quantityNanos } from '../../../kube/quantity.js';
import type { NodeInfo } from '../../model/node-info.js';
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
export function deviceClassMapping(classes: Iterable<V1DeviceClass>): Map<string, string> {
  const byName = new Map<string, V1DeviceClass>();
  for (const deviceClass of classes) {
    const name = deviceClass.metadata?.name ?? '';
    byName.set(DEVICE_CLASS_RESOURCE_PREFIX + name, deviceClass);
    const explicit = deviceClass.spec?.extendedResourceName;
    if (explicit) byName.set(explicit, preferred(deviceClass, byName.get(explicit)));
  }
  return new Map([...byName].map(([resource, deviceClass]) => [resource, deviceClass.metadata?.name ?? '']));
}

/** The pod's non-zero scalar requests with a DRA extended resource name (preFilterExtendedResources reads `framework.NewResource(PodRequests)`). */
export function draExtendedResourceRequests(requests: Readonly<Record<string, number>>): [string, number][] {
  return Object.keys(requests)
    .filter((name) => requests[name] !== 0 && isDraExtendedResourceName(name))
    .sort()
    .map((name) => [name, requests[name]]);
}

/** hasDeviceClassMappedExtendedResource. */
export function hasMappedExtendedResource(requests: readonly [string, number][], mapping: ReadonlyMap<string, string>): boolean {
  return requests.some(([name]) => mapping.has(name));
}

export type NodeExtendedResources = { readonly unfit: string } | { readonly viaDra: readonly string[] };

/** filterExtendedResources, per node: the resources DRA must provide there, or the first that cannot fit. */
export function nodeExtendedResources(requests: readonly [string, number][], mapping: ReadonlyMap<string, string>, node: NodeInfo): NodeExtendedResources {
  const viaDra: string[] = [];
  for (const [name] of requests) {
    const allocatable = node.allocatable[name];
    if (mapping.has(name)) {
      if (!((allocatable ?? 0) > 0)) viaDra.push(name);
    } else if (allocatable === undefined) {
      return { unfit: name };
    }
  }
  return { viaDra };
}

/** Quantity.AsInt64: the integer value, or undefined for a fraction. */
function wholeQuantity(quantity: string | number): number | undefined {
  const nanos = quantityNanos(quantity);
  return nanos % 1_000_000_000n === 0n ? Number(nanos / 1_000_000_000n) : undefined;
}

/** createDeviceRequests, for the resources DRA provides on the node. */
export function extendedResourceDeviceRequests(pod: V1Pod, viaDra: readonly string[], mapping: ReadonlyMap<string, string>): V1DeviceRequest[] {
  const containers: V1Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const requests: V1DeviceRequest[] = [];
  for (const resource of viaDra) {
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
export function requestsDraExtendedResource(pod: V1Pod): boolean {
  const containers = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  return containers.some((container) => Object.keys(container.resources?.requests ?? {}).some(isDraExtendedResourceName));
}

/** findExtendedResourceClaim: a claim from an earlier cycle, annotated and controlled by the pod. */
export function findExtendedResourceClaim(pod: V1Pod, claims: Iterable<ResourceV1ResourceClaim>): ResourceV1ResourceClaim | undefined {
  for (const claim of claims) {
    if (claim.metadata?.annotations?.[EXTENDED_RESOURCE_CLAIM_ANNOTATION] !== 'true') continue;
    if ((claim.metadata.ownerReferences ?? []).some((owner) => owner.name === pod.metadata?.name && owner.controller === true && owner.uid === pod.metadata?.uid)) return claim;
  }
  return undefined;
}
