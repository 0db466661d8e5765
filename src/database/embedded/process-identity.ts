/**
 * Is a process recorded in a pid file still the one that wrote it? Pids are
 * reused (after a reboot, or in a container whose pid 1 restarts), so a pid
 * file is trusted only with the process's start time beside it, and a
 * postmaster only when its command line names our data directory.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { platform } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Signal 0 reaches it (EPERM: it exists but belongs to another user), and it is not a zombie. */
export async function isRunning(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (platform() !== 'linux') return true;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  // Field 3, after the parenthesised command name, is the state; Z is a zombie nobody reaped yet.
  return stat !== undefined && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

/** An opaque token that differs between two processes that had the same pid. */
export async function processStartMarker(pid: number): Promise<string | undefined> {
  if (platform() === 'linux') {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
    // Field 22 (starttime, in clock ticks since boot); fields after the command name start at 3.
    return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  }
  return run('ps', ['-o', 'lstart=', '-p', String(pid)]).then(
    ({ stdout }) => stdout.trim() || undefined,
    () => undefined,
  );
}

export async function commandLine(pid: number): Promise<string | undefined> {
  if (platform() === 'linux') {
    const text = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
    return text?.replaceAll('\0', ' ').trim();
  }
  return run('ps', ['-o', 'command=', '-p', String(pid)]).then(
    ({ stdout }) => stdout.trim() || undefined,
    () => undefined,
  );
}

/** Sends each signal in turn until the process is gone, waiting `graceMs` after each. */
export async function terminate(pid: number, signals: readonly NodeJS.Signals[], graceMs: number): Promise<boolean> {
  for (const signal of signals) {
    try {
      process.kill(pid, signal);
    } catch {
      return true;
    }
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline) {
      if (!(await isRunning(pid))) return true;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return !(await isRunning(pid));
}
