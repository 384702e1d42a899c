import { AttuneError } from '../domain/errors';
import type { RateWindows } from '../ports/rate-windows';

/** What the routes need of a limiter: count one request for `key`, or throw `rate_limited`. */
export interface Limiter {
  take(key: string): void | Promise<void>;
}

const limited = (retryAfterSeconds: number): AttuneError => new AttuneError('rate_limited', 'Too many requests. Please wait a moment and try again.', { retryAfterSeconds });

/**
 * Fixed-window request counting per key (a network address, or a signed-in person), in this process.
 * Over the limit, callers get `rate_limited` with the seconds until the window turns — a 429 with
 * Retry-After, never a 5xx.
 */
export class RateLimiter implements Limiter {
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
    if (count > this.options.limit) throw limited(Math.max(1, Math.ceil((this.windowStart + this.options.windowMs - now) / 1000)));
  }
}

/**
 * The same limit held across every instance: windows aligned to the clock (so all instances share them), and
 * each instance claims a key's allowance from the shared counters a chunk at a time (a twentieth of the
 * limit, at least 1) and spends it in memory. The total granted in a window never exceeds the limit, however
 * many instances there are; a person can be refused at most (instances − 1) × chunk requests early, when
 * another instance holds allowance they have not spent. A key found exhausted is refused from memory until
 * the window turns, so a flood costs no storage calls. If the counters cannot be reached, this instance
 * counts on its own (the limit then holds per instance) rather than refusing everyone.
 */
export class SharedRateLimiter implements Limiter {
  private window = Number.NaN;
  private readonly allowance = new Map<string, number>();
  private readonly exhausted = new Set<string>();
  private readonly pending = new Map<string, Promise<boolean>>();
  private readonly chunk: number;
  private readonly local: RateLimiter;

  constructor(private readonly o: { name: string; limit: number; windowMs: number; windows: RateWindows; now?: () => number; onUnreachable?: () => void }) {
    this.chunk = Math.max(1, Math.floor(o.limit / 20));
    this.local = new RateLimiter({ limit: o.limit, windowMs: o.windowMs, ...(o.now ? { now: o.now } : {}) });
  }

  async take(key: string): Promise<void> {
    for (;;) {
      const now = this.o.now ? this.o.now() : Date.now();
      const windowStart = Math.floor(now / this.o.windowMs) * this.o.windowMs;
      if (windowStart !== this.window) {
        this.window = windowStart;
        this.allowance.clear();
        this.exhausted.clear();
      }
      const left = this.allowance.get(key) ?? 0;
      if (left > 0) {
        this.allowance.set(key, left - 1);
        return;
      }
      if (this.exhausted.has(key)) throw limited(Math.max(1, Math.ceil((windowStart + this.o.windowMs - now) / 1000)));
      // One claim per key at a time in this instance: requests arriving meanwhile wait for it and look again.
      const pending = this.pending.get(key);
      if (pending) {
        await pending;
        continue;
      }
      const claim = this.claim(key, windowStart);
      this.pending.set(key, claim);
      let counted: boolean;
      try {
        counted = await claim;
      } finally {
        this.pending.delete(key);
      }
      if (counted) return;
    }
  }

  /** Claims a chunk for `key`; true when this request was counted by the fallback instead. */
  private async claim(key: string, windowStart: number): Promise<boolean> {
    let granted: number;
    try {
      granted = await this.o.windows.claim({ limiter: this.o.name, key, windowStart, want: this.chunk, limit: this.o.limit });
    } catch {
      this.o.onUnreachable?.();
      this.local.take(key);
      return true;
    }
    if (this.window !== windowStart) return false; // the window turned while claiming
    if (granted <= 0) this.exhausted.add(key);
    else this.allowance.set(key, (this.allowance.get(key) ?? 0) + granted);
    return false;
  }
}
