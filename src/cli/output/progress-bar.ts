/**
 * Progress of a long plan on stderr, for a person at a terminal: drawn only
 * when stderr is a TTY (never into CI logs or pipes), only once a plan has
 * run for a moment (short plans stay quiet), redrawn at most a few times a
 * second, and erased when done so the table starts on a clean line.
 */
import type { OutputStream } from '../cli-io.js';

export interface ProgressBarOptions {
  /** Nothing is drawn before this much time has passed. */
  readonly delayMs?: number;
  /** Smallest time between two redraws. */
  readonly intervalMs?: number;
  readonly now?: () => number;
}

const BAR_WIDTH = 30;
const ERASE_LINE = '\r\u001b[2K';

export class ProgressBar {
  private readonly started: number;
  private lastDrawn: number | undefined;
  private readonly now: () => number;
  private readonly delayMs: number;
  private readonly intervalMs: number;

  constructor(
    private readonly stream: OutputStream,
    private readonly label: string,
    options: ProgressBarOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.delayMs = options.delayMs ?? 500;
    this.intervalMs = options.intervalMs ?? 100;
    this.started = this.now();
  }

  update(done: number, total: number): void {
    if (!this.stream.isTTY || total <= 0) return;
    const time = this.now();
    if (time - this.started < this.delayMs) return;
    if (this.lastDrawn !== undefined && time - this.lastDrawn < this.intervalMs && done < total) return;
    this.lastDrawn = time;
    const filled = Math.round((BAR_WIDTH * Math.min(done, total)) / total);
    this.stream.write(`${ERASE_LINE}${this.label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${done}/${total}`);
  }

  finish(): void {
    if (this.lastDrawn !== undefined) this.stream.write(ERASE_LINE);
  }
}
