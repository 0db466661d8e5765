/**
 * The viewer's way to podplan's REST API, for what the contract defines there
 * (topology import, the plan document, the plan diff), with the saved API key
 * as a bearer token. problem+json answers (RFC 9457) become RestRequestError
 * with the field errors' paths, so the page can say what to fix.
 */
import { readApiKey } from './api-key.js';
import type { FieldError } from './graphql-client.js';

/** The contract's error codes, named from the HTTP status as GraphQL's extensions.code names them. */
const CODE_BY_STATUS: Record<number, string> = { 400: 'BAD_USER_INPUT', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND' };

export class RestRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly fieldErrors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'RestRequestError';
  }
}

interface ProblemBody {
  title?: string;
  detail?: string;
  errors?: FieldError[];
}

export interface RestRequest {
  method?: 'GET' | 'POST';
  /** Sent as is, with `contentType`. */
  body?: string;
  contentType?: string;
}

export async function restRequest<TBody>(path: string, { method = 'GET', body, contentType }: RestRequest = {}): Promise<TBody> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (contentType) headers['Content-Type'] = contentType;
  const apiKey = readApiKey();
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;

  const response = await fetch(path, { method, headers, body });
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = (answer ?? {}) as ProblemBody;
    throw new RestRequestError(problem.detail ?? problem.title ?? `the service answered ${response.status}`, response.status, CODE_BY_STATUS[response.status], problem.errors ?? []);
  }
  if (answer === null) throw new RestRequestError(`the service answered ${response.status} without JSON`, response.status, undefined);
  return answer as TBody;
}
