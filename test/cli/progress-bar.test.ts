/** The progress bar draws only for a person at a terminal, only for plans that take a while, and erases itself. */
import { describe, expect, it } from 'vitest';
import { ProgressBar } from '../../src/cli/output/progress-bar.js';

function recordingStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (chunk: string) => writes.push(chunk) > 0 } };
}

function fakeClock(start = 1_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

const ERASE = '\r\u001b[2K';

describe('ProgressBar', () => {
  it('draws nothing when stderr is not a terminal (a pipe, a CI log)', () => {
    const { writes, stream } = recordingStream(false);
    const clock = fakeClock();
    const bar = new ProgressBar(stream, 'placing replicas', { now: clock.now, delayMs: 0 });
    clock.advance(5_000);
    bar.update(10, 100);
    bar.finish();
    expect(writes).toEqual([]);
  });

  it('stays quiet for short plans, then draws a bar and the count', () => {
    const { writes, stream } = recordingStream(true);
    const clock = fakeClock();
    const bar = new ProgressBar(stream, 'placing replicas', { now: clock.now, delayMs: 500, intervalMs: 100 });
    clock.advance(499);
    bar.update(10, 100);
    expect(writes).toEqual([]);
    clock.advance(1);
    bar.update(50, 100);
    expect(writes).toEqual([`${ERASE}placing replicas [${'#'.repeat(15)}${'-'.repeat(15)}] 50/100`]);
  });

  it('redraws at most once per interval, but always draws completion, and erases its line when finished', () => {
    const { writes, stream } = recordingStream(true);
    const clock = fakeClock();
    const bar = new ProgressBar(stream, 'placing', { now: clock.now, delayMs: 0, intervalMs: 100 });
    bar.update(1, 4);
    clock.advance(50);
    bar.update(2, 4);
    clock.advance(10);
    bar.update(4, 4);
    bar.finish();
    expect(writes).toEqual([
      `${ERASE}placing [${'#'.repeat(8)}${'-'.repeat(22)}] 1/4`,
      `${ERASE}placing [${'#'.repeat(30)}] 4/4`,
      ERASE,
    ]);
  });

  it('leaves the terminal untouched when it never drew', () => {
    const { writes, stream } = recordingStream(true);
    const bar = new ProgressBar(stream, 'placing', { now: fakeClock().now });
    bar.update(1, 1);
    bar.finish();
    expect(writes).toEqual([]);
  });
});
