/**
 * Builders for the structured allocator's table cases, with the facts of
 * upstream's allocatortesting/allocator_testing.go fixtures: drivers
 * driver-a/driver-b, pools pool-1…pool-4, devices device-0…device-4, claims
 * claim-0/claim-1, requests req-0…req-3 with subrequests subReq-0/subReq-1,
 * classes class-a/class-b selecting their driver, nodes node-1 (region-1)
 * and node-2 (region-2), both on planet earth.
 */
import type {
  ResourceV1ResourceClaim,
  V1Device,
  V1DeviceClaimConfiguration,
  V1DeviceClass,
  V1DeviceConstraint,
  V1DeviceRequest,
  V1DeviceSubRequest,
  V1DeviceToleration,
  V1NodeSelector,
  V1ResourceSlice,
} from '@kubernetes/client-node';
import type { AllocatorFeatures, ClaimAllocation, DeviceResult } from '../../../../../src/scheduling/plugins/dynamic-resources/allocator/structured-allocator.js';
import { quantityNanos } from '../../../../../src/kube/quantity.js';
import type { SelectableNode } from '../../../../../src/scheduling/plugins/node-affinity/node-selector-term.js';

export const [region1, region2] = ['region-1', 'region-2'];
export const [node1, node2] = ['node-1', 'node-2'];
export const [classA, classB] = ['class-a', 'class-b'];
export const [driverA, driverB] = ['driver-a', 'driver-b'];
export const [pool1, pool2, pool3, pool4] = ['pool-1', 'pool-2', 'pool-3', 'pool-4'];
export const [req0, req1, req2, req3] = ['req-0', 'req-1', 'req-2', 'req-3'];
export const [subReq0, subReq1] = ['subReq-0', 'subReq-1'];
export const [req0SubReq0, req0SubReq1, req1SubReq0, req1SubReq1] = ['req-0/subReq-0', 'req-0/subReq-1', 'req-1/subReq-0', 'req-1/subReq-1'];
export const [claim0, claim1] = ['claim-0', 'claim-1'];
export const [slice1, slice2, slice3, slice4] = ['slice-1', 'slice-2', 'slice-3', 'slice-4'];
export const [device0, device1, device2, device3, device4] = ['device-0', 'device-1', 'device-2', 'device-3', 'device-4'];
export const [counterSet1, counterSet2] = ['counter-set-1', 'counter-set-2'];
export const regionKey = 'region';
export const planetKey = 'planet';
export const planetValueEarth = 'earth';
export const fieldNameKey = 'metadata.name';

/** resourceapi.AllocationResultsMaxSize. */
export const ALLOCATION_RESULTS_MAX_SIZE = 32;

export const NO_FEATURES: AllocatorFeatures = {
  adminAccess: false,
  prioritizedList: false,
  partitionableDevices: false,
  deviceTaints: false,
};

export function features(enabled: Partial<AllocatorFeatures>): AllocatorFeatures {
  return { ...NO_FEATURES, ...enabled };
}

export function node(name: string, region: string): SelectableNode {
  return { name, labels: { [regionKey]: region, [planetKey]: planetValueEarth } };
}

export const cel = (expression: string) => ({ cel: { expression } });

/** A class selecting one driver's devices. */
export function deviceClass(name: string, driver: string, ...extraSelectors: string[]): V1DeviceClass {
  return { metadata: { name }, spec: { selectors: [cel(`device.driver == "${driver}"`), ...extraSelectors.map(cel)] } };
}

/** Opaque configuration `{attribute: attributeValue}` for a driver. */
export function deviceConfiguration(driver: string, attribute: string) {
  return { opaque: { driver, parameters: { [attribute]: `${attribute}Value` } } };
}

export function classWithConfig(name: string, driver: string, attribute: string): V1DeviceClass {
  const base = deviceClass(name, driver);
  return { ...base, spec: { ...base.spec, config: [deviceConfiguration(driver, attribute)] } };
}

type ExactFields = Partial<NonNullable<V1DeviceRequest['exactly']>>;

/** An ExactCount request; `selectors` are CEL expressions. */
export function request(name: string, className: string, count: number, ...selectors: string[]): V1DeviceRequest {
  return { name, exactly: { deviceClassName: className, allocationMode: 'ExactCount', count, ...(selectors.length > 0 && { selectors: selectors.map(cel) }) } };
}

/** The request with fields of `exactly` replaced. */
export function withExactly(base: V1DeviceRequest, fields: ExactFields): V1DeviceRequest {
  return { ...base, exactly: { ...(base.exactly as NonNullable<V1DeviceRequest['exactly']>), ...fields } };
}

export function allDevicesRequest(name: string, className: string, fields: ExactFields = {}): V1DeviceRequest {
  return { name, exactly: { deviceClassName: className, allocationMode: 'All', ...fields } };
}

export function adminRequest(name: string, className: string, count = 1, mode: 'ExactCount' | 'All' = 'ExactCount'): V1DeviceRequest {
  return withExactly(request(name, className, count), { adminAccess: true, allocationMode: mode, ...(mode === 'All' && { count: undefined }) });
}

export function subRequest(name: string, className: string, count: number, fields: Partial<V1DeviceSubRequest> & { celSelectors?: string[] } = {}): V1DeviceSubRequest {
  const { celSelectors, ...rest } = fields;
  return { name, deviceClassName: className, allocationMode: 'ExactCount', count, ...(celSelectors && { selectors: celSelectors.map(cel) }), ...rest };
}

export function prioritizedRequest(name: string, ...subRequests: V1DeviceSubRequest[]): V1DeviceRequest {
  return { name, firstAvailable: subRequests };
}

export function claim(name: string, requests: V1DeviceRequest[], constraints?: V1DeviceConstraint[], config?: V1DeviceClaimConfiguration[]): ResourceV1ResourceClaim {
  return { metadata: { name }, spec: { devices: { requests, ...(constraints && { constraints }), ...(config && { config }) } } };
}

export function claimWithRequest(name: string, requestName: string, className: string, ...constraints: V1DeviceConstraint[]): ResourceV1ResourceClaim {
  return claim(name, [request(requestName, className, 1)], constraints.length > 0 ? constraints : undefined);
}

/** Adds tolerations to every exact request of the claim. */
export function withTolerations(base: ResourceV1ResourceClaim, ...tolerations: V1DeviceToleration[]): ResourceV1ResourceClaim {
  const requests = (base.spec.devices?.requests ?? []).map((entry) => (entry.exactly ? withExactly(entry, { tolerations: [...(entry.exactly.tolerations ?? []), ...tolerations] }) : entry));
  return { ...base, spec: { devices: { ...base.spec.devices, requests } } };
}

export const matchAttribute = (attribute: string, ...requests: string[]): V1DeviceConstraint => ({ matchAttribute: attribute, ...(requests.length > 0 && { requests }) });

type Attribute = { int?: number; string?: string; bool?: boolean; version?: string };

export interface DeviceFields {
  capacity?: Record<string, string>;
  attributes?: Record<string, Attribute>;
}

export function device(name: string, fields: DeviceFields = {}, extra: Partial<V1Device> = {}): V1Device {
  return {
    name,
    ...(fields.attributes && { attributes: fields.attributes as V1Device['attributes'] }),
    ...(fields.capacity && { capacity: Object.fromEntries(Object.entries(fields.capacity).map(([key, value]) => [key, { value }])) }),
    ...extra,
  };
}

export const memory = (value: string): DeviceFields => ({ capacity: { memory: value } });

/** Where a slice's devices are: a node name, all nodes, a node selector, or per device. */
export type NodeSelection = string | V1NodeSelector | typeof ALL_NODES | typeof PER_DEVICE;
export const ALL_NODES = Symbol('all nodes');
export const PER_DEVICE = Symbol('per-device node selection');

export interface PoolSpec {
  readonly name: string;
  readonly resourceSliceCount: number;
  readonly generation?: number;
}

export const resourcePool = (name: string, resourceSliceCount: number, generation = 1): PoolSpec => ({ name, resourceSliceCount, generation });

export function slice(name: string, nodeSelection: NodeSelection, pool: string | PoolSpec, driver: string, devices: V1Device[], extra: Partial<V1ResourceSlice['spec']> = {}): V1ResourceSlice {
  const poolSpec = typeof pool === 'string' ? resourcePool(pool, 1) : pool;
  const where =
    nodeSelection === ALL_NODES
      ? { allNodes: true }
      : nodeSelection === PER_DEVICE
        ? { perDeviceNodeSelection: true }
        : typeof nodeSelection === 'string'
          ? { nodeName: nodeSelection }
          : { nodeSelector: nodeSelection };
  return {
    metadata: { name },
    spec: { driver, pool: { name: poolSpec.name, generation: poolSpec.generation ?? 1, resourceSliceCount: poolSpec.resourceSliceCount }, ...where, ...(devices.length > 0 && { devices }), ...extra },
  };
}

export const sliceWithOneDevice = (name: string, nodeSelection: NodeSelection, pool: string | PoolSpec, driver: string): V1ResourceSlice =>
  slice(name, nodeSelection, pool, driver, [device(device1)]);

export const sliceWithNoDevices = (name: string, nodeSelection: NodeSelection, pool: string | PoolSpec, driver: string): V1ResourceSlice => slice(name, nodeSelection, pool, driver, []);

/** Devices device-0 … device-(count-1). */
export const sliceWithMultipleDevices = (name: string, nodeSelection: NodeSelection, pool: string | PoolSpec, driver: string, count: number): V1ResourceSlice =>
  slice(
    name,
    nodeSelection,
    pool,
    driver,
    Array.from({ length: count }, (_, index) => device(`device-${index}`)),
  );

export function nodeLabelSelector(key: string, ...values: string[]): V1NodeSelector {
  return { nodeSelectorTerms: [{ matchExpressions: [{ key, operator: 'In', values }] }] };
}

export function localNodeSelector(nodeName: string): V1NodeSelector {
  return { nodeSelectorTerms: [{ matchFields: [{ key: fieldNameKey, operator: 'In', values: [nodeName] }] }] };
}

export function result(requestName: string, driver: string, pool: string, deviceName: string, adminAccess = false, extra: Partial<DeviceResult> = {}): DeviceResult {
  return { request: requestName, driver, pool, device: deviceName, ...(adminAccess && { adminAccess: true }), ...extra };
}

export function allocation(nodeSelector: V1NodeSelector | undefined, ...devices: DeviceResult[]): ClaimAllocation {
  return { devices, ...(nodeSelector && { nodeSelector }) };
}

export function allocationWithConfig(nodeSelector: V1NodeSelector | undefined, devices: DeviceResult[], config: NonNullable<ClaimAllocation['config']>): ClaimAllocation {
  return { devices, config, ...(nodeSelector && { nodeSelector }) };
}

export function multipleResults(requestName: string, driver: string, pool: string, count: number, startIndex: number): DeviceResult[] {
  return Array.from({ length: count }, (_, index) => result(requestName, driver, pool, `device-${startIndex + index}`));
}

/** One table case of TestAllocator. */
export interface AllocatorCase {
  readonly features?: Partial<AllocatorFeatures>;
  readonly claims?: readonly ResourceV1ResourceClaim[];
  readonly allocatedDevices?: readonly string[];
  readonly classes?: readonly V1DeviceClass[];
  readonly slices?: readonly V1ResourceSlice[];
  readonly node?: SelectableNode;
  /** Omitted: no allocation (upstream's nil result). */
  readonly expectResults?: readonly ClaimAllocation[];
  /** A substring of the error upstream returns. */
  readonly expectError?: string;
  /** DRAConsumableCapacity: what shares in the cluster consume, by device id and capacity (allocatedCapacityDevices). */
  readonly allocatedCapacity?: Readonly<Record<string, Record<string, string>>>;
}

/** A device's consumption of one counter set (quantities by counter name). */
export const consumes = (counterSet: string, counters: Record<string, string> = {}) => ({
  counterSet,
  counters: Object.fromEntries(Object.entries(counters).map(([name, value]) => [name, { value }])),
});

/**
 * A partitionable device consuming counters; with `capacityFromCounters`
 * its capacity is the consumed amounts (upstream's `fromCounters`).
 */
export function partitionedDevice(name: string, consumptions: ReturnType<typeof consumes>[], options: { capacityFromCounters?: boolean; attributes?: DeviceFields['attributes'] } = {}): V1Device {
  const capacity: Record<string, string> = {};
  if (options.capacityFromCounters) for (const consumption of consumptions) for (const [counter, { value }] of Object.entries(consumption.counters)) capacity[counter] = value;
  return { ...device(name, { ...(options.capacityFromCounters && { capacity }), ...(options.attributes && { attributes: options.attributes }) }), consumesCounters: consumptions };
}

/** The device placed by per-device node selection. */
export function withNodeSelection(base: V1Device, nodeSelection: Exclude<NodeSelection, typeof PER_DEVICE>): V1Device {
  const where = nodeSelection === ALL_NODES ? { allNodes: true } : typeof nodeSelection === 'string' ? { nodeName: nodeSelection } : { nodeSelector: nodeSelection };
  return { ...base, ...where };
}

export const counterSet = (name: string, counters: Record<string, string> = {}) => ({
  name,
  counters: Object.fromEntries(Object.entries(counters).map(([counter, value]) => [counter, { value }])),
});

export function sliceWithCounterSets(name: string, nodeSelection: NodeSelection, pool: string | PoolSpec, driver: string, ...counterSets: ReturnType<typeof counterSet>[]): V1ResourceSlice {
  return slice(name, nodeSelection, pool, driver, [], { sharedCounters: counterSets });
}

export const [capacity0, capacity1] = ['capacity-0', 'capacity-1'];

/** Upstream's fixedShareID: the test replaces every shareID the allocator made with it before comparing. */
export const FIXED_SHARE_ID = 'aaaaaaaa-aaaa-aaaa-aaaa-aaaaaaaaaaaa';

/** A class selecting one driver's devices whose allowMultipleAllocations is `multiple` (classWithAllowMultipleAllocations). */
export function classWithAllowMultipleAllocations(name: string, driver: string, multiple: boolean): V1DeviceClass {
  return { metadata: { name }, spec: { selectors: [cel(`device.driver == "${driver}" && device.allowMultipleAllocations == ${multiple}`)] } };
}

/** The request (or subrequest) asking for `quantity` of capacity-0 (withCapacityRequest; no quantity: an empty requests map). */
export function withCapacityRequest<T extends V1DeviceRequest | V1DeviceSubRequest>(base: T, quantity?: string): T {
  const capacity = { requests: quantity === undefined ? {} : { [capacity0]: quantity } };
  if ('deviceClassName' in base) return { ...base, capacity };
  return withExactly(base as V1DeviceRequest, { capacity }) as T;
}

/** The device with allowMultipleAllocations set (withAllowMultipleAllocations). */
export const multiAllocatable = (base: V1Device): V1Device => ({ ...base, allowMultipleAllocations: true });

/** Capacities with upstream's range policy: default 2, min 2, step 2, max 4 (withCapacityRequestPolicyRange). */
export function withRangePolicy(base: V1Device, values: Record<string, string>): V1Device {
  const policy = { default: '2', validRange: { min: '2', step: '2', max: '4' } };
  return { ...base, capacity: { ...base.capacity, ...Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value, requestPolicy: policy }])) } } as V1Device;
}

/** Capacities whose valid values are the default then `additional` (withCapacityRequestPolicyValidValues). */
export function withValidValuesPolicy(base: V1Device, defaultValue: string, values: Record<string, string>, additional: string[] = []): V1Device {
  const policy = { default: defaultValue, validValues: [defaultValue, ...additional] };
  return { ...base, capacity: { ...base.capacity, ...Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value, requestPolicy: policy }])) } } as V1Device;
}

/** A result on a shared device (withConsumedCapacity): the fixed shareID and, when given, what it consumes. */
export function sharedResult(requestName: string, driver: string, pool: string, deviceName: string, consumedCapacity?: Record<string, string>): DeviceResult {
  return result(requestName, driver, pool, deviceName, false, { shareID: FIXED_SHARE_ID, ...(consumedCapacity && { consumedCapacity }) });
}

/** allocatedCapacityDevices as the allocator takes it: amounts in billionths. */
export function aggregatedCapacity(scenario: AllocatorCase): Map<string, Map<string, bigint>> {
  return new Map(Object.entries(scenario.allocatedCapacity ?? {}).map(([id, amounts]) => [id, new Map(Object.entries(amounts).map(([name, value]) => [name, quantityNanos(value)]))]));
}
