/**
 * Builds the plan viewer (web/) into dist/web, and GraphiQL (web/graphiql)
 * into dist/graphiql, exactly as `npm run build` does — a production bundle,
 * in its own process, since the test runner sets NODE_ENV=test and React
 * would otherwise be bundled in development mode — so the browser tests
 * drive the current sources, also from a clean clone.
 *
 * Browser test files run in parallel processes, each serving the bundle; a
 * build empties its output directory first, so one file's build would pull
 * the page from under another's browser. Each build therefore runs under its
 * lock, and only when the sources differ from those of the bundle already
 * there (a fingerprint of its sources and package-lock.json, written beside it).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { withDirectoryLock } from './directory-lock.js';

const require = createRequire(import.meta.url);
const VITE_CLI = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface WebBuild {
  /** The directory the bundle is made from (with package-lock.json). */
  readonly sources: string;
  readonly viteConfig: string;
  readonly output: string;
  readonly lock: string;
}

const VIEWER: WebBuild = {
  sources: join(PACKAGE_ROOT, 'web'),
  viteConfig: join(PACKAGE_ROOT, 'web', 'vite.config.ts'),
  output: join(PACKAGE_ROOT, 'dist', 'web'),
  lock: join(PACKAGE_ROOT, 'dist', '.web-build.lock'),
};

const GRAPHIQL: WebBuild = {
  sources: join(PACKAGE_ROOT, 'web', 'graphiql'),
  viteConfig: join(PACKAGE_ROOT, 'web', 'graphiql', 'vite.config.ts'),
  output: join(PACKAGE_ROOT, 'dist', 'graphiql'),
  lock: join(PACKAGE_ROOT, 'dist', '.graphiql-build.lock'),
};

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Every file the bundle is made from, by path and content. */
async function sourcesFingerprint(sources: string): Promise<string> {
  const hash = createHash('sha256');
  const files = [...(await filesUnder(sources)), join(PACKAGE_ROOT, 'package-lock.json')].sort();
  for (const file of files) hash.update(relative(PACKAGE_ROOT, file)).update('\0').update(await readFile(file)).update('\0');
  return hash.digest('hex');
}

async function build({ sources, viteConfig, output, lock }: WebBuild): Promise<void> {
  const fingerprintFile = join(output, '.sources-fingerprint');
  await mkdir(dirname(lock), { recursive: true });
  await withDirectoryLock(lock, async () => {
    const fingerprint = await sourcesFingerprint(sources);
    const built = await readFile(fingerprintFile, 'utf8').catch(() => null);
    if (built === fingerprint) return;
    await promisify(execFile)(process.execPath, [VITE_CLI, 'build', '--config', viteConfig, '--logLevel', 'warn'], {
      env: { ...process.env, NODE_ENV: 'production' },
    });
    await writeFile(fingerprintFile, fingerprint);
  });
}

export async function buildWebApp(): Promise<void> {
  await build(VIEWER);
}

/** GraphiQL's page and bundles, which the service serves at /graphql and /graphiql/assets. */
export async function buildGraphiql(): Promise<void> {
  await build(GRAPHIQL);
}
