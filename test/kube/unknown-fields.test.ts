/**
 * Unknown fields, found as the API server's strict decoding finds them
 * (kubectl's default `--validate=strict`): every level of every object
 * podplan reads, against the fields @kubernetes/client-node's models declare.
 */
import { describe, expect, it } from 'vitest';
import { parseDocuments } from '../../src/kube/documents.js';
import { validateFields } from '../../src/kube/field-validation/field-validation.js';
import { loadKubernetesFieldSchema } from '../../src/kube/field-validation/kubernetes-field-schema.js';
import { findUnknownFields, MAX_LISTED_UNKNOWN_FIELDS } from '../../src/kube/field-validation/unknown-fields.js';
import { formatOf, readRealdata, realdataFiles } from './realdata.js';

const deployment = (spec: Record<string, unknown>) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec });
const podTemplate = (podSpec: Record<string, unknown>) => ({
  selector: { matchLabels: { app: 'web' } },
  template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }], ...podSpec } },
});

describe('findUnknownFields', () => {
  it('names a misspelt field with its path and the declared field it most likely meant', async () => {
    const schema = await loadKubernetesFieldSchema();
    const found = findUnknownFields(schema, [deployment({ replica: 3, ...podTemplate({}) })], 'workloads');
    expect(found).toEqual([{ path: 'workloads[0].spec.replica', message: 'unknown field "replica" (did you mean "replicas"?)' }]);
  });

  it('looks at every level: a pod template\'s spec, its containers, affinity terms', async () => {
    const schema = await loadKubernetesFieldSchema();
    const spec = podTemplate({
      topologySpreadConstraint: [{ maxSkew: 1 }],
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelecter: {}, topologyKey: 'x' }] } },
    });
    (spec.template.spec.containers[0] as Record<string, unknown>).resource = { requests: { cpu: '1' } };
    const found = findUnknownFields(schema, [deployment(spec)], 'workloads');
    expect(found).toEqual([
      { path: 'workloads[0].spec.template.spec.containers[0].resource', message: 'unknown field "resource" (did you mean "resources"?)' },
      { path: 'workloads[0].spec.template.spec.topologySpreadConstraint', message: 'unknown field "topologySpreadConstraint" (did you mean "topologySpreadConstraints"?)' },
      {
        path: 'workloads[0].spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelecter',
        message: 'unknown field "labelSelecter" (did you mean "labelSelector"?)',
      },
    ]);
  });

  it('leaves the keys of free-form maps alone: labels, annotations, nodeSelector, resource lists, managedFields', async () => {
    const schema = await loadKubernetesFieldSchema();
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name: 'n1',
        labels: { 'topology.kubernetes.io/zone': 'a', anything: 'x' },
        annotations: { 'replica': 'not a field' },
        managedFields: [{ manager: 'kubelet', fieldsV1: { 'f:status': { 'f:anything': {} } } }],
      },
      status: { allocatable: { cpu: '4', 'nvidia.com/gpu': '1' }, capacity: { pods: '110' } },
    };
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { nodeSelector: { disktype: 'ssd' }, containers: [{ name: 'c', resources: { limits: { 'example.com/foo': '1' } } }] } };
    expect(findUnknownFields(schema, [node, pod], 'objects')).toEqual([]);
  });

  it('walks into Lists, typed lists whose items omit kind, and skips kinds podplan does not read', async () => {
    const schema = await loadKubernetesFieldSchema();
    const list = { apiVersion: 'v1', kind: 'NodeList', items: [{ metadata: { name: 'n1' }, spec: { unschedulabel: true } }] };
    const daemonSet = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' }, spec: { whatever: 1 } };
    expect(findUnknownFields(schema, [daemonSet, list], 'objects')).toEqual([
      { path: 'objects[1].items[0].spec.unschedulabel', message: 'unknown field "unschedulabel" (did you mean "unschedulable"?)' },
    ]);
  });

  it('reads the resource.k8s.io kinds in the version the object names', async () => {
    const schema = await loadKubernetesFieldSchema();
    const claim = (apiVersion: string) => ({ apiVersion, kind: 'ResourceClaim', metadata: { name: 'c' }, spec: { devices: { requests: [{ name: 'gpu', exactly: { deviceClassName: 'gpu' } }] } } });
    // v1 moved a request's class under `exactly`; v1beta1 has it on the request itself.
    expect(findUnknownFields(schema, [claim('resource.k8s.io/v1')], 'objects')).toEqual([]);
    expect(findUnknownFields(schema, [claim('resource.k8s.io/v1beta1')], 'objects')).toEqual([
      { path: 'objects[0].spec.devices.requests[0].exactly', message: 'unknown field "exactly"' },
    ]);
  });

  it(`lists at most ${MAX_LISTED_UNKNOWN_FIELDS} fields and says how many more`, async () => {
    const schema = await loadKubernetesFieldSchema();
    const pods = Array.from({ length: MAX_LISTED_UNKNOWN_FIELDS + 5 }, (_, index) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${index}`, clusterName: 'old' } }));
    const found = findUnknownFields(schema, pods, 'objects');
    expect(found).toHaveLength(MAX_LISTED_UNKNOWN_FIELDS + 1);
    expect(found.at(-1)).toEqual({ path: 'objects', message: '5 more unknown fields are not listed' });
  });
});

describe('validateFields: the request\'s mode', () => {
  const parts = [{ documents: [deployment({ replica: 3, ...podTemplate({}) })], basePath: 'workloads' }];

  it('Strict refuses with every path', async () => {
    await expect(validateFields(parts, 'Strict')).rejects.toMatchObject({ errors: [{ path: 'workloads[0].spec.replica' }] });
  });

  it('Warn returns the same findings as warnings, Ignore returns none', async () => {
    expect(await validateFields(parts, 'Warn')).toEqual([{ path: 'workloads[0].spec.replica', message: 'unknown field "replica" (did you mean "replicas"?)' }]);
    expect(await validateFields(parts, 'Ignore')).toEqual([]);
  });

  it('addresses one object (a Node template) from its own path', async () => {
    const template = { apiVersion: 'v1', kind: 'Node', metadata: { labels: { a: 'b' } }, status: { alocatable: { cpu: '2' } } };
    expect(await validateFields([{ object: template, path: 'scenario[0].template' }], 'Warn')).toEqual([
      { path: 'scenario[0].template.status.alocatable', message: 'unknown field "alocatable" (did you mean "allocatable"?)' },
    ]);
  });
});

describe('the real captures', () => {
  // Every capture is what a real API server printed, so none carries an unknown field; the
  // karpenter examples are hand-written manifests with a real misspelling the API server refuses too.
  const files = realdataFiles('.').filter((path) => /\.(json|ya?ml)$/.test(path));

  it('has captures to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it.each(files)('%s', async (path) => {
    const schema = await loadKubernetesFieldSchema();
    const found = findUnknownFields(schema, parseDocuments(readRealdata(path), formatOf(path), 'objects'), 'objects');
    const expected = /karpenter-examples\/(arm64|gpu-nvidia)\.yaml$/.test(path)
      ? [{ path: 'objects[0].spec.template.spec.containers[0].securityContext.allowPrivilegedEscalation', message: 'unknown field "allowPrivilegedEscalation" (did you mean "allowPrivilegeEscalation"?)' }]
      : [];
    expect(found).toEqual(expected);
  });
});
