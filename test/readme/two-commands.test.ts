/**
 * The README's two commands. `npm install && npm start` runs as written in a fresh copy of the checkout
 * (its tracked files, no node_modules, no dist): npm installs from the lockfile and builds, then the
 * service starts on the embedded PostgreSQL under ./.podplan, answers /readyz, and stops on SIGTERM.
 * `npm test` is the command CI runs (.ci/run), so every CI run runs it as written.
 */
import { execFile, spawn } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readmeBlock, REPOSITORY_ROOT } from '../support/readme-blocks.js';
import { commandsOf } from './support/commands.js';

const LISTENING = /podplan \((\w+)\) listening on (http:\/\/\S+)/;
const [start, test] = commandsOf(readmeBlock('two-commands')).map((command) => command.replace(/\s+#.*$/, ''));

let copy: string | undefined;

afterAll(async () => {
  if (copy) await rm(copy, { recursive: true, force: true });
});

/** The checkout's tracked files, as a clone has them. */
async function cloneCheckout(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'podplan-readme-clone-'));
  // The embedded PostgreSQL runs as user postgres under root: the data directory's parents must be traversable.
  await chmod(directory, 0o755);
  const { stdout } = await promisify(execFile)('git', ['ls-files', '-z'], { cwd: REPOSITORY_ROOT, maxBuffer: 64 * 1024 * 1024 });
  for (const file of stdout.split('\0').filter(Boolean)) {
    const source = join(REPOSITORY_ROOT, file);
    if (!(await stat(source).catch(() => undefined))?.isFile()) continue;
    await mkdir(dirname(join(directory, file)), { recursive: true });
    await copyFile(source, join(directory, file));
  }
  return directory;
}

describe("the README's two commands", () => {
  it('are `npm install && npm start` and `npm test`', () => {
    expect([start, test]).toEqual(['npm install && npm start', 'npm test']);
  });

  it('`npm test` is what CI runs', async () => {
    const ci = await readFile(join(REPOSITORY_ROOT, '.ci/run'), 'utf8');
    expect(ci.split('\n').some((line) => line.trim().split('||')[0].trim() === test)).toBe(true);
  });

  it('`npm install && npm start` in a fresh clone serves on the embedded store and stops on SIGTERM', async () => {
    copy = await cloneCheckout();
    const service = spawn('bash', ['-c', start], {
      cwd: copy,
      // PORT 0: any free port (the default 3000 may be taken where the suite runs); everything else as a user has it.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', PORT: '0', npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    service.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    service.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => service.on('exit', (code) => resolve(code)));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        service.stdout!.on('data', () => {
          const match = LISTENING.exec(output);
          if (match) resolve(match[2]);
        });
        void exited.then((code) => reject(new Error(`npm exited with ${code} before the service listened:\n${output.slice(-4000)}`)));
      });
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(output).toMatch(/embedded/i);
      expect((await stat(join(copy, '.podplan/postgres'))).isDirectory()).toBe(true);
    } finally {
      // npm runs the service in a child shell: signal the whole group, as a terminal's Ctrl-C would.
      if (service.exitCode === null) process.kill(-service.pid!, 'SIGTERM');
    }
    await exited;
    expect(output).not.toMatch(/"level":"(error|fatal)"/);
  }, 20 * 60_000);
});
