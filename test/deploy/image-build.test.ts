/**
 * The container image, built without Docker (none runs in CI): the
 * Dockerfile's stages are run in a temporary directory by
 * support/image-stages.ts — its COPY steps, and its npm commands verbatim
 * (so a changed flag here is a changed flag there) — and the final stage's
 * tree is then started the way the image starts it: its ENV, its CMD, as its
 * USER when the test runs as root (otherwise with the tree made read-only),
 * against a fresh database on the test run's server (TEST_DATABASE_URL's
 * Postgres or the embedded one). Not covered: the base image itself, the container-only RUN steps
 * (checked statically by image-files.test.ts), and Node: this runs on the
 * machine's Node, the image on the Node its base image names.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { freePort } from '../jobs/support/podplan-process.js';
import { zonedNode } from '../e2e/plans-fixtures.js';
import { loadComposeFile, parseEnvFile } from './support/compose.js';
import { environmentOf, healthcheckCommandOf, instructionsOf, parseDockerfile } from './support/dockerfile.js';
import { runStages, type StageRun } from './support/image-stages.js';

const REPOSITORY_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(REPOSITORY_ROOT, path), 'utf8');

/** Root filesystem set-up with no meaning outside a container; image-files.test.ts checks these lines. */
const CONTAINER_ONLY_COMMANDS = ['mkdir /data', 'chown 1000:1000 /data'];
/** Two installs, a full build and start-ups on 2 shared cores. */
const BUILD_TIMEOUT_MS = 20 * 60_000;
const START_TIMEOUT_MS = 90_000;

const dockerfile = parseDockerfile(read('Dockerfile'));
const runtimeStage = dockerfile.stages.at(-1)!;
const imageEnvironment = environmentOf(runtimeStage);
const imageCommand = instructionsOf(runtimeStage, 'CMD')[0].execForm!;
const healthcheckCommand = healthcheckCommandOf(instructionsOf(runtimeStage, 'HEALTHCHECK')[0]);
const [imageUid, imageGid] = instructionsOf(runtimeStage, 'USER')[0].text.split(':').map(Number);
const migrateCommand = loadComposeFile(read('docker-compose.yml'), parseEnvFile(read('.env.example'))).services.migrate.command!;
const runningAsRoot = process.getuid?.() === 0;

interface Exited {
  readonly code: number | null;
  readonly output: string;
}

interface Started {
  readonly url: string;
  output(): string;
  stop(): Promise<Exited>;
}

function spawnAsImageUser(command: readonly string[], directory: string, environment: Record<string, string>) {
  return spawn(command[0], command.slice(1), {
    cwd: directory,
    env: { PATH: process.env.PATH ?? '', ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(runningAsRoot ? { uid: imageUid, gid: imageGid } : {}),
  });
}

function runToEnd(command: readonly string[], directory: string, environment: Record<string, string>): Promise<Exited> {
  return new Promise((resolve, reject) => {
    const child = spawnAsImageUser(command, directory, environment);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** Where a process that does not answer is stuck, for the failure message (Linux /proc; elsewhere unknown). */
async function processState(pid: number): Promise<string> {
  const field = (text: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(text)?.[1] ?? '?';
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const waiting = await readFile(`/proc/${pid}/wchan`, 'utf8').catch(() => '?');
    return `state ${field(status, 'State')}, ${field(status, 'Threads')} threads, waiting in ${waiting || '-'}`;
  } catch {
    return 'state unknown';
  }
}

async function start(directory: string, environment: Record<string, string>): Promise<Started> {
  const child = spawnAsImageUser(imageCommand, directory, environment);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<Exited>((resolve) => child.once('exit', (code) => resolve({ code, output })));
  const url = `http://127.0.0.1:${environment.PORT}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before /readyz answered:\n${output}`);
    if (await fetch(`${url}/readyz`).then((response) => response.ok, () => false)) break;
    if (Date.now() > deadline) {
      const state = await processState(child.pid!);
      child.kill('SIGKILL');
      throw new Error(`/readyz did not answer 200 within ${START_TIMEOUT_MS} ms (process ${state}):\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    output: () => output,
    stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/** Makes every file under `path` read-only for its owner too: the image's tree as a non-root user sees it. */
async function makeReadOnly(path: string, writable = false): Promise<void> {
  const entries = await readdir(path, { withFileTypes: true });
  for (const entry of entries) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) await makeReadOnly(child, writable);
    else if (entry.isFile()) await chmod(child, writable ? 0o644 : 0o444);
  }
  await chmod(path, writable ? 0o755 : 0o555);
}

describe('the image, built as the Dockerfile builds it', () => {
  let workDirectory: string;
  let stages: Map<string, StageRun>;
  let runtimeTree: string;
  let database: TestDatabase;
  let dataDirectory: string;
  const adminKey = randomBytes(32).toString('hex');
  const started: Started[] = [];

  /** The image's ENV with what a deployment adds: a port, the database, the admin key. */
  async function deploymentEnvironment(extra: Record<string, string> = {}): Promise<Record<string, string>> {
    return { ...imageEnvironment, PODPLAN_DATA_DIR: dataDirectory, DATABASE_URL: database.config.url, PORT: String(await freePort()), PODPLAN_ADMIN_KEY: adminKey, ...extra };
  }

  beforeAll(async () => {
    workDirectory = await mkdtemp(join(tmpdir(), 'podplan-image-'));
    // mkdtemp makes 0700; the image's user must be able to walk into the tree.
    await chmod(workDirectory, 0o755);
    [stages, database] = await Promise.all([
      runStages(dockerfile, { contextDirectory: REPOSITORY_ROOT, workDirectory, containerOnlyCommands: CONTAINER_ONLY_COMMANDS }),
      createTestDatabase(),
    ]);
    runtimeTree = stages.get(runtimeStage.name)!.directory;
    for (const run of stages.values()) for (const { command, milliseconds } of run.commands) console.info(`[${run.stage.name}] ${command}: ${(milliseconds / 1000).toFixed(1)} s`);
    // The image's /data: writable by its user, unlike /app.
    dataDirectory = join(workDirectory, 'data');
    await makeDataDirectory(dataDirectory);
    if (!runningAsRoot) await makeReadOnly(runtimeTree);
  }, BUILD_TIMEOUT_MS);

  async function makeDataDirectory(path: string): Promise<void> {
    await mkdir(path, { recursive: true });
    if (runningAsRoot) await chown(path, imageUid, imageGid);
  }

  afterAll(async () => {
    await Promise.all(started.map((server) => server.stop()));
    await database?.drop();
    if (runtimeTree && !runningAsRoot) await makeReadOnly(runtimeTree, true);
    if (workDirectory) await rm(workDirectory, { recursive: true, force: true });
  });

  it('holds production dependencies only, the compiled service and the viewer, and no sources', async () => {
    // The lockfile marks what only development needs (`dev`, or `devOptional` for a devDependency that is also
    // an optional peer of a production one); a package both sides need (such as @types/node here) is not marked.
    const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, { dev?: boolean; optional?: boolean; devOptional?: boolean }> };
    const installed = Object.entries(lock.packages).filter(([path]) => path.startsWith('node_modules/'));
    const developmentOnly = installed.filter(([, entry]) => entry.dev === true || entry.devOptional === true).map(([path]) => path);
    const production = installed.filter(([, entry]) => !entry.dev && !entry.optional && !entry.devOptional).map(([path]) => path);
    expect(developmentOnly).toEqual(expect.arrayContaining(['node_modules/typescript', 'node_modules/vitest', 'node_modules/vite']));
    for (const path of developmentOnly) expect(existsSync(join(runtimeTree, path)), path).toBe(false);
    for (const path of production) expect(existsSync(join(runtimeTree, path)), path).toBe(true);
    expect((await readdir(runtimeTree)).sort()).toEqual(['dist', 'node_modules', 'package.json']);
    expect((await readdir(join(runtimeTree, 'dist'))).sort()).toEqual(['graphiql', 'migrations', 'src', 'web']);
    // Every module compiled (the engine thread's entry and the migrate command included), the viewer and GraphiQL built.
    for (const directory of ['src', 'migrations']) {
      const sources = (await readdir(join(REPOSITORY_ROOT, directory), { recursive: true })).filter((file) => file.endsWith('.ts'));
      expect(sources.length, directory).toBeGreaterThan(0);
      for (const source of sources) expect(existsSync(join(runtimeTree, 'dist', directory, source.replace(/\.ts$/, '.js'))), source).toBe(true);
    }
    expect(existsSync(join(runtimeTree, 'dist/web/index.html'))).toBe(true);
    expect(existsSync(join(runtimeTree, 'dist/graphiql/index.html'))).toBe(true);
  });

  it('applies the migrations with the migrate command of docker-compose.yml and the kustomize Job', async () => {
    const migrated = await runToEnd(migrateCommand, runtimeTree, await deploymentEnvironment());
    expect(migrated.code, migrated.output).toBe(0);
    expect(migrated.output).toMatch(/Applied [1-9]\d* migration\(s\)/);
  }, START_TIMEOUT_MS);

  it('starts with its CMD as its USER on 0.0.0.0 with a key, ready on /readyz, serves metrics, and passes its HEALTHCHECK', async () => {
    const metricsPort = await freePort();
    const environment = await deploymentEnvironment({ ENGINE_THREADS: '1', SIMULATION_THREAD_THRESHOLD: '0', PODPLAN_METRICS_PORT: String(metricsPort) });
    const api = await start(runtimeTree, environment);
    started.push(api);

    expect((await fetch(`${api.url}/v1/topologies`)).status).toBe(401);
    const authorized = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
    expect((await fetch(`${api.url}/v1/topologies`, { headers: authorized })).status).toBe(200);
    // On an engine thread (threshold 0): the pruned tree has everything engine-thread.js imports.
    const simulation = await fetch(`${api.url}/v1/simulations`, {
      method: 'POST',
      headers: authorized,
      body: JSON.stringify({
        cluster: { objects: [zonedNode('node-a', 'a'), zonedNode('node-b', 'b')] },
        workloads: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'probe' }, spec: { containers: [{ name: 'probe', image: 'probe:1', resources: { requests: { cpu: '1' } } }] } }],
      }),
    });
    expect(simulation.status, await simulation.clone().text()).toBe(200);
    expect(((await simulation.json()) as { summary: unknown }).summary).toEqual({ replicas: 1, scheduled: 1, unschedulable: 0 });
    const viewer = await fetch(`${api.url}/`);
    expect(viewer.status).toBe(200);
    expect(await viewer.text()).toContain('<div id="root">');

    // What deploy/kustomize's ServiceMonitor scrapes: Prometheus text on PODPLAN_METRICS_PORT, no key.
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await metrics.text()).toMatch(/^podplan_\w+/m);

    const healthcheck = await runToEnd(healthcheckCommand, runtimeTree, environment);
    expect(healthcheck.code, healthcheck.output).toBe(0);
    // NODE_ENV=production: the schema stays in memory; nothing is written under /app.
    expect(existsSync(join(runtimeTree, 'schema.gql'))).toBe(false);
  }, START_TIMEOUT_MS * 2);

  it('starts a worker from the same tree', async () => {
    const worker = await start(runtimeTree, await deploymentEnvironment({ PODPLAN_ROLE: 'worker', ENGINE_THREADS: '1' }));
    started.push(worker);
    const healthcheck = await runToEnd(healthcheckCommand, runtimeTree, { ...imageEnvironment, PORT: new URL(worker.url).port });
    expect(healthcheck.code, healthcheck.output).toBe(0);
    const exited = await worker.stop();
    // A SIGTERMed worker hands its jobs back and exits by itself.
    expect(exited.code === 0 || exited.code === null, exited.output).toBe(true);
  }, START_TIMEOUT_MS * 2);
});
