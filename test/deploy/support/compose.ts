/**
 * Reads docker-compose.yml as `docker compose` would for the parts podplan's
 * file uses: YAML merge keys (`<<: *anchor`), and `${VAR}`, `${VAR:-default}`
 * and `${VAR:?message}` interpolated from an env file (compose reads `.env`
 * by itself). An unset `${VAR:?…}` is an error carrying compose's message.
 */
import { parse } from 'yaml';

export type ComposeFile = {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
};

export type ComposeService = Record<string, any> & {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
};

/** `KEY=value` lines; `#` comments and blank lines skipped. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(trimmed);
    if (!match) throw new Error(`not a KEY=value line: ${line}`);
    values[match[1]] = match[2];
  }
  return values;
}

export class ComposeInterpolationError extends Error {}

function interpolate(text: string, variables: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{(\w+)(?:(:-|:\?)([^}]*))?\}/g, (_whole, name: string, operator: string | undefined, argument: string | undefined) => {
    const value = variables[name];
    if (value !== undefined && value !== '') return value;
    if (operator === ':-') return argument ?? '';
    if (operator === ':?') throw new ComposeInterpolationError(`required variable ${name} is missing a value: ${argument}`);
    return '';
  });
}

function interpolateTree(value: unknown, variables: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string') return interpolate(value, variables);
  if (Array.isArray(value)) return value.map((item) => interpolateTree(item, variables));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, interpolateTree(item, variables)]));
  }
  return value;
}

export function loadComposeFile(text: string, variables: Readonly<Record<string, string>>): ComposeFile {
  const raw = parse(text, { merge: true }) as Record<string, unknown>;
  // `x-` keys are compose extension fields: anchors only, not part of the model.
  const model = Object.fromEntries(Object.entries(raw).filter(([key]) => !key.startsWith('x-')));
  return interpolateTree(model, variables) as ComposeFile;
}
