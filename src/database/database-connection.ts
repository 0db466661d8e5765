/**
 * Opens the configured store: the external Postgres of DATABASE_URL, or the
 * embedded PGlite served on loopback. Either way the result is an initialized
 * TypeORM DataSource over `pg`, with the migrations applied when asked.
 */
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { EMBEDDED_POOL_SIZE, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';

const EXTERNAL_POOL_SIZE = 10;

export interface DatabaseConnection {
  readonly dataSource: DataSource;
  /** For the start-up log: which store is in use, without credentials. */
  readonly description: string;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig, options: { runMigrations: boolean }): Promise<DatabaseConnection> {
  let embedded: EmbeddedPostgres | undefined;
  let url: string;
  let poolSize: number;
  let description: string;
  if (config.kind === 'embedded') {
    embedded = await startEmbeddedPostgres(config.dataDirectory);
    url = embedded.url;
    poolSize = EMBEDDED_POOL_SIZE;
    description = `embedded PGlite at ${embedded.dataDirectory}`;
  } else {
    url = config.url;
    poolSize = EXTERNAL_POOL_SIZE;
    description = `Postgres at ${redactUrl(config.url)}`;
  }
  const dataSource = new DataSource(dataSourceOptions({ url, poolSize }, options.runMigrations));
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.close();
    throw error;
  }
  return {
    dataSource,
    description,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.close();
    },
  };
}

/** host:port/database of a connection URL, never the password. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return '(unparseable URL)';
  }
}
