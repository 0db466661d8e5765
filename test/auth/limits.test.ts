/** The per-key token bucket, the request limits, and which driver errors mean "the database is away". */
import { describe, expect, it } from 'vitest';
import { loadAppConfig } from '../../src/config/app-config.js';
import { isDatabaseUnavailable, isUnstorableText } from '../../src/common/errors/database-unavailable.js';
import { findDocumentFault } from '../../src/kube/document-faults.js';
import { LimitExceededError } from '../../src/common/errors/domain-error.js';
import { assertWithinLimits, countRequestedReplicas } from '../../src/pipeline/request-limits.js';
import { TokenBucketLimiter } from '../../src/common/security/token-bucket-limiter.js';

describe('TokenBucketLimiter', () => {
  it('allows a burst, then one request per refill interval, and says how long to wait', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ perMinute: 60, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('key').allowed)).toEqual([true, true, true]);
    expect(limiter.take('key')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now += 1000;
    expect(limiter.take('key').allowed).toBe(true);
    expect(limiter.take('key').allowed).toBe(false);
  });

  it('keeps one bucket per client', () => {
    const limiter = new TokenBucketLimiter({ perMinute: 1, burst: 1 }, () => 0);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('b').allowed).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it('never limits when the rate is 0', () => {
    const limiter = new TokenBucketLimiter({ perMinute: 0, burst: 1 }, () => 0);
    expect(Array.from({ length: 100 }, () => limiter.take('key').allowed).every(Boolean)).toBe(true);
  });

  it('takes a heavy request\'s weight at once, at most the whole burst, and says when enough is back', () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ perMinute: 60, burst: 10 }, () => now);
    expect(limiter.take('key', 4).allowed).toBe(true);
    expect(limiter.take('key', 7)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('key', 6).allowed).toBe(true);
    // Heavier than the burst: waits for a full bucket, then empties it.
    expect(limiter.take('key', 500)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    now += 10_000;
    expect(limiter.take('key', 500).allowed).toBe(true);
    expect(limiter.take('key').allowed).toBe(false);
  });
});

const deployment = (replicas: unknown) => ({ apiVersion: 'apps/v1', kind: 'Deployment', spec: { replicas } });

describe('countRequestedReplicas', () => {
  it.each([
    ['a Deployment of 3', [deployment(3)], 3],
    ['unset replicas count as 1, as apps/v1 defaults them', [{ kind: 'Deployment', spec: {} }], 1],
    ['a Pod is one, whatever its spec says', [{ kind: 'Pod', spec: { replicas: 50 } }], 1],
    ['a List sums its items', [{ kind: 'List', items: [deployment(2), deployment(5)] }], 7],
    ['a non-integer is left to validation and counts as 1', [deployment('lots'), deployment(1.5)], 2],
    ['a billion is a billion', [deployment(1e9)], 1e9],
    ['non-objects count nothing', [null, 'x', 7], 0],
  ])('%s', (_name, workloads, expected) => {
    expect(countRequestedReplicas(workloads)).toBe(expected);
  });
});

describe('assertWithinLimits', () => {
  const limits = { ...loadAppConfig({}).limits, maxPlanReplicas: 100, maxPlanWork: 1000 };
  const asked = (replicas: number, nodes: number) => ({ path: 'workloads', replicas, nodes, explain: 'summary' as const });

  it('passes plans within both limits', () => {
    expect(() => assertWithinLimits(asked(100, 10), limits)).not.toThrow();
  });

  it('refuses too many replicas, naming the setting and its value at the workloads path', () => {
    const attempt = () => assertWithinLimits(asked(101, 1), limits);
    expect(attempt).toThrow(LimitExceededError);
    expect(attempt).toThrow('workloads: asks for 101 replicas (limit PODPLAN_MAX_PLAN_REPLICAS=100)');
  });

  it('refuses nodes × replicas over the work budget', () => {
    expect(() => assertWithinLimits(asked(11, 100), limits)).toThrow(
      'workloads: 11 replicas × 100 nodes is 1100 node evaluations (limit PODPLAN_MAX_PLAN_WORK=1000)',
    );
  });

  it('counts every repeat of the plan: compare-configs plans the replicas once per configuration', () => {
    expect(() => assertWithinLimits({ ...asked(5, 100), repeats: { count: 3, what: 'configurations' } }, limits)).toThrow(
      'workloads: 5 replicas × 100 nodes × 3 configurations is 1500 node evaluations (limit PODPLAN_MAX_PLAN_WORK=1000)',
    );
  });
});

describe('isDatabaseUnavailable', () => {
  const withCode = (code: string) => Object.assign(new Error('x'), { code });

  it.each([
    ['connection refused', withCode('ECONNREFUSED')],
    ['admin shutdown (57P01)', withCode('57P01')],
    ['cannot connect now (57P03)', withCode('57P03')],
    ['connection exception class 08', withCode('08006')],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['wrapped by TypeORM', Object.assign(new Error('query failed'), { driverError: withCode('57P01') })],
    ['one refusal per address', new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')])],
  ])('%s: yes', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505')],
    ['a syntax error', withCode('42601')],
    ['a plain error', new Error('boom')],
    ['not an error', 'ECONNREFUSED'],
  ])('%s: no', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('findDocumentFault', () => {
  const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nested(depth - 1) });

  it('accepts a document at the depth limit and names the path just past it', () => {
    expect(findDocumentFault(nested(3), 4)).toBeUndefined();
    expect(findDocumentFault(nested(5), 4)).toEqual({ path: 'a.a.a.a', fault: 'too-deep' });
    expect(findDocumentFault([[[['x']]]], 3, 'objects')).toEqual({ path: 'objects[0][0][0]', fault: 'too-deep' });
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 100_000; level++) deep = [deep];
    expect(findDocumentFault(deep, 64)?.fault).toBe('too-deep');
  });

  it('finds the NUL character in values and keys, at their Kubernetes paths', () => {
    expect(findDocumentFault({ metadata: { labels: { 'app.kubernetes.io/name': 'a\u0000b' } } }, 64)).toEqual({
      path: 'metadata.labels[app.kubernetes.io/name]',
      fault: 'nul-character',
    });
    expect(findDocumentFault({ objects: [{ ['k\u0000']: 1 }] }, 64)).toEqual({ path: 'objects[0][k\u0000]', fault: 'nul-character' });
    expect(findDocumentFault({ text: 'no nul here \u2028' }, 64)).toBeUndefined();
  });

  it('reports the first fault in document order, with its path spelled out only then', () => {
    expect(findDocumentFault(['ok', { name: 'a\u0000' }, 'b\u0000'], 64, 'objects')).toEqual({ path: 'objects[1].name', fault: 'nul-character' });
    expect(findDocumentFault({ spec: [1, { a: [[[]]] }], tail: 'x\u0000' }, 3)).toEqual({ path: 'spec[1].a', fault: 'too-deep' });
  });

  it('walks a wide array of 200,000 small objects and finds nothing to refuse', () => {
    const wide = Array.from({ length: 200_000 }, (_, index) => ({ name: `pod-${index}`, labels: { app: 'web' } }));
    expect(findDocumentFault(wide, 64)).toBeUndefined();
    wide.push({ name: 'last\u0000', labels: { app: 'web' } });
    expect(findDocumentFault(wide, 64)).toEqual({ path: '[200000].name', fault: 'nul-character' });
  });

  it('leaves NUL characters alone when asked to check depth only', () => {
    expect(findDocumentFault({ text: 'a\u0000' }, 64, '', { nulCharacters: false })).toBeUndefined();
  });
});

describe('isUnstorableText', () => {
  it('recognises Postgres refusing U+0000, directly or wrapped by TypeORM', () => {
    expect(isUnstorableText(Object.assign(new Error('unsupported Unicode escape sequence'), { code: '22P05' }))).toBe(true);
    expect(isUnstorableText(Object.assign(new Error('query failed'), { driverError: { code: '22021' } }))).toBe(true);
    expect(isUnstorableText(Object.assign(new Error('x'), { code: '23505' }))).toBe(false);
  });
});
