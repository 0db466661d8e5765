/**
 * GraphiQL at /graphql for a browser (a GET that prefers text/html), when
 * PODPLAN_GRAPHIQL allows it: by default while no keys are configured (open
 * mode), so a deployment with keys shows no page unless asked to. Registered
 * ahead of RequestGate (app.ts): the page holds no data and a browser cannot
 * send a key with a navigation; its own requests go through the gate like any
 * other, with the key typed into GraphiQL's headers. Everything else, and the
 * page when it is not allowed, passes on to the gate and Apollo.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { graphiqlPage, type GraphiqlPage } from '../common/graphql/graphiql-html.js';
import { isAllowedHost } from '../common/security/allowed-host.js';
import { AuthenticationService } from './authentication.service.js';
import { GRAPHQL_PATH } from './request-gate.js';

/** As Apollo Server decides its landing page: a GET whose Accept prefers HTML. */
function asksForPage(request: Request): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && request.path === GRAPHQL_PATH && request.accepts(['application/json', 'text/html']) === 'text/html';
}

@Injectable()
export class GraphiqlPageServer {
  private readonly page: GraphiqlPage = graphiqlPage(GRAPHQL_PATH);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly authentication: AuthenticationService,
  ) {}

  readonly handler: RequestHandler = (request: Request, response: Response, next: NextFunction): void => {
    if (!asksForPage(request) || this.config.auth.graphiql === false) {
      next();
      return;
    }
    this.serves(request).then(
      (serves) => (serves ? this.send(response) : next()),
      (error: unknown) => next(error),
    );
  };

  private async serves(request: Request): Promise<boolean> {
    const enforced = await this.authentication.isEnforced();
    // The Host rule of every other request (DNS rebinding); a refused Host is answered by the gate.
    const { allowedHosts } = this.config.auth;
    if (!isAllowedHost(request.headers.host, allowedHosts, enforced && allowedHosts.length === 0)) return false;
    return this.config.auth.graphiql === true || !enforced;
  }

  private send(response: Response): void {
    response.setHeader('Content-Security-Policy', this.page.contentSecurityPolicy);
    response.setHeader('Cache-Control', 'no-store');
    response.type('html').send(this.page.html);
  }
}
