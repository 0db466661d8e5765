/**
 * A throwaway database per test file: a fresh `podplan_test_<random>` on the
 * Postgres of TEST_DATABASE_URL (CI), or, when that is unset, an embedded
 * PGlite store in a temporary directory so the suite runs on a laptop too.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/config/app-config.js';

export interface TestDatabase {
  readonly config: DatabaseConfig;
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

export async function createTemporaryDataDirectory(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'podplan-test-'));
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const dataDirectory = await createTemporaryDataDirectory();
    return {
      config: { kind: 'embedded', dataDirectory },
      drop: () => rm(dataDirectory, { recursive: true, force: true }),
    };
  }
  const name = `podplan_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    config: { kind: 'postgres', url: url.toString() },
    drop: () => withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}
