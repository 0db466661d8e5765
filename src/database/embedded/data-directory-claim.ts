/**
 * One podplan per data directory. The claim is `<dir>/podplan.pid` (pid and
 * start marker of the owning process): a claim whose process is gone was left
 * by a podplan that crashed, and is taken over — together with the
 * PostgreSQL server that podplan may have left running (see embedded-postgres.ts).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isRunning, processStartMarker } from './process-identity.js';

const CLAIM_FILE = 'podplan.pid';
/** Directories claimed by this process: a second start on one of them would stop the first one's server. */
const claimedHere = new Set<string>();

export interface DataDirectoryClaim {
  release(): Promise<void>;
}

async function heldByLiveProcess(path: string): Promise<number | undefined> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const [pidText, marker = ''] = text.split('\n');
  const pid = Number(pidText);
  if (!Number.isSafeInteger(pid) || pid <= 0 || !(await isRunning(pid))) return undefined;
  return (await processStartMarker(pid)) === (marker || undefined) ? pid : undefined;
}

export async function claimDataDirectory(dataDirectory: string): Promise<DataDirectoryClaim> {
  if (claimedHere.has(dataDirectory)) throw new Error(`PODPLAN_DATA_DIR ${dataDirectory} is already open in this process`);
  const path = join(dataDirectory, CLAIM_FILE);
  const ours = `${process.pid}\n${(await processStartMarker(process.pid)) ?? ''}\n`;
  // Exclusive creation, so of two podplans starting together on one directory only one proceeds.
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(path, ours, { flag: 'wx', mode: 0o644 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (attempt > 0) throw new Error(`PODPLAN_DATA_DIR ${dataDirectory} was just claimed by another podplan process starting at the same time`);
    }
    const ownerPid = await heldByLiveProcess(path);
    if (ownerPid !== undefined && ownerPid !== process.pid) {
      throw new Error(`PODPLAN_DATA_DIR ${dataDirectory} is in use by another podplan process (pid ${ownerPid}): stop it, or give this one another PODPLAN_DATA_DIR or a DATABASE_URL`);
    }
    await rm(path, { force: true });
  }
  claimedHere.add(dataDirectory);
  return {
    async release() {
      claimedHere.delete(dataDirectory);
      if ((await readFile(path, 'utf8').catch(() => '')) === ours) await rm(path, { force: true });
    },
  };
}
