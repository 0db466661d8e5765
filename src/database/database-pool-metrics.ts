/**
 * The application's connection pool (node-postgres, under TypeORM), read on
 * each scrape: connections in use and idle, callers waiting for one, and the
 * pool's size limit. Waiting callers above zero for long mean the pool is
 * the bottleneck.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { MetricsRegistry } from '../observability/metrics/metrics-registry.js';

/** TypeORM's Postgres driver keeps its pg Pool as `master` (replication would add slaves; podplan uses none). */
function poolOf(dataSource: DataSource): Pool | undefined {
  const pool = (dataSource.driver as unknown as { master?: Pool }).master;
  return pool && typeof pool.totalCount === 'number' ? pool : undefined;
}

@Injectable()
export class DatabasePoolMetrics {
  constructor(@Inject(MetricsRegistry) registry: MetricsRegistry, dataSource: DataSource) {
    registry.gauge({
      name: 'database_pool_connections',
      help: 'Connections of the database pool, by state (busy: running a query or held by a transaction; idle).',
      labelNames: ['state'],
      collect() {
        const pool = poolOf(dataSource);
        if (!pool) return;
        this.set({ state: 'busy' }, pool.totalCount - pool.idleCount);
        this.set({ state: 'idle' }, pool.idleCount);
      },
    });
    registry.gauge({
      name: 'database_pool_waiting',
      help: 'Callers waiting for a database connection.',
      collect() {
        const pool = poolOf(dataSource);
        if (pool) this.set(pool.waitingCount);
      },
    });
    registry.gauge({
      name: 'database_pool_max_connections',
      help: 'The database pool size limit.',
      collect() {
        const pool = poolOf(dataSource);
        if (pool) this.set(pool.options.max ?? 10);
      },
    });
  }
}
