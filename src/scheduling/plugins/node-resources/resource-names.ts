/**
 * Which resource names the scheduler treats as "scalar" (counted one by one
 * beside cpu, memory and ephemeral-storage), as upstream
 * pkg/apis/core/v1/helper/helpers.go: IsExtendedResourceName,
 * IsHugePageResourceName, IsPrefixedNativeResource,
 * IsAttachableVolumeResourceName, and scheduler/util IsScalarResourceName.
 */
import { qualifiedNameErrors } from '../node-affinity/label-syntax.js';

const DEFAULT_NAMESPACE_PREFIX = 'kubernetes.io/';
const HUGE_PAGES_PREFIX = 'hugepages-';
const ATTACHABLE_VOLUMES_PREFIX = 'attachable-volumes-';
/** Quota's prefix for requests (v1.DefaultResourceRequestsPrefix). */
const REQUESTS_PREFIX = 'requests.';

/** Names containing `kubernetes.io/` (e.g. `kubernetes.io/something`, `subdomain.kubernetes.io/x`). */
export function isPrefixedNativeResource(name: string): boolean {
  return name.includes(DEFAULT_NAMESPACE_PREFIX);
}

/** Unprefixed names (cpu, memory, pods, …) and kubernetes.io-prefixed ones. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || isPrefixedNativeResource(name);
}

/** A vendor resource such as `example.com/foo` or `nvidia.com/gpu`, valid as a quota name once prefixed with `requests.`. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith(REQUESTS_PREFIX)) return false;
  return qualifiedNameErrors(`${REQUESTS_PREFIX}${name}`).length === 0;
}

export function isHugePageResourceName(name: string): boolean {
  return name.startsWith(HUGE_PAGES_PREFIX);
}

export function isAttachableVolumeResourceName(name: string): boolean {
  return name.startsWith(ATTACHABLE_VOLUMES_PREFIX);
}

/** Resources framework.Resource keeps in ScalarResources; anything else but cpu/memory/ephemeral-storage/pods is dropped. */
export function isScalarResourceName(name: string): boolean {
  return (
    isExtendedResourceName(name) ||
    isHugePageResourceName(name) ||
    isPrefixedNativeResource(name) ||
    isAttachableVolumeResourceName(name)
  );
}
