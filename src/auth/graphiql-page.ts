/**
 * GraphiQL at /graphql for a browser (a GET that prefers text/html), when
 * PODPLAN_GRAPHIQL allows it: by default while no keys are configured (open
 * mode), so a deployment with keys shows no page unless asked to. The page
 * and its bundles are built into dist/graphiql (common/graphql/graphiql-build.ts)
 * and served from here, under the same rule: no request leaves this service.
 * Registered ahead of RequestGate (app.ts): page and bundles hold no data, and
 * a browser cannot send a key with a navigation, a script or a worker; the
 * page's own queries go through the gate like any other, with the key typed
 * into GraphiQL's headers. Everything else, and the page when it is not
 * allowed, passes on to the gate and Apollo.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { GRAPHIQL_ASSETS_PATH, GRAPHIQL_CONTENT_SECURITY_POLICY, graphiqlBuildRoot } from '../common/graphql/graphiql-build.js';
import { isAllowedHost } from '../common/security/allowed-host.js';
import { AuthenticationService } from './authentication.service.js';
import { GRAPHQL_PATH } from './request-gate.js';

/** Vite fingerprints the bundles' names, so a year of caching is safe; the page itself is not cached. */
const ASSET_MAX_AGE = '365d';

/** The copies web/graphiql/precompress.ts writes beside each bundle, best first. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/** As Apollo Server decides its landing page: a GET whose Accept prefers HTML. */
function asksForPage(request: Request): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && request.path === GRAPHQL_PATH && request.accepts(['application/json', 'text/html']) === 'text/html';
}

function asksForAsset(request: Request): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && request.path.startsWith(`${GRAPHIQL_ASSETS_PATH}/`);
}

@Injectable()
export class GraphiqlPageServer {
  private readonly buildRoot = graphiqlBuildRoot();
  /** The built page, read once; null when GraphiQL is not built. */
  private readonly page: string | null;
  /** Names of the compressed copies in the assets directory, read once. */
  private readonly compressedAssets: ReadonlySet<string>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly authentication: AuthenticationService,
  ) {
    const pageFile = join(this.buildRoot, 'index.html');
    this.page = existsSync(pageFile) ? readFileSync(pageFile, 'utf8') : null;
    const assets = join(this.buildRoot, 'assets');
    this.compressedAssets = new Set(existsSync(assets) ? readdirSync(assets).filter((name) => PRECOMPRESSED.some(({ suffix }) => name.endsWith(suffix))) : []);
    if (this.page === null && config.auth.graphiql !== false) new Logger('GraphiQL').warn(`GraphiQL is not built (${pageFile} is missing): run \`npm run build\``);
  }

  readonly handler: RequestHandler = (request: Request, response: Response, next: NextFunction): void => {
    const page = asksForPage(request);
    if (this.page === null || this.config.auth.graphiql === false || !(page || asksForAsset(request))) {
      next();
      return;
    }
    this.serves(request).then(
      (serves) => {
        if (!serves) next();
        else if (page) this.sendPage(response);
        else this.sendAsset(request, response, next);
      },
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

  private sendPage(response: Response): void {
    response.setHeader('Content-Security-Policy', GRAPHIQL_CONTENT_SECURITY_POLICY);
    response.setHeader('Cache-Control', 'no-store');
    response.type('html').send(this.page);
  }

  /**
   * A bundle, with the page's policy: a worker runs under the policy its own
   * script arrives with, and helmet's default would upgrade the worker's
   * imports to https on a plain-HTTP deployment. `root` keeps `..` out of the
   * directory.
   */
  private sendAsset(request: Request, response: Response, next: NextFunction): void {
    let name = request.path.slice(GRAPHIQL_ASSETS_PATH.length + 1);
    // The build's compressed copy the browser accepts (7 MB of bundles travel as about 2 MB), typed as the bundle itself.
    const copies = PRECOMPRESSED.filter(({ suffix }) => this.compressedAssets.has(`${name}${suffix}`));
    if (copies.length > 0) {
      response.vary('Accept-Encoding');
      // Ours is the smaller first, whatever order the browser lists its encodings in (Chrome: "gzip, deflate, br, zstd").
      const copy = copies.find(({ encoding }) => request.acceptsEncodings(encoding) === encoding);
      if (copy !== undefined) {
        response.type(extname(name));
        response.setHeader('Content-Encoding', copy.encoding);
        name = `${name}${copy.suffix}`;
      }
    }
    const options = { root: join(this.buildRoot, 'assets'), immutable: true, maxAge: ASSET_MAX_AGE, dotfiles: 'deny' as const, headers: { 'Content-Security-Policy': GRAPHIQL_CONTENT_SECURITY_POLICY } };
    response.sendFile(name, options, (error?: Error & { status?: number; code?: string }) => {
      // Sent, or the browser went away mid-file (it left the page): nothing to answer.
      if (!error || error.code === 'ECONNABORTED') return;
      if (!response.headersSent) response.removeHeader('Content-Encoding');
      // A missing or refused name (404, 403): whatever follows answers it, as for any unknown path.
      if (error.status !== undefined && error.status < 500 && !response.headersSent) next();
      else next(error);
    });
  }
}
