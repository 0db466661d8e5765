/**
 * The real `podplan` binary, as `npm install -g` or `npx podplan` runs it:
 * dist/src/cli/main.js under plain `node`, in a child process. Built once
 * with tsc when dist is older
 * than the sources, so the suite runs from a clean clone right after `npm ci`.
 * Only the binary's import graph is compiled (test/cli/tsconfig.cli.json:
 * the build's options and output paths), so a type error elsewhere in the
 * service does not hide the command line's own results.
 */
import { execFile, spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES = join(REPOSITORY_ROOT, 'test/cli/fixtures');
export const BINARY = join(REPOSITORY_ROOT, 'dist/src/cli/main.js');

async function newestSourceTime(directory: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? await newestSourceTime(path) : (await stat(path)).mtimeMs);
  }
  return newest;
}

async function binaryTime(): Promise<number> {
  try {
    return (await stat(BINARY)).mtimeMs;
  } catch {
    return 0;
  }
}

/** Builds unless dist/src/cli/main.js is newer than everything under src/. */
export async function ensureBuiltCli(): Promise<void> {
  if ((await binaryTime()) > (await newestSourceTime(join(REPOSITORY_ROOT, 'src')))) return;
  const tsc = join(REPOSITORY_ROOT, 'node_modules/typescript/bin/tsc');
  try {
    await promisify(execFile)(process.execPath, [tsc, '-p', 'test/cli/tsconfig.cli.json'], { cwd: REPOSITORY_ROOT });
  } catch (error) {
    // tsc reports type errors on stdout.
    throw new Error(`building the CLI failed:\n${(error as { stdout?: string }).stdout ?? String(error)}`);
  }
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  /** Added to a minimal environment; PODPLAN_URL and PODPLAN_TOKEN are never inherited from the test runner. */
  readonly environment?: Record<string, string>;
  readonly stdin?: string;
}

/** Runs `podplan args…` from the fixtures directory, so paths in its output read as a user would type them. */
export function podplan(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [BINARY, ...args], {
      cwd: FIXTURES,
      env: { PATH: process.env.PATH ?? '', ...options.environment },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
