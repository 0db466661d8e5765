/**
 * GraphiQL's build: web/graphiql in, dist/graphiql out. The service serves
 * the page at /graphql to browsers and the bundles under /graphiql/assets
 * (src/auth/graphiql-page.ts); nothing is fetched from elsewhere. Its own
 * output directory, not dist/web: the viewer's build empties dist/web.
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { precompressAssets } from './precompress.ts';

const outDir = fileURLToPath(new URL('../../dist/graphiql', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/graphiql/',
  plugins: [react(), precompressAssets(`${outDir}/assets`)],
  // Monaco's workers import code shared with each other: ES module workers may split it into chunks, classic ones may not.
  worker: { format: 'es' },
  build: {
    outDir,
    emptyOutDir: true,
    // Monaco is one module of about 2.8 MB minified: GraphiQL's editor, loaded once and cached for a year.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      // GraphiQL's packages start modules with React Compiler's "use no memo", which means nothing in a bundle.
      checks: { moduleLevelDirective: false },
    },
  },
});
