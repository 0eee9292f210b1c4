/**
 * API Gateway's throttling algorithm, per client: a token bucket that holds `burst` tokens and refills at
 * `ratePerSecond`. Each request takes a token; without one it is refused with the seconds until the next
 * token. In memory, as in API Gateway (the limit protects the platform; it is not a quota to persist).
 */
export interface ThrottleSettings {
  /** 0: no limit. */
  ratePerSecond: number;
  burst: number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets untouched this long are full again and can be forgotten. */
const IDLE_MS = 60_000;

export class PublicThrottle {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(private readonly settings: ThrottleSettings) {}

  take(client: string, now = Date.now()): ThrottleDecision {
    const { ratePerSecond, burst } = this.settings;
    if (ratePerSecond <= 0) return { allowed: true };
    this.sweep(now);
    const bucket = this.buckets.get(client) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * ratePerSecond);
    bucket.at = now;
    this.buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerSecond)) };
  }

  /** Keeps memory bounded under a flood from many addresses. */
  private sweep(now: number): void {
    if (now - this.lastSweep < IDLE_MS) return;
    this.lastSweep = now;
    for (const [client, bucket] of this.buckets) if (now - bucket.at > IDLE_MS) this.buckets.delete(client);
  }
}
