/**
 * A throwaway database per test file: a fresh `podplan_test_<random>` on the
 * run's server — the Postgres of TEST_DATABASE_URL (CI), or else the one
 * embedded PostgreSQL the global setup started for the whole run
 * (test/support/global-database.ts). Either way a real server, so pg-boss and
 * multi-process suites run everywhere.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { DatabaseConfig } from '../../src/config/app-config.js';

export interface TestDatabase {
  readonly config: Extract<DatabaseConfig, { kind: 'postgres' }>;
  drop(): Promise<void>;
}

async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * A temporary PODPLAN_DATA_DIR parent. Traversable by others: under root the
 * embedded PostgreSQL runs as the `postgres` user, which must reach the
 * directories below it (mkdtemp makes them 0700).
 */
export async function createTemporaryDataDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'podplan-test-'));
  await chmod(directory, 0o755);
  return directory;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('testDatabaseAdminUrl');
  const name = `podplan_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    drop: () => withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
