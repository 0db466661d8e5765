/**
 * `npm run bench:store`: the embedded store as `npm start` uses it (no
 * DATABASE_URL) — the built service as a child process on a fresh
 * PODPLAN_DATA_DIR. Times the first start (the data directory is created),
 * a 5,000-node / 50,000-pod import over REST, a clean shutdown (SIGTERM) and
 * a restart on the same directory, and reports the disk the directory takes
 * and the memory of the service with its database (proportional set size
 * summed over the process tree, so shared buffers count once; Linux only).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticCluster } from './synthetic-cluster.js';

const nodes = Number(process.env.BENCH_NODES ?? 5000);
const existingPods = Number(process.env.BENCH_EXISTING_PODS ?? 50_000);
const port = 3900 + Math.floor(Math.random() * 90);
const base = `http://127.0.0.1:${port}`;

const seconds = (started: number) => Number(((performance.now() - started) / 1000).toFixed(2));

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function startService(dataDirectory: string): Promise<{ child: ChildProcess; startSeconds: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    env: { PATH: process.env.PATH ?? '', PODPLAN_DATA_DIR: dataDirectory, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(async () => child.exitCode === null && (await fetch(`${base}/readyz`)).ok, 120_000);
  return { child, startSeconds: seconds(started) };
}

async function stopService(child: ChildProcess): Promise<number> {
  const started = performance.now();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return seconds(started);
}

/** Proportional set size of a process and all its descendants, in MiB (undefined off Linux). */
async function treeMemoryMiB(pid: number): Promise<number | undefined> {
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = await readdir('/proc');
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Field 4 (after the parenthesised command) is the parent pid.
    const parent = Number(status.slice(status.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(Number(entry));
  }
  let kib = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const current = pending.pop()!;
    const rollup = await readFile(`/proc/${current}/smaps_rollup`, 'utf8').catch(() => '');
    kib += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    pending.push(...(children.get(current) ?? []));
  }
  return Math.round(kib / 1024);
}

async function directoryMiB(directory: string): Promise<number> {
  let bytes = 0;
  const walk = async (path: string): Promise<void> => {
    for (const entry of await readdir(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) bytes += (await stat(child)).size;
    }
  };
  await walk(directory);
  return Math.round(bytes / 1024 ** 2);
}

const objects = syntheticCluster({ nodes, existingPods });
const body = JSON.stringify({ name: 'bench', objects: [{ apiVersion: 'v1', kind: 'List', items: [...objects.nodes, ...objects.pods] }] });
const dataDirectory = await mkdtemp(join(tmpdir(), 'podplan-bench-store-'));
try {
  const first = await startService(dataDirectory);
  const idleAfterFirstStartMiB = await treeMemoryMiB(first.child.pid!);
  const importStarted = performance.now();
  const imported = await fetch(`${base}/v1/topologies`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  if (imported.status !== 201) throw new Error(`import answered ${imported.status}: ${await imported.text()}`);
  const importSeconds = seconds(importStarted);
  const afterImportMiB = await treeMemoryMiB(first.child.pid!);
  const shutdownSeconds = await stopService(first.child);

  const second = await startService(dataDirectory);
  const idleAfterRestartMiB = await treeMemoryMiB(second.child.pid!);
  const secondShutdownSeconds = await stopService(second.child);
  console.log(
    JSON.stringify(
      {
        nodes,
        existingPods,
        bodyMiB: Number((Buffer.byteLength(body) / 1024 ** 2).toFixed(1)),
        firstStartSeconds: first.startSeconds,
        importSeconds,
        shutdownSeconds,
        restartSeconds: second.startSeconds,
        secondShutdownSeconds,
        memoryMiB: { idleAfterFirstStart: idleAfterFirstStartMiB, afterImport: afterImportMiB, idleAfterRestart: idleAfterRestartMiB },
        dataDirectoryMiB: await directoryMiB(dataDirectory),
      },
      null,
      2,
    ),
  );
} finally {
  await rm(dataDirectory, { recursive: true, force: true });
}
