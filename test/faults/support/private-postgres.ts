/**
 * A throwaway PostgreSQL cluster for one test file — the embedded server
 * podplan itself runs, on its own data directory and a fixed free loopback
 * port — stopped and started at will, so fault tests can take the database
 * away without touching the server other suites share.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../../src/database/embedded/embedded-postgres.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface PrivatePostgres {
  /** postgres://postgres:<password>@127.0.0.1:<port>/postgres */
  readonly url: string;
  readonly port: number;
  start(): Promise<void>;
  /** `immediate` is a crash (no checkpoint); `fast` a clean shutdown that disconnects every client. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  destroy(): Promise<void>;
}

export async function createPrivatePostgres(): Promise<PrivatePostgres> {
  const root = await mkdtemp(join(tmpdir(), 'podplan-pg-'));
  // Under root the server runs as `postgres`, which must reach the data directory below this one.
  await chmod(root, 0o755);
  const port = await freePort();
  const options = { dataDirectory: join(root, 'data'), port, durable: false, settings: { shared_buffers: '16MB', max_connections: '40' } };
  let server: EmbeddedPostgres | undefined = await startEmbeddedPostgres(options);
  const url = server.url;
  return {
    url,
    port,
    async start() {
      server ??= await startEmbeddedPostgres(options);
    },
    async stop(mode = 'fast') {
      await server?.stop(mode);
      server = undefined;
    },
    async destroy() {
      await server?.stop('immediate');
      server = undefined;
      await rm(root, { recursive: true, force: true });
    },
  };
}
