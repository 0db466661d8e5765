#!/usr/bin/env node
/** The `podplan` executable: the only place the command line touches `process`. */
import { readFileSync } from 'node:fs';
import { runCli } from './cli.js';

/** package.json sits three levels up from dist/src/cli/main.js (and from src/cli/main.ts under a TS runner, two). */
function packageVersion(): string {
  for (const relative of ['../../../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'podplan' && manifest.version) return manifest.version;
    } catch {
      // Not at this level; try the next.
    }
  }
  return 'unknown';
}

// `podplan simulate … | head`: the reader went away; stop quietly, as kubectl does, instead of a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

const exitCode = await runCli(
  process.argv.slice(2),
  {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    environment: process.env,
    workingDirectory: process.cwd(),
  },
  packageVersion(),
);
// exitCode, not exit(): a large table piped to another process is still being flushed.
process.exitCode = exitCode;
