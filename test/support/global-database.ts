/**
 * vitest global setup: the run's database server, started once before any
 * test file and stopped after the last. TEST_DATABASE_URL (CI) selects an
 * external Postgres; unset, one embedded PostgreSQL — the server `npm start`
 * runs — in a temporary directory, without fsync (throwaway data). Each test
 * file then creates its own database on it (test-database.ts).
 *
 * A run killed before its teardown (SIGKILL, a closed terminal) leaves its
 * server and directory behind; the next run stops and removes them.
 */
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { TestProject } from 'vitest/node';
import { claimDataDirectory } from '../../src/database/embedded/data-directory-claim.js';
import { startEmbeddedPostgres, stopAbandonedServer } from '../../src/database/embedded/embedded-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the run's server, on its maintenance database `postgres`. */
    testDatabaseAdminUrl: string;
  }
}

const DIRECTORY_PREFIX = 'podplan-test-postgres-';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide('testDatabaseAdminUrl', external);
    return undefined;
  }
  // The server's routine output stays out of the test report; its warnings and errors do not.
  Logger.overrideLogger(['error', 'warn', 'fatal']);
  await removeAbandonedServers();
  const directory = await mkdtemp(join(tmpdir(), DIRECTORY_PREFIX));
  // Under root the server runs as `postgres`, which must reach the data directory below this one.
  await chmod(directory, 0o755);
  try {
    const server = await startEmbeddedPostgres({
      dataDirectory: join(directory, 'data'),
      durable: false,
      // Every test file's pool, pg-boss and listener connections, and the multi-process suites' four services.
      settings: { max_connections: '300' },
    });
    project.provide('testDatabaseAdminUrl', server.url);
    return async () => {
      await server.stop('fast');
      await rm(directory, { recursive: true, force: true });
    };
  } catch (error) {
    await rm(directory, { recursive: true, force: true });
    throw error;
  }
}

/** Directories of earlier runs whose process is gone: their claim can be taken, their server stopped. */
async function removeAbandonedServers(): Promise<void> {
  const entries = await readdir(tmpdir()).catch(() => [] as string[]);
  for (const entry of entries.filter((name) => name.startsWith(DIRECTORY_PREFIX))) {
    const dataDirectory = join(tmpdir(), entry, 'data');
    let claim;
    try {
      claim = await claimDataDirectory(dataDirectory);
    } catch {
      continue; // another run, alive, still uses it (or it is not ours to touch)
    }
    try {
      await stopAbandonedServer(join(dataDirectory, 'postgres'));
    } finally {
      await claim.release();
    }
    await rm(join(tmpdir(), entry), { recursive: true, force: true });
  }
}
