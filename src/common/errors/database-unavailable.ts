/**
 * Recognises "the database is away" among whatever `pg` and TypeORM throw, so
 * it answers 503 + Retry-After instead of a 500: the request was fine, the
 * store was not, and retrying later will work once Postgres is back.
 */

/** Socket-level failures reaching or talking to the server. */
const NETWORK_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATE classes and codes meaning the server cannot serve now (PostgreSQL
 * Appendix A): 08 connection exception, 57P01 admin_shutdown, 57P02
 * crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections.
 */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Messages `pg` and its pool use for a lost or unobtainable connection (they carry no code). */
const CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end',
];

function codeOf(error: object): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function isDatabaseUnavailable(exception: unknown, depth = 0): boolean {
  if (typeof exception !== 'object' || exception === null || depth > 4) return false;
  const code = codeOf(exception);
  if (code !== undefined && (NETWORK_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08'))) return true;
  const message = (exception as { message?: unknown }).message;
  if (typeof message === 'string' && CONNECTION_MESSAGES.some((text) => message.includes(text))) return true;
  // TypeORM wraps driver errors (QueryFailedError.driverError); AggregateError lists one per address tried.
  const nested = [
    (exception as { driverError?: unknown }).driverError,
    (exception as { cause?: unknown }).cause,
    ...(((exception as { errors?: unknown }).errors as unknown[] | undefined) ?? []).filter(() => exception instanceof AggregateError),
  ];
  return nested.some((inner) => inner !== exception && isDatabaseUnavailable(inner, depth + 1));
}

/**
 * SQLSTATE 22P05 (untranslatable_character: jsonb's "unsupported Unicode
 * escape sequence") and 22021 (character_not_in_repertoire): Postgres text
 * cannot hold U+0000. The input was at fault, not the service; the
 * transaction rolled back, so nothing was written.
 */
const UNSTORABLE_TEXT_SQLSTATES = new Set(['22P05', '22021']);

export function isUnstorableText(exception: unknown): boolean {
  if (typeof exception !== 'object' || exception === null) return false;
  const code = codeOf(exception);
  if (code !== undefined && UNSTORABLE_TEXT_SQLSTATES.has(code)) return true;
  const driverError = (exception as { driverError?: unknown }).driverError;
  return driverError !== exception && driverError !== undefined && isUnstorableText(driverError);
}
