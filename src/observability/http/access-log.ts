/**
 * One access-log line per request, written by pino-http when the response is
 * finished (or the connection closed): method, path, status, route template,
 * duration and the request id. Request-scoped loggers carry only
 * `requestId`, so service logs of the request are short and linkable.
 * Probes and scrapes are logged at `debug`: Kubernetes calls them every few
 * seconds.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger, LevelWithSilent } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { REQUEST_ID_LOG_KEY, ROOT_LOGGER } from '../logging/root-logger.js';
import { routeTemplate } from './route-template.js';

const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

function pathOf(url: string | undefined): string {
  const path = (url ?? '/').split('?')[0];
  return path.length > 512 ? `${path.slice(0, 512)}…` : path;
}

function levelFor(request: IncomingMessage, response: ServerResponse, error?: Error): LevelWithSilent {
  if (error || response.statusCode >= 500) return 'error';
  if (response.statusCode >= 400) return 'warn';
  return QUIET_PATHS.has(pathOf(request.url)) ? 'debug' : 'info';
}

/** The access-log middleware, built once per application on its root logger. */
@Injectable()
export class AccessLog {
  readonly middleware: HttpLogger;

  constructor(@Inject(ROOT_LOGGER) root: Logger) {
    this.middleware = accessLogMiddleware(root);
  }
}

function accessLogMiddleware(root: Logger): HttpLogger {
  return pinoHttp({
    logger: root,
    // RequestTelemetry assigned it (and answered it in X-Request-Id) before this runs.
    genReqId: (request) => request.id,
    quietReqLogger: true,
    customAttributeKeys: { reqId: REQUEST_ID_LOG_KEY, responseTime: 'durationMs' },
    customLogLevel: levelFor,
    serializers: {
      // Method and path only: headers carry credentials, and query strings cursors.
      req: (request: { method?: string; url?: string }) => ({ method: request.method, path: pathOf(request.url) }),
      res: (response: { statusCode?: number }) => ({ status: response.statusCode }),
    },
    customProps: (request) => {
      const route = routeTemplate(request as Request);
      return (request as Request & { route?: unknown }).route ? { route } : {};
    },
    customSuccessMessage: (request, response) => `${request.method} ${pathOf(request.url)} ${response.statusCode}`,
    customErrorMessage: (request, response) => `${request.method} ${pathOf(request.url)} ${(response as Response).statusCode}`,
  });
}
