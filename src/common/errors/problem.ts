import { HttpException, HttpStatus } from '@nestjs/common';
import { InvalidInputError, type FieldError } from '../../kube/field-error.js';
import { LabelSelectorError } from '../../kube/label-selector.js';
import { boundedDetail } from './bounded-errors.js';
import { isDatabaseUnavailable, isUnstorableText } from './database-unavailable.js';
import { DomainError, RetryLaterError, type DomainErrorCode } from './domain-error.js';

/** How long a client should wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** An RFC 9457 problem, before it is rendered as JSON or as a GraphQL error. */
export interface Problem {
  readonly code: DomainErrorCode;
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** Sent as `Retry-After` (REST) and `extensions.retryAfter` (GraphQL). */
  readonly retryAfterSeconds?: number;
}

const STATUS_BY_CODE: Record<DomainErrorCode, number> = {
  BAD_USER_INPUT: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  METHOD_NOT_ALLOWED: HttpStatus.METHOD_NOT_ALLOWED,
  CONFLICT: HttpStatus.CONFLICT,
  PRECONDITION_FAILED: HttpStatus.PRECONDITION_FAILED,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  LIMIT_EXCEEDED: HttpStatus.UNPROCESSABLE_ENTITY,
  TOO_MANY_REQUESTS: HttpStatus.TOO_MANY_REQUESTS,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  INTERNAL_SERVER_ERROR: HttpStatus.INTERNAL_SERVER_ERROR,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
};

const TITLE_BY_CODE: Record<DomainErrorCode, string> = {
  BAD_USER_INPUT: 'Invalid input',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Forbidden',
  NOT_FOUND: 'Not found',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  CONFLICT: 'Conflict',
  PRECONDITION_FAILED: 'Precondition failed',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  LIMIT_EXCEEDED: 'Limit exceeded',
  TOO_MANY_REQUESTS: 'Too many requests',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  INTERNAL_SERVER_ERROR: 'Internal server error',
  SERVICE_UNAVAILABLE: 'Service unavailable',
};

export function problemType(code: DomainErrorCode): string {
  return `urn:podplan:problem:${code.toLowerCase().replaceAll('_', '-')}`;
}

/** Every problem goes through here, so every answer's detail and errors are bounded (bounded-errors.ts). */
function problem(code: DomainErrorCode, detail: string, errors: readonly FieldError[] = []): Problem {
  return { code, status: STATUS_BY_CODE[code], title: TITLE_BY_CODE[code], ...boundedDetail(detail, errors) };
}

/** Body-parser attaches the raw text to JSON syntax errors; point at the line and column. */
function describeSyntaxError(exception: HttpException): FieldError[] {
  const cause = exception.cause as { body?: unknown; message?: unknown } | undefined;
  const message = typeof cause?.message === 'string' ? cause.message : exception.message;
  const position = /position (\d+)/.exec(message);
  if (position && typeof cause?.body === 'string') {
    const before = cause.body.slice(0, Number(position[1]));
    const line = before.split('\n').length;
    const column = before.length - before.lastIndexOf('\n');
    return [{ path: '', message: `malformed JSON at line ${line}, column ${column}: ${message}` }];
  }
  return [{ path: '', message: `malformed JSON: ${message}` }];
}

function codeForStatus(status: number): DomainErrorCode {
  const entry = Object.entries(STATUS_BY_CODE).find(([, candidate]) => candidate === status);
  if (entry) return entry[0] as DomainErrorCode;
  return status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_USER_INPUT';
}

/**
 * Classifies anything thrown into a Problem. Returns undefined for exceptions
 * nobody anticipated: the caller logs them and answers a bare 500, so no
 * internal detail leaks.
 */
export function toProblem(exception: unknown): Problem | undefined {
  if (exception instanceof RetryLaterError) {
    return { ...problem(exception.code, exception.message, exception.errors), retryAfterSeconds: exception.retryAfterSeconds };
  }
  if (isUnstorableText(exception)) {
    return problem('BAD_USER_INPUT', 'the input contains the NUL character (U+0000), which text fields cannot hold', [
      { path: '', message: 'must not contain the NUL character (U+0000)' },
    ]);
  }
  if (isDatabaseUnavailable(exception)) {
    return {
      ...problem('SERVICE_UNAVAILABLE', 'the database is not reachable; retry shortly'),
      retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
    };
  }
  if (exception instanceof DomainError) return problem(exception.code, exception.message, exception.errors);
  if (exception instanceof InvalidInputError) return problem('BAD_USER_INPUT', exception.message, exception.errors);
  if (exception instanceof LabelSelectorError) {
    return problem('BAD_USER_INPUT', `${exception.path}: ${exception.message}`, [
      { path: exception.path, message: exception.message },
    ]);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status >= 500) return undefined;
    const code = codeForStatus(status);
    if (exception.cause instanceof SyntaxError) {
      return problem(code, 'the request body is not valid JSON', describeSyntaxError(exception));
    }
    if (status === HttpStatus.PAYLOAD_TOO_LARGE) {
      const limit = (exception.cause as { limit?: unknown } | undefined)?.limit;
      const value = typeof limit === 'number' ? `=${limit} bytes` : '';
      return problem(code, `the request body is larger than the configured limit (BODY_LIMIT${value})`);
    }
    return problem(code, exception.message);
  }
  return undefined;
}

export const INTERNAL_PROBLEM: Problem = problem('INTERNAL_SERVER_ERROR', 'an unexpected error occurred; it has been logged');
