/**
 * A compiled copy of the service for tests that need JavaScript: engine
 * threads (Node 20 cannot start a worker thread from TypeScript) and child
 * processes. Private to the test file, so concurrent test files and a
 * developer's `npm run build` never overwrite each other's output. It lives
 * under node_modules/.cache so the copy resolves the project's packages.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const PROJECT_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface PrivateBuild {
  /** The output directory: `<directory>/src/main.js` is the service entry point. */
  readonly directory: string;
  remove(): Promise<void>;
}

export async function buildPrivateCopy(): Promise<PrivateBuild> {
  const cache = join(PROJECT_ROOT, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const directory = await mkdtemp(join(cache, 'podplan-test-build-'));
  try {
    // Type errors elsewhere in a working tree must not stop the emit; what is emitted is what runs.
    await promisify(execFile)(process.execPath, [join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', directory, '--noEmitOnError', 'false', '--sourceMap', 'false'], {
      cwd: PROJECT_ROOT,
    }).catch((error: { stdout?: string }) => {
      if (!/error TS/.test(error.stdout ?? '')) throw error;
    });
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
  return { directory, remove: () => rm(directory, { recursive: true, force: true }) };
}
