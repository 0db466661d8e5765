/** `podplan serve` and `podplan worker`: the service started by the binary, configured from the environment. */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTemporaryDataDirectory } from '../support/test-database.js';
import { BINARY, ensureBuiltCli, podplan } from './support/built-cli.js';

const LISTENING = /podplan \((\w+)\) listening on (http:\/\/\S+)/;

beforeAll(ensureBuiltCli);

describe('podplan serve', () => {
  let service: ChildProcess;
  let role: string;
  let url: string;
  let dataDirectory: string;

  beforeAll(async () => {
    dataDirectory = await createTemporaryDataDirectory();
    service = spawn(process.execPath, [BINARY, 'serve'], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', PODPLAN_DATA_DIR: dataDirectory },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    service.stdout!.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      service.stdout!.on('data', (chunk: string) => {
        logs += chunk;
        const match = LISTENING.exec(logs);
        if (match) {
          [, role, url] = match;
          resolve();
        }
      });
      service.on('exit', (code) => reject(new Error(`podplan serve exited with ${code} before listening:\n${logs}`)));
    });
  });

  afterAll(async () => {
    if (service && service.exitCode === null && service.signalCode === null) {
      const exited = once(service, 'exit');
      service.kill('SIGTERM');
      await exited;
    }
    const { rm } = await import('node:fs/promises');
    if (dataDirectory) await rm(dataDirectory, { recursive: true, force: true });
  });

  it('runs the API and, on the embedded store, the plan jobs in one process', async () => {
    expect(role).toBe('all');
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('is the server the other commands talk to', async () => {
    const run = await podplan(['topology', 'import', '-f', 'cluster.json', '--name', 'served', '-o', 'json'], { environment: { PODPLAN_URL: url } });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ name: 'served', revision: 1 });
  });

  it('shuts down on SIGTERM', async () => {
    const exited = once(service, 'exit');
    service.kill('SIGTERM');
    const [code, signal] = await exited;
    expect(code === 0 || signal === 'SIGTERM').toBe(true);
  });
});

describe('podplan serve and worker refuse a configuration that cannot work (exit 2)', () => {
  it('worker needs DATABASE_URL: the embedded server belongs to the one process that runs it', async () => {
    const run = await podplan(['worker']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: the service configuration is not valid\n  PODPLAN_ROLE: must be "all" with the embedded store, which one process runs (set DATABASE_URL to split API and workers)\n',
    );
  });

  it('serve refuses PODPLAN_ROLE=worker', async () => {
    const run = await podplan(['serve'], { environment: { PODPLAN_ROLE: 'worker' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('error: PODPLAN_ROLE=worker contradicts "podplan serve"; run "podplan worker" instead\n');
  });

  it('names a bad variable', async () => {
    const run = await podplan(['serve'], { environment: { PORT: 'eighty' } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: the service configuration is not valid\n {2}PORT: /);
  });
});
