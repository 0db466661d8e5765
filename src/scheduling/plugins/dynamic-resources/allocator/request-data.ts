/**
 * One request or subrequest of a claim as the allocator reads it
 * (allocator_stable.go requestAccessor, exactDeviceRequestAccessor and
 * deviceSubRequestAccessor).
 */
import type { V1CapacityRequirements, V1DeviceClass, V1DeviceRequest, V1DeviceSelector, V1DeviceSubRequest, V1DeviceToleration } from '@kubernetes/client-node';
import type { PoolDevice } from './pools.js';

export interface RequestAccessor {
  readonly name: string;
  readonly deviceClassName: string;
  readonly allocationMode: string;
  readonly count: number;
  readonly adminAccess: boolean;
  readonly hasAdminAccess: boolean;
  readonly selectors: readonly V1DeviceSelector[];
  readonly tolerations: readonly V1DeviceToleration[];
  /** DRAConsumableCapacity: how much of each capacity of a multi-allocatable device to consume. */
  readonly capacity?: V1CapacityRequirements;
}

export function exactRequest(request: V1DeviceRequest): RequestAccessor {
  const exactly = request.exactly;
  return {
    name: request.name,
    deviceClassName: exactly?.deviceClassName ?? '',
    allocationMode: exactly?.allocationMode ?? 'ExactCount',
    count: Number(exactly?.count ?? 1),
    adminAccess: exactly?.adminAccess === true,
    hasAdminAccess: exactly?.adminAccess !== undefined && exactly.adminAccess !== null,
    selectors: exactly?.selectors ?? [],
    tolerations: exactly?.tolerations ?? [],
    ...(exactly?.capacity && { capacity: exactly.capacity }),
  };
}

export function subRequest(sub: V1DeviceSubRequest): RequestAccessor {
  return {
    name: sub.name,
    deviceClassName: sub.deviceClassName,
    allocationMode: sub.allocationMode ?? 'ExactCount',
    count: Number(sub.count ?? 1),
    adminAccess: false,
    hasAdminAccess: false,
    selectors: sub.selectors ?? [],
    tolerations: sub.tolerations ?? [],
    ...(sub.capacity && { capacity: sub.capacity }),
  };
}

/** allocator_stable.go requestData: one entry per request without subrequests and per subrequest. */
export interface RequestData {
  readonly request: RequestAccessor;
  /** The request of a subrequest, undefined otherwise. */
  readonly parent?: RequestAccessor;
  readonly deviceClass: V1DeviceClass;
  readonly numDevices: number;
  /** allocationMode All: the devices, fixed up front. */
  readonly allDevices?: readonly PoolDevice[];
}

export function requestName(data: RequestData): string {
  return data.parent ? `${data.parent.name}/${data.request.name}` : data.request.name;
}
