/**
 * The viewer's only way to the service: POST /graphql, with the saved API key
 * as a bearer token. GraphQL errors become GraphQLRequestError carrying the
 * contract's `extensions.code` and field errors, so the page can say what to fix.
 */
import { readApiKey } from './api-key.js';

export interface FieldError {
  path: string;
  message: string;
}

export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    /** The contract's extensions.code: BAD_USER_INPUT, NOT_FOUND, UNAUTHENTICATED, FORBIDDEN, … */
    readonly code: string | undefined,
    readonly fieldErrors: readonly FieldError[] = [],
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; errors?: FieldError[] };
}

interface GraphQLResponseBody<TData> {
  data?: TData | null;
  errors?: GraphQLErrorBody[];
}

/** HTTP statuses the service answers before GraphQL runs (authentication), named as GraphQL would. */
const CODE_BY_STATUS: Record<number, string> = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN' };

export async function graphqlRequest<TData>(query: string, variables: Record<string, unknown> = {}): Promise<TData> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  const apiKey = readApiKey();
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;

  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json().catch(() => null)) as GraphQLResponseBody<TData> | { detail?: string; title?: string } | null;

  if (body && 'errors' in body && body.errors?.length) {
    const [first] = body.errors;
    throw new GraphQLRequestError(first.message, first.extensions?.code, first.extensions?.errors ?? []);
  }
  if (!response.ok || !body || !('data' in body) || !body.data) {
    const problem = body && 'detail' in body ? (body.detail ?? body.title) : undefined;
    throw new GraphQLRequestError(problem ?? `the service answered ${response.status}`, CODE_BY_STATUS[response.status]);
  }
  return body.data;
}
