/**
 * A claim's `matchAttribute` constraint (allocator_stable.go
 * matchAttributeConstraint): every device allocated for the named requests
 * (all requests when none are named) has the attribute, with one value.
 * Constraints are monotonic: once one refuses a device, adding more devices
 * never satisfies it, so the search can stop early.
 */
import type { V1Device } from '@kubernetes/client-node';
import type { DeviceAttributeValue } from '../../../../kube/cel/device-selector.js';

/** A device attribute as stored (JSON `int`, which client-node's V1DeviceAttribute names `_int`). */
type V1DeviceAttribute = DeviceAttributeValue;

/** allocator lookupAttribute: the attribute by its full name, or by its id when the domain is the driver. */
export function lookupAttribute(device: V1Device, driver: string, attributeName: string): V1DeviceAttribute | undefined {
  const attributes = (device.attributes ?? {}) as Record<string, V1DeviceAttribute>;
  if (attributes[attributeName] !== undefined) return attributes[attributeName];
  const slash = attributeName.indexOf('/');
  if (slash < 0 || attributeName.slice(0, slash) !== driver) return undefined;
  return attributes[attributeName.slice(slash + 1)];
}

function sameValue(left: V1DeviceAttribute, right: V1DeviceAttribute): boolean {
  if (left.string !== undefined) return right.string === left.string;
  if (left.int !== undefined) return right.int !== undefined && BigInt(right.int) === BigInt(left.int);
  if (left.bool !== undefined) return right.bool === left.bool;
  // semver 2.0.0 versions are minimal, so equal versions are equal strings.
  if (left.version !== undefined) return right.version === left.version;
  return false;
}

/** A claim constraint checked as devices are added and removed (allocator constraint interface). */
export interface DeviceConstraint {
  add(request: string, subRequest: string | undefined, device: V1Device, driver: string): boolean;
  remove(request: string, subRequest: string | undefined): void;
}

export class MatchAttributeConstraint implements DeviceConstraint {
  private attribute: V1DeviceAttribute | undefined;
  private devices = 0;

  constructor(
    readonly attributeName: string,
    private readonly requestNames: ReadonlySet<string>,
  ) {}

  private applies(request: string, subRequest: string | undefined): boolean {
    if (this.requestNames.size === 0) return true;
    return this.requestNames.has(request) || (subRequest !== undefined && this.requestNames.has(`${request}/${subRequest}`));
  }

  add(request: string, subRequest: string | undefined, device: V1Device, driver: string): boolean {
    if (!this.applies(request, subRequest)) return true;
    const attribute = lookupAttribute(device, driver, this.attributeName);
    if (attribute === undefined) return false;
    if (this.devices === 0) {
      this.attribute = attribute;
      this.devices = 1;
      return true;
    }
    if (this.attribute === undefined || !sameValue(attribute, this.attribute)) return false;
    this.devices++;
    return true;
  }

  remove(request: string, subRequest: string | undefined): void {
    if (!this.applies(request, subRequest)) return;
    this.devices--;
  }
}
