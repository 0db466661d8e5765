/**
 * A lock shared by the test files vitest runs in parallel processes: holding
 * it is having created its directory (mkdir is atomic). A lock left behind by
 * a process that died is taken over once it is older than any build takes.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const POLL_INTERVAL_MS = 100;
const STALE_AFTER_MS = 5 * 60_000;

async function isStale(directory: string): Promise<boolean> {
  const info = await stat(directory).catch(() => null);
  return info !== null && Date.now() - info.mtimeMs > STALE_AFTER_MS;
}

export async function withDirectoryLock<T>(directory: string, work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(directory);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await isStale(directory)) await rm(directory, { recursive: true, force: true });
      else await sleep(POLL_INTERVAL_MS);
    }
  }
  try {
    return await work();
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}
