/**
 * Measures a server process from outside while a request is in flight: its
 * resident memory (VmRSS from /proc, sampled every 10 ms) and how long
 * /healthz takes to answer meanwhile (a blocked event loop shows there).
 */
import { readFile } from 'node:fs/promises';

export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

export interface Measured<T> {
  readonly result: T;
  readonly elapsedMs: number;
  /** Peak resident memory during the work, above what it was just before. */
  readonly rssGrowthBytes: number;
  /** The slowest /healthz answer while the work ran (0 when none completed). */
  readonly slowestHealthzMs: number;
}

/** Runs `work` while sampling the process's memory and probing /healthz; reports both with the work's wall time. */
export async function measure<T>(pid: number, url: string, work: () => Promise<T>): Promise<Measured<T>> {
  const before = await residentBytes(pid);
  let peak = before;
  let running = true;
  const sampler = (async () => {
    while (running) {
      peak = Math.max(peak, await residentBytes(pid).catch(() => peak));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  let slowestHealthzMs = 0;
  const prober = (async () => {
    while (running) {
      const started = performance.now();
      const answered = await fetch(`${url}/healthz`).then((response) => response.ok, () => false);
      // Counted even when it completes after the work: a probe the work held up is the point.
      if (answered) slowestHealthzMs = Math.max(slowestHealthzMs, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  })();
  const started = performance.now();
  let result: T;
  let elapsedMs: number;
  try {
    result = await work();
    elapsedMs = performance.now() - started;
  } finally {
    running = false;
    await Promise.all([sampler, prober]);
  }
  return { result, elapsedMs, rssGrowthBytes: Math.max(0, peak - before), slowestHealthzMs };
}
