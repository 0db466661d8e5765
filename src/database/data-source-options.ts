import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { ENTITIES } from './entities.js';

export interface ConnectionTarget {
  url: string;
  /** Connections in the pool; the embedded store takes exactly one. */
  poolSize: number;
}

/**
 * TypeORM options shared by the service and `npm run migrate`. The schema comes
 * from migrations only (never `synchronize`); `installExtensions: false` stops
 * TypeORM from running `CREATE EXTENSION "uuid-ossp"`, which ids do not need.
 */
export function dataSourceOptions(target: ConnectionTarget, runMigrations: boolean): DataSourceOptions {
  return {
    type: 'postgres',
    url: target.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsRun: runMigrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: ['error', 'migration'],
    poolSize: target.poolSize,
    extra: { max: target.poolSize, connectionTimeoutMillis: 30_000 },
  };
}
