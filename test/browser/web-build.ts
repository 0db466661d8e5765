/**
 * Builds the plan viewer (web/) into dist/web exactly as `npm run build`
 * does — a production bundle, in its own process, since the test runner sets
 * NODE_ENV=test and React would otherwise be bundled in development mode — so
 * the browser tests drive the current sources, also from a clean clone.
 *
 * Browser test files run in parallel processes, each serving dist/web; a
 * build empties that directory first, so one file's build would pull the
 * page from under another's browser. The build therefore runs under a lock,
 * and only when the sources differ from those of the bundle already there
 * (a fingerprint of web/ and package-lock.json, written beside it).
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
const WEB_SOURCES = join(PACKAGE_ROOT, 'web');
const VITE_CONFIG = join(WEB_SOURCES, 'vite.config.ts');
const BUILD_DIRECTORY = join(PACKAGE_ROOT, 'dist', 'web');
const FINGERPRINT_FILE = join(BUILD_DIRECTORY, '.sources-fingerprint');
const BUILD_LOCK = join(PACKAGE_ROOT, 'dist', '.web-build.lock');

async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/** Every file the bundle is made from, by path and content. */
async function sourcesFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  const files = [...(await filesUnder(WEB_SOURCES)), join(PACKAGE_ROOT, 'package-lock.json')].sort();
  for (const file of files) hash.update(relative(PACKAGE_ROOT, file)).update('\0').update(await readFile(file)).update('\0');
  return hash.digest('hex');
}

export async function buildWebApp(): Promise<void> {
  await mkdir(dirname(BUILD_LOCK), { recursive: true });
  await withDirectoryLock(BUILD_LOCK, async () => {
    const fingerprint = await sourcesFingerprint();
    const built = await readFile(FINGERPRINT_FILE, 'utf8').catch(() => null);
    if (built === fingerprint) return;
    await promisify(execFile)(process.execPath, [VITE_CLI, 'build', '--config', VITE_CONFIG, '--logLevel', 'warn'], {
      env: { ...process.env, NODE_ENV: 'production' },
    });
    await writeFile(FINGERPRINT_FILE, fingerprint);
  });
}
