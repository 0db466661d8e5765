/**
 * GraphiQL, bundled with React and its Monaco editors and workers into
 * dist/graphiql, so the page works with no network beyond this service
 * (src/auth/graphiql-page.ts serves it at /graphql to browsers).
 */
// Monaco's editor, JSON and GraphQL workers as Vite worker bundles, as graphiql's Vite set-up does it.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './graphiql.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

// The page is served only at the GraphQL endpoint's own path, so its queries go where it came from.
const fetcher = createGraphiQLFetcher({ url: window.location.pathname });

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    {/* Headers are not kept in localStorage: they may hold an API key. */}
    <GraphiQL fetcher={fetcher} defaultEditorToolsVisibility shouldPersistHeaders={false} isHeadersEditorEnabled />
  </StrictMode>,
);
