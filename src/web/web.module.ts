/**
 * Serves the built plan viewer (web/, built by `vite build` into dist/web):
 * the page at `/` and its fingerprinted bundles under `/assets`. Registered
 * on Express directly, after Nest's routes and before its not-found handler,
 * so it shadows none of /v1, /graphql, /docs, /openapi.json, /healthz or
 * /readyz, and loads without an API key: the page itself asks for one.
 */
import { Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ExpressAdapter } from '@nestjs/platform-express';
import type { Express, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { VIEWER_PATHS, webBuildRoot } from './web-root.js';

/** Vite fingerprints asset names, so a year of caching is safe; the page itself is revalidated. */
const ASSET_MAX_AGE = '365d';

/**
 * The page's own Content-Security-Policy, replacing helmet's default for it:
 * only its own bundles and its own API, inline styles for React's `style`
 * props, data: for the empty favicon. Helmet's `upgrade-insecure-requests` is
 * left out on purpose: on a plain-HTTP deployment reached by a host name or
 * address (not localhost) it would send the bundle requests to https and
 * leave a blank page.
 */
export const VIEWER_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

@Module({})
export class WebModule implements OnModuleInit {
  private readonly logger = new Logger('WebModule');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const root = webBuildRoot();
    const page = join(root, 'index.html');
    if (!existsSync(page)) {
      this.logger.warn(`the plan viewer is not built (${page} is missing): run \`npm run build\``);
      return;
    }
    const adapter = this.adapterHost.httpAdapter as ExpressAdapter;
    adapter.useStaticAssets(join(root, 'assets'), { prefix: VIEWER_PATHS.assets, immutable: true, maxAge: ASSET_MAX_AGE });
    const express = adapter.getInstance<Express>();
    express.get(VIEWER_PATHS.page, (_request: Request, response: Response) => {
      response.setHeader('Cache-Control', 'no-cache');
      response.setHeader('Content-Security-Policy', VIEWER_CONTENT_SECURITY_POLICY);
      response.sendFile(page);
    });
  }
}
