/**
 * The renewal timer of a running plan's lease: renews every interval, one
 * renewal at a time; reports a failed or late renewal and carries on; ends
 * once, and renews no more, when the lease is lost or the plan ended.
 */
import { describe, expect, it } from 'vitest';
import { LeaseHeartbeat } from '../../src/jobs/leases/lease-heartbeat.js';
import type { LeaseRenewal } from '../../src/jobs/leases/plan-leases.repository.js';
import type { MissedRenewal } from '../../src/jobs/leases/plan-lease-metrics.js';

const RENEW_MS = 10;
const LEASE_MS = 30;

interface Recorded {
  renewals: number;
  ends: string[];
  missed: MissedRenewal[];
}

/**
 * A heartbeat whose renewals answer `answers` in turn (an Error is thrown),
 * and whose clock is `clock`: by default one that stands still, so a loaded
 * machine's late timers never pass for late renewals.
 */
function heartbeat(answers: (LeaseRenewal | Error)[], clock: () => number = () => 0): { recorded: Recorded; beat: LeaseHeartbeat; settled: Promise<void> } {
  const recorded: Recorded = { renewals: 0, ends: [], missed: [] };
  let finish!: () => void;
  const settled = new Promise<void>((resolve) => (finish = resolve));
  const beat = new LeaseHeartbeat({
    renewMs: RENEW_MS,
    leaseMs: LEASE_MS,
    now: clock,
    renew: async () => {
      const answer = answers[Math.min(recorded.renewals, answers.length - 1)];
      recorded.renewals += 1;
      if (recorded.renewals === answers.length) setTimeout(finish, RENEW_MS * 5);
      if (answer instanceof Error) throw answer;
      return answer;
    },
    onEnd: (why) => recorded.ends.push(why),
    onMissed: (reason) => recorded.missed.push(reason),
  });
  return { recorded, beat, settled };
}

describe('lease heartbeat', () => {
  it('renews every interval until its lease is lost, then reports the loss once and renews no more', async () => {
    const { recorded, beat, settled } = heartbeat(['renewed', 'renewed', 'lost']);
    await settled;
    beat.stop();
    expect(recorded).toEqual({ renewals: 3, ends: ['lost'], missed: ['lost'] });
  });

  it('ends without a missed renewal when the plan was cancelled or deleted', async () => {
    const { recorded, settled } = heartbeat(['renewed', 'ended']);
    await settled;
    expect(recorded).toEqual({ renewals: 2, ends: ['ended'], missed: [] });
  });

  it('counts a failed renewal and tries again at the next interval', async () => {
    const { recorded, beat, settled } = heartbeat([new Error('connection refused'), 'renewed', 'lost']);
    await settled;
    beat.stop();
    expect(recorded).toEqual({ renewals: 3, ends: ['lost'], missed: ['failed', 'lost'] });
  });

  it('counts a renewal that came after the lease had run out, though it still held', async () => {
    // The second renewal is sent 100 ms after the first: the process stood still past its 30 ms lease.
    const times = [0, 5, 105, 110];
    let call = 0;
    const { recorded, beat, settled } = heartbeat(['renewed', 'renewed', 'lost'], () => times[Math.min(call++, times.length - 1)]);
    await settled;
    beat.stop();
    expect(recorded.missed).toEqual(['late', 'lost']);
  });

  it('renews nothing once stopped', async () => {
    const { recorded, beat } = heartbeat(['renewed']);
    beat.stop();
    await new Promise((resolve) => setTimeout(resolve, RENEW_MS * 5));
    expect(recorded.renewals).toBe(0);
  });
});
