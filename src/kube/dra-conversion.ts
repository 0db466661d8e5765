/**
 * resource.k8s.io v1beta1 and v1beta2 objects in the v1 shape, as the API
 * server's conversion produces them (pkg/apis/resource/v1beta1
 * conversion.go: a v1beta1 device's fields sit under `basic`; a v1beta1
 * request's deviceClassName, selectors, allocationMode, count, adminAccess
 * and tolerations move under `exactly` unless it has `firstAvailable`).
 * v1beta2 already has the v1 shape. Then v1's defaults (SetDefaults_*:
 * allocationMode ExactCount, count 1 for ExactCount).
 */
import { apiGroupOf } from './object-kinds.js';
import { isJsonObject, type JsonObject } from './json-object.js';

const EXACT_REQUEST_FIELDS = ['deviceClassName', 'selectors', 'allocationMode', 'count', 'adminAccess', 'tolerations', 'capacity'];

function apiVersionOf(object: JsonObject): string {
  return typeof object.apiVersion === 'string' ? object.apiVersion : 'resource.k8s.io/v1';
}

function isV1beta1(object: JsonObject): boolean {
  const version = apiVersionOf(object);
  return apiGroupOf(version) === 'resource.k8s.io' && version.endsWith('/v1beta1');
}

/** v1beta1 Device {name, basic: {…}} → v1 Device {name, …}. */
function convertDevice(device: unknown): unknown {
  if (!isJsonObject(device) || !isJsonObject(device.basic)) return device;
  const { basic, ...rest } = device;
  return { ...rest, ...basic };
}

/** SetDefaults_ExactDeviceRequest / SetDefaults_DeviceSubRequest. */
function withAllocationDefaults(request: JsonObject): JsonObject {
  const allocationMode = request.allocationMode ?? 'ExactCount';
  return { ...request, allocationMode, ...(allocationMode === 'ExactCount' && request.count === undefined && { count: 1 }) };
}

function convertRequest(request: unknown, fromV1beta1: boolean): unknown {
  if (!isJsonObject(request)) return request;
  let converted = request;
  if (fromV1beta1) {
    const exactly: JsonObject = {};
    const rest: JsonObject = {};
    for (const [field, value] of Object.entries(request)) {
      if (EXACT_REQUEST_FIELDS.includes(field)) exactly[field] = value;
      else rest[field] = value;
    }
    const hasSubRequests = Array.isArray(request.firstAvailable) && request.firstAvailable.length > 0;
    converted = hasSubRequests ? rest : { ...rest, exactly };
  }
  if (isJsonObject(converted.exactly)) converted = { ...converted, exactly: withAllocationDefaults(converted.exactly) };
  if (Array.isArray(converted.firstAvailable)) {
    converted = { ...converted, firstAvailable: converted.firstAvailable.map((sub) => (isJsonObject(sub) ? withAllocationDefaults(sub) : sub)) };
  }
  return converted;
}

/** A ResourceClaimSpec (of a claim or a template) in v1's shape. */
export function convertClaimSpec(spec: unknown, fromV1beta1: boolean): unknown {
  if (!isJsonObject(spec) || !isJsonObject(spec.devices)) return spec;
  const devices = spec.devices;
  return {
    ...spec,
    devices: { ...devices, ...(Array.isArray(devices.requests) && { requests: devices.requests.map((request) => convertRequest(request, fromV1beta1)) }) },
  };
}

/** Any served version of a DRA object → its v1 shape (other fields untouched). */
export function convertDraObject(kind: string, object: JsonObject): JsonObject {
  const fromV1beta1 = isV1beta1(object);
  switch (kind) {
    case 'ResourceSlice': {
      if (!fromV1beta1 || !isJsonObject(object.spec) || !Array.isArray(object.spec.devices)) return object;
      return { ...object, spec: { ...object.spec, devices: object.spec.devices.map(convertDevice) } };
    }
    case 'ResourceClaim':
      return { ...object, spec: convertClaimSpec(object.spec, fromV1beta1) };
    case 'ResourceClaimTemplate': {
      if (!isJsonObject(object.spec)) return object;
      return { ...object, spec: { ...object.spec, spec: convertClaimSpec(object.spec.spec, fromV1beta1) } };
    }
    default:
      return object;
  }
}
