/**
 * The podplan REST API as the command line calls it: the base URL from
 * `--server` or PODPLAN_URL, the key from PODPLAN_TOKEN (never a flag, so it
 * stays out of shell history and `ps`), problem+json errors turned into
 * exit codes — the caller's mistakes (4xx about the request) are bad input,
 * the rest failures.
 */
import type { FieldError } from '../../kube/field-error.js';
import { badInput, CliError, failure } from '../cli-error.js';
import { ExitCode } from '../exit-codes.js';

/** Statuses that say the request itself was wrong: fixable input, exit code 2. */
const BAD_INPUT_STATUSES = new Set([400, 404, 409, 412, 413, 415, 422]);

interface Problem {
  readonly title?: string;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
}

export interface ServerSettings {
  readonly baseUrl: URL;
  readonly token: string | undefined;
}

export function serverSettings(flag: string | undefined, environment: Readonly<Record<string, string | undefined>>): ServerSettings {
  const address = flag ?? (environment.PODPLAN_URL || undefined);
  if (address === undefined) throw badInput('no podplan server: pass --server URL or set PODPLAN_URL');
  let baseUrl: URL;
  try {
    baseUrl = new URL(address.endsWith('/') ? address : `${address}/`);
  } catch {
    throw badInput(`--server: "${address}" is not a URL (e.g. http://podplan.internal:3000)`);
  }
  if (baseUrl.protocol !== 'http:' && baseUrl.protocol !== 'https:') throw badInput(`--server: "${address}" is not an http(s) URL`);
  return { baseUrl, token: environment.PODPLAN_TOKEN || undefined };
}

function statusError(status: number, problem: Problem, what: string): CliError {
  const detail = problem.detail ?? problem.title ?? `HTTP ${status}`;
  if (status === 401) return new CliError(`${what}: ${detail} (set PODPLAN_TOKEN to a podplan key)`, ExitCode.Failure);
  if (status === 403) return new CliError(`${what}: ${detail} (the key's role may not do this)`, ExitCode.Failure);
  if (BAD_INPUT_STATUSES.has(status)) {
    // With field errors, the detail repeats the first one under the request's path; the list (rewritten into files) says it better.
    const errors = problem.errors ?? [];
    return badInput(`${what}: ${errors.length > 0 ? (problem.title ?? detail) : detail}`, errors);
  }
  return failure(`${what}: the server answered ${status}: ${detail}`);
}

export class ServerClient {
  constructor(private readonly settings: ServerSettings) {}

  get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    return this.send<T>('GET', path, undefined, query);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('POST', path, body, {});
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>('PUT', path, body, {});
  }

  private async send<T>(method: string, path: string, body: unknown, query: Record<string, string | number | undefined>): Promise<T> {
    const url = new URL(path.replace(/^\//, ''), this.settings.baseUrl);
    for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.settings.token) headers.Authorization = `Bearer ${this.settings.token}`;
    const what = `${method} ${url.pathname}`;
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      throw failure(`cannot reach podplan at ${this.settings.baseUrl.origin}: ${cause}`);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw failure(`${what}: the server answered ${response.status} with a body that is not JSON`);
    }
    if (!response.ok) throw statusError(response.status, (parsed ?? {}) as Problem, what);
    return parsed as T;
  }
}
