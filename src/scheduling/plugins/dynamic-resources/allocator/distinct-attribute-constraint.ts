/**
 * A claim's `distinctAttribute` constraint (DRAConsumableCapacity;
 * k8s.io/dynamic-resource-allocation v0.35 structured/internal/experimental/
 * constraint.go distinctAttributeConstraint): every device allocated for the
 * named requests (all requests when none are named) has the attribute, and
 * no two have the same value. As upstream, the values are kept per request
 * name (the parent's for a subrequest), so a request's second device
 * replaces its first's value and removing one device forgets the request's
 * value altogether.
 */
import type { V1Device } from '@kubernetes/client-node';
import type { DeviceAttributeValue } from '../../../../kube/cel/device-selector.js';
import { lookupAttribute, type DeviceConstraint } from './match-attribute-constraint.js';

/** The value, or undefined for an attribute without a known one (upstream's "unknown value type": never distinct). */
function attributeKey(attribute: DeviceAttributeValue): string | undefined {
  if (attribute.string !== undefined) return `s${attribute.string}`;
  if (attribute.int !== undefined) return `i${BigInt(attribute.int)}`;
  if (attribute.bool !== undefined) return `b${attribute.bool}`;
  // semver 2.0.0 versions are minimal, so equal versions are equal strings.
  if (attribute.version !== undefined) return `v${attribute.version}`;
  return undefined;
}

export class DistinctAttributeConstraint implements DeviceConstraint {
  private readonly values = new Map<string, DeviceAttributeValue>();
  private devices = 0;

  constructor(
    readonly attributeName: string,
    private readonly requestNames: ReadonlySet<string>,
  ) {}

  private applies(request: string, subRequest: string | undefined): boolean {
    if (this.requestNames.size === 0) return true;
    return this.requestNames.has(request) || (subRequest !== undefined && this.requestNames.has(`${request}/${subRequest}`));
  }

  /** matchesAttribute: false when a kept value has the same type and value (or the attribute has no known type). */
  private isDistinct(attribute: DeviceAttributeValue): boolean {
    const key = attributeKey(attribute);
    for (const kept of this.values.values()) {
      if (key === undefined || attributeKey(kept) === key) return false;
    }
    return true;
  }

  add(request: string, subRequest: string | undefined, device: V1Device, driver: string): boolean {
    if (!this.applies(request, subRequest)) return true;
    const attribute = lookupAttribute(device, driver, this.attributeName);
    if (attribute === undefined) return false;
    if (this.devices > 0 && !this.isDistinct(attribute)) return false;
    this.values.set(request, attribute);
    this.devices++;
    return true;
  }

  remove(request: string, subRequest: string | undefined): void {
    if (!this.applies(request, subRequest)) return;
    this.values.delete(request);
    this.devices--;
  }
}
