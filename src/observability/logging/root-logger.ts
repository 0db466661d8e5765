/**
 * The process's pino logger: one JSON object per line on stdout, with the
 * level by name (`"level":"info"`, as Loki and most log pipelines expect),
 * an ISO timestamp and the process role. Everything logs through it: Nest's
 * `Logger` call sites (via nestjs-pino), the access log (pino-http) and
 * request-scoped children carrying `requestId`.
 */
import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import type { LogDestination, LogLevel, ProcessRole } from '../../config/app-config.js';

export const REQUEST_ID_LOG_KEY = 'requestId';
/** Injection token of the process's root pino Logger. */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');

export interface RootLoggerOptions {
  readonly level: LogLevel;
  readonly role: ProcessRole;
  /** Where lines go; stdout when absent (tests capture them). */
  readonly destination?: LogDestination;
}

export function createRootLogger(options: RootLoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { pid: process.pid, role: options.role },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Nothing logs headers; this keeps a future `req` serializer from leaking credentials.
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
    },
    options.destination as DestinationStream | undefined,
  );
}
