/**
 * One collection, read whole: LIST with `limit` and `continue` until the
 * server says there is no more, as client-go's pager does
 * (k8s.io/client-go/tools/pager ListPager). Transient failures (no answer,
 * 429, 5xx) are retried with backoff; 410 Gone on a continue token (the
 * snapshot it pointed into was compacted) restarts the list from the
 * beginning, since pages of two snapshots must not be mixed.
 */
import type { KubeConfig } from '@kubernetes/client-node';
import { ApiTransportError, getFromApi, type ApiResponse } from './api-request.js';
import { ClusterReadError, type ClusterEndpoint } from './cluster-read-error.js';

export interface PagingOptions {
  /** Items per page (`limit`); client-go's pager uses 500. */
  readonly pageSize: number;
  /** Attempts per request, the first included. */
  readonly attempts: number;
  /** Backoff before the first retry; doubles each time, capped at 10 s (or the server's Retry-After). */
  readonly retryDelayMs: number;
  /** Fresh starts of one list after 410 Gone. */
  readonly restarts: number;
  readonly requestTimeoutMs: number;
}

export const DEFAULT_PAGING: PagingOptions = { pageSize: 500, attempts: 5, retryDelayMs: 250, restarts: 3, requestTimeoutMs: 30_000 };

export type PagedListOutcome =
  | { readonly status: 'listed'; readonly kind: string | undefined; readonly apiVersion: string | undefined; readonly items: unknown[]; readonly pages: number; readonly retries: number; readonly restarts: number }
  /** 403 or 404: the caller decides (a warning naming the kind). */
  | { readonly status: 'refused'; readonly httpStatus: 403 | 404; readonly message: string };

const MAX_BACKOFF_MS = 10_000;
const TRANSIENT_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * `onPage` sees every page's item count before the next page is asked for
 * (a caller's size limit throws from it).
 */
export async function listAll(
  config: KubeConfig,
  endpoint: ClusterEndpoint,
  path: string,
  options: PagingOptions,
  onPage: (itemCount: number) => void = () => undefined,
): Promise<PagedListOutcome> {
  let retries = 0;
  for (let restart = 0; ; restart++) {
    const items: unknown[] = [];
    let continueToken: string | undefined;
    let pages = 0;
    let list: { kind?: string; apiVersion?: string } = {};
    let expired = false;
    do {
      const query: Record<string, string> = { limit: String(options.pageSize), ...(continueToken ? { continue: continueToken } : {}) };
      const response = await getWithRetries(config, endpoint, path, query, options, () => retries++);
      if (response.status === 410 && continueToken !== undefined) {
        expired = true;
        break;
      }
      if (response.status === 403 || response.status === 404) return { status: 'refused', httpStatus: response.status, message: statusMessage(response) };
      if (response.status === 401) throw new ClusterReadError('unauthorized', `the credentials were refused (401 Unauthorized): ${statusMessage(response)}`, endpoint);
      if (response.status !== 200) throw new ClusterReadError('failed', `LIST ${path} answered ${response.status}: ${statusMessage(response)}`, endpoint);
      const page = parseList(response, path, endpoint);
      list = page;
      onPage(page.items.length);
      items.push(...page.items);
      pages++;
      continueToken = page.metadata?.continue || undefined;
    } while (continueToken !== undefined);
    if (!expired) return { status: 'listed', kind: list.kind, apiVersion: list.apiVersion, items, pages, retries, restarts: restart };
    if (restart >= options.restarts) {
      throw new ClusterReadError('failed', `LIST ${path}: the continue token expired (410 Gone) ${restart + 1} times; the cluster changes faster than it can be paged (try a larger page)`, endpoint);
    }
  }
}

interface ListDocument {
  kind?: string;
  apiVersion?: string;
  metadata?: { continue?: string; resourceVersion?: string };
  items: unknown[];
}

function parseList(response: ApiResponse, path: string, endpoint: ClusterEndpoint): ListDocument {
  let document: unknown;
  try {
    document = JSON.parse(response.text);
  } catch {
    throw new ClusterReadError('failed', `LIST ${path} did not answer JSON (is this a Kubernetes API server?)`, endpoint);
  }
  if (typeof document !== 'object' || document === null || !Array.isArray((document as ListDocument).items)) {
    throw new ClusterReadError('failed', `LIST ${path} did not answer a list (no items)`, endpoint);
  }
  return document as ListDocument;
}

export async function getWithRetries(
  config: KubeConfig,
  endpoint: ClusterEndpoint,
  path: string,
  query: Record<string, string>,
  options: PagingOptions,
  onRetry: () => void,
): Promise<ApiResponse> {
  for (let attempt = 1; ; attempt++) {
    let response: ApiResponse | undefined;
    let failure: ApiTransportError | undefined;
    try {
      response = await getFromApi(config, endpoint, path, query, options.requestTimeoutMs);
    } catch (error) {
      if (!(error instanceof ApiTransportError)) throw error;
      failure = error;
    }
    if (response !== undefined && !TRANSIENT_STATUSES.has(response.status)) return response;
    if (attempt >= options.attempts) {
      if (failure) throw new ClusterReadError('unreachable', `cannot reach the API server: ${failure.message}`, endpoint);
      throw new ClusterReadError('failed', `LIST ${path} answered ${response!.status} ${attempt} times: ${statusMessage(response!)}`, endpoint);
    }
    // TLS and name errors do not heal by waiting: report them at once.
    if (failure && isPermanent(failure.code)) throw new ClusterReadError('unreachable', `cannot reach the API server: ${failure.message}`, endpoint);
    onRetry();
    await sleep(backoff(attempt, options.retryDelayMs, response?.headers['retry-after']));
  }
}

const PERMANENT_CODES = /^(ENOTFOUND|EAI_AGAIN|ERR_TLS_|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_SSL|ERR_INVALID_URL|UND_ERR_INVALID_ARG)/;

function isPermanent(code: string | undefined): boolean {
  return code !== undefined && PERMANENT_CODES.test(code);
}

function backoff(attempt: number, baseMs: number, retryAfter: string | undefined): number {
  const seconds = retryAfter === undefined ? NaN : Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, MAX_BACKOFF_MS);
  return Math.min(baseMs * 2 ** (attempt - 1), MAX_BACKOFF_MS);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The `message` of the API server's Status body, else the start of the body. */
function statusMessage(response: ApiResponse): string {
  try {
    const status = JSON.parse(response.text) as { message?: unknown };
    if (typeof status.message === 'string' && status.message !== '') return status.message;
  } catch {
    // not a Status document
  }
  return response.text.slice(0, 200).trim() || 'no message';
}
