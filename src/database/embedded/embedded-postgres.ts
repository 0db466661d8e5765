/**
 * The embedded store: a real PostgreSQL 15 server (postgres-binaries.ts) run
 * by podplan itself when DATABASE_URL is unset. Its cluster lives in
 * `<data dir>/postgres`, initialised on first start with a generated password
 * kept in `<data dir>/postgres-password` (0600); the server listens on a free
 * loopback port only (no Unix socket) and is stopped when podplan stops.
 *
 * A podplan that dies without stopping it (SIGKILL, OOM kill) leaves the
 * server running and postmaster.pid behind: the next start on the directory
 * takes over the dead podplan's claim (data-directory-claim.ts), stops that
 * server and starts its own. The server runs in its own process group, so a
 * Ctrl-C in the terminal reaches podplan, which drains requests first and
 * stops the server last.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import { claimDataDirectory } from './data-directory-claim.js';
import { EMBEDDED_POSTGRES_MAJOR, loadPostgresBinaries, runsAs, type PostgresBinaries } from './postgres-binaries.js';
import { clusterUser, type ClusterUser } from './postgres-system-user.js';
import { commandLine, isRunning, terminate } from './process-identity.js';

const SUPERUSER = 'postgres';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 60_000;
/** Lines of server output kept to explain a failed start. */
const LOG_TAIL_LINES = 40;

export interface EmbeddedPostgresOptions {
  /** podplan's data directory (PODPLAN_DATA_DIR); the cluster is its `postgres` subdirectory. */
  readonly dataDirectory: string;
  /** A database created on first start, which `url` points at; default the `postgres` database. */
  readonly database?: string;
  /** Loopback port; default a free one, chosen at each start. */
  readonly port?: number;
  /**
   * False trades safety against an operating-system crash for speed (no
   * fsync, no full-page writes: throwaway test clusters); a crash of the
   * server itself still loses no committed transaction. podplan's own store
   * is always durable.
   */
  readonly durable?: boolean;
  /** Extra server settings, passed as `-c name=value`. */
  readonly settings?: Readonly<Record<string, string>>;
}

export interface EmbeddedPostgres {
  /** postgres://postgres:<password>@127.0.0.1:<port>/<database> */
  readonly url: string;
  readonly port: number;
  readonly clusterDirectory: string;
  /** `fast` disconnects clients and checkpoints; `immediate` is a crash (recovered at the next start). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const logger = new Logger('EmbeddedPostgres');
  const { dataDirectory } = options;
  const user = await clusterUser();
  const binaries = await loadPostgresBinaries(user);
  // Parents as any directory (0755 under the usual umask), the data directory private.
  await mkdir(dirname(dataDirectory), { recursive: true });
  await mkdir(dataDirectory, { recursive: true, mode: 0o700 });
  if (user) await handDirectoryTo(dataDirectory, user, binaries);
  const claim = await claimDataDirectory(dataDirectory);
  try {
    warnAboutPgliteStore(dataDirectory, logger);
    const clusterDirectory = join(dataDirectory, 'postgres');
    const password = await clusterPassword(dataDirectory);
    const durable = options.durable ?? true;
    if (!(await exists(join(clusterDirectory, 'PG_VERSION')))) {
      await initialiseCluster(binaries, dataDirectory, clusterDirectory, password, user, durable);
    } else {
      await checkMajorVersion(clusterDirectory);
      await stopAbandonedServer(clusterDirectory, logger);
    }
    const settings = { ...(durable ? {} : { fsync: 'off', full_page_writes: 'off' }), ...options.settings };
    const server = await startServer(binaries, clusterDirectory, password, settings, user, options.port, logger);
    const credentials = `${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${server.port}`;
    const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
      await server.stop(mode);
      await claim.release();
    };
    try {
      if (options.database) await ensureDatabase(`postgres://${credentials}/postgres`, options.database);
    } catch (error) {
      await stop();
      throw error;
    }
    return { url: `postgres://${credentials}/${options.database ?? 'postgres'}`, port: server.port, clusterDirectory, stop };
  } catch (error) {
    await claim.release();
    throw error;
  }
}

const exists = (path: string) => stat(path).then(() => true, () => false);

/** As root, the cluster user owns the data directory, and must be able to reach it. */
async function handDirectoryTo(dataDirectory: string, user: ClusterUser, binaries: PostgresBinaries): Promise<void> {
  await chown(dataDirectory, user.uid, user.gid);
  if (!(await runsAs(user, binaries.postgres, dataDirectory))) {
    throw new Error(`running as root, the embedded PostgreSQL runs as the "${user.name}" user, which cannot reach ${dataDirectory}: make its parent directories traversable (chmod o+x), choose another PODPLAN_DATA_DIR, or set DATABASE_URL`);
  }
}

function warnAboutPgliteStore(dataDirectory: string, logger: Logger): void {
  void exists(join(dataDirectory, 'pgdata')).then((found) => {
    if (found) logger.warn(`${join(dataDirectory, 'pgdata')} holds a store of an earlier podplan (PGlite); it is not read any more: import its topologies again, then delete it`);
  });
}

/** The superuser's password: generated on first start, kept beside the cluster, readable by podplan's user only. */
async function clusterPassword(dataDirectory: string): Promise<string> {
  const path = join(dataDirectory, 'postgres-password');
  const existing = await readFile(path, 'utf8').catch(() => undefined);
  if (existing !== undefined) {
    if (existing.trim() === '') throw new Error(`${path} is empty: restore it, or delete ${dataDirectory} to start a new store`);
    return existing.trim();
  }
  if (await exists(join(dataDirectory, 'postgres', 'PG_VERSION'))) {
    throw new Error(`${path} is missing, so the embedded store in ${dataDirectory} cannot be opened: restore it, or delete ${dataDirectory} to start a new store`);
  }
  const password = randomBytes(24).toString('base64url');
  await writeFile(path, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return password;
}

/**
 * initdb into a scratch directory renamed into place when complete, so a
 * start interrupted half-way leaves nothing that looks like a cluster.
 */
async function initialiseCluster(binaries: PostgresBinaries, dataDirectory: string, clusterDirectory: string, password: string, user: ClusterUser | undefined, durable: boolean): Promise<void> {
  const scratch = `${clusterDirectory}.initdb`;
  const passwordFile = join(dataDirectory, 'postgres-password.initdb');
  await rm(scratch, { recursive: true, force: true });
  // initdb runs as the cluster user, who reads the password from a file of its own.
  await writeFile(passwordFile, password, { mode: 0o600 });
  try {
    if (user) await chown(passwordFile, user.uid, user.gid);
    const args = ['-D', scratch, '-U', SUPERUSER, `--pwfile=${passwordFile}`, '--auth=scram-sha-256', '--encoding=UTF8', '--locale=C', ...(durable ? [] : ['--no-sync'])];
    const output = await runToCompletion(binaries.initdb, args, user);
    if (output.code !== 0) throw new Error(`initdb failed (exit ${output.code}):\n${output.text}`);
  } finally {
    await rm(passwordFile, { force: true });
  }
  await rename(scratch, clusterDirectory);
}

async function checkMajorVersion(clusterDirectory: string): Promise<void> {
  const major = (await readFile(join(clusterDirectory, 'PG_VERSION'), 'utf8')).trim();
  if (major !== EMBEDDED_POSTGRES_MAJOR) {
    throw new Error(`${clusterDirectory} was created by PostgreSQL ${major}; this podplan embeds PostgreSQL ${EMBEDDED_POSTGRES_MAJOR}: dump it with that version's pg_dump, or point DATABASE_URL at a server of that version`);
  }
}

/**
 * postmaster.pid names a live process: the server of a podplan that died
 * without stopping it (we hold the directory's claim, so its podplan is gone)
 * if its command line names this cluster, else an unrelated process that
 * reused the pid — then the file is stale, and PostgreSQL, which only checks
 * that the pid is alive, would refuse to start.
 */
export async function stopAbandonedServer(clusterDirectory: string, logger = new Logger('EmbeddedPostgres')): Promise<void> {
  const lockFile = join(clusterDirectory, 'postmaster.pid');
  const pid = Number((await readFile(lockFile, 'utf8').catch(() => '')).split('\n')[0]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || !(await isRunning(pid))) return;
  if ((await commandLine(pid))?.includes(`-D ${clusterDirectory} `)) {
    logger.warn(`stopping the PostgreSQL server (pid ${pid}) that a previous podplan left running on ${clusterDirectory}`);
    if (!(await terminate(pid, ['SIGINT', 'SIGQUIT', 'SIGKILL'], STOP_TIMEOUT_MS / 3))) throw new Error(`the PostgreSQL server left running on ${clusterDirectory} (pid ${pid}) does not stop`);
  } else {
    await rm(lockFile, { force: true });
  }
}

interface RunningServer {
  readonly port: number;
  stop(mode: 'fast' | 'immediate'): Promise<void>;
}

async function startServer(
  binaries: PostgresBinaries,
  clusterDirectory: string,
  password: string,
  settings: Readonly<Record<string, string>>,
  user: ClusterUser | undefined,
  fixedPort: number | undefined,
  logger: Logger,
): Promise<RunningServer> {
  // A free port can be taken between choosing and binding it: choose again, a few times.
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await freeLoopbackPort());
    const server = spawnServer(binaries, clusterDirectory, port, password, settings, user, logger);
    const outcome = await server.ready;
    if (outcome === 'ready') return { port, stop: server.stop };
    const portTaken = /could not bind|Address already in use/.test(server.tail());
    if (!portTaken || fixedPort !== undefined || attempt === 3) {
      throw new Error(`the embedded PostgreSQL did not start (${outcome}):\n${server.tail()}`);
    }
  }
}

function spawnServer(
  binaries: PostgresBinaries,
  clusterDirectory: string,
  port: number,
  password: string,
  settings: Readonly<Record<string, string>>,
  user: ClusterUser | undefined,
  logger: Logger,
) {
  const allSettings = { listen_addresses: '127.0.0.1', unix_socket_directories: '', log_line_prefix: '[%p] ', ...settings };
  const args = ['-D', clusterDirectory, '-p', String(port), ...Object.entries(allSettings).flatMap(([name, value]) => ['-c', `${name}=${value}`])];
  // Own process group (detached): a terminal's Ctrl-C reaches podplan, not the server under its requests.
  const child = spawn(binaries.postgres, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { LC_ALL: 'C' }, ...(user ? { uid: user.uid, gid: user.gid } : {}) });
  const tail: string[] = [];
  const relay = (line: string) => {
    tail.push(line);
    if (tail.length > LOG_TAIL_LINES) tail.shift();
    logServerLine(logger, line);
  };
  createInterface({ input: child.stdout! }).on('line', relay);
  createInterface({ input: child.stderr! }).on('line', relay);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Last resort when podplan exits without stopping it (process.exit after a failed start): ask for a fast shutdown.
  const onExit = () => child.exitCode === null && child.signalCode === null && child.kill('SIGINT');
  process.on('exit', onExit);
  const stop = async (mode: 'fast' | 'immediate') => {
    process.off('exit', onExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(mode === 'fast' ? 'SIGINT' : 'SIGQUIT');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };
  const ready = waitUntilAccepting(port, password, child, exited).then(async (outcome) => {
    if (outcome !== 'ready') await stop('immediate');
    return outcome;
  });
  return { ready, stop, tail: () => tail.join('\n') };
}

/** Polls with a real connection until one succeeds (not "starting up"), the server exits, or time runs out. */
async function waitUntilAccepting(port: number, password: string, child: ChildProcess, exited: Promise<void>): Promise<string> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (gone) return `exit code ${child.exitCode ?? child.signalCode}`;
    if (Date.now() > deadline) return `not accepting connections after ${START_TIMEOUT_MS / 1000} s`;
    const client = new pg.Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres', connectionTimeoutMillis: 2_000 });
    client.on('error', () => undefined);
    const accepted = await client.connect().then(() => true, () => false);
    await client.end().catch(() => undefined);
    if (accepted) return 'ready';
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Server lines start with log_line_prefix, `[pid] `, then the severity. */
const SERVER_LEVEL = /^\[\d+\] ([A-Z]+):/;

/**
 * Server output through podplan's logger: PANIC and FATAL as errors, WARNING
 * as warnings; statement errors (the client already has them) and routine LOG
 * lines at debug.
 */
function logServerLine(logger: Logger, line: string): void {
  const level = SERVER_LEVEL.exec(line)?.[1];
  // The readiness probe's own refusals while the server starts are routine.
  if (level === 'PANIC' || (level === 'FATAL' && !line.includes('the database system is starting up'))) logger.error(line);
  else if (level === 'WARNING') logger.warn(line);
  else logger.debug(line);
}

/** Runs a command (as the cluster user when root) and collects its output. */
async function runToCompletion(file: string, args: string[], user: ClusterUser | undefined): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { LC_ALL: 'C' }, ...(user ? { uid: user.uid, gid: user.gid } : {}) });
    let text = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, text }));
  });
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

async function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free loopback port'))));
    });
  });
}
