/**
 * The embedded store: PGlite (Postgres compiled to WebAssembly) persisted in a
 * directory and served on a loopback socket, so the application reaches it
 * through the same `pg` driver, TypeORM code and migrations as a real
 * Postgres. (The `typeorm-pglite` driver was rejected: it lost an insert on a
 * concurrent rollback.)
 *
 * The socket server handles one connection at a time; callers must keep their
 * pool at EMBEDDED_POOL_SIZE or concurrent queries fail with ECONNRESET.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export const EMBEDDED_POOL_SIZE = 1;

export interface EmbeddedPostgres {
  /** A postgres:// URL for `pg`, pointing at the loopback socket. */
  readonly url: string;
  readonly dataDirectory: string;
  close(): Promise<void>;
}

export async function startEmbeddedPostgres(dataDirectory: string): Promise<EmbeddedPostgres> {
  const pgDataDirectory = join(dataDirectory, 'pgdata');
  await mkdir(dataDirectory, { recursive: true });
  const database = await PGlite.create(pgDataDirectory);
  const server = new PGLiteSocketServer({
    db: database,
    host: '127.0.0.1',
    port: 0,
    maxConnections: EMBEDDED_POOL_SIZE,
  });
  try {
    await server.start();
  } catch (error) {
    await database.close();
    throw error;
  }
  // getServerConn() is "host:port" once listening on a TCP port.
  const address = server.getServerConn();
  let closed = false;
  return {
    url: `postgres://postgres@${address}/postgres`,
    dataDirectory: pgDataDirectory,
    async close() {
      if (closed) return;
      closed = true;
      await server.stop();
      await database.close();
    },
  };
}
