/**
 * GraphiQL as built by `vite build --config web/graphiql/vite.config.ts`:
 * its page and its bundles (React, GraphiQL, Monaco and Monaco's workers) in
 * dist/graphiql, served by this service itself (auth/graphiql-page.ts), so
 * the page works where nothing but this service can be reached.
 */
import { join } from 'node:path';
import { packageRoot } from '../http/package-root.js';

/** The URL prefix of the bundles: Vite's `base` in web/graphiql/vite.config.ts, plus its assets directory. */
export const GRAPHIQL_ASSETS_PATH = '/graphiql/assets';

export function graphiqlBuildRoot(): string {
  return join(packageRoot(), 'dist', 'graphiql');
}

/**
 * The page's Content-Security-Policy, replacing helmet's default for it:
 * scripts, workers, styles and fonts from this origin only, requests to this
 * origin only. What GraphiQL needs beyond that: inline styles (its editors and
 * React's `style` props), data: fonts (graphiql/style.css inlines its fonts)
 * and data: images. Helmet's `upgrade-insecure-requests` is left out as on
 * the viewer's page (web/web.module.ts): on plain HTTP it would blank the page.
 */
export const GRAPHIQL_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  // Monaco's editor, JSON and GraphQL workers: bundled files of this origin, started with `new Worker(url)`.
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join('; ');
