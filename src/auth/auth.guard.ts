/**
 * The one gate in front of every REST route and GraphQL resolver (registered
 * globally, and for GraphQL field resolvers too): reads the route's
 * AccessPolicy, takes the caller RequestGate authenticated (before the body
 * was read), applies the per-key rate limit once, and checks the role. Team isolation is not decided here:
 * services scope every query by the caller's team.
 */
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { DomainError, RetryLaterError } from '../common/errors/domain-error.js';
import { requestTokens } from '../common/security/request-tokens.js';
import { TokenBucketLimiter, type RateDecision } from '../common/security/token-bucket-limiter.js';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy.decorator.js';
import { AuthenticationService } from './authentication.service.js';
import type { Caller } from './caller.js';
import { requestCaller, requestOf, setRequestCaller } from './request-caller.js';
import { roleAllows, type Role } from './role.js';

/** A route that declares no policy is for admins only until it does (fail closed). */
const UNDECLARED_ROLE: Role = 'admin';

@Injectable()
export class AuthGuard implements CanActivate {
  private readonly limiter: TokenBucketLimiter;
  /** The rate decision per request: a GraphQL operation runs this guard once per resolver, and every resolver of a refused operation is refused. */
  private readonly decided = new WeakMap<Request, RateDecision>();
  /**
   * Authentications in flight or done, by request, failed ones included: a
   * GraphQL operation's resolvers start together, and 20,000 aliases must
   * not mean 20,000 key look-ups. RequestGate normally records the caller
   * before the request gets here; this covers a request that skipped it.
   */
  private readonly authentications = new WeakMap<Request, Promise<Caller>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly authentication: AuthenticationService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limiter = new TokenBucketLimiter({ perMinute: config.limits.rateLimitPerMinute, burst: config.limits.rateLimitBurst });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<AccessPolicy | undefined>(ACCESS_POLICY, [context.getHandler(), context.getClass()]);
    if (policy?.public) return true;
    const request = requestOf(context);
    const caller = await this.callerOf(request);
    this.limitRate(request, caller);
    const needed = policy?.role ?? UNDECLARED_ROLE;
    if (!roleAllows(caller.role, needed)) {
      throw new DomainError('FORBIDDEN', `this needs the ${needed} role; the key's role is ${caller.role}`);
    }
    return true;
  }

  private async callerOf(request: Request): Promise<Caller> {
    const known = requestCaller(request);
    if (known) return known;
    let authenticating = this.authentications.get(request);
    if (authenticating === undefined) {
      authenticating = this.authentication.authenticate(request.headers.authorization);
      this.authentications.set(request, authenticating);
    }
    const caller = await authenticating;
    setRequestCaller(request, caller);
    return caller;
  }

  /**
   * Per key, once per request, taking the request's weight in tokens (one
   * for REST; a GraphQL operation's, set by the query-cost plugin); the open
   * (loopback, no keys) mode has one local user and is not limited.
   */
  private limitRate(request: Request, caller: Caller): void {
    if (caller.source === 'open') return;
    let decision = this.decided.get(request);
    if (decision === undefined) {
      decision = this.limiter.take(caller.keyId ?? caller.source, requestTokens(request));
      this.decided.set(request, decision);
    }
    if (!decision.allowed) {
      throw new RetryLaterError(
        'TOO_MANY_REQUESTS',
        `rate limit exceeded for this key (PODPLAN_RATE_LIMIT_PER_MINUTE, burst PODPLAN_RATE_LIMIT_BURST; this request weighs ${requestTokens(request)}); retry in ${decision.retryAfterSeconds} s`,
        decision.retryAfterSeconds,
      );
    }
  }
}
