/**
 * Runs a README block as a reader pastes it into bash: the whole block as one script (so variables set by
 * one line reach the next), from the repository root (the README's paths are relative to the checkout),
 * with the documented server address replaced by the test server's.
 */
import { spawn } from 'node:child_process';
import { REPOSITORY_ROOT } from '../../support/readme-blocks.js';

export interface ShellRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The values of the variables asked for, as the script left them. */
  readonly variables: Record<string, string>;
}

export interface ShellOptions {
  /** The test server, `127.0.0.1:PORT`: replaces `localhost:3000` and `127.0.0.1:3000`. */
  readonly server?: string;
  readonly cwd?: string;
  readonly env?: Record<string, string>;
  /** Variables the block sets, to read back after it ran. */
  readonly read?: readonly string[];
}

export function withServer(block: string, server: string | undefined): string {
  return server === undefined ? block : block.replaceAll('localhost:3000', server).replaceAll('127.0.0.1:3000', server);
}

export function runShell(block: string, options: ShellOptions = {}): Promise<ShellRun> {
  const read = options.read ?? [];
  // Read back on a separate descriptor so the block's own stdout and stderr stay as a reader sees them.
  const epilogue = read.map((name) => `printf '%s=%s\\n' ${name} "$${name}" >&3`).join('\n');
  const script = `set -o pipefail\n${withServer(block, options.server)}\n${epilogue}\n`;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], {
      cwd: options.cwd ?? REPOSITORY_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let variables = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    (child.stdio[3] as NodeJS.ReadableStream).setEncoding('utf8');
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: string) => (variables += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const values = Object.fromEntries(variables.split('\n').filter((line) => line.includes('=')).map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
      resolve({ code, stdout, stderr, variables: values });
    });
  });
}

/** The JSON documents curl printed one after another (curl adds no newline between answers). */
export function jsonDocuments(text: string): any[] {
  const documents: any[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index];
    if (inString) {
      if (character === '\\') index += 1;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') inString = true;
    else if (character === '{' || character === '[') {
      if (depth === 0) start = index;
      depth += 1;
    } else if (character === '}' || character === ']') {
      depth -= 1;
      if (depth === 0) documents.push(JSON.parse(text.slice(start, index + 1)));
    }
  }
  return documents;
}
