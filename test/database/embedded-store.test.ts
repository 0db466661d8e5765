/**
 * The embedded store (no DATABASE_URL): podplan runs a real PostgreSQL under
 * PODPLAN_DATA_DIR, with a generated password kept there, keeps topologies
 * across restarts, stops the server on SIGTERM/SIGINT, and recovers the
 * server and postmaster.pid a SIGKILLed podplan leaves behind — checked on the
 * real built service (dist/src/main.js) in a child process.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { startEmbeddedPostgres } from '../../src/database/embedded/embedded-postgres.js';
import { isRunning } from '../../src/database/embedded/process-identity.js';
import { ensureBuiltServer, startServer, type RunningServer } from '../faults/support/built-server.js';
import { eksDump, EKS_SUMMARY } from '../support/cloud-dumps.js';
import { testConfig } from '../support/test-app.js';
import { createTemporaryDataDirectory } from '../support/test-database.js';

/** The postmaster's pid from postmaster.pid, or undefined when there is no such file. */
async function postmasterPid(dataDirectory: string): Promise<number | undefined> {
  const text = await readFile(join(dataDirectory, 'postgres', 'postmaster.pid'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : Number(text.split('\n')[0]);
}

async function connectionError(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code ?? (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('embedded store', () => {
  const directories: string[] = [];
  const servers: RunningServer[] = [];
  const temporaryDirectory = async () => {
    const directory = await createTemporaryDataDirectory();
    directories.push(directory);
    return directory;
  };

  beforeAll(async () => {
    await ensureBuiltServer();
  });

  afterAll(async () => {
    for (const server of servers) await server.kill().catch(() => undefined);
    for (const directory of directories) await rm(directory, { recursive: true, force: true });
  });

  it('initialises a fresh data directory, stores a topology and reads it back after a restart', async () => {
    const dataDirectory = join(await temporaryDirectory(), 'nested', 'data');
    const config = testConfig({ kind: 'embedded', dataDirectory });

    const first = await createApp(config);
    let id: string;
    try {
      expect((await request(first.getHttpServer()).get('/readyz')).status).toBe(200);
      const created = await request(first.getHttpServer()).post('/v1/topologies').send({ name: 'embedded', objects: [eksDump()] });
      expect(created.status).toBe(201);
      id = created.body.id;
    } finally {
      await first.close();
    }
    expect(await readFile(join(dataDirectory, 'postgres', 'PG_VERSION'), 'utf8')).toBe('15\n');
    // A clean stop leaves no server behind, and no claim on the directory.
    expect(await postmasterPid(dataDirectory)).toBeUndefined();
    expect(existsSync(join(dataDirectory, 'podplan.pid'))).toBe(false);

    const second = await createApp(config);
    try {
      const read = await request(second.getHttpServer()).get(`/v1/topologies/${id}`);
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ id, name: 'embedded', revision: 1, summary: EKS_SUMMARY });
      const nodes = await request(second.getHttpServer()).get(`/v1/topologies/${id}/nodes`);
      expect(nodes.body.totalCount).toBe(EKS_SUMMARY.nodes);
    } finally {
      await second.close();
    }
  });

  it('keeps a generated password in the data directory, readable by its owner only, and requires it', async () => {
    const dataDirectory = join(await temporaryDirectory(), 'data');
    const server = await startEmbeddedPostgres({ dataDirectory, durable: false });
    try {
      const passwordFile = join(dataDirectory, 'postgres-password');
      expect((await stat(passwordFile)).mode & 0o777).toBe(0o600);
      const password = (await readFile(passwordFile, 'utf8')).trim();
      expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const url = new URL(server.url);
      expect(url.hostname).toBe('127.0.0.1');
      expect(decodeURIComponent(url.password)).toBe(password);
      expect(await connectionError(server.url)).toBeUndefined();
      url.password = 'wrong';
      expect(await connectionError(url.toString())).toBe('28P01'); // invalid_password
      url.password = '';
      expect(await connectionError(url.toString())).toMatch(/password/);
    } finally {
      await server.stop();
    }
    // The same password opens the cluster again.
    const again = await startEmbeddedPostgres({ dataDirectory, durable: false });
    try {
      expect(await connectionError(again.url)).toBeUndefined();
    } finally {
      await again.stop();
    }
  });

  it('refuses a second start on a directory this process already runs', async () => {
    const dataDirectory = join(await temporaryDirectory(), 'data');
    const server = await startEmbeddedPostgres({ dataDirectory, durable: false });
    try {
      await expect(startEmbeddedPostgres({ dataDirectory, durable: false })).rejects.toThrow(`PODPLAN_DATA_DIR ${dataDirectory} is already open in this process`);
      expect(await connectionError(server.url)).toBeUndefined();
    } finally {
      await server.stop();
    }
  });

  it('starts over a postmaster.pid whose pid now belongs to an unrelated process, and leaves that process alone', async () => {
    const dataDirectory = join(await temporaryDirectory(), 'data');
    await (await startEmbeddedPostgres({ dataDirectory, durable: false })).stop();
    const stranger = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      await writeFile(join(dataDirectory, 'postgres', 'postmaster.pid'), `${stranger.pid}\n${join(dataDirectory, 'postgres')}\n1700000000\n5432\n\n\n\n`);
      const server = await startEmbeddedPostgres({ dataDirectory, durable: false });
      try {
        expect(await connectionError(server.url)).toBeUndefined();
        expect(await isRunning(stranger.pid!)).toBe(true);
      } finally {
        await server.stop();
      }
    } finally {
      stranger.kill('SIGKILL');
    }
  });

  describe('the built service', () => {
    it('after a SIGKILL, the next start stops the server left running and keeps the data', async () => {
      const dataDirectory = join(await temporaryDirectory(), 'data');
      const environment = { PODPLAN_DATA_DIR: dataDirectory };
      const first = await startServer(environment);
      servers.push(first);
      const created = await fetch(`${first.url}/v1/topologies`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'survivor', objects: [eksDump()] }) });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const abandoned = await postmasterPid(dataDirectory);
      await first.kill();
      // The scenario is real: podplan is gone, its PostgreSQL still runs and holds the directory.
      expect(abandoned).toBeDefined();
      expect(await isRunning(abandoned!)).toBe(true);

      const second = await startServer(environment);
      servers.push(second);
      expect(await isRunning(abandoned!)).toBe(false);
      const read = await fetch(`${second.url}/v1/topologies/${id}`);
      expect(read.status).toBe(200);
      expect(await read.json()).toMatchObject({ id, name: 'survivor', summary: EKS_SUMMARY });

      const replacement = await postmasterPid(dataDirectory);
      const exit = await second.stop('SIGTERM');
      expect(exit.stderr).toBe('');
      expect(await isRunning(replacement!)).toBe(false);
      expect(await postmasterPid(dataDirectory)).toBeUndefined();
    });

    it('refuses a second podplan on a data directory in use, and SIGINT stops the first with its server', async () => {
      const dataDirectory = join(await temporaryDirectory(), 'data');
      const first = await startServer({ PODPLAN_DATA_DIR: dataDirectory });
      servers.push(first);
      await expect(startServer({ PODPLAN_DATA_DIR: dataDirectory })).rejects.toThrow(`PODPLAN_DATA_DIR ${dataDirectory} is in use by another podplan process (pid ${first.pid})`);
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200);

      const postmaster = await postmasterPid(dataDirectory);
      const exit = await first.stop('SIGINT');
      expect(exit.stderr).toBe('');
      expect(await isRunning(postmaster!)).toBe(false);
      expect(existsSync(join(dataDirectory, 'podplan.pid'))).toBe(false);
    });
  });
});
