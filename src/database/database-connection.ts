/**
 * Opens the configured store: the external Postgres of DATABASE_URL, or the
 * embedded PostgreSQL podplan runs under PODPLAN_DATA_DIR. Either way the
 * result is an initialized TypeORM DataSource over `pg`, with the migrations
 * applied when asked, and the URL the job queue connects to.
 */
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded/embedded-postgres.js';

/** The database podplan creates in its embedded cluster. */
const EMBEDDED_DATABASE = 'podplan';

export interface DatabaseConnection {
  readonly dataSource: DataSource;
  /** The store's connection URL, credentials included: for pg-boss, never for logs. */
  readonly url: string;
  /** For the start-up log: which store is in use, without credentials. */
  readonly description: string;
  /**
   * Work to finish before the pool closes and the embedded server stops (the
   * job queue's own connections), whatever order Nest shuts modules down in.
   */
  beforeClose(hook: () => Promise<void>): void;
  close(): Promise<void>;
}

export async function openDatabase(config: DatabaseConfig, options: { runMigrations: boolean }): Promise<DatabaseConnection> {
  let embedded: EmbeddedPostgres | undefined;
  let url: string;
  let description: string;
  if (config.kind === 'embedded') {
    embedded = await startEmbeddedPostgres({ dataDirectory: config.dataDirectory, database: EMBEDDED_DATABASE });
    url = embedded.url;
    description = `embedded PostgreSQL at ${embedded.clusterDirectory} (${redactUrl(url)})`;
  } else {
    url = config.url;
    description = `Postgres at ${redactUrl(config.url)}`;
  }
  const dataSource = new DataSource(dataSourceOptions(url, options.runMigrations));
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  const hooks: (() => Promise<void>)[] = [];
  return {
    dataSource,
    url,
    description,
    beforeClose: (hook) => hooks.push(hook),
    async close() {
      await Promise.allSettled(hooks.map((hook) => hook()));
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
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
