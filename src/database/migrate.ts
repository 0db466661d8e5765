/**
 * `npm run migrate`: applies pending migrations to the configured store
 * (DATABASE_URL, or the embedded one under PODPLAN_DATA_DIR), or with
 * `--revert` undoes the most recent one.
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadAppConfig } from '../config/app-config.js';
import { openDatabase } from './database-connection.js';

const logger = new Logger('Migrate');

async function migrate(revert: boolean): Promise<void> {
  const config = loadAppConfig(process.env);
  const connection = await openDatabase(config.database, { runMigrations: false });
  try {
    if (revert) {
      await connection.dataSource.undoLastMigration({ transaction: 'each' });
      logger.log(`Reverted the last migration on ${connection.description}`);
    } else {
      const applied = await connection.dataSource.runMigrations({ transaction: 'each' });
      logger.log(`Applied ${applied.length} migration(s) on ${connection.description}`);
    }
  } finally {
    await connection.close();
  }
}

migrate(process.argv.includes('--revert')).catch((error: unknown) => {
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
