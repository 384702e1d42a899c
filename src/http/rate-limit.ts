import { AttuneError } from '../domain/errors';

/**
 * Fixed-window request counting per key (a network address, or a signed-in person), in this process.
 * Over the limit, callers get `rate_limited` with the seconds until the window turns — a 429 with
 * Retry-After, never a 5xx.
 */
export class RateLimiter {
  private readonly counts = new Map<string, number>();
  private windowStart: number;

  constructor(private readonly options: { limit: number; windowMs: number; now?: () => number }) {
    this.windowStart = this.now();
  }

  private now(): number {
    return this.options.now ? this.options.now() : Date.now();
  }

  /** Counts one request for `key`; throws `rate_limited` when the key is over its limit in this window. */
  take(key: string): void {
    const now = this.now();
    if (now - this.windowStart >= this.options.windowMs) {
      this.counts.clear();
      this.windowStart = now;
    }
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count > this.options.limit) {
      const retryAfterSeconds = Math.max(1, Math.ceil((this.windowStart + this.options.windowMs - now) / 1000));
      throw new AttuneError('rate_limited', 'Too many requests. Please wait a moment and try again.', { retryAfterSeconds });
    }
  }
}
