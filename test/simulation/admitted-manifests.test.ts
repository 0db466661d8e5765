/**
 * Never stricter than kube-apiserver (#15 item 3; rules and their upstream
 * functions in docs/validation-rules.md): manifests the API server admits are
 * planned, with the outcome upstream's scheduler gives them.
 */
import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { InvalidInputError } from '../../src/kube/field-error.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { executeSimulation, prepareSimulation } from '../../src/simulation/run-simulation.js';

const node = (name: string, allocatable: Record<string, string> = { cpu: '4', memory: '16Gi', pods: '110' }) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, cores: '8' } },
  status: { allocatable, capacity: allocatable },
});

function deployment(spec: Record<string, unknown>, resources: Record<string, unknown> = { requests: { cpu: '100m' } }) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { ...spec, containers: [{ name: 'web', image: 'nginx', resources }] } },
    },
  };
}

function plan(clusterObjects: unknown[], workloads: unknown[]) {
  const imported = importCluster(clusterObjects);
  const prepared = prepareSimulation(ClusterState.fromObjects(imported.objects), workloads, undefined, imported.objects);
  return executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' }).result;
}

function errorsOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidInputError) return error.errors;
    throw error;
  }
  throw new Error('expected InvalidInputError');
}

const required = (expression: Record<string, unknown>) => ({
  affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [expression] }] } } },
});
const preferred = (expression: Record<string, unknown>) => ({
  affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [expression] } }] } },
});

describe('ValidateNodeSelectorRequirement: Gt/Lt values are not checked as integers', () => {
  it('admits Gt "many"; the scheduler cannot parse it, so the term matches no node (NodeAffinity rejects every node)', () => {
    const result = plan([node('a'), node('b')], [deployment(required({ key: 'cores', operator: 'Gt', values: ['many'] }))]);
    expect(result.placements[0].node).toBeNull();
    expect(result.placements[0].message).toMatch(/^0\/2 nodes are available: 2 node\(s\) didn't match Pod's node affinity\/selector\./);
  });

  it('an integer Gt still matches as before', () => {
    const result = plan([node('a')], [deployment(required({ key: 'cores', operator: 'Gt', values: ['4'] }))]);
    expect(result.placements[0].node).toBe('a');
  });
});

describe('ValidatePreferredSchedulingTerms: "we always allow invalid label-value for preferred affinity"', () => {
  const badPreference = preferred({ key: 'disk', operator: 'In', values: ['not a label value!'] });

  it('admits the term; with two feasible nodes NodeAffinity PreScore fails the cycle, and FailedScheduling carries the error', () => {
    const result = plan([node('a'), node('b')], [deployment(badPreference)]);
    expect(result.placements[0].node).toBeNull();
    expect(result.placements[0].message).toMatch(/^running PreScore plugin "NodeAffinity": /);
    expect(result.placements[0].message).toContain('not a label value!');
  });

  it('with one feasible node upstream skips scoring ("they can succeed when the cluster has only one node"): placed', () => {
    const result = plan([node('a')], [deployment(badPreference)]);
    expect(result.placements[0].node).toBe('a');
  });

  it('required terms still check values as label values on create, as upstream does', () => {
    const errors = errorsOf(() => plan([node('a')], [deployment(required({ key: 'disk', operator: 'In', values: ['not a label value!'] }))]));
    expect(errors).toHaveLength(1);
    expect(errors[0].path).toMatch(/nodeSelectorTerms\[0\]\.matchExpressions\[0\]\.values\[0\]$/);
  });
});

describe('pods already stored in the cluster get upstream\'s ratcheting options (GetValidationOptionsFromPodSpecAndMeta)', () => {
  const storedPod = (spec: Record<string, unknown>) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'old', namespace: 'default', labels: { app: 'old' } },
    spec: { nodeName: 'a', containers: [{ name: 'c', image: 'i', resources: { requests: { cpu: '1' } } }], ...spec },
    status: { phase: 'Running' },
  });
  const badValue = 'bad value!';

  it.each([
    ['AllowInvalidLabelValueInRequiredNodeAffinity', required({ key: 'disk', operator: 'In', values: [badValue] })],
    [
      'AllowInvalidLabelValueInSelector',
      { affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [badValue] }] } }] } } },
    ],
    [
      'AllowInvalidTopologySpreadConstraintLabelSelector',
      { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [badValue] }] } }] },
    ],
  ])('%s: a stored pod whose selector has an invalid label value is imported, still holds its resources, and selects nothing', (_option, spec) => {
    const small = node('a', { cpu: '1500m', memory: '16Gi', pods: '110' });
    const fits = plan([small, storedPod(spec)], [deployment({}, { requests: { cpu: '500m' } })]);
    const tooBig = plan([small, storedPod(spec)], [deployment({}, { requests: { cpu: '1' } })]);
    // Its anti-affinity selects nobody (the invalid value matches no label), so only its 1 cpu matters.
    expect(fits.placements[0].node).toBe('a');
    expect(tooBig.placements[0].message).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
  });

  it('a workload created now with the same selector is still refused', () => {
    const errors = errorsOf(() =>
      plan([node('a')], [deployment({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: [badValue] }] } }] })]),
    );
    expect(errors.map((error) => error.path)).toEqual(['workloads[0].spec.template.spec.topologySpreadConstraints[0].labelSelector.matchExpressions[0].values[0]']);
  });
});

describe('ValidateResourceQuantityValue: any non-negative quantity the engine can hold', () => {
  it('imports a node with 16Ti of memory and 20T of ephemeral storage (beyond 2^53 thousandths) and plans on it', () => {
    const big = node('big', { cpu: '192', memory: '16Ti', 'ephemeral-storage': '20T', pods: '110' });
    const result = plan([big], [deployment({}, { requests: { memory: '10Ti', 'ephemeral-storage': '15T' }, limits: { memory: '12Ti' } })]);
    expect(result.placements[0].node).toBe('big');
  });

  it('compares a request with its limit exactly, whatever their size', () => {
    const errors = errorsOf(() => plan([node('a')], [deployment({}, { requests: { memory: '12Ti' }, limits: { memory: '10995116277761' } })]));
    expect(errors).toEqual([
      { path: 'workloads[0].spec.template.spec.containers[0].resources.requests.memory', message: 'Invalid value: "12Ti": must be less than or equal to memory limit of 10995116277761' },
    ]);
  });
});

describe('ValidateNodeFieldSelectorRequirement', () => {
  it('checks metadata.name values as node names, as upstream does', () => {
    const spec = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['Node_A'] }] }] } } } };
    const errors = errorsOf(() => plan([node('a')], [deployment(spec)]));
    expect(errors.map((error) => error.path)).toEqual(['workloads[0].spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].values[0]']);
    expect(errors[0].message).toMatch(/^Invalid value: "Node_A": a lowercase RFC 1123 subdomain/);
  });

  it('words an unknown key and operator as upstream', () => {
    const spec = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.uid', operator: 'Exists', values: ['x'] }] }] } } } };
    const at = 'workloads[0].spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0]';
    expect(errorsOf(() => plan([node('a')], [deployment(spec)]))).toEqual([
      { path: `${at}.operator`, message: 'Invalid value: "Exists": not a valid selector operator' },
      { path: `${at}.key`, message: 'Invalid value: "metadata.uid": not a valid field selector key' },
    ]);
  });
});
