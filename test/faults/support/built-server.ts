/**
 * The real service as `npm start` runs it — dist/src/main.js under plain
 * node, in a child process — so a test can SIGKILL it mid-write. Built with
 * tsc (only the entry point's import graph) when dist is older than the
 * sources. Each server runs in its own temporary working directory, so the
 * schema.gql it writes at start-up never touches the repository's.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from './private-postgres.js';

const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const ENTRY_POINT = join(REPOSITORY_ROOT, 'dist/src/main.js');

async function newestSourceTime(directory: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestSourceTime(path) : (await stat(path)).mtimeMs);
  }
  return newest;
}

export async function ensureBuiltServer(): Promise<void> {
  const built = await stat(ENTRY_POINT).then((entry) => entry.mtimeMs, () => 0);
  const sources = Math.max(await newestSourceTime(join(REPOSITORY_ROOT, 'src')), await newestSourceTime(join(REPOSITORY_ROOT, 'migrations')));
  if (built > sources) return;
  const tsc = join(REPOSITORY_ROOT, 'node_modules/typescript/bin/tsc');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', 'test/faults/tsconfig.server.json'], { cwd: REPOSITORY_ROOT });
  } catch (error) {
    throw new Error(`building the server failed:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
  }
}

export interface RunningServer {
  readonly url: string;
  readonly pid: number;
  /** SIGKILL: no shutdown hooks, no chance to finish anything. */
  kill(): Promise<void>;
  /** Sends `signal` and waits for the process to exit; what it wrote to stderr comes back. */
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

export async function startServer(environment: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const workingDirectory = await mkdtemp(join(tmpdir(), 'podplan-server-'));
  const child: ChildProcess = spawn(process.execPath, [ENTRY_POINT], {
    cwd: workingDirectory,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'error', ...environment },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited during start-up (${child.exitCode}):\n${stderr}`);
    const healthy = await fetch(`${url}/healthz`).then((response) => response.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /healthz within 60 s:\n${stderr}`);
    }
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
  return {
    url,
    pid: child.pid!,
    async kill() {
      child.kill('SIGKILL');
      await exited;
      await rm(workingDirectory, { recursive: true, force: true });
    },
    async stop(signal) {
      child.kill(signal);
      const exit = await exited;
      await rm(workingDirectory, { recursive: true, force: true });
      return { ...exit, stderr };
    },
  };
}
