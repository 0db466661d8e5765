import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { InvalidInputError, type FieldError } from '../../src/kube/field-error.js';
import { compileSliceTemplates } from '../../src/simulation/scenario/template-resource-slices.js';
import { summarizeTopology } from '../../src/topologies/domain/topology-summary.js';
import { claimSpec, deviceClass, exactRequest, GPU_DRIVER, resourceClaim, resourceClaimTemplate, resourceSlice } from '../support/dra-objects.js';

type Json = Record<string, any>;

const node = (name: string): Json => ({ apiVersion: 'v1', kind: 'Node', metadata: { name }, status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } } });

function importErrors(objects: unknown[]): FieldError[] {
  try {
    importCluster(objects);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as InvalidInputError).errors;
  }
  throw new Error('expected an InvalidInputError');
}

describe('importCluster: DRA objects', () => {
  it('keeps ResourceSlices, DeviceClasses, ResourceClaims and templates in resource.k8s.io/v1, stripped to what allocation reads', () => {
    const slice = resourceSlice({ node: 'n1' });
    slice.metadata.managedFields = [{ manager: 'kubelet' }];
    const claim = resourceClaim('train', claimSpec([exactRequest({ count: 2 })]));
    claim.spec.devices.config = [{ opaque: { driver: GPU_DRIVER, parameters: { sharing: 'none' } } }];
    const { objects, dropped } = importCluster([node('n1'), slice, deviceClass(), claim, resourceClaimTemplate('one-gpu')]);
    expect(objects.resourceSlices).toHaveLength(1);
    expect(objects.resourceSlices?.[0].spec.devices?.[0]).toEqual({
      name: 'gpu-0',
      attributes: { model: { string: 'a100' }, index: { int: 0 }, driverVersion: { version: '1.2.3' } },
      capacity: { memory: { value: '80Gi' } },
    });
    expect(objects.deviceClasses?.[0].spec.selectors).toEqual([{ cel: { expression: `device.driver == "${GPU_DRIVER}"` } }]);
    expect(objects.resourceClaims?.[0].spec.devices?.requests?.[0]).toEqual({ name: 'gpu', exactly: { deviceClassName: 'gpu', allocationMode: 'ExactCount', count: 2 } });
    expect(objects.resourceClaims?.[0].spec.devices).not.toHaveProperty('config');
    expect(objects.resourceClaimTemplates?.[0].spec.spec.devices?.requests?.[0].exactly?.count).toBe(1);
    expect(dropped['metadata.managedFields']).toBe(1);
    expect(dropped['spec.devices.config']).toBe(1);
    const summary = summarizeTopology(objects);
    expect(summary).toMatchObject({ resourceSlices: 1, deviceClasses: 1, resourceClaims: 1, resourceClaimTemplates: 1 });
  });

  it('converts v1beta1 (device `basic`, request fields outside `exactly`) and v1beta2 dumps as the API server does', () => {
    const beta1Slice = resourceSlice({ node: 'n1' });
    beta1Slice.apiVersion = 'resource.k8s.io/v1beta1';
    beta1Slice.spec.devices = beta1Slice.spec.devices.map(({ name, ...basic }: Json) => ({ name, basic }));
    const beta1Claim = resourceClaim('c1', { devices: { requests: [{ name: 'gpu', deviceClassName: 'gpu', allocationMode: 'ExactCount', count: 2, selectors: [{ cel: { expression: 'true' } }] }] } });
    beta1Claim.apiVersion = 'resource.k8s.io/v1beta1';
    const beta1Prioritized = resourceClaim('c2', { devices: { requests: [{ name: 'gpu', firstAvailable: [{ name: 'big', deviceClassName: 'gpu' }] }] } });
    beta1Prioritized.apiVersion = 'resource.k8s.io/v1beta1';
    const beta2Claim = resourceClaim('c3', claimSpec([exactRequest({ allocationMode: 'All' })]));
    beta2Claim.apiVersion = 'resource.k8s.io/v1beta2';
    const { objects } = importCluster([node('n1'), beta1Slice, deviceClass(), beta1Claim, beta1Prioritized, beta2Claim]);
    expect(objects.resourceSlices?.[0].apiVersion).toBe('resource.k8s.io/v1');
    expect(objects.resourceSlices?.[0].spec.devices?.[1].name).toBe('gpu-1');
    expect(objects.resourceSlices?.[0].spec.devices?.[1].attributes?.model).toEqual({ string: 'a100' });
    const [c1, c2, c3] = objects.resourceClaims ?? [];
    expect(c1.spec.devices?.requests?.[0]).toEqual({ name: 'gpu', exactly: { deviceClassName: 'gpu', allocationMode: 'ExactCount', count: 2, selectors: [{ cel: { expression: 'true' } }] } });
    expect(c2.spec.devices?.requests?.[0]).toEqual({ name: 'gpu', firstAvailable: [{ name: 'big', deviceClassName: 'gpu', allocationMode: 'ExactCount', count: 1 }] });
    expect(c3.spec.devices?.requests?.[0].exactly).toEqual({ deviceClassName: 'gpu', allocationMode: 'All' });
  });

  it('refuses invalid CEL with the field path and the compile error, and a selector over the cost budget, as the API server validates', () => {
    const badClass = deviceClass('bad', ['device.driver == ']);
    const typeClass = deviceClass('int', ['1']);
    const expensive = `[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(x, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(y, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z2, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z3, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z4, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(z5, int('1'.find('[0-9]*')) < 100)))))))`;
    const claim = resourceClaim('c', claimSpec([exactRequest({ selectors: [expensive] })]));
    const errors = importErrors([node('n1'), badClass, typeClass, claim]);
    expect(errors[0].path).toBe('objects[1].spec.selectors[0].cel.expression');
    expect(errors[0].message).toMatch(/^Invalid value: "device.driver == ": compilation failed: /);
    expect(errors[1]).toEqual({ path: 'objects[2].spec.selectors[0].cel.expression', message: 'Invalid value: "1": must evaluate to bool or the unknown type, not int' });
    expect(errors[2]).toEqual({ path: 'objects[3].spec.devices.requests[0].exactly.selectors[0].cel.expression', message: 'Forbidden: too complex, exceeds cost limit' });
  });

  it('refuses a DeviceClass spec.extendedResourceName that is not an extended resource name (validateDeviceClassSpec: v1helper.IsExtendedResourceName)', () => {
    const named = (name: string, extendedResourceName: unknown): Json => ({ ...deviceClass(name), spec: { ...deviceClass(name).spec, extendedResourceName } });
    // Extended resource names: a domain other than kubernetes.io's, a qualified name behind `requests.`.
    expect(importErrors([node('n1'), named('ok', 'example.com/gpu'), named('bad', 'gpu')]).map((error) => error.path)).toEqual(['objects[2].spec.extendedResourceName']);
    const errors = importErrors([
      node('n1'),
      named('no-domain', 'gpu'),
      named('native', 'kubernetes.io/gpu'),
      named('implicit', 'deviceclass.resource.kubernetes.io/gpu'),
      named('quota', 'requests.example.com/gpu'),
      named('not-qualified', 'example.com/my gpu'),
      named('two-slashes', 'example.com/a/b'),
      named('number', 7),
    ]);
    expect(errors).toEqual([
      { path: 'objects[1].spec.extendedResourceName', message: 'Invalid value: "gpu": must be a valid extended resource name' },
      { path: 'objects[2].spec.extendedResourceName', message: 'Invalid value: "kubernetes.io/gpu": must be a valid extended resource name' },
      { path: 'objects[3].spec.extendedResourceName', message: 'Invalid value: "deviceclass.resource.kubernetes.io/gpu": must be a valid extended resource name' },
      { path: 'objects[4].spec.extendedResourceName', message: 'Invalid value: "requests.example.com/gpu": must be a valid extended resource name' },
      { path: 'objects[5].spec.extendedResourceName', message: 'Invalid value: "example.com/my gpu": must be a valid extended resource name' },
      { path: 'objects[6].spec.extendedResourceName', message: 'Invalid value: "example.com/a/b": must be a valid extended resource name' },
      { path: 'objects[7].spec.extendedResourceName', message: 'must be a string' },
    ]);
  });

  it('refuses slices and claims the API server refuses, with v1 paths for v1beta1 input', () => {
    const noNode = resourceSlice({ node: 'n1' });
    delete noNode.spec.nodeName;
    const beta1 = resourceClaim('c', { devices: { requests: [{ name: 'gpu', allocationMode: 'Sometimes' }] } });
    beta1.apiVersion = 'resource.k8s.io/v1beta1';
    const constraint = resourceClaim('k', claimSpec([exactRequest()], [{ requests: ['nope'], matchAttribute: `${GPU_DRIVER}/model` }]));
    const errors = importErrors([node('n1'), noNode, beta1, constraint]);
    expect(errors).toEqual([
      { path: 'objects[1].spec', message: 'Required value: exactly one of `nodeName`, `nodeSelector`, `allNodes`, `perDeviceNodeSelection` is required' },
      { path: 'objects[2].spec.devices.requests[0].exactly.deviceClassName', message: 'Required value' },
      { path: 'objects[2].spec.devices.requests[0].exactly.allocationMode', message: 'Unsupported value: "Sometimes": supported values: "ExactCount", "All"' },
      { path: 'objects[3].spec.devices.constraints[0].requests[0]', message: `Invalid value: "nope": must be the name of a request in the claim or the name of a request and a subrequest separated by '/'` },
    ]);
  });

  // resource/validation validateDriverName is core ValidateCSIDriverName: a DNS subdomain once lower-cased, at most 63
  // characters. Upper case is admitted by the API server, so it must import; 64 characters must not.
  it('checks a slice driver as the API server checks a CSI driver name: upper case imports, 64 characters and bad characters do not', () => {
    const sliceWithDriver = (driver: string): Json => {
      const slice = resourceSlice({ node: 'n1' });
      slice.spec.driver = driver;
      return slice;
    };
    const upperCase = importCluster([node('n1'), sliceWithDriver('GPU.Example.com')]);
    expect(upperCase.objects.resourceSlices?.[0].spec.driver).toBe('GPU.Example.com');
    const tooLong = `${'a'.repeat(60)}.com`;
    expect(tooLong).toHaveLength(64);
    expect(importErrors([node('n1'), sliceWithDriver(tooLong), sliceWithDriver('gpu_example.com')])).toEqual([
      { path: 'objects[1].spec.driver', message: 'Too long: may not be more than 63 bytes' },
      { path: 'objects[2].spec.driver', message: expect.stringMatching(/^Invalid value: "gpu_example.com": a lowercase RFC 1123 subdomain/) },
    ]);
  });

  // validation_resourceslice_test.go TestValidateResourceSlice, the per-device limits (types.go
  // ResourceSliceMaxAttributesAndCapacitiesPerDevice = 32, DeviceAttributeMaxValueLength = 64).
  describe('per-device limits (validateDevice, validateDeviceAttribute)', () => {
    const sliceOf = (devices: Json[]): Json => resourceSlice({ node: 'n1', devices: devices.map((device, index) => ({ name: `dev-${index}`, ...device })) });
    const attributes = (count: number, prefix = 'attr'): Json => Object.fromEntries(Array.from({ length: count }, (_, index) => [`${prefix}_${index}`, { string: 'x' }]));
    const capacity = (count: number): Json => Object.fromEntries(Array.from({ length: count }, (_, index) => [`cap_${index}`, { value: '1Gi' }]));

    it('combined-attributes-and-capacity-length: 32 attributes, 32 capacities, 16 + 16 are fine; 31 + 2 is refused once, at the device', () => {
      const slice = sliceOf([{ attributes: attributes(32) }, { capacity: capacity(32) }, { attributes: attributes(31), capacity: capacity(2) }, { attributes: attributes(16), capacity: capacity(16) }]);
      expect(importErrors([node('n1'), slice])).toEqual([{ path: 'objects[1].spec.devices[2]', message: 'Invalid value: 33: the total number of attributes and capacities must not exceed 32' }]);
    });

    it('bad-attribute (value lengths): a 65-byte version is not semver and too long, a 65-byte string too long; 64 bytes are fine', () => {
      const long = 'x'.repeat(65);
      const slice = sliceOf([
        { attributes: { good: { version: long } } },
        { attributes: { good: { string: long } } },
        { attributes: { good: { string: 'x'.repeat(64) }, other: { version: `1.2.3-${'a'.repeat(58)}` } } },
      ]);
      expect(importErrors([node('n1'), slice])).toEqual([
        { path: 'objects[1].spec.devices[0].attributes[good].version', message: `Invalid value: "${long}": must be a string compatible with semver.org spec 2.0.0` },
        { path: 'objects[1].spec.devices[0].attributes[good].version', message: 'Too long: may not be more than 64 bytes' },
        { path: 'objects[1].spec.devices[1].attributes[good].string', message: 'Too long: may not be more than 64 bytes' },
      ]);
    });

    it('counts bytes as Go len() does: 33 two-byte characters are 66 bytes', () => {
      const slice = sliceOf([{ attributes: { wide: { string: 'é'.repeat(33) }, narrow: { string: 'é'.repeat(32) } } }]);
      expect(importErrors([node('n1'), slice])).toEqual([{ path: 'objects[1].spec.devices[0].attributes[wide].string', message: 'Too long: may not be more than 64 bytes' }]);
    });

    it('v1beta1 input (attributes under `basic`) is checked in v1 paths, as the API server validates the internal version', () => {
      const slice = resourceSlice({ node: 'n1', devices: [] });
      slice.apiVersion = 'resource.k8s.io/v1beta1';
      slice.spec.devices = [{ name: 'dev-0', basic: { attributes: attributes(20), capacity: capacity(13) } }];
      expect(importErrors([node('n1'), slice])).toEqual([{ path: 'objects[1].spec.devices[0]', message: 'Invalid value: 33: the total number of attributes and capacities must not exceed 32' }]);
    });

    it('a node group\'s ResourceSlice template (compileSliceTemplates) is held to the same limits, under its own path', () => {
      const template = { spec: { driver: GPU_DRIVER, devices: [{ name: 'dev-0', attributes: { ...attributes(33), long: { string: 'x'.repeat(65) } } }] } };
      let errors: FieldError[] = [];
      try {
        compileSliceTemplates([template], 'nodeGroups[0].resourceSlices');
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError);
        errors = (error as InvalidInputError).errors;
      }
      expect(errors).toEqual([
        { path: 'nodeGroups[0].resourceSlices[0].spec.devices[0]', message: 'Invalid value: 34: the total number of attributes and capacities must not exceed 32' },
        { path: 'nodeGroups[0].resourceSlices[0].spec.devices[0].attributes[long].string', message: 'Too long: may not be more than 64 bytes' },
      ]);
    });
  });

  it("keeps pods' spec.resourceClaims and status.resourceClaimStatuses, and refuses an entry naming no source", () => {
    const pod = (name: string, claims: Json[]): Json => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'trainer', resources: { claims: [{ name: 'gpu' }] } }], resourceClaims: claims },
      status: { phase: 'Pending', resourceClaimStatuses: [{ name: 'gpu', resourceClaimName: `${name}-gpu-abcde` }] },
    });
    const { objects } = importCluster([node('n1'), pod('p1', [{ name: 'gpu', resourceClaimTemplateName: 'one-gpu' }])]);
    expect(objects.pods[0].spec?.resourceClaims).toEqual([{ name: 'gpu', resourceClaimTemplateName: 'one-gpu' }]);
    expect(objects.pods[0].spec?.containers[0].resources?.claims).toEqual([{ name: 'gpu' }]);
    expect(objects.pods[0].status?.resourceClaimStatuses).toEqual([{ name: 'gpu', resourceClaimName: 'p1-gpu-abcde' }]);
    const errors = importErrors([node('n1'), pod('p2', [{ name: 'gpu' }])]);
    expect(errors).toEqual([{ path: 'objects[1].spec.resourceClaims[0]', message: 'Invalid value: "no source": must specify one of: `resourceClaimName`, `resourceClaimTemplateName`' }]);
  });
});
