/**
 * Scheduling gates through a whole simulation: a workload whose template has
 * gates yields replicas that stay pending with upstream's SchedulingGated
 * condition, the scenario edit `removeSchedulingGates` lifts them, the API
 * server's validateSchedulingGates rules refuse malformed gates, and
 * suggestions name the gates as the one change that matters.
 */
import { describe, expect, it } from 'vitest';
import { importCluster } from '../../src/kube/cluster-import.js';
import { InvalidInputError } from '../../src/kube/field-error.js';
import { ClusterState } from '../../src/scheduling/model/cluster-state.js';
import { Planner } from '../../src/scheduling/planner/planner.js';
import { executeSimulation, prepareSimulation } from '../../src/simulation/run-simulation.js';
import { withSuggestions } from '../../src/what-if/placement-suggestions.js';

const node = (name: string) => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  status: { allocatable: { cpu: '4', memory: '16Gi', pods: '110' } },
});

function deployment(name: string, gates: string[] | undefined, replicas = 2) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          ...(gates ? { schedulingGates: gates.map((gate) => ({ name: gate })) } : {}),
          containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '100m' } } }],
        },
      },
    },
  };
}

function prepare(workloads: unknown[], scenario?: unknown[]) {
  const imported = importCluster([node('n1'), node('n2')]);
  return prepareSimulation(ClusterState.fromObjects(imported.objects), workloads, undefined, imported.objects, [], scenario);
}

function simulate(workloads: unknown[], scenario?: unknown[]) {
  const prepared = prepare(workloads, scenario);
  return executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' });
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

describe('a workload whose template has scheduling gates', () => {
  it('yields unplaced replicas with the SchedulingGated condition and the PreEnqueue status', () => {
    const { result } = simulate([deployment('gated', ['example.com/quota', 'example.com/warm-up'])]);
    expect(result.summary).toEqual({ replicas: 2, scheduled: 0, unschedulable: 2 });
    for (const placement of result.placements) {
      expect(placement).toMatchObject({
        node: null,
        message: 'Scheduling is blocked due to non-empty scheduling gates',
        gated: {
          reason: 'SchedulingGated',
          schedulingGates: ['example.com/quota', 'example.com/warm-up'],
          preEnqueue: 'waiting for scheduling gates: [example.com/quota example.com/warm-up]',
        },
        evaluatedNodes: 0,
        candidates: [],
        rejections: [],
      });
    }
  });

  it('does not hold back the workloads after it', () => {
    const { result } = simulate([deployment('gated', ['g']), deployment('free', undefined)]);
    expect(result.workloads.map((entry) => [entry.workload.name, entry.scheduled, entry.unschedulable])).toEqual([
      ['gated', 0, 2],
      ['free', 2, 0],
    ]);
    expect(result.placements.filter((placement) => placement.gated === undefined).every((placement) => placement.node !== null)).toBe(true);
  });

  it('gets one verified suggestion: remove its scheduling gates', () => {
    const prepared = prepare([deployment('gated', ['g'], 1)]);
    const { result, run } = executeSimulation(prepared, { explain: 'summary', mode: 'exhaustive' });
    const [placement] = withSuggestions(new Planner(prepared.profile), prepared, run, result.placements);
    expect(placement.suggestions).toEqual([{ change: { kind: 'removeSchedulingGates', gates: ['g'] }, feasibleNodes: 2, node: 'n1' }]);
  });
});

describe('scenario removeSchedulingGates', () => {
  it('lifts every gate of every workload: the replicas are scheduled, keeping their names', () => {
    const gated = simulate([deployment('gated', ['a', 'b'])]).result;
    const { result } = simulate([deployment('gated', ['a', 'b'])], [{ op: 'removeSchedulingGates' }]);
    expect(result.summary).toEqual({ replicas: 2, scheduled: 2, unschedulable: 0 });
    expect(result.placements.map((placement) => placement.pod)).toEqual(gated.placements.map((placement) => placement.pod));
    expect(result.placements.every((placement) => placement.gated === undefined)).toBe(true);
  });

  it('lifting some gates leaves the pod gated by the rest', () => {
    const { result } = simulate([deployment('gated', ['a', 'b'])], [{ op: 'removeSchedulingGates', gates: ['a'] }]);
    expect(result.placements[0].gated).toEqual({ reason: 'SchedulingGated', schedulingGates: ['b'], preEnqueue: 'waiting for scheduling gates: [b]' });
    const both = simulate([deployment('gated', ['a', 'b'])], [{ op: 'removeSchedulingGates', gates: ['a'] }, { op: 'removeSchedulingGates', gates: ['b'] }]);
    expect(both.result.summary.scheduled).toBe(2);
  });

  it('targets one workload when given', () => {
    const { result } = simulate(
      [deployment('first', ['g']), deployment('second', ['g'])],
      [{ op: 'removeSchedulingGates', workload: { kind: 'Deployment', name: 'second' } }],
    );
    expect(result.workloads.map((entry) => [entry.workload.name, entry.scheduled])).toEqual([
      ['first', 0],
      ['second', 2],
    ]);
  });

  it('warns when it lifts nothing, and refuses a workload the request lacks', () => {
    const { result } = simulate([deployment('free', undefined)], [{ op: 'removeSchedulingGates' }]);
    expect(result.warnings).toContainEqual({ path: 'scenario[0]', message: 'removes no scheduling gate: no targeted pod carries one' });
    expect(errorsOf(() => prepare([deployment('free', undefined)], [{ op: 'removeSchedulingGates', workload: { kind: 'Deployment', name: 'other' } }]))).toEqual([
      { path: 'scenario[0].workload', message: 'the request has no workload Deployment default/other' },
    ]);
    expect(errorsOf(() => prepare([deployment('free', undefined)], [{ op: 'removeSchedulingGates', gates: [] }]))[0].path).toBe('scenario[0].gates');
  });
});

describe('validateSchedulingGates (core validation.go)', () => {
  it('refuses a gate name that is not a qualified name, and a repeated gate, at the entry', () => {
    const errors = errorsOf(() => prepare([deployment('bad', ['example.com/ok', 'not a name', 'example.com/ok'])]));
    const path = 'workloads[0].spec.template.spec.schedulingGates';
    expect(errors.map((error) => error.path)).toEqual([`${path}[1]`, `${path}[2]`]);
    expect(errors[0].message).toMatch(/^Invalid value: "not a name": name part must consist of alphanumeric characters/);
    expect(errors[1].message).toBe('Duplicate value: "example.com/ok"');
  });
});
