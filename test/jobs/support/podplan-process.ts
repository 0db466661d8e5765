/**
 * A podplan child process from a private build: started with its own
 * environment (role, database, port), its output kept for assertions, ready
 * once /readyz answers, stopped by SIGTERM or killed by SIGKILL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface PodplanProcess {
  readonly name: string;
  readonly url: string;
  /** The process id, for measuring it from outside (/proc/<pid>/status). */
  readonly pid: number;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves once a line containing `text` has been written. */
  waitForOutput(text: string, timeoutMs: number): Promise<void>;
  /** Sends `signal` and resolves with how the process ended. */
  kill(signal: 'SIGTERM' | 'SIGKILL'): Promise<ProcessExit>;
  /** Freezes (SIGSTOP) or resumes (SIGCONT) the process, as a stalled VM or a long GC pause would. */
  pause(signal: 'SIGSTOP' | 'SIGCONT'): void;
}

/** A port free on loopback right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before it was ready:\n${output()}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not ready after ${timeoutMs} ms:\n${output()}`);
}

export async function startPodplanProcess(
  buildDirectory: string,
  name: string,
  environment: Record<string, string>,
  readyTimeoutMs = 60_000,
): Promise<PodplanProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(buildDirectory, 'src/main.js')], {
    // The build directory, so schema.gql is written there and not over the committed one.
    cwd: buildDirectory,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  const append = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const waiter of [...waiters]) {
      if (text.includes(waiter.text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  const exited = new Promise<ProcessExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(url, child, () => text, readyTimeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${name}: ${(error as Error).message}`);
  }
  return {
    name,
    url,
    pid: child.pid!,
    output: () => text,
    waitForOutput(wanted, timeoutMs) {
      if (text.includes(wanted)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name}: no "${wanted}" after ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ text: wanted, resolve: () => (clearTimeout(timer), resolve()) });
      });
    },
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        // A frozen process acts on SIGTERM only once resumed (SIGKILL needs no resuming).
        if (signal === 'SIGTERM') child.kill('SIGCONT');
      }
      return exited;
    },
    pause(signal) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} has exited`);
      child.kill(signal);
    },
  };
}
