import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/app-config.token.js';
import { openDatabase, type DatabaseConnection } from './database-connection.js';
import { DatabasePoolMetrics } from './database-pool-metrics.js';

export const DATABASE_CONNECTION = Symbol('DATABASE_CONNECTION');

/**
 * Owns the store for the application's lifetime: opens it (running pending
 * migrations) before any repository is built, exposes the TypeORM DataSource,
 * and on shutdown closes the pool first, then the embedded server.
 */
@Global()
@Module({
  providers: [
    {
      provide: DATABASE_CONNECTION,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<DatabaseConnection> => {
        const connection = await openDatabase(config.database, { runMigrations: true });
        new Logger('Database').log(`Using ${connection.description}`);
        return connection;
      },
    },
    {
      provide: DataSource,
      inject: [DATABASE_CONNECTION],
      useFactory: (connection: DatabaseConnection) => connection.dataSource,
    },
    DatabasePoolMetrics,
  ],
  exports: [DataSource, DATABASE_CONNECTION],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE_CONNECTION) private readonly connection: DatabaseConnection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
