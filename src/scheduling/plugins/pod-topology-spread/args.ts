/**
 * PodTopologySpreadArgs (kubescheduler.config.k8s.io/v1): decoding, v1
 * defaulting (SetDefaults_PodTopologySpreadArgs: defaultingType System) and
 * validation as upstream validation_pluginargs.go ValidatePodTopologySpreadArgs.
 * Errors are thrown as PluginArgsError with upstream's field.Error wording;
 * the first error in upstream's order is reported.
 */
import type { V1TopologySpreadConstraint } from '@kubernetes/client-node';
import { PluginArgsError } from '../../framework/interfaces.js';
import { labelNameError } from './label-name.js';
import { integerProblem } from '../../../kube/integer-ranges.js';

export type DefaultingType = 'System' | 'List';

export interface PodTopologySpreadArgs {
  readonly defaultConstraints: readonly V1TopologySpreadConstraint[];
  readonly defaultingType: DefaultingType;
}

const ARGS_FIELDS = new Set(['apiVersion', 'kind', 'defaultConstraints', 'defaultingType']);
const CONSTRAINT_FIELDS = new Set([
  'maxSkew',
  'topologyKey',
  'whenUnsatisfiable',
  'labelSelector',
  'minDomains',
  'nodeAffinityPolicy',
  'nodeTaintsPolicy',
  'matchLabelKeys',
]);
const DEFAULTING_TYPES: readonly string[] = ['List', 'System'];
const SCHEDULE_ACTIONS: readonly string[] = ['DoNotSchedule', 'ScheduleAnyway'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function quoted(values: readonly string[]): string {
  return values.map((value) => JSON.stringify(value)).join(', ');
}

/** Strict decoding: unknown fields and wrong types are rejected, as kube-scheduler's strict config decoding does. */
function decodeConstraint(value: unknown, path: string): V1TopologySpreadConstraint {
  if (!isObject(value)) throw new PluginArgsError(path, 'must be an object');
  for (const key of Object.keys(value)) {
    if (!CONSTRAINT_FIELDS.has(key)) throw new PluginArgsError(`${path}.${key}`, `unknown field "${key}"`);
  }
  const expect = (key: string, type: 'string' | 'integer' | 'object' | 'string list'): void => {
    const field = value[key];
    if (field === undefined || field === null) return;
    const ok =
      type === 'string'
        ? typeof field === 'string'
        : type === 'integer'
          ? integerProblem(field, 'int32') === undefined
          : type === 'object'
            ? isObject(field)
            : Array.isArray(field) && field.every((item) => typeof item === 'string');
    if (!ok) throw new PluginArgsError(`${path}.${key}`, type === 'integer' ? integerProblem(field, 'int32')! : `must be a ${type}`);
  };
  expect('maxSkew', 'integer');
  expect('topologyKey', 'string');
  expect('whenUnsatisfiable', 'string');
  expect('labelSelector', 'object');
  expect('minDomains', 'integer');
  expect('nodeAffinityPolicy', 'string');
  expect('nodeTaintsPolicy', 'string');
  expect('matchLabelKeys', 'string list');
  return {
    maxSkew: (value.maxSkew as number | undefined) ?? 0,
    topologyKey: (value.topologyKey as string | undefined) ?? '',
    whenUnsatisfiable: (value.whenUnsatisfiable as string | undefined) ?? '',
    ...(value.labelSelector != null ? { labelSelector: value.labelSelector as V1TopologySpreadConstraint['labelSelector'] } : {}),
    ...(value.minDomains != null ? { minDomains: value.minDomains as number } : {}),
    ...(value.nodeAffinityPolicy != null ? { nodeAffinityPolicy: value.nodeAffinityPolicy as string } : {}),
    ...(value.nodeTaintsPolicy != null ? { nodeTaintsPolicy: value.nodeTaintsPolicy as string } : {}),
    ...(value.matchLabelKeys != null ? { matchLabelKeys: value.matchLabelKeys as string[] } : {}),
  };
}

/** validateConstraint's checks for one default constraint, in upstream's order. */
function validateConstraint(constraints: readonly V1TopologySpreadConstraint[], index: number): void {
  const constraint = constraints[index];
  const path = `defaultConstraints[${index}]`;
  if (constraint.maxSkew <= 0) {
    throw new PluginArgsError(`${path}.maxSkew`, `Invalid value: ${constraint.maxSkew}: not in valid range (0, inf)`);
  }
  if (constraint.topologyKey === '') throw new PluginArgsError(`${path}.topologyKey`, 'Required value: can not be empty');
  const keyError = labelNameError(constraint.topologyKey);
  if (keyError) {
    throw new PluginArgsError(`${path}.topologyKey`, `Invalid value: ${JSON.stringify(constraint.topologyKey)}: ${keyError}`);
  }
  if (constraint.whenUnsatisfiable === '') {
    throw new PluginArgsError(`${path}.whenUnsatisfiable`, 'Required value: can not be empty');
  }
  if (!SCHEDULE_ACTIONS.includes(constraint.whenUnsatisfiable)) {
    throw new PluginArgsError(
      `${path}.whenUnsatisfiable`,
      `Unsupported value: ${JSON.stringify(constraint.whenUnsatisfiable)}: supported values: ${quoted(SCHEDULE_ACTIONS)}`,
    );
  }
  if (constraint.labelSelector) {
    throw new PluginArgsError(`${path}.labelSelector`, 'Forbidden: constraint must not define a selector, as they deduced for each pod');
  }
  // validateConstraintNotRepeat: one constraint per {topologyKey, whenUnsatisfiable}.
  const repeated = constraints
    .slice(0, index)
    .some((other) => other.topologyKey === constraint.topologyKey && other.whenUnsatisfiable === constraint.whenUnsatisfiable);
  if (repeated) {
    throw new PluginArgsError(
      path,
      `Duplicate value: ${JSON.stringify(`{${constraint.topologyKey}, ${constraint.whenUnsatisfiable}}`)}`,
    );
  }
}

export function parsePodTopologySpreadArgs(args: Record<string, unknown> | undefined): PodTopologySpreadArgs {
  const raw = args ?? {};
  for (const key of Object.keys(raw)) {
    if (!ARGS_FIELDS.has(key)) throw new PluginArgsError(key, `unknown field "${key}"`);
  }
  const rawConstraints = raw.defaultConstraints ?? [];
  if (!Array.isArray(rawConstraints)) throw new PluginArgsError('defaultConstraints', 'must be a list');
  const defaultConstraints = rawConstraints.map((constraint, index) => decodeConstraint(constraint, `defaultConstraints[${index}]`));
  const rawType = raw.defaultingType ?? '';
  if (typeof rawType !== 'string') throw new PluginArgsError('defaultingType', 'must be a string');
  const defaultingType = rawType === '' ? 'System' : rawType;

  if (!DEFAULTING_TYPES.includes(defaultingType)) {
    throw new PluginArgsError('defaultingType', `Unsupported value: ${JSON.stringify(defaultingType)}: supported values: ${quoted(['System', 'List'])}`);
  }
  if (defaultingType === 'System' && defaultConstraints.length > 0) {
    throw new PluginArgsError('defaultingType', `Invalid value: "System": when .defaultConstraints are not empty`);
  }
  defaultConstraints.forEach((_, index) => validateConstraint(defaultConstraints, index));
  return { defaultConstraints, defaultingType: defaultingType as DefaultingType };
}
