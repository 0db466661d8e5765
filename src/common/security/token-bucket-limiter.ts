/**
 * Per-client rate limiting by token bucket: each client holds up to `burst`
 * tokens, refilled at `perMinute / 60` per second; a request takes one, or
 * more when it carries more work (a GraphQL operation with many aliases; see
 * request-tokens.ts), at most the whole burst. When the bucket holds too few
 * the answer says how long until it holds enough.
 *
 * In memory, so each replica limits on its own: N replicas behind a balancer
 * allow up to N × the rate, which is documented with the setting.
 */

export interface RateLimit {
  /** Steady requests per minute; 0 means unlimited. */
  readonly perMinute: number;
  readonly burst: number;
}

export type RateDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/** Idle clients forgotten beyond this many, so a flood of distinct keys cannot grow memory without bound. */
const MAX_TRACKED_CLIENTS = 10_000;

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes `tokens` (at most the whole burst, or an operation heavier than the burst could never run). */
  take(client: string, tokens = 1): RateDecision {
    if (this.limit.perMinute === 0) return { allowed: true };
    const bucket = this.refilled(client);
    const needed = Math.min(Math.max(1, tokens), this.limit.burst);
    if (bucket.tokens >= needed) {
      bucket.tokens -= needed;
      return { allowed: true };
    }
    return this.refusal(bucket, needed);
  }

  /** Whether `client` holds a token now, without taking it: for limits charged only on some outcomes (failed logins). */
  check(client: string): RateDecision {
    if (this.limit.perMinute === 0 || !this.buckets.has(client)) return { allowed: true };
    const bucket = this.refilled(client);
    return bucket.tokens >= 1 ? { allowed: true } : this.refusal(bucket);
  }

  private refilled(client: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.limit.burst, refilledAt: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + (now - bucket.refilledAt) * this.tokensPerMs());
    bucket.refilledAt = now;
    // Re-inserting keeps the map in least-recently-used order for eviction.
    this.buckets.delete(client);
    this.buckets.set(client, bucket);
    if (this.buckets.size > MAX_TRACKED_CLIENTS) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket;
  }

  private refusal(bucket: Bucket, needed = 1): RateDecision {
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((needed - bucket.tokens) / this.tokensPerMs() / 1000)) };
  }

  private tokensPerMs(): number {
    return this.limit.perMinute / 60_000;
  }
}
