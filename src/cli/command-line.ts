/**
 * Flag parsing shared by every command, on node:util `parseArgs` (strict:
 * unknown flags and stray arguments are bad input, exit code 2), plus the
 * checks of the values the contract constrains.
 */
import { parseArgs } from 'node:util';
import { badInput } from './cli-error.js';
import { DEFAULT_FIELD_VALIDATION, FIELD_VALIDATION_MODES, fieldValidationModeOf, type FieldValidationMode } from '../kube/field-validation/field-validation-mode.js';

type OptionSpec = { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: string | boolean };
type Specs = Record<string, OptionSpec>;

export const OUTPUT_FORMATS = ['table', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export const MODES = ['exhaustive', 'faithful'] as const;
export type Mode = (typeof MODES)[number];

/** Flags several commands share, with one meaning everywhere. */
export const COMMON_OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  output: { type: 'string', short: 'o', default: 'table' },
} as const satisfies Specs;

export const SERVER_OPTIONS = {
  server: { type: 'string' },
} as const satisfies Specs;

/** `--validate=strict|warn|ignore`, as kubectl's: what unknown fields in the submitted objects do. */
export const VALIDATE_OPTIONS = {
  validate: { type: 'string', default: 'strict' },
} as const satisfies Specs;

export const PLACEMENT_OPTIONS = {
  ...VALIDATE_OPTIONS,
  filename: { type: 'string', short: 'f', multiple: true },
  'scheduler-config': { type: 'string' },
  scenario: { type: 'string', multiple: true },
  mode: { type: 'string', default: 'exhaustive' },
  seed: { type: 'string' },
  explain: { type: 'string' },
  'kubernetes-version': { type: 'string' },
  'feature-gates': { type: 'string' },
  rollout: { type: 'boolean' },
} as const satisfies Specs;

export function parseFlags<const T extends Specs>(args: readonly string[], options: T) {
  return parseCommandLine(args, options, 0).values;
}

/** Flags and exactly `positionalCount` arguments (plan ids, say). */
export function parseCommandLine<const T extends Specs>(args: readonly string[], options: T, positionalCount: number) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: positionalCount > 0 });
  } catch (error) {
    // parseArgs names the flag in its message ("Unknown option '--foo'").
    throw badInput((error as Error).message);
  }
  if (positionalCount > 0 && parsed.positionals.length !== positionalCount && !(parsed.values as { help?: boolean }).help) {
    throw badInput(`expected ${positionalCount} argument(s), got ${parsed.positionals.length}`);
  }
  return parsed;
}

export function choice<const T extends readonly string[]>(flag: string, value: string, allowed: T): T[number] {
  if (!(allowed as readonly string[]).includes(value)) {
    throw badInput(`--${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
  }
  return value as T[number];
}

export function fieldValidationOf(value: string): FieldValidationMode {
  const mode = fieldValidationModeOf(value);
  if (mode === undefined) throw badInput(`--validate must be one of ${FIELD_VALIDATION_MODES.map((name) => name.toLowerCase()).join(', ')}, not "${value}"`);
  return mode;
}

/** The server's `fieldValidation` query parameter for a mode: none for its default. */
export function fieldValidationParameter(mode: FieldValidationMode): { fieldValidation?: FieldValidationMode } {
  return mode === DEFAULT_FIELD_VALIDATION ? {} : { fieldValidation: mode };
}

/** The contract's seed: an unsigned 32-bit integer. */
export function seedOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(seed) || seed > 2 ** 32 - 1) {
    throw badInput(`--seed must be an integer from 0 to ${2 ** 32 - 1}, not "${value}"`);
  }
  return seed;
}

export function positiveIntegerOf(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9]\d{0,8}$/.test(value)) throw badInput(`--${flag} must be a positive integer, not "${value}"`);
  return Number(value);
}

export function required<T>(flag: string, value: T | undefined): T {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) throw badInput(`--${flag} is required`);
  return value;
}
