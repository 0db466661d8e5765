/**
 * Strict decoding of plugin args objects, as kube-scheduler's strict config
 * decoding: unknown fields and wrong types are rejected with the field path.
 */
import { integerProblem, type IntegerWidth } from '../../../kube/integer-ranges.js';
import { PluginArgsError } from '../../framework/interfaces.js';

export type RawObject = Record<string, unknown>;

export function isObject(value: unknown): value is RawObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function joinPath(parent: string, child: string): string {
  return parent ? `${parent}.${child}` : child;
}

/** The object at `path`, rejecting fields outside `known`; an absent value decodes as undefined. */
export function decodeObject(value: unknown, path: string, known: readonly string[]): RawObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw new PluginArgsError(path, 'must be an object');
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) throw new PluginArgsError(joinPath(path, key), `unknown field "${key}"`);
  }
  return value;
}

export function decodeList(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new PluginArgsError(path, 'must be a list');
  return value;
}

export function decodeStringList(value: unknown, path: string): string[] {
  return decodeList(value, path).map((item, index) => {
    if (typeof item !== 'string') throw new PluginArgsError(`${path}[${index}]`, 'must be a string');
    return item;
  });
}

/** Go's zero value for an omitted string. */
export function decodeString(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new PluginArgsError(path, 'must be a string');
  return value;
}

/** Go's zero value for an omitted int32/int64; a value the Go type cannot hold is refused, as strict decoding does. */
export function decodeInteger(value: unknown, path: string, width: IntegerWidth): number {
  if (value === undefined || value === null) return 0;
  const problem = integerProblem(value, width);
  if (problem !== undefined) throw new PluginArgsError(path, problem);
  return value as number;
}
