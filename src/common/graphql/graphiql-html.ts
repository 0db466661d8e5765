/**
 * The GraphiQL page served at /graphql to browsers (see graphiql-page.ts):
 * GraphiQL and React from the unpkg CDN, pinned, and one inline script that
 * starts it against this service's /graphql. Its Content-Security-Policy
 * allows exactly that: the CDN's scripts and styles, the inline script by its
 * hash, requests to this origin only.
 */
import { createHash } from 'node:crypto';

const CDN = 'https://unpkg.com';
const REACT = `${CDN}/react@18.3.1/umd/react.production.min.js`;
const REACT_DOM = `${CDN}/react-dom@18.3.1/umd/react-dom.production.min.js`;
const GRAPHIQL_SCRIPT = `${CDN}/graphiql@3.8.3/graphiql.min.js`;
const GRAPHIQL_STYLE = `${CDN}/graphiql@3.8.3/graphiql.min.css`;

/** Headers are not kept in localStorage: they may hold an API key. */
function startScript(graphqlPath: string): string {
  return [
    `const fetcher = GraphiQL.createFetcher({ url: ${JSON.stringify(graphqlPath)} });`,
    "ReactDOM.createRoot(document.getElementById('graphiql')).render(",
    '  React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true, shouldPersistHeaders: false, isHeadersEditorEnabled: true }),',
    ');',
  ].join('\n');
}

export interface GraphiqlPage {
  readonly html: string;
  readonly contentSecurityPolicy: string;
}

export function graphiqlPage(graphqlPath: string): GraphiqlPage {
  const script = startScript(graphqlPath);
  const scriptHash = createHash('sha256').update(script, 'utf8').digest('base64');
  const html = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>podplan GraphiQL</title>
    <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
    <link rel="stylesheet" href="${GRAPHIQL_STYLE}" crossorigin="anonymous" />
    <script src="${REACT}" crossorigin="anonymous"></script>
    <script src="${REACT_DOM}" crossorigin="anonymous"></script>
    <script src="${GRAPHIQL_SCRIPT}" crossorigin="anonymous"></script>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script>${script}</script>
  </body>
</html>
`;
  const contentSecurityPolicy = [
    "default-src 'none'",
    `script-src ${CDN} 'sha256-${scriptHash}'`,
    // GraphiQL's editors set inline styles, and the page has one <style>.
    `style-src ${CDN} 'unsafe-inline'`,
    `font-src ${CDN} data:`,
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
  ].join('; ');
  return { html, contentSecurityPolicy };
}
