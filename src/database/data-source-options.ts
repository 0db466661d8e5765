import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from './entities.js';

/** Connections in the application's pool (pg-boss keeps its own, see PgBossPlanQueue). */
const POOL_SIZE = 10;

/**
 * TypeORM options shared by the service and `npm run migrate`. The schema comes
 * from migrations only (never `synchronize`); `installExtensions: false` stops
 * TypeORM from running `CREATE EXTENSION "uuid-ossp"`, which ids do not need.
 */
export function dataSourceOptions(url: string, runMigrations: boolean): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: runMigrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: ['error', 'migration'],
    poolSize: POOL_SIZE,
    extra: { max: POOL_SIZE, connectionTimeoutMillis: 30_000 },
  };
}
