/**
 * The first thing every request meets, before its body is read, routed or
 * parsed (registered in app.ts ahead of the body parsers), so a request
 * without a valid key costs the same small amount whatever it carries:
 * 1. `Host` must be a loopback name or listed in PODPLAN_ALLOWED_HOSTS while
 *    no keys are configured (DNS rebinding), or when the list is set;
 * 2. public requests (probes, the viewer's static files, the docs when
 *    PODPLAN_PUBLIC_DOCS) go on;
 * 3. a client address that failed authentication too often is told to wait
 *    (429 + Retry-After) without its key being looked up;
 * 4. the key is authenticated, once per request: AuthGuard, which runs per
 *    REST handler and per GraphQL field, reads the caller recorded here.
 * A refused request that still has a body to send is answered at once; the
 * rest of its body is discarded unread for a moment, then the connection is
 * closed (see refused-body.ts).
 */
import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { DomainError, RetryLaterError } from '../common/errors/domain-error.js';
import { toProblem, type Problem } from '../common/errors/problem.js';
import { sendProblem } from '../common/errors/problem-response.js';
import { discardBodyThenClose } from '../common/http/refused-body.js';
import { isAllowedHost } from '../common/security/allowed-host.js';
import { TokenBucketLimiter } from '../common/security/token-bucket-limiter.js';
import { AuthenticationService } from './authentication.service.js';
import { OPEN_CALLER } from './caller.js';
import { PublicRoutes } from './public-routes.js';
import { setRequestCaller } from './request-caller.js';

export const GRAPHQL_PATH = '/graphql';

/** Host values are echoed in refusals; a header of kilobytes is not. */
const MAX_ECHOED_HOST_LENGTH = 100;

/** The address failures are counted against: the peer, or with PODPLAN_TRUST_PROXY the client a trusted proxy names. */
function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}

@Injectable()
export class RequestGate {
  private readonly failures: TokenBucketLimiter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly authentication: AuthenticationService,
    private readonly publicRoutes: PublicRoutes,
  ) {
    this.failures = new TokenBucketLimiter({ perMinute: config.auth.failedAttemptsPerMinute, burst: config.auth.failedAttemptBurst });
  }

  readonly handler: RequestHandler = (request: Request, response: Response, next: NextFunction): void => {
    this.admit(request).then(
      (refusal) => (refusal === undefined ? next() : this.refuse(request, response, refusal)),
      (error: unknown) => {
        const problem = toProblem(error);
        if (problem === undefined) next(error);
        else this.refuse(request, response, problem);
      },
    );
  };

  /** Undefined when the request may go on (its caller recorded), or why not. */
  private async admit(request: Request): Promise<Problem | undefined> {
    // Probes answer from any Host: orchestrators call them by address, and they disclose nothing.
    if (this.publicRoutes.isPublicRoute(request.method, request.path)) return undefined;
    const enforced = await this.authentication.isEnforced();
    const { allowedHosts } = this.config.auth;
    if (!isAllowedHost(request.headers.host, allowedHosts, enforced && allowedHosts.length === 0)) return hostRefusal(request.headers.host!, enforced);
    if (this.publicRoutes.isPublic(request.method, request.path)) return undefined;
    if (!enforced) {
      setRequestCaller(request, OPEN_CALLER);
      return undefined;
    }
    const address = clientAddress(request);
    const throttled = this.failures.check(address);
    if (!throttled.allowed) {
      return toProblem(
        new RetryLaterError(
          'TOO_MANY_REQUESTS',
          `too many failed authentications from this address (PODPLAN_AUTH_FAILURES_PER_MINUTE=${this.config.auth.failedAttemptsPerMinute}, ` +
            `burst PODPLAN_AUTH_FAILURE_BURST=${this.config.auth.failedAttemptBurst}); retry in ${throttled.retryAfterSeconds} s`,
          throttled.retryAfterSeconds,
        ),
      );
    }
    const { authorization } = request.headers;
    try {
      setRequestCaller(request, await this.authentication.authenticate(authorization));
      return undefined;
    } catch (error) {
      // A request with no key cost no look-up and guessed nothing; a wrong key counts against its address.
      if (error instanceof DomainError && error.code === 'UNAUTHENTICATED' && authorization !== undefined) this.failures.take(address);
      throw error;
    }
  }

  private refuse(request: Request, response: Response, problem: Problem): void {
    discardBodyThenClose(request, response);
    sendProblem(response, problem, request.path === GRAPHQL_PATH ? 'graphql' : 'problem');
  }
}

function hostRefusal(host: string, enforced: boolean): Problem {
  const shown = host.length > MAX_ECHOED_HOST_LENGTH ? `${host.slice(0, MAX_ECHOED_HOST_LENGTH)}…` : host;
  const why = enforced
    ? 'it is not in PODPLAN_ALLOWED_HOSTS'
    : 'without API keys podplan answers only loopback names (localhost, 127.0.0.1, [::1]) and PODPLAN_ALLOWED_HOSTS, so a web page cannot reach it by DNS rebinding';
  return toProblem(new DomainError('FORBIDDEN', `Host "${shown}" is not allowed: ${why}`))!;
}
