/**
 * Stored forms of the DRA objects (resource.k8s.io/v1, issue 16): what the
 * structured allocator and the DynamicResources plugin read
 * (k8s.io/dynamic-resource-allocation/structured, plugins/dynamicresources),
 * nothing else. Objects of v1beta1/v1beta2 are converted first
 * (dra-conversion.ts). Claim and class configuration (opaque driver
 * parameters) is dropped: allocation copies it but never reads it.
 */
import { convertDraObject } from './dra-conversion.js';
import type { DroppedFields } from './dropped-fields.js';
import { isJsonObject, type JsonObject } from './json-object.js';
import { stripMetadata } from './metadata-stripping.js';

const API_VERSION = 'resource.k8s.io/v1';
const SLICE_SPEC_FIELDS = ['driver', 'pool', 'nodeName', 'nodeSelector', 'allNodes', 'perDeviceNodeSelection', 'sharedCounters', 'devices'];
const POOL_FIELDS = ['name', 'generation', 'resourceSliceCount'];
const DEVICE_FIELDS = ['name', 'attributes', 'capacity', 'consumesCounters', 'nodeName', 'nodeSelector', 'allNodes', 'taints', 'allowMultipleAllocations', 'bindsToNode', 'bindingConditions', 'bindingFailureConditions'];
const CLASS_SPEC_FIELDS = ['selectors', 'extendedResourceName'];
const CLAIM_DEVICES_FIELDS = ['requests', 'constraints'];
const REQUEST_FIELDS = ['name', 'exactly', 'firstAvailable'];
const EXACT_REQUEST_FIELDS = ['deviceClassName', 'selectors', 'allocationMode', 'count', 'adminAccess', 'tolerations', 'capacity'];
const SUB_REQUEST_FIELDS = ['name', 'deviceClassName', 'selectors', 'allocationMode', 'count', 'tolerations', 'capacity'];
const CONSTRAINT_FIELDS = ['requests', 'matchAttribute', 'distinctAttribute'];
const CLAIM_STATUS_FIELDS = ['allocation', 'reservedFor'];
const ALLOCATION_FIELDS = ['devices', 'nodeSelector'];
const RESULT_FIELDS = ['request', 'driver', 'pool', 'device', 'adminAccess', 'shareID', 'consumedCapacity', 'bindingConditions', 'bindingFailureConditions'];
const CONSUMER_FIELDS = ['apiGroup', 'resource', 'name', 'uid'];

function pickEach(list: unknown, kept: readonly string[], prefix: string, dropped: DroppedFields): JsonObject[] {
  return Array.isArray(list) ? list.map((item) => dropped.pick(item, kept, prefix)) : [];
}

export function stripResourceSlice(slice: JsonObject, dropped: DroppedFields): JsonObject {
  const converted = convertDraObject('ResourceSlice', slice);
  const spec = dropped.pick(converted.spec, SLICE_SPEC_FIELDS, 'spec');
  spec.pool = dropped.pick(spec.pool, POOL_FIELDS, 'spec.pool');
  spec.devices = pickEach(spec.devices, DEVICE_FIELDS, 'spec.devices', dropped);
  return { apiVersion: API_VERSION, kind: 'ResourceSlice', metadata: stripMetadata(converted.metadata, dropped), spec };
}

export function stripDeviceClass(deviceClass: JsonObject, dropped: DroppedFields): JsonObject {
  return { apiVersion: API_VERSION, kind: 'DeviceClass', metadata: stripMetadata(deviceClass.metadata, dropped), spec: dropped.pick(deviceClass.spec, CLASS_SPEC_FIELDS, 'spec') };
}

function stripRequest(request: unknown, dropped: DroppedFields, prefix: string): JsonObject {
  const kept = dropped.pick(request, REQUEST_FIELDS, prefix);
  if (kept.exactly !== undefined) kept.exactly = dropped.pick(kept.exactly, EXACT_REQUEST_FIELDS, `${prefix}.exactly`);
  if (kept.firstAvailable !== undefined) kept.firstAvailable = pickEach(kept.firstAvailable, SUB_REQUEST_FIELDS, `${prefix}.firstAvailable`, dropped);
  return kept;
}

function stripClaimSpec(spec: unknown, dropped: DroppedFields, prefix: string): JsonObject {
  const devices = dropped.pick(isJsonObject(spec) ? spec.devices : undefined, CLAIM_DEVICES_FIELDS, `${prefix}.devices`);
  if (isJsonObject(spec)) {
    for (const field of Object.keys(spec)) if (field !== 'devices') dropped.count(`${prefix}.${field}`);
  }
  return {
    devices: {
      requests: Array.isArray(devices.requests) ? devices.requests.map((request) => stripRequest(request, dropped, `${prefix}.devices.requests`)) : [],
      ...(devices.constraints !== undefined && { constraints: pickEach(devices.constraints, CONSTRAINT_FIELDS, `${prefix}.devices.constraints`, dropped) }),
    },
  };
}

export function stripResourceClaim(claim: JsonObject, dropped: DroppedFields): JsonObject {
  const converted = convertDraObject('ResourceClaim', claim);
  const stripped: JsonObject = { apiVersion: API_VERSION, kind: 'ResourceClaim', metadata: stripMetadata(converted.metadata, dropped), spec: stripClaimSpec(converted.spec, dropped, 'spec') };
  if (converted.status !== undefined) {
    const status = dropped.pick(converted.status, CLAIM_STATUS_FIELDS, 'status');
    if (status.allocation !== undefined) {
      const allocation = dropped.pick(status.allocation, ALLOCATION_FIELDS, 'status.allocation');
      const devices = dropped.pick(allocation.devices, ['results'], 'status.allocation.devices');
      allocation.devices = { results: pickEach(devices.results, RESULT_FIELDS, 'status.allocation.devices.results', dropped) };
      status.allocation = allocation;
    }
    if (status.reservedFor !== undefined) status.reservedFor = pickEach(status.reservedFor, CONSUMER_FIELDS, 'status.reservedFor', dropped);
    stripped.status = status;
  }
  return stripped;
}

export function stripResourceClaimTemplate(template: JsonObject, dropped: DroppedFields): JsonObject {
  const converted = convertDraObject('ResourceClaimTemplate', template);
  const outer = isJsonObject(converted.spec) ? converted.spec : {};
  const metadata = dropped.pick(outer.metadata, ['labels', 'annotations'], 'spec.metadata');
  return {
    apiVersion: API_VERSION,
    kind: 'ResourceClaimTemplate',
    metadata: stripMetadata(converted.metadata, dropped),
    spec: { ...(Object.keys(metadata).length > 0 && { metadata }), spec: stripClaimSpec(outer.spec, dropped, 'spec.spec') },
  };
}
