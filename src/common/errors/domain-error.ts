import type { FieldError } from '../../kube/field-error.js';
import { echoed } from '../../kube/echoed-value.js';

/**
 * The closed set of failure kinds podplan reports. Each maps to exactly one
 * HTTP status and GraphQL `extensions.code` (see problem-mapping.ts).
 */
export type DomainErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'METHOD_NOT_ALLOWED'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'PAYLOAD_TOO_LARGE'
  | 'LIMIT_EXCEEDED'
  | 'TOO_MANY_REQUESTS'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INTERNAL_SERVER_ERROR'
  | 'SERVICE_UNAVAILABLE';

/** A failure the service expects and explains; thrown by services, mapped once at the edge. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} "${echoed(id)}" does not exist`);
  }
}

/** A write based on a revision that is no longer the latest (If-Match / `revision`). */
export class StaleRevisionError extends DomainError {
  constructor(
    readonly expectedRevision: number,
    readonly latestRevision: number,
  ) {
    super(
      'PRECONDITION_FAILED',
      `revision ${expectedRevision} is not the latest (latest is ${latestRevision}); read it and retry`,
      [{ path: 'revision', message: `must be the latest revision, ${latestRevision}` }],
    );
  }
}

/** A refusal the client should retry after a while: rate limited, or the database is away. */
export class RetryLaterError extends DomainError {
  constructor(
    code: 'TOO_MANY_REQUESTS' | 'SERVICE_UNAVAILABLE',
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(code, message);
  }
}

/** A request over a configured limit: names the setting and its value so the caller knows what to change. */
export class LimitExceededError extends DomainError {
  constructor(path: string, message: string, setting: string, limit: number) {
    super('LIMIT_EXCEEDED', `${path}: ${message} (limit ${setting}=${limit})`, [
      { path, message: `${message} (limit ${setting}=${limit})` },
    ]);
  }
}
