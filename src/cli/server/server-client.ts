/**
 * The podplan REST API as the command line calls it: through the typed
 * client generated from the OpenAPI document (podplan-api.ts), so a route,
 * parameter or body the server does not have is a compile error here. The
 * base URL comes from `--server` or PODPLAN_URL, the key from PODPLAN_TOKEN
 * (never a flag, so it stays out of shell history and `ps`); problem+json
 * errors become exit codes — the caller's mistakes (4xx about the request)
 * are bad input, the rest failures.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { FieldError } from '../../kube/field-error.js';
import { badInput, CliError, failure } from '../cli-error.js';
import { ExitCode } from '../exit-codes.js';
import type { paths } from './podplan-api.js';

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

/** The typed podplan client: `api.GET('/v1/plans/{id}', { params: { path: { id } } })`. */
export type PodplanApi = Client<paths, 'application/json'>;

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

function problemOf(text: string): Problem {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Problem) : {};
  } catch {
    return {};
  }
}

/** Turns every answer that is not a success, and an unreachable server, into the command line's errors. */
function cliErrors(baseUrl: URL): Middleware {
  return {
    async onResponse({ request, response }) {
      if (response.ok) return undefined;
      throw statusError(response.status, problemOf(await response.text()), `${request.method} ${new URL(request.url).pathname}`);
    },
    onError({ error }) {
      if (error instanceof CliError) return error;
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
      return failure(`cannot reach podplan at ${baseUrl.origin}: ${cause}`);
    },
  };
}

export class ServerClient {
  /** Every route of the server, typed from its OpenAPI document. */
  readonly api: PodplanApi;

  constructor(private readonly settings: ServerSettings) {
    this.api = createClient<paths, 'application/json'>({
      baseUrl: settings.baseUrl.href.replace(/\/$/, ''),
      headers: { Accept: 'application/json', ...(settings.token ? { Authorization: `Bearer ${settings.token}` } : {}) },
    });
    this.api.use(cliErrors(settings.baseUrl));
  }

  /**
   * The data of a typed call (`client.answer(client.api.GET(…))`): errors were
   * already thrown by the middleware; a success body that is not JSON is a failure.
   */
  async answer<Data>(call: Promise<{ data?: Data; response: Response }>): Promise<Data> {
    let outcome: { data?: Data; response: Response };
    try {
      outcome = await call;
    } catch (error) {
      if (error instanceof SyntaxError) throw failure(`the server at ${this.settings.baseUrl.origin} answered with a body that is not JSON`);
      throw error;
    }
    return outcome.data as Data;
  }

  /**
   * The data of a call whose answer the document declares only as a JSON
   * object, read as `Shape`: the fields this command uses.
   */
  async answerAs<Shape>(call: Promise<{ data?: Record<string, unknown>; response: Response }>): Promise<Shape> {
    return (await this.answer(call)) as Shape;
  }
}
