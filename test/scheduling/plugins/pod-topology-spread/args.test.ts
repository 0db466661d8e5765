import { describe, expect, it } from 'vitest';
import { PluginArgsError } from '../../../../src/scheduling/framework/interfaces.js';
import { parsePodTopologySpreadArgs } from '../../../../src/scheduling/plugins/pod-topology-spread/args.js';
import { podTopologySpread } from '../../../../src/scheduling/plugins/pod-topology-spread/index.js';

interface ArgsCase {
  name: string;
  args: Record<string, unknown>;
  /** The field.Error upstream reports: its path and the start of its message (the error type). */
  wantError?: { path: string; message: string };
}

const constraint = (maxSkew: number, topologyKey: string, whenUnsatisfiable: string, extra: Record<string, unknown> = {}) => ({
  maxSkew,
  topologyKey,
  whenUnsatisfiable,
  ...extra,
});

// Ported from kubernetes/kubernetes pkg/scheduler/apis/config/validation/validation_pluginargs_test.go,
// TestValidatePodTopologySpreadArgs (upstream compares the error type and field; we also pin upstream's wording).
const cases: ArgsCase[] = [
  {
    name: 'valid config',
    args: { defaultingType: 'List', defaultConstraints: [constraint(1, 'node', 'DoNotSchedule'), constraint(2, 'zone', 'ScheduleAnyway')] },
  },
  {
    name: 'maxSkew less than zero',
    args: { defaultingType: 'List', defaultConstraints: [constraint(-1, 'node', 'DoNotSchedule')] },
    wantError: { path: 'defaultConstraints[0].maxSkew', message: 'Invalid value: -1: not in valid range (0, inf)' },
  },
  {
    name: 'empty topology key',
    args: { defaultingType: 'List', defaultConstraints: [constraint(1, '', 'DoNotSchedule')] },
    wantError: { path: 'defaultConstraints[0].topologyKey', message: 'Required value: can not be empty' },
  },
  {
    name: 'whenUnsatisfiable is empty',
    args: { defaultingType: 'List', defaultConstraints: [constraint(1, 'node', '')] },
    wantError: { path: 'defaultConstraints[0].whenUnsatisfiable', message: 'Required value: can not be empty' },
  },
  {
    name: 'whenUnsatisfiable contains unsupported action',
    args: { defaultingType: 'List', defaultConstraints: [constraint(1, 'node', 'unknown action')] },
    wantError: {
      path: 'defaultConstraints[0].whenUnsatisfiable',
      message: 'Unsupported value: "unknown action": supported values: "DoNotSchedule", "ScheduleAnyway"',
    },
  },
  {
    name: 'duplicated constraints',
    args: { defaultingType: 'List', defaultConstraints: [constraint(1, 'node', 'DoNotSchedule'), constraint(2, 'node', 'DoNotSchedule')] },
    wantError: { path: 'defaultConstraints[1]', message: 'Duplicate value: "{node, DoNotSchedule}"' },
  },
  {
    name: 'label selector present',
    args: { defaultingType: 'List', defaultConstraints: [constraint(1, 'key', 'DoNotSchedule', { labelSelector: { matchLabels: { a: 'b' } } })] },
    wantError: {
      path: 'defaultConstraints[0].labelSelector',
      message: 'Forbidden: constraint must not define a selector, as they deduced for each pod',
    },
  },
  { name: 'list default constraints, no constraints', args: { defaultingType: 'List' } },
  { name: 'system default constraints', args: { defaultingType: 'System' } },
  {
    name: 'wrong constraints',
    args: { defaultingType: 'unknown' },
    wantError: { path: 'defaultingType', message: 'Unsupported value: "unknown": supported values: "System", "List"' },
  },
  {
    name: 'system default constraints, but has constraints',
    args: { defaultingType: 'System', defaultConstraints: [constraint(1, 'key', 'DoNotSchedule')] },
    wantError: { path: 'defaultingType', message: 'Invalid value: "System": when .defaultConstraints are not empty' },
  },
];

function errorOf(run: () => unknown): { path: string; message: string } | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (error instanceof PluginArgsError) return { path: error.path, message: error.message };
    throw error;
  }
}

describe('PodTopologySpreadArgs validation (upstream TestValidatePodTopologySpreadArgs)', () => {
  it.each(cases)('$name', ({ args, wantError }) => {
    expect(errorOf(() => podTopologySpread(args))).toEqual(wantError);
  });
});

describe('PodTopologySpreadArgs decoding and v1 defaults', () => {
  it('defaults defaultingType to System (SetDefaults_PodTopologySpreadArgs)', () => {
    expect(parsePodTopologySpreadArgs(undefined)).toEqual({ defaultConstraints: [], defaultingType: 'System' });
    expect(parsePodTopologySpreadArgs({ defaultingType: '' }).defaultingType).toBe('System');
  });

  it('accepts the apiVersion and kind a pluginConfig entry carries', () => {
    const args = { apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'PodTopologySpreadArgs', defaultingType: 'List' };
    expect(parsePodTopologySpreadArgs(args).defaultingType).toBe('List');
  });

  it.each([
    ['an unknown field', { defaultingType: 'List', spread: true }, { path: 'spread', message: 'unknown field "spread"' }],
    [
      'an unknown constraint field',
      { defaultingType: 'List', defaultConstraints: [{ ...constraint(1, 'zone', 'DoNotSchedule'), skew: 1 }] },
      { path: 'defaultConstraints[0].skew', message: 'unknown field "skew"' },
    ],
    [
      'a maxSkew that is not an integer',
      { defaultingType: 'List', defaultConstraints: [constraint(1.5, 'zone', 'DoNotSchedule')] },
      { path: 'defaultConstraints[0].maxSkew', message: 'must be an integer' },
    ],
    ['defaultConstraints that are not a list', { defaultingType: 'List', defaultConstraints: {} }, { path: 'defaultConstraints', message: 'must be a list' }],
  ])('rejects %s', (_, args, wantError) => {
    expect(errorOf(() => parsePodTopologySpreadArgs(args))).toEqual(wantError);
  });

  it.each([
    ['example.com/', 'name part must be non-empty'],
    ['a'.repeat(64), 'name part must be no more than 63 characters'],
    ['example.com/aaa/bbb', "a qualified name must consist of alphanumeric characters, '-', '_' or '.'"],
    ['-zone', "name part must consist of alphanumeric characters, '-', '_' or '.'"],
    ['Example.com/zone', 'prefix part a lowercase RFC 1123 subdomain'],
  ])('rejects topologyKey %j as ValidateLabelName does', (topologyKey, messageStart) => {
    const error = errorOf(() =>
      parsePodTopologySpreadArgs({ defaultingType: 'List', defaultConstraints: [constraint(1, topologyKey, 'DoNotSchedule')] }),
    );
    expect(error?.path).toBe('defaultConstraints[0].topologyKey');
    expect(error?.message).toContain(`Invalid value: ${JSON.stringify(topologyKey)}: ${messageStart}`);
  });

  it('accepts prefixed topology keys', () => {
    const args = parsePodTopologySpreadArgs({
      defaultingType: 'List',
      defaultConstraints: [constraint(1, 'topology.kubernetes.io/zone', 'ScheduleAnyway')],
    });
    expect(args.defaultConstraints).toEqual([constraint(1, 'topology.kubernetes.io/zone', 'ScheduleAnyway')]);
  });
});
