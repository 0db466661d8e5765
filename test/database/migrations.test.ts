/**
 * The migrations on an empty database: up creates exactly the schema the
 * entities expect, down removes it again, and up runs cleanly a second time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { openDatabase, type DatabaseConnection } from '../../src/database/database-connection.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

async function tableNames(dataSource: DataSource): Promise<string[]> {
  const rows = (await dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  )) as { table_name: string }[];
  return rows.map((row) => row.table_name);
}

async function columns(dataSource: DataSource, table: string): Promise<Record<string, string>> {
  const rows = (await dataSource.query(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position`,
    [table],
  )) as { column_name: string; data_type: string }[];
  return Object.fromEntries(rows.map((row) => [row.column_name, row.data_type]));
}

describe('migrations on an empty database', () => {
  let database: TestDatabase;
  let connection: DatabaseConnection;

  beforeAll(async () => {
    database = await createTestDatabase();
    connection = await openDatabase(database.config, { runMigrations: false });
  });

  afterAll(async () => {
    await connection?.close();
    await database?.drop();
  });

  it('starts with no tables', async () => {
    expect(await tableNames(connection.dataSource)).toEqual([]);
  });

  it('applies every migration going up', async () => {
    const applied = await connection.dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((migration) => migration.name)).toEqual(MIGRATIONS.map((migration) => migration.name));
    // Other features add their own tables; these are the ones every later migration builds on.
    expect(await tableNames(connection.dataSource)).toEqual(
      expect.arrayContaining(['migrations', 'plan_placements', 'plans', 'topologies', 'topology_revisions']),
    );
    expect(await columns(connection.dataSource, 'topologies')).toEqual({
      id: 'uuid',
      team: 'text',
      name: 'text',
      latest_revision: 'integer',
      created_at: 'timestamp with time zone',
      updated_at: 'timestamp with time zone',
      deleted_at: 'timestamp with time zone',
    });
    expect(await columns(connection.dataSource, 'topology_revisions')).toEqual({
      topology_id: 'uuid',
      revision: 'integer',
      objects: 'jsonb',
      summary: 'jsonb',
      warnings: 'jsonb',
      dropped: 'jsonb',
      created_at: 'timestamp with time zone',
      digest: 'text',
    });
  });

  it('gives topologies a source table whose kubeconfig is sealed bytes, never text', async () => {
    expect(await columns(connection.dataSource, 'topology_sources')).toMatchObject({
      topology_id: 'uuid',
      kind: 'text',
      kubeconfig_secret: 'bytea',
      key_fingerprint: 'text',
      refresh_interval_seconds: 'integer',
      next_refresh_at: 'timestamp with time zone',
      last_refresh: 'jsonb',
    });
    const [topology] = (await connection.dataSource.query(`INSERT INTO topologies (name, latest_revision) VALUES ('probe', 1) RETURNING id`)) as { id: string }[];
    // A kubeconfig source without its sealed secret, or a schedule without an interval, is refused by the table itself.
    await expect(connection.dataSource.query(`INSERT INTO topology_sources (topology_id, kind, context) VALUES ($1, 'kubeconfig', 'prod')`, [topology.id])).rejects.toThrow(/check/);
    await expect(
      connection.dataSource.query(`INSERT INTO topology_sources (topology_id, kind, context, next_refresh_at) VALUES ($1, 'in-cluster', 'in-cluster', now())`, [topology.id]),
    ).rejects.toThrow(/check/);
    await connection.dataSource.query(`DELETE FROM topologies`);
  });

  it('gives plans the lease columns, and an index of running plans by lease expiry', async () => {
    expect(await columns(connection.dataSource, 'plans')).toMatchObject({
      worker_id: 'text',
      lease_expires_at: 'timestamp with time zone',
      attempts: 'integer',
    });
    const indexes = (await connection.dataSource.query(`SELECT indexdef FROM pg_indexes WHERE indexname = 'plans_running_lease_idx'`)) as { indexdef: string }[];
    expect(indexes).toHaveLength(1);
    expect(indexes[0].indexdef).toMatch(/\(lease_expires_at\) WHERE \(status = 'running'::text\)/);
  });

  it('generates ids without any extension', async () => {
    const extensions = (await connection.dataSource.query(`SELECT extname FROM pg_extension ORDER BY extname`)) as {
      extname: string;
    }[];
    expect(extensions.map((row) => row.extname)).toEqual(['plpgsql']);
    const [row] = (await connection.dataSource.query(
      `INSERT INTO topologies (name, latest_revision) VALUES ('probe', 1) RETURNING id, team`,
    )) as { id: string; team: string }[];
    expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(row.team).toBe('default');
    await connection.dataSource.query(`DELETE FROM topologies`);
  });

  it('reverts every migration going down, leaving only the bookkeeping table', async () => {
    for (let index = 0; index < MIGRATIONS.length; index += 1) {
      await connection.dataSource.undoLastMigration({ transaction: 'each' });
    }
    expect(await tableNames(connection.dataSource)).toEqual(['migrations']);
    expect(await connection.dataSource.query(`SELECT * FROM migrations`)).toEqual([]);
  });

  it('applies cleanly again after going down', async () => {
    const applied = await connection.dataSource.runMigrations({ transaction: 'each' });
    expect(applied).toHaveLength(MIGRATIONS.length);
    expect(await connection.dataSource.showMigrations()).toBe(false);
  });
});
