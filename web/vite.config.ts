/**
 * The plan viewer's build: web/ in, dist/web out, which the Nest service
 * serves at `/` (src/web/web.module.ts). `vite --config web/vite.config.ts`
 * serves it for development with /graphql and /v1 proxied to a running podplan.
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: Object.fromEntries(['/graphql', '/v1'].map((path) => [path, process.env.PODPLAN_URL ?? 'http://127.0.0.1:3000'])),
  },
});
