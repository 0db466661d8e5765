/**
 * The built service as the end-to-end benches run it: a child process
 * (`dist/src/main.js`) on a throwaway database of BENCH_DATABASE_URL or
 * TEST_DATABASE_URL's server, or, when neither is set, on its embedded
 * PostgreSQL in a fresh PODPLAN_DATA_DIR (as `npm start` runs without
 * DATABASE_URL). Also the few HTTP and measuring helpers those benches share.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ClusterObjects } from '../src/kube/cluster-objects.js';

export const seconds = (started: number) => Number(((performance.now() - started) / 1000).toFixed(2));

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A process's peak resident set (VmHWM), in MiB; undefined off Linux. Engine threads are threads of the same process, so they count. */
export function peakRssMiB(pid: number = process.pid): number | undefined {
  try {
    const kib = /^VmHWM:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib === undefined ? undefined : Math.round(Number(kib) / 1024);
  } catch {
    return undefined;
  }
}

/** CPU seconds a process has used so far, all its threads (user + system); undefined off Linux. */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command: utime and stime are the 12th and 13th, in clock ticks (100 per second on Linux).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** The machine's load average over the last minute, for the record: the benches run on shared machines. */
export function loadAverage(): number | undefined {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}

/**
 * POST with JSON over node:http, without fetch's five-minute wait for
 * response headers: an analysis on a large cluster answers when it is done.
 */
export function postJson(url: string, body: unknown): Promise<{ status: number; text: string }> {
  return postText(url, 'application/json', JSON.stringify(body));
}

/** POST a body of any media type, as postJson. */
export function postText(url: string, contentType: string, payload: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'POST', headers: { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(payload) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    sent.on('error', reject);
    sent.end(payload);
  });
}

export interface BenchService {
  readonly base: string;
  /** `postgres (BENCH_DATABASE_URL)`, `postgres (TEST_DATABASE_URL)` or `embedded postgres`. */
  readonly database: string;
  readonly pid: number;
  /** Saves the objects as a topology; its id and the seconds to the 201. */
  importTopology(objects: ClusterObjects): Promise<{ id: string; importSeconds: number }>;
  stop(): Promise<void>;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Starts the built service with `env` added to the bench's environment and waits for `/readyz`. */
export async function startBenchService(env: Record<string, string> = {}): Promise<BenchService> {
  const port = 3900 + Math.floor(Math.random() * 90);
  const base = `http://127.0.0.1:${port}`;
  const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const inherited: NodeJS.ProcessEnv = { ...process.env };
  let databaseEnv: Record<string, string>;
  let cleanUp: () => Promise<void>;
  let database: string;
  if (serverUrl !== undefined) {
    const name = `podplan_bench_${randomBytes(4).toString('hex')}`;
    await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    databaseEnv = { DATABASE_URL: url.toString() };
    cleanUp = () => adminQuery(serverUrl, `DROP DATABASE ${name}`);
    database = `postgres (${process.env.BENCH_DATABASE_URL === undefined ? 'TEST_DATABASE_URL' : 'BENCH_DATABASE_URL'})`;
  } else {
    const dataDirectory = await mkdtemp(join(tmpdir(), 'podplan-bench-'));
    delete inherited.DATABASE_URL;
    databaseEnv = { PODPLAN_DATA_DIR: dataDirectory };
    cleanUp = () => rm(dataDirectory, { recursive: true, force: true });
    database = 'embedded postgres';
  }
  const child: ChildProcess = spawn(process.execPath, ['dist/src/main.js'], {
    env: { ...inherited, ...databaseEnv, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await cleanUp();
  };
  try {
    // Generous: on a busy shared machine the first start (migrations, embedded initdb) can take minutes.
    await waitFor(async () => child.exitCode === null && (await fetch(`${base}/readyz`)).ok, 600_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    base,
    database,
    pid: child.pid!,
    stop,
    async importTopology(objects) {
      const started = performance.now();
      const imported = await postJson(`${base}/v1/topologies`, { name: 'bench', objects: [{ apiVersion: 'v1', kind: 'List', items: [...objects.nodes, ...objects.pods] }] });
      if (imported.status !== 201) throw new Error(`import answered ${imported.status}: ${imported.text.slice(0, 2000)}`);
      return { id: (JSON.parse(imported.text) as { id: string }).id, importSeconds: seconds(started) };
    },
  };
}
