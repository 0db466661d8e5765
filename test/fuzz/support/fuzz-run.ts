/** Bookkeeping shared by the fuzz suites: inputs tried per endpoint, statuses seen, peak memory. */
import type fc from 'fast-check';

/** One seed for the whole suite: a failure reproduces exactly; change it to explore further. */
export const FUZZ_SEED = 20_261_127;

export class FuzzTally {
  private readonly tried = new Map<string, number>();
  private readonly statuses = new Map<number, number>();
  readonly baselineRss = process.memoryUsage().rss;
  peakRss = this.baselineRss;

  record(endpoint: string, status: number): void {
    this.tried.set(endpoint, (this.tried.get(endpoint) ?? 0) + 1);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    this.peakRss = Math.max(this.peakRss, process.memoryUsage().rss);
  }

  get total(): number {
    return [...this.tried.values()].reduce((sum, count) => sum + count, 0);
  }

  report(suite: string): string {
    const endpoints = [...this.tried].map(([endpoint, count]) => `${endpoint}: ${count}`).join(', ');
    const statuses = [...this.statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(' ');
    const growthMb = Math.round((this.peakRss - this.baselineRss) / 1024 ** 2);
    return `${suite}: ${this.total} inputs tried (${endpoints}); statuses ${statuses}; peak RSS +${growthMb} MB`;
  }
}

export function runs(numRuns: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns, endOnFailure: true };
}
