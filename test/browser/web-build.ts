/**
 * Builds the plan viewer (web/) into dist/web exactly as `npm run build`
 * does — a production bundle, in its own process, since the test runner sets
 * NODE_ENV=test and React would otherwise be bundled in development mode — so
 * the browser tests drive the current sources, also from a clean clone.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const require = createRequire(import.meta.url);
const VITE_CLI = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
const VITE_CONFIG = fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url));

export async function buildWebApp(): Promise<void> {
  await promisify(execFile)(process.execPath, [VITE_CLI, 'build', '--config', VITE_CONFIG, '--logLevel', 'warn'], {
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
